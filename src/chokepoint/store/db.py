"""Opening a database: a SQLite path or a PostgreSQL URL, migrated to the newest schema."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import ArgumentError, OperationalError

from chokepoint.errors import ChokepointError
from chokepoint.settings import get_settings
from chokepoint.store.migrate import upgrade
from chokepoint.store.transactions import configure_sqlite

SQLITE_BUSY_SECONDS = 30  # how long a writer waits for another one's transaction to end


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


def open_db(db: str | None = None) -> Engine:
    """Connect and migrate to the newest schema; a clear error if the database is unreachable."""
    url = database_url(db)
    sqlite = url.startswith("sqlite")
    try:
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if sqlite else {})
    except (ArgumentError, ImportError) as exc:
        raise ChokepointError(f"cannot use database {db!r}: {exc}") from None
    if sqlite:
        configure_sqlite(engine)
    try:
        upgrade(engine)
    except OperationalError as exc:
        raise ChokepointError(f"cannot open database {db!r}: {exc.orig}") from None
    return engine
