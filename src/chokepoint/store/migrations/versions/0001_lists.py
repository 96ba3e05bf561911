"""The list tables: versions, entity contents by hash, version membership, match indexes.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("list", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("published", sa.String(40), nullable=True),
        sa.Column("loaded_at", sa.String(40), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("entities", sa.Integer, nullable=False),
        sa.Column("flags", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
    )
    op.create_index("ix_list_versions_list", "list_versions", ["list"])
    op.create_index(
        "ix_list_versions_list_version", "list_versions", ["list", "version"], unique=True
    )
    op.create_table(
        "entity_data",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "version_entities",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("list_versions.id"), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("list_id", sa.String(200), nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("sublist", sa.String(100), nullable=True),
        sa.Column("hash", sa.String(64), sa.ForeignKey("entity_data.hash"), nullable=False),
    )
    op.create_index("ix_version_entities_entity_id", "version_entities", ["entity_id"])
    op.create_table(
        "match_indexes",
        sa.Column("key", sa.String(400), primary_key=True),
        sa.Column("built_at", sa.String(40), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("match_indexes", "version_entities", "entity_data", "list_versions"):
        op.drop_table(table)
