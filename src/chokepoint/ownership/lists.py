"""The stakes the lists themselves state, as edges: the relations their parsers keep
(``model.Relation``), read from the current versions and turned into edges by
``data/ownership_relations.csv``.

A relation names its other party by id when the parser could point it at an entry of the
same list, else only by name: an exact caption of the same list is tried, and a name still
unfound becomes a party of its own (``name:...``), screenable by that name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache

from sqlalchemy import Engine, select

from chokepoint.data import read_table
from chokepoint.ownership.graph import EdgeIn
from chokepoint.ownership.store import name_key
from chokepoint.store.schema import entity_data, list_versions, version_entities


@cache
def relation_kinds() -> dict[str, tuple[str, str]]:
    """relation -> (direction, kind), from ``data/ownership_relations.csv``."""
    return {
        r["relation"]: (r["direction"], r["kind"]) for r in read_table("ownership_relations.csv")
    }


def list_edges(engine: Engine) -> tuple[list[EdgeIn], dict[str, str]]:
    """The edges the current lists state, and the names of the parties known by name only."""
    kinds = relation_kinds()
    captions: dict[str, dict[str, str]] = {}  # list -> caption -> id, read when needed
    edges: list[EdgeIn] = []
    names: dict[str, str] = {}
    for entity_id, list_key, version_id, data in _with_relations(engine):
        for rel in data.get("relations", []):
            direction, kind = kinds.get(rel.get("relation"), ("", "ended"))
            if kind == "ended":
                continue
            other = rel.get("target")
            if not other:
                if list_key not in captions:
                    captions[list_key] = _captions(engine, version_id)
                other = captions[list_key].get(rel["name"])
            if not other:
                other = name_key(rel["name"])
                names[other] = rel["name"]
            if other == entity_id:
                continue
            owner, owned = (other, entity_id) if direction == "in" else (entity_id, other)
            edges.append(
                EdgeIn(
                    owner,
                    owned,
                    rel.get("share"),
                    kind,
                    rel.get("start"),
                    rel.get("end"),
                    f"{list_key}: {rel['relation']}",
                )
            )
    return edges, names


def _with_relations(engine: Engine) -> Iterator[tuple[str, str, int, dict]]:  # type: ignore[type-arg]
    # Only entries whose stored JSON has relations are read: a few percent of them.
    query = (
        select(
            version_entities.c.entity_id,
            list_versions.c.list,
            list_versions.c.id,
            entity_data.c.data,
        )
        .join(entity_data, entity_data.c.hash == version_entities.c.hash)
        .join(list_versions, list_versions.c.id == version_entities.c.version_id)
        .where(list_versions.c.current.is_(True), entity_data.c.data.like('%"relations": [%'))
    )
    with engine.connect() as conn:
        for entity_id, list_key, version_id, data in conn.execute(query):
            yield entity_id, list_key, version_id, json.loads(data)


def _captions(engine: Engine, version_id: int) -> dict[str, str]:
    query = select(version_entities.c.caption, version_entities.c.entity_id).where(
        version_entities.c.version_id == version_id
    )
    with engine.connect() as conn:
        found: dict[str, str] = {}
        for caption, entity_id in conn.execute(query):
            found.setdefault(caption, entity_id)
        return found
