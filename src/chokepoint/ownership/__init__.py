"""Ownership and control: which parties are blocked because blocked persons own or control
them (OFAC's 50 Percent Rule and its EU, UK and BIS counterparts), with the paths that
explain it.

- ``regimes.py``: each regime's rule as data (``data/ownership_regimes.csv``)
- ``read.py``, ``store.py``: the user's ownership file, each load a version
- ``lists.py``: the stakes the lists state themselves
- ``graph.py``, ``derive.py``, ``state.py``: the graph and every party's status
- ``explain.py``: paths and an analyst's note; ``svg.py``: the picture

Screening, shipments, cases and the web call this package; it never calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chokepoint.errors import NotFoundError
from chokepoint.ownership.explain import Explanation, explain_listed, explain_node

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from chokepoint.ownership.state import OwnershipState, get_state
    from chokepoint.ownership.store import Resolver

# Imported on first use: a cold ``chokepoint screen`` reads published ownership hits
# (``ownership/hits.py``) and must not bring in SQLAlchemy with this package.
_LAZY = {
    "OwnershipState": "chokepoint.ownership.state",
    "get_state": "chokepoint.ownership.state",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "Explanation",
    "OwnershipState",
    "explain",
    "find_party",
    "get_state",
    "ownership_summary",
]


def find_party(
    engine: Engine, state: OwnershipState, entity: str, resolve: Resolver | None = None
) -> tuple[str, int | None, str, tuple[str, str] | None]:
    """An id or a name -> (id, graph node or None, name, (list, sublist) or None).

    An id of the graph or of a current list entry is taken as it is; a name is looked up
    among the parties no list holds, then (with ``resolve``) among the listed ones.
    """
    from chokepoint.ownership.store import listed_entries

    entity = entity.strip()
    node = state.node(entity)
    if node is not None:
        return entity, node, state.graph.names[node], state.graph.listed.get(node)
    found = listed_entries(engine, [entity])
    if not found:
        named = state.unlisted_named(entity)
        if len(named) > 1:
            ids = ", ".join(state.graph.ids[n] for n in named)
            raise NotFoundError(f"{entity!r} names several parties: {ids}; give an id")
        if named:
            n = named[0]
            return state.graph.ids[n], n, state.graph.names[n], state.graph.listed.get(n)
    if not found and resolve is not None:
        hit = resolve(entity)
        if hit:
            found = listed_entries(engine, [hit[0]])
    if not found:
        raise NotFoundError(f"no party {entity!r} in the lists or the ownership data")
    entry = next(iter(found.values()))
    return entry.id, state.node(entry.id), entry.caption, (entry.list, entry.sublist or "")


def explain(engine: Engine, entity: str, resolve: Resolver | None = None) -> Explanation:
    """The ownership status of a party under every regime, with its paths."""
    from chokepoint.ownership.state import get_state

    state = get_state(engine)
    entity_id, node, name, entry = find_party(engine, state, entity, resolve)
    if node is not None:
        return explain_node(state, node)
    assert entry is not None
    return explain_listed(state, entity_id, name, entry)


def ownership_summary(engine: Engine, entity_id: str) -> dict[str, Any]:
    """A listed entity's status under each regime, for the entity endpoints."""
    data = explain(engine, entity_id).to_dict()
    return {k: data[k] for k in ("blocked", "status", "blocked_share")}
