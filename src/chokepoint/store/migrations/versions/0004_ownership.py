"""Ownership data the user loads: versions and their stakes.

Revision ID: ownership_0003
Revises: hardinputs_sessions
"""

import sqlalchemy as sa
from alembic import op

revision = "ownership_0003"
down_revision = "hardinputs_sessions"


def upgrade() -> None:
    op.create_table(
        "ownership_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version", sa.Integer, nullable=False, unique=True),
        sa.Column("loaded_at", sa.String(40), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("edges", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
    )
    op.create_table(
        "ownership_edges",
        sa.Column(
            "version_id", sa.Integer, sa.ForeignKey("ownership_versions.id"), primary_key=True
        ),
        sa.Column("line", sa.Integer, primary_key=True),
        sa.Column("owner_id", sa.String(200), nullable=False),
        sa.Column("owner_name", sa.Text, nullable=False),
        sa.Column("owner_listed", sa.Boolean, nullable=False),
        sa.Column("owned_id", sa.String(200), nullable=False),
        sa.Column("owned_name", sa.Text, nullable=False),
        sa.Column("owned_listed", sa.Boolean, nullable=False),
        sa.Column("share", sa.Float, nullable=True),
        sa.Column("start_date", sa.String(10), nullable=True),
        sa.Column("end_date", sa.String(10), nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("resolved", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("ownership_edges")
    op.drop_table("ownership_versions")
