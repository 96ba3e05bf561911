"""Screening against the current lists: the match index of the current versions, loaded
once per process, and results that name the list versions they were made on.

The index is built when lists are loaded and stored beside them (``match_indexes``),
keyed by the version ids it covers; a process that finds the current versions changed
loads the new index on its next query, with no restart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from chokepoint.errors import ChokepointError
from chokepoint.matching import Match, Matcher, Query
from chokepoint.matching.index import Index, StaleIndexError
from chokepoint.model import SCHEMATA
from chokepoint.store.schema import match_indexes
from chokepoint.store.versions import VersionInfo, current_versions, iter_entities

_lock = threading.Lock()
_cache: dict[str, tuple[str, Matcher]] = {}  # database url -> (index key, matcher)


def index_key(versions: list[VersionInfo]) -> str:
    """The versions an index covers, e.g. ``"3,7,9"`` (list version row ids)."""
    return ",".join(str(v.id) for v in sorted(versions, key=lambda v: v.id))


def build_index(engine: Engine) -> tuple[str, Index]:
    """Build the index of the current versions and store it, replacing older ones."""
    versions = current_versions(engine)
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


def get_matcher(engine: Engine) -> Matcher:
    """The matcher of the current versions: cached, reloaded when they change."""
    versions = current_versions(engine)
    if not versions:
        raise ChokepointError("no lists loaded: run `chokepoint lists load DIR` first")
    key = index_key(versions)
    url = str(engine.url)
    with _lock:
        cached = _cache.get(url)
        if cached and cached[0] == key:
            return cached[1]
        with engine.connect() as conn:
            blob = conn.execute(
                select(match_indexes.c.data).where(match_indexes.c.key == key)
            ).scalar()
        try:
            if blob is None:
                raise StaleIndexError("no stored index")
            index = Index.from_bytes(blob)
        except StaleIndexError:
            index = build_index(engine)[1]
        matcher = Matcher(index)
        _cache[url] = (key, matcher)
        return matcher


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
    matcher = get_matcher(engine)
    lists = {v.list: v.version for v in current_versions(engine)}
    return Screening(query, matcher.match(query, limit=limit, threshold=threshold), lists)
