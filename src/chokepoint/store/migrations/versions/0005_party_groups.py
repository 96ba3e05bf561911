"""Parties across lists: the grouping of each set of versions, a case hit's party.

Revision ID: party_0003
Revises: ownership_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "party_0003"
down_revision = "ownership_0003"


def upgrade() -> None:
    op.create_table(
        "party_groups",
        sa.Column("key", sa.String(400), primary_key=True),
        sa.Column("built_at", sa.String(40), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    with op.batch_alter_table("case_hits") as batch:
        batch.add_column(sa.Column("party_id", sa.String(250), nullable=True))
        batch.add_column(sa.Column("party_entries", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_hits") as batch:
        batch.drop_column("party_entries")
        batch.drop_column("party_id")
    op.drop_table("party_groups")
