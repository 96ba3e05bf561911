"""Opening a database: a SQLite path or a PostgreSQL URL, migrated to the newest schema."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    InterfaceError,
    InternalError,
    OperationalError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from chokepoint.errors import ChokepointError, UnavailableError
from chokepoint.store.migrate import current_revision, upgrade
from chokepoint.store.transactions import configure_sqlite

SQLITE_BUSY_SECONDS = 30  # how long a writer waits for another one's transaction to end
# What the database says when it is down, unreachable, out of connections or read-only:
# nothing the request did wrong, so a 503 (the CLI: one line) rather than a traceback.
# (PostgreSQL's read-only transaction is SQLSTATE class 25, an InternalError.)
UNAVAILABLE = (OperationalError, InterfaceError, InternalError, PoolTimeoutError)


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given, else a SQLite file path.

    >>> database_url("lists.db")
    'sqlite:///lists.db'
    >>> database_url("postgresql://postgres@127.0.0.1:5432/test")
    'postgresql+psycopg://postgres@127.0.0.1:5432/test'
    """
    if "://" not in db:
        return f"sqlite:///{db}"
    if db.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we ship; SQLAlchemy's default would be psycopg2.
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def unavailable(exc: Exception) -> UnavailableError:
    """A database failure in one line, without SQL or parameters.

    >>> readonly = Exception("attempt to write a readonly database")
    >>> unavailable(OperationalError("INSERT ...", {}, readonly)).detail
    'the database is read-only (attempt to write a readonly database)'
    """
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = reason[0] if reason else type(exc).__name__
    if "readonly" in first or "read-only" in first:
        return UnavailableError(f"the database is read-only ({first})")
    return UnavailableError(f"the database is unavailable, try again later ({first})")


def open_db(db: str, *, create: bool = True) -> Engine:
    """Connect and migrate to the newest schema; a clear error if the database is unreachable.

    ``create=False`` (commands that only read): a database must already be there. A
    mistyped path or URL is then an error, rather than a new empty database or a schema
    made in someone else's PostgreSQL database.
    """
    url = database_url(db)
    sqlite = url.startswith("sqlite")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ChokepointError(f"cannot use database {db!r}: {exc}") from None
    if sqlite and not create and parsed.database and parsed.database != ":memory:":
        # ``sqlite:///file:PATH?mode=ro&uri=true`` names the file as a URI.
        uri = parsed.query.get("uri") == "true" and parsed.database.startswith("file:")
        path = parsed.database.removeprefix("file:") if uri else parsed.database
        if not Path(path).is_file():
            raise ChokepointError(f"no database at {path}: run `chokepoint lists load DIR` first")
    try:
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if sqlite else {})
    except (ArgumentError, ImportError) as exc:
        raise ChokepointError(f"cannot use database {db!r}: {exc}") from None
    if sqlite:
        configure_sqlite(engine)
    try:
        if not create:
            require_chokepoint(engine, db or url)
        upgrade(engine)
    except UNAVAILABLE as exc:
        engine.dispose()
        raise ChokepointError(f"cannot open database {db!r}: {unavailable(exc).detail}") from None
    except ChokepointError:
        engine.dispose()
        raise
    return engine


def require_chokepoint(engine: Engine, db: str) -> None:
    """Refuse a database Chokepoint never wrote to (an empty file, another schema)."""
    with engine.connect() as conn:
        if current_revision(conn) is None and not inspect(conn).has_table("list_versions"):
            raise ChokepointError(
                f"{db} is not a Chokepoint database: run `chokepoint lists load DIR` first"
            )


def ping(engine: Engine) -> None:
    """One round trip: ``UnavailableError`` when the database does not answer."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except UNAVAILABLE as exc:
        raise unavailable(exc) from None
