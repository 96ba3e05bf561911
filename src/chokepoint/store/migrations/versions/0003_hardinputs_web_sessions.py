"""Server-side web UI sessions, so that sign-out and key revocation end them.

Revision ID: hardinputs_sessions
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "hardinputs_sessions"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("key_digest", sa.String(64), nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("web_sessions")
