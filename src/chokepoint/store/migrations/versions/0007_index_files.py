"""The match index stored as arrays with its digest and format; pickled indexes dropped.

A pickle read from the database runs code in every process that loads it: the stored
indexes of that form are deleted (the next use rebuilds one from the stored entities).

Revision ID: index_0003
Revises: hardlists_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "index_0003"
down_revision = "hardlists_0003"


def upgrade() -> None:
    # A database whose tables were made from the metadata (before migrations) has them.
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("match_indexes")}
    op.execute(sa.text("DELETE FROM match_indexes"))
    with op.batch_alter_table("match_indexes") as batch:
        for name in ("digest", "format"):
            if name not in have:
                batch.add_column(sa.Column(name, sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("match_indexes") as batch:
        batch.drop_column("format")
        batch.drop_column("digest")
