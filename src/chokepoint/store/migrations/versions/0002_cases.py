"""Cases, their hits, subjects, suppressions and the hash-chained audit log.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

GENESIS = "0" * 64  # the prev_hash of the first audit row


def upgrade() -> None:
    op.create_table(
        "subjects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("schema", sa.String(40), nullable=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("screened_at", sa.String(40), nullable=True),
        sa.Column("versions", sa.Text, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("subject_key", sa.String(200), nullable=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("results", sa.Text, nullable=False),
        sa.Column("lists", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("assignee", sa.String(200), nullable=True),
        sa.Column("disposition", sa.String(20), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", sa.String(40), nullable=True),
        sa.Column("approved_by", sa.String(200), nullable=True),
        sa.Column("approved_at", sa.String(40), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_assignee", "cases", ["assignee"])
    op.create_table(
        "case_hits",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("subject_key", sa.String(200), primary_key=True),
        sa.Column("list", sa.String(100), nullable=False),
        sa.Column("sublist", sa.String(100), nullable=True),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("match", sa.Boolean, nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("suppressed_by", sa.Integer, nullable=True),
    )
    op.create_index("ix_case_hits_subject_entity", "case_hits", ["subject_key", "entity_id"])
    op.create_table(
        "suppressions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("subject_key", sa.String(200), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_suppressions_subject_entity", "suppressions", ["subject_key", "entity_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("time", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("object", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_object", "audit_log", ["object"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_id", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # The one head row exists from the start, so appenders only ever lock and update it.
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "hash": GENESIS}])


def downgrade() -> None:
    for table in ("audit_head", "audit_log", "suppressions", "case_hits", "cases", "subjects"):
        op.drop_table(table)
