"""Opening a database: a SQLite path or a PostgreSQL URL, tables created on first use."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError

from chokepoint.errors import ChokepointError
from chokepoint.settings import get_settings
from chokepoint.store.schema import metadata


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given, else a SQLite file path.

    >>> database_url("lists.db")
    'sqlite:///lists.db'
    >>> database_url("postgresql://postgres@127.0.0.1:5432/test")
    'postgresql+psycopg://postgres@127.0.0.1:5432/test'
    """
    db = db or get_settings().db
    if "://" not in db:
        return f"sqlite:///{db}"
    if db.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we ship; SQLAlchemy's default would be psycopg2.
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets screening read while a load writes; NORMAL sync is safe with WAL.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_db(db: str | None = None) -> Engine:
    """Connect and make sure the tables exist; a clear error if the database is unreachable."""
    url = database_url(db)
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError) as exc:
        raise ChokepointError(f"cannot use database {db!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        metadata.create_all(engine)
    except OperationalError as exc:
        raise ChokepointError(f"cannot open database {db!r}: {exc.orig}") from None
    return engine
