"""Bringing a database to the newest schema with the packaged Alembic migrations.

``open_db`` calls ``upgrade`` on every open: a database already at ``HEAD`` costs one
query. Otherwise the migrations run in one transaction that first takes a lock (the write
lock on SQLite, an advisory lock on PostgreSQL), so two processes opening a new database at
once migrate it once: the second finds it done.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from chokepoint.store.migrations import HEAD
from chokepoint.store.transactions import write_transaction

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
LOCK_KEY = 0x43484B50  # "CHKP": the advisory lock migrations hold on PostgreSQL


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at; None for a database Alembic never touched."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(conn: Connection) -> Config:
    from alembic.config import Config  # imported only when there is something to migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine) -> None:
    """Migrate to ``HEAD``, once even when several processes ask at the same time."""
    with engine.connect() as conn:
        if current_revision(conn) == HEAD:
            return
    from alembic import command

    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config = alembic_config(conn)
        if current_revision(conn) is None and inspect(conn).has_table("list_versions"):
            # Made before migrations existed (tables created directly): it is at 0001.
            command.stamp(config, "0001")
        command.upgrade(config, "head")
