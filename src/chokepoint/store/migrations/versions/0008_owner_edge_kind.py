"""Ownership stakes say what they are (a share, or control stated without one) and which
holders act jointly (OFSI adds different designated persons' holdings only then).

Revision ID: owner_0008
Revises: index_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "owner_0008"
down_revision = "index_0003"


def upgrade() -> None:
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("ownership_edges")}
    with op.batch_alter_table("ownership_edges") as batch:
        if "kind" not in have:
            batch.add_column(
                sa.Column("kind", sa.String(20), nullable=False, server_default="ownership")
            )
        if "jointly" not in have:
            batch.add_column(sa.Column("jointly", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ownership_edges") as batch:
        batch.drop_column("jointly")
        batch.drop_column("kind")
