"""The reads of a cold ``chokepoint screen`` on a SQLite file, through the standard library.

Importing SQLAlchemy costs about 0.3 s of CPU, more than half of what a cold screening may
take: a SQLite database already at the newest schema is read here with ``sqlite3``,
read-only (never created or migrated: anything else goes through ``open_db``). The
queries are those of ``versions.current_versions`` and ``screening.stored_index``; a test
holds their answers equal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from chokepoint.store.migrations import HEAD

BUSY_MS = 30_000  # a writer's transaction is waited for, as ``open_db`` waits


def version_key(ids: list[int]) -> str:
    """The versions an index covers, e.g. ``"3,7,9"`` (list version row ids).

    >>> version_key([9, 3, 7])
    '3,7,9'
    """
    return ",".join(str(i) for i in sorted(ids))


@dataclass(frozen=True)
class Current:
    """The current versions (row id, list, version) and their stored index, if any."""

    versions: tuple[tuple[int, str, int], ...]
    digest: str | None
    format: str | None
    ownership: int = 0  # the current ownership version's row id, 0 for none

    @property
    def ownership_key(self) -> str:
        """What the ownership state of these versions is made of (``state.state_key``)."""
        return f"{self.key}|{self.ownership}"

    @property
    def key(self) -> str:
        return version_key([v[0] for v in self.versions])

    @property
    def lists(self) -> dict[str, int]:
        return {name: version for _, name, version in self.versions}


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite database given as a path or ``sqlite:///`` URL; None for any
    other database (or an in-memory one). A SQLite URI filename
    (``sqlite:///file:PATH?mode=ro&uri=true``, which SQLAlchemy renders with ``file%3A``)
    names the file at ``PATH``, never a relative ``file:...`` one.

    >>> sqlite_path("lists.db"), sqlite_path("sqlite:///a/b.db"), sqlite_path("postgresql://x/y")
    (PosixPath('lists.db'), PosixPath('a/b.db'), None)
    >>> sqlite_path("sqlite:///file%3A/tmp/a%20b.db?mode=ro&uri=true")
    PosixPath('/tmp/a b.db')
    """
    query: dict[str, list[str]] = {}
    if db.startswith("sqlite:///"):
        db, _, rest = db.removeprefix("sqlite:///").partition("?")
        db, query = unquote(db), parse_qs(rest)
    elif "://" in db:
        return None
    if query.get("uri") == ["true"] and db.startswith("file:"):
        uri = urlsplit(db)
        if "memory" in parse_qs(uri.query).get("mode", []) + query.get("mode", []):
            return None
        db = unquote(uri.path)
    return None if not db or db.startswith(":memory:") else Path(db)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return conn


def read_current(path: Path) -> Current | None:
    """What is current in the SQLite file ``path``; None when it is missing, not at the
    newest schema, or unreadable (the caller opens it with ``open_db``)."""
    if not path.is_file():
        return None
    try:
        conn = _connect(path)
        try:
            if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(HEAD,)]:
                return None
            versions = conn.execute(
                "SELECT id, list, version FROM list_versions WHERE current ORDER BY list"
            ).fetchall()
            key = version_key([v[0] for v in versions])
            row = conn.execute(
                "SELECT digest, format FROM match_indexes WHERE key = ?", (key,)
            ).fetchone()
            owned = conn.execute("SELECT id FROM ownership_versions WHERE current").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    digest, fmt = row or (None, None)
    return Current(tuple(versions), digest, fmt, owned[0] if owned else 0)
