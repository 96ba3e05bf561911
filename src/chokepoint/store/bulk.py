"""Many rows in and out at the driver's speed: a million ownership stakes are written and
read in seconds, where SQLAlchemy's per-row parameter and result processing (its Core
``insert`` with a list of dicts, its ``Row`` objects) takes most of a minute.

Both functions run on the caller's connection, inside its transaction, so atomicity and
locking stay ``write_transaction``'s. Values must already be what the driver takes (str,
int, float, bool, None): no SQLAlchemy type processing happens here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Select, Table

FETCH = 50_000  # rows per fetch when streaming


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``): PostgreSQL's COPY, else one
    ``executemany`` of the driver."""
    names = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    target = conn.dialect.identifier_preparer.format_table(table)
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cur, cur.copy(f"COPY {target} ({names}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)  # SQLite's paramstyle
    cur = raw.cursor()  # type: ignore[union-attr]
    try:
        cur.executemany(f"INSERT INTO {target} ({names}) VALUES ({marks})", rows)
    finally:
        cur.close()


def stream_rows(conn: Connection, query: Select[Any], batch: int = FETCH) -> Iterator[list[Any]]:
    """The rows of ``query`` as the driver's tuples, ``batch`` at a time (a server-side
    cursor on PostgreSQL, so the whole result is never held at once)."""
    compiled = query.compile(dialect=conn.dialect)
    params: Any = (
        [compiled.params[k] for k in compiled.positiontup or ()]
        if compiled.positional
        else compiled.params
    )
    raw = conn.connection.driver_connection
    named = conn.dialect.name == "postgresql"
    cur = raw.cursor(name="chokepoint_stream") if named else raw.cursor()  # type: ignore[union-attr]
    try:
        cur.execute(str(compiled), params)
        while rows := cur.fetchmany(batch):
            yield rows
    finally:
        cur.close()
