"""Write transactions that take their lock up front.

SQLite's default ``BEGIN`` is deferred: two writers that both read first collide when they
upgrade to writing, and one fails at once instead of waiting. ``write_transaction`` starts
with ``BEGIN IMMEDIATE`` instead, so writers queue (up to the busy timeout). PostgreSQL
needs nothing here: its writers lock rows (``SELECT ... FOR UPDATE``) where it matters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

from chokepoint.errors import ConflictError

IMMEDIATE = "chokepoint_immediate"  # the execution option that asks for BEGIN IMMEDIATE


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off: ``_on_begin`` emits BEGIN.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL lets screening read while a load writes; NORMAL sync is safe with WAL.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def configure_sqlite(engine: Engine) -> None:
    """Pragmas on every new connection, and BEGIN emitted by SQLAlchemy, not the driver."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that will write: committed at the end, rolled back on error.

    A SQLite writer that waited the whole busy timeout for another one gets
    ``ConflictError``, a message rather than a traceback.
    """
    try:
        with engine.connect() as conn:
            conn.execution_options(**{IMMEDIATE: True})
            with conn.begin():
                yield conn
    except OperationalError as exc:
        if "database is locked" not in str(exc.orig):
            raise
        raise ConflictError(
            "the database is busy with another writer; try again in a moment"
        ) from None
