"""The user's ownership data in the database: each load a version, written in one
transaction and made current at its end, so a failed load leaves the previous one as it was.

Ids are settled at load time: an id the current lists answer to (``resolve_listed_ids``,
every form the lists answer to) is a listed entity's, stored in the store's own form; any
other id is the user's key and stays one (never matched to a
listed entity); an empty id with a name is resolved through the matcher, at ``match: true``
only, and otherwise becomes a key of its own made from the name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from chokepoint.ownership.graph import gc_paused
from chokepoint.ownership.read import Row, read_rows
from chokepoint.store.bulk import bulk_insert, stream_rows
from chokepoint.store.schema import ownership_edges, ownership_versions
from chokepoint.store.transactions import write_transaction
from chokepoint.store.versions import CurrentEntry, resolve_listed_ids

NAME_PREFIX = "name:"  # the key of a party known only by its name

# name -> (listed id, caption) when the matcher says ``match: true``, else None
Resolver = Callable[[str], tuple[str, str] | None]


def name_key(name: str) -> str:
    """The key of a party known by name only: the name, case and spacing folded.

    >>> name_key("  Acme   Trading LLC ")
    'name:acme trading llc'
    """
    return NAME_PREFIX + " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Resolution:
    line: int
    name: str
    entity_id: str | None  # None: no listed entity matched; the name is its own key
    caption: str | None

    def describe(self) -> str:
        if self.entity_id is None:
            return f"line {self.line}: {self.name!r} matches no listed entity: kept as its own"
        return f"line {self.line}: {self.name!r} resolved to {self.entity_id} ({self.caption})"


@dataclass(frozen=True)
class OwnershipVersion:
    version: int
    id: int
    loaded_at: str
    source: str
    edges: int
    listed: int = 0  # parties that are listed entities
    resolutions: list[Resolution] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "loaded_at": self.loaded_at,
            "source": self.source,
            "edges": self.edges,
            "listed_parties": self.listed,
            "resolutions": [
                {"line": r.line, "name": r.name, "id": r.entity_id, "caption": r.caption}
                for r in self.resolutions
            ],
        }


def listed_entries(engine: Engine, ids: Iterable[str]) -> dict[str, CurrentEntry]:
    """The given ids that are current list entries -> their entry (with the stored id),
    through ``store.versions.resolve_listed_ids``: every id form the lists answer to."""
    with engine.connect() as conn:
        return resolve_listed_ids(conn, ids)


class _Settle:
    """Settles each side of a row to (id, name, listed), resolving names once each."""

    def __init__(self, engine: Engine, rows: list[Row], resolve: Resolver) -> None:
        ids = {r.owner_id for r in rows if r.owner_id} | {r.owned_id for r in rows if r.owned_id}
        self.listed = listed_entries(engine, ids)
        self.resolve = resolve
        self.names: dict[str, tuple[str, str] | None] = {}
        self.resolutions: list[Resolution] = []

    def side(self, line: int, given_id: str, name: str) -> tuple[str, str, bool]:
        if given_id:
            hit = self.listed.get(given_id)
            if hit:
                return hit.id, name or hit.caption, True
            return given_id, name, False
        if name not in self.names:
            self.names[name] = self.resolve(name)
            found = self.names[name]
            self.resolutions.append(
                Resolution(line, name, found[0] if found else None, found[1] if found else None)
            )
        found = self.names[name]
        if found:
            return found[0], name, True
        return name_key(name), name, False


# The columns of a stored stake, in the order ``_values`` gives them.
COLUMNS = (
    "version_id",
    "line",
    "owner_id",
    "owner_name",
    "owner_listed",
    "owned_id",
    "owned_name",
    "owned_listed",
    "share",
    "start_date",
    "end_date",
    "source",
    "resolved",
    "kind",
    "jointly",
)


def _values(settle: _Settle, row: Row, version_id: int) -> tuple[Any, ...]:
    listed = settle.listed
    if row.owner_id and row.owner_id not in listed:  # the common case, without a call
        owner_id, owner_name, owner_listed = row.owner_id, row.owner_name, False
    else:
        owner_id, owner_name, owner_listed = settle.side(row.line, row.owner_id, row.owner_name)
    if row.owned_id and row.owned_id not in listed:
        owned_id, owned_name, owned_listed = row.owned_id, row.owned_name, False
    else:
        owned_id, owned_name, owned_listed = settle.side(row.line, row.owned_id, row.owned_name)
    return (
        version_id,
        row.line,
        owner_id,
        owner_name,
        owner_listed,
        owned_id,
        owned_name,
        owned_listed,
        row.share,
        row.start,
        row.end,
        row.source,
        _resolved(settle, row) if not (row.owner_id and row.owned_id) else None,
        row.kind,
        row.jointly,
    )


def _resolved(settle: _Settle, row: Row) -> str | None:
    """What each name given without an id was taken for (a listed id, or null: its own
    party), kept with the row it settled; None when the row gave both ids."""
    named = {
        side: settle.names.get(name)
        for side, given, name in (
            ("owner", row.owner_id, row.owner_name),
            ("owned", row.owned_id, row.owned_name),
        )
        if not given
    }
    if not named:
        return None
    return json.dumps({side: hit[0] if hit else None for side, hit in named.items()})


def load_ownership(engine: Engine, path: Path, resolve: Resolver) -> OwnershipVersion:
    """Read ``path`` whole, settle its ids, store it as the next current version."""
    with gc_paused():
        return _load(engine, path, resolve)


def _load(engine: Engine, path: Path, resolve: Resolver) -> OwnershipVersion:
    rows = read_rows(path)
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    settle = _Settle(engine, rows, resolve)
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    listed: set[str] = set()
    with write_transaction(engine) as conn:
        last = conn.execute(select(func.max(ownership_versions.c.version))).scalar()
        number = (last or 0) + 1
        vid = conn.execute(  # type: ignore[index]
            insert(ownership_versions).values(
                version=number,
                loaded_at=loaded_at,
                source=str(path.resolve()),
                sha256=digest,
                edges=len(rows),
                current=False,
            )
        ).inserted_primary_key[0]

        def values() -> Iterator[tuple[Any, ...]]:  # streamed: a million tuples never held
            for row in rows:
                v = _values(settle, row, vid)
                if v[4]:
                    listed.add(v[2])
                if v[7]:
                    listed.add(v[5])
                yield v

        bulk_insert(conn, ownership_edges, COLUMNS, values())
        conn.execute(update(ownership_versions).values(current=False))
        conn.execute(
            update(ownership_versions).where(ownership_versions.c.id == vid).values(current=True)
        )
    return OwnershipVersion(
        number, vid, loaded_at, str(path.resolve()), len(rows), len(listed), settle.resolutions
    )


def current_version(engine: Engine) -> OwnershipVersion | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(ownership_versions).where(ownership_versions.c.current.is_(True))
        ).first()
    if row is None:
        return None
    return OwnershipVersion(row.version, row.id, row.loaded_at, row.source, row.edges)


# What the graph reads of each stake, in this order (``stored_edges``).
EDGE_COLUMNS = (
    "owner_id",
    "owner_name",
    "owner_listed",
    "owned_id",
    "owned_name",
    "owned_listed",
    "share",
    "kind",
    "start_date",
    "end_date",
    "source",
    "jointly",
)


def stored_edges(engine: Engine, version_id: int) -> Iterator[list[tuple[Any, ...]]]:
    """The stakes of one version in file order, as tuples of ``EDGE_COLUMNS``, in batches
    (the driver's rows: a million are read in seconds)."""
    columns = [
        func.coalesce(func.nullif(c, ""), "ownership data") if name == "source" else c
        for name in EDGE_COLUMNS
        for c in [ownership_edges.c[name]]
    ]
    query = (
        select(*columns)
        .where(ownership_edges.c.version_id == version_id)
        .order_by(ownership_edges.c.line)
    )
    with engine.connect() as conn:
        yield from stream_rows(conn, query)
