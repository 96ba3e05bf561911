"""Screening against the current lists: the match index of the current versions, loaded
once per process, and results that name the list versions they were made on.

The index is built when lists are loaded and stored beside them (``match_indexes``),
keyed by the version ids it covers; a process that finds the current versions changed
loads the new index on its next query, with no restart.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from chokepoint.errors import ChokepointError
from chokepoint.matching import Match, Matcher, Query
from chokepoint.matching.index import Index, StaleIndexError
from chokepoint.model import SCHEMATA
from chokepoint.peers import peer_entity
from chokepoint.store.schema import match_indexes
from chokepoint.store.versions import (
    VersionInfo,
    current_versions,
    get_entities,
    iter_entities,
    seen_dates,
)

ENTITY_CACHE = 5000  # entities kept per snapshot: the ones results name again and again


@dataclass(frozen=True)
class Snapshot:
    """A loaded index and the list versions it covers: results name these versions, so
    they stay true while a newer index is being loaded."""

    key: str
    versions: tuple[VersionInfo, ...]
    matcher: Matcher
    _entities: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lists(self) -> dict[str, int]:
        return {v.list: v.version for v in self.versions}

    def entities(self, engine: Engine, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored FtM content of these entities in the snapshot's versions, by id (not
        found: left out). Kept, as a version never changes: read them, never change them.
        Each as peers read it (``peers.peer_entity``: topics, target, seen dates)."""
        wanted = set(ids)
        missing = {i for i in wanted if i not in self._entities}  # not `- keys()`: O(cache)
        if missing:
            found = get_entities(engine, missing, [v.id for v in self.versions])
            seen = seen_dates(engine, found, max(v.id for v in self.versions))
            found = {i: peer_entity(data, seen.get(i)) for i, data in found.items()}
            if len(self._entities) + len(found) > ENTITY_CACHE:
                self._entities.clear()
            self._entities.update(found)
        return {i: self._entities[i] for i in wanted if i in self._entities}


_lock = threading.Lock()  # one index load at a time; see ``get_snapshot``
_cache: dict[str, Snapshot] = {}  # database url -> the snapshot last loaded


def index_key(versions: list[VersionInfo]) -> str:
    """The versions an index covers, e.g. ``"3,7,9"`` (list version row ids)."""
    return ",".join(str(v.id) for v in sorted(versions, key=lambda v: v.id))


def build_index(engine: Engine, versions: list[VersionInfo] | None = None) -> tuple[str, Index]:
    """Build the index of ``versions`` (default: the current ones) and store it, replacing
    older ones."""
    versions = current_versions(engine) if versions is None else versions
    if not versions:
        raise ChokepointError("no lists loaded: run `chokepoint lists load DIR` first")
    key = index_key(versions)
    index = Index.build(iter_entities(engine, [v.id for v in versions]))
    with engine.begin() as conn:
        conn.execute(delete(match_indexes).where(match_indexes.c.key != key))
        conn.execute(delete(match_indexes).where(match_indexes.c.key == key))
        conn.execute(
            insert(match_indexes).values(
                key=key,
                built_at=datetime.now(UTC).isoformat(timespec="seconds"),
                data=index.to_bytes(),
            )
        )
    return key, index


def stored_index(engine: Engine, key: str) -> Index | None:
    """The stored index of ``key``, or None when there is none of this code's format."""
    with engine.connect() as conn:
        blob = conn.execute(select(match_indexes.c.data).where(match_indexes.c.key == key)).scalar()
    try:
        return None if blob is None else Index.from_bytes(blob)
    except StaleIndexError:
        return None


def get_snapshot(engine: Engine, *, build: bool = True) -> Snapshot:
    """The index of the current versions: cached, reloaded when they change.

    While one thread loads a new index, the others keep the previous one rather than wait
    (a server answers throughout a swap). With ``build=False`` a missing stored index is
    not built here either: the previous snapshot is kept, as a loader that has just
    written a version stores its index a moment later.
    """
    versions = current_versions(engine)
    if not versions:
        raise ChokepointError("no lists loaded: run `chokepoint lists load DIR` first")
    key = index_key(versions)
    url = str(engine.url)
    cached = _cache.get(url)
    if cached and cached.key == key:
        return cached
    if cached is None:
        _lock.acquire()
    elif not _lock.acquire(blocking=False):
        return cached  # another thread is loading the new index
    try:
        cached = _cache.get(url)
        if cached and cached.key == key:
            return cached
        index = stored_index(engine, key)
        if index is None:
            if cached and not build:
                return cached
            index = build_index(engine, versions)[1]
        snapshot = Snapshot(key, tuple(versions), Matcher(index))
        _cache[url] = snapshot
        return snapshot
    finally:
        _lock.release()


def get_matcher(engine: Engine) -> Matcher:
    """The matcher of the current versions: cached, reloaded when they change."""
    return get_snapshot(engine).matcher


def check_schema(schema: str | None) -> str | None:
    """A query's schema must be one of the party schemata (or absent)."""
    if schema is None or schema in SCHEMATA:
        return schema
    raise ChokepointError(f"unknown schema {schema!r} (one of {', '.join(SCHEMATA)})")


@dataclass
class Screening:
    """The matches of one query and the list versions they were made on."""

    query: Query
    matches: list[Match]
    lists: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"matches": [m.to_dict() for m in self.matches], "lists": self.lists}


def screen(
    engine: Engine, query: Query, *, limit: int = 10, threshold: float | None = None
) -> Screening:
    """Screen one query against every current list."""
    if not query.names or not any(n.strip() for n in query.names):
        raise ChokepointError("a query needs a name")
    check_schema(query.schema)
    snapshot = get_snapshot(engine)
    matches = snapshot.matcher.match(query, limit=limit, threshold=threshold)
    return Screening(query, matches, snapshot.lists)
