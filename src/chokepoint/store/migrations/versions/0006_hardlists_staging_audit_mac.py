"""Staged list versions, and the audit log's HMAC chain (existing rows keep mac NULL until
the first append under a key signs them).

Revision ID: hardlists_0003
Revises: party_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "hardlists_0003"
down_revision = "party_0003"


def upgrade() -> None:
    op.create_table(
        "staged_versions",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("list_versions.id"), primary_key=True),
        sa.Column("list", sa.String(100), nullable=False),
        sa.Column("staged_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_staged_versions_list", "staged_versions", ["list"])
    op.add_column("audit_log", sa.Column("mac", sa.String(64), nullable=True))
    op.add_column("audit_head", sa.Column("mac", sa.String(64), nullable=True))
    op.add_column("audit_head", sa.Column("key_id", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:  # SQLite drops columns by copying
        batch.drop_column("key_id")
        batch.drop_column("mac")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
    op.drop_table("staged_versions")
