"""Write transactions that take their lock up front, and the locks a list load holds.

SQLite's default ``BEGIN`` is deferred: two writers that both read first collide when they
upgrade to writing, and one fails at once instead of waiting. ``write_transaction`` starts
with ``BEGIN IMMEDIATE`` instead, so writers queue (up to the busy timeout). PostgreSQL
writers lock rows (``SELECT ... FOR UPDATE``) where it matters.

Every writer goes through ``write_transaction``: case work, list loading, index storage.
A list load also holds ``hold_lists`` (an advisory lock per list on PostgreSQL) from before
it reads the current versions until its new ones are current, across its transactions, so
a second load of the same lists waits its turn; only loaders write list versions.
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import OperationalError

from chokepoint.errors import ConflictError

IMMEDIATE = "chokepoint_immediate"  # the execution option that asks for BEGIN IMMEDIATE
AFTER_COMMIT = "chokepoint_after_commit"  # conn.info key: callables run once committed
POLL_SECONDS = 0.2
SWITCH = "*"  # the lock name held while an index is built and "current" switched


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

    What was registered with ``after_commit`` runs once the commit succeeded. A SQLite
    writer that waited the whole busy timeout for another one gets ``ConflictError``, a
    message rather than a traceback.
    """
    try:
        with engine.connect() as conn:
            conn.execution_options(**{IMMEDIATE: True})
            callbacks: list[Callable[[], None]] = []
            conn.info[AFTER_COMMIT] = callbacks
            try:
                with conn.begin():
                    yield conn
            finally:
                del conn.info[AFTER_COMMIT]
            for callback in callbacks:
                callback()
    except OperationalError as exc:
        if "database is locked" not in str(exc.orig):
            raise
        raise ConflictError(
            "the database is busy with another writer; try again in a moment"
        ) from None


def after_commit(conn: Connection, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the write transaction of ``conn`` has committed."""
    callbacks = conn.info.get(AFTER_COMMIT)
    if callbacks is None:
        raise RuntimeError("after_commit needs a connection of write_transaction")
    callbacks.append(callback)


def lock_key(name: str) -> int:
    """The 64-bit PostgreSQL advisory lock key of a list (or ``SWITCH``).

    >>> lock_key("us_ofac_sdn") == lock_key("us_ofac_sdn") != lock_key("un_sc_sanctions")
    True
    """
    digest = hashlib.sha256(f"chokepoint:list:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _busy(keys: Iterable[str], wait: float) -> ConflictError:
    return ConflictError(
        f"another list load has held {', '.join(sorted(keys))} for {wait:g} s; try again "
        "when it has finished (CHOKEPOINT_LOAD_WAIT_SECONDS)"
    )


@contextmanager
def hold_lists(engine: Engine, keys: Iterable[str], *, wait: float) -> Iterator[None]:
    """Hold these lists across the transactions of a whole load; wait up to ``wait``
    seconds for another load holding any of them, then ``ConflictError``.

    PostgreSQL: a session advisory lock per list, on a connection kept for the purpose.
    SQLite: one lock file beside the database (``<db>.lock``), as SQLite writes one
    transaction at a time anyway; released by the system if the process dies. Holding
    ``SWITCH`` on SQLite adds nothing: the lock file is already held.
    """
    wanted = sorted(set(keys))
    deadline = time.monotonic() + wait
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            try:
                for key in wanted:
                    query = text("SELECT pg_try_advisory_lock(:k)")
                    while not conn.execute(query, {"k": lock_key(key)}).scalar():
                        if time.monotonic() > deadline:
                            raise _busy(wanted, wait)
                        time.sleep(POLL_SECONDS)
                yield
            finally:
                for key in wanted:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(key)})
        return
    database = engine.url.database
    if wanted == [SWITCH] or not database or database == ":memory:":
        yield
        return
    try:
        fh = Path(f"{database}.lock").open("a")
    except OSError as exc:
        raise ConflictError(f"cannot take the load lock {database}.lock: {exc.strerror}") from None
    with fh:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _busy(wanted, wait) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
