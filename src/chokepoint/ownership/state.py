"""The ownership graph of the current lists and the current ownership data, with every
party's status under every regime: built once per process and kept until either changes
(or the day does: stakes end and rules come into force on dates).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import compress

from sqlalchemy import Engine

from chokepoint.matching.normalize import name_tokens
from chokepoint.ownership.derive import CLEAR, Derived, derive
from chokepoint.ownership.graph import Graph, gc_paused
from chokepoint.ownership.lists import list_edges
from chokepoint.ownership.regimes import regimes
from chokepoint.ownership.store import current_version, stored_edges
from chokepoint.store.versions import current_entries, current_versions


@dataclass
class OwnershipState:
    key: str
    on: date
    graph: Graph
    derived: dict[str, Derived]
    _by_name: dict[tuple[str, ...], list[int]] | None = field(default=None, repr=False)

    def node(self, entity_id: str) -> int | None:
        return self.graph.number.get(entity_id)

    def statuses(self, node: int) -> dict[str, str]:
        return {key: d.status(node) for key, d in self.derived.items()}

    def is_clear(self, node: int) -> bool:
        return all(d.status(node) == CLEAR for d in self.derived.values())

    def by_ownership(self, node: int) -> dict[str, str]:
        """The regimes under which the party is blocked or to review because of its owners,
        not because it is listed under that regime itself."""
        return {
            key: d.status(node)
            for key, d in self.derived.items()
            if d.status(node) != CLEAR and not d.is_listed(self.graph, node)
        }

    def unlisted_named(self, name: str) -> list[int]:
        """The parties no list holds (the user's own, names the lists give) with this name,
        compared as the matcher's tokens in any order: a dictionary lookup, so screening
        with ownership data costs next to nothing more."""
        if self._by_name is None:
            found: dict[tuple[str, ...], list[int]] = {}
            for number, written in enumerate(self.graph.names):
                if number not in self.graph.listed:
                    key = tuple(sorted(name_tokens(written)))
                    if key:
                        found.setdefault(key, []).append(number)
            self._by_name = found
        return self._by_name.get(tuple(sorted(name_tokens(name))), [])


def build_state(engine: Engine, on: date | None = None, key: str = "") -> OwnershipState:
    """Read every edge (the user's current version, the lists' own), then derive."""
    with gc_paused():
        return _build_state(engine, on, key)


def _build_state(engine: Engine, on: date | None, key: str) -> OwnershipState:
    on = on or datetime.now(UTC).date()
    graph = Graph()
    listed: set[str] = set()
    version = current_version(engine)
    if version is not None:
        for batch in stored_edges(engine, version.id):
            (owner, owner_name, owner_listed, owned, owned_name, owned_listed, *rest) = zip(
                *batch, strict=True
            )
            share, kind, start, end, source, jointly = rest
            graph.add_columns(
                owner, owner_name, owned, owned_name, share, kind, start, end, source, jointly
            )
            listed.update(compress(owner, owner_listed))
            listed.update(compress(owned, owned_listed))
    from_lists, list_names = list_edges(engine)
    listed.update(e.owned for e in from_lists)
    listed.update(e.owner for e in from_lists)
    graph.add_edges(from_lists, list_names)
    with engine.connect() as conn:
        entries = current_entries(conn, listed)
    for entity_id, entry in entries.items():
        number = graph.node(entity_id)
        graph.listed[number] = (entry.list, entry.sublist or "")
        graph.names[number] = entry.caption
    graph.finish()
    derived = {r.key: derive(graph, r, on) for r in regimes()}
    return OwnershipState(key, on, graph, derived)


_lock = threading.Lock()
_cache: dict[str, OwnershipState] = {}


def state_key(engine: Engine) -> str:
    """What a state was built from: the current list versions, the ownership version."""
    lists = ",".join(str(v.id) for v in sorted(current_versions(engine), key=lambda v: v.id))
    version = current_version(engine)
    return f"{lists}|{version.id if version else 0}"


def get_state(engine: Engine) -> OwnershipState:
    """The state of the current data: cached per database, rebuilt when it changes."""
    key = state_key(engine)
    today = datetime.now(UTC).date()
    url = str(engine.url)
    cached = _cache.get(url)
    if cached and cached.key == key and cached.on == today:
        return cached
    with _lock:
        cached = _cache.get(url)
        if cached and cached.key == key and cached.on == today:
            return cached
        state = build_state(engine, today, key)
        _cache[url] = state
        return state
