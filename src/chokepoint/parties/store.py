"""Parties stored beside the match index of the same versions, built with it.

The grouping reads the entities the index build reads, in the same pass (``Collector``),
so it costs no second read of the lists.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from chokepoint.parties.group import Entry, group_entries
from chokepoint.parties.model import Parties, name_parties
from chokepoint.store.schema import party_groups


class Collector:
    """Keeps what grouping needs of each entity an iterator yields, passing it on."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def watch(self, entities: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for data in entities:
            self.entries.append(Entry.of(data))
            yield data


def build_parties(entries: list[Entry], previous: Parties | None = None) -> Parties:
    """Group ``entries`` into parties, keeping the ids of ``previous`` where they hold.

    The cycle collector is paused meanwhile: grouping makes tens of thousands of small
    objects and no cycles, and each collection it set off walked the whole heap (the
    entities and the index just built), which made grouping up to half again slower.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return name_parties(group_entries(entries), previous)
    finally:
        if paused:
            gc.enable()


def latest_parties(conn: Connection) -> Parties | None:
    """The parties stored last (of whichever versions): the ids a rebuild keeps."""
    query = select(party_groups.c.data).order_by(party_groups.c.built_at.desc()).limit(1)
    data = conn.execute(query).scalar()
    return None if data is None else Parties.from_dict(json.loads(data))


def save_parties(conn: Connection, key: str, parties: Parties) -> None:
    """Store the parties of ``key`` (those of other versions go with their index, at the
    loader's switch: ``screening.prune_indexes``)."""
    conn.execute(delete(party_groups).where(party_groups.c.key == key))
    conn.execute(
        insert(party_groups).values(
            key=key,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            data=json.dumps(parties.to_dict(), ensure_ascii=False),
        )
    )


def stored_parties(engine: Engine, key: str) -> Parties | None:
    """The parties of ``key``, or None when they were never built for these versions."""
    with engine.connect() as conn:
        data = conn.execute(select(party_groups.c.data).where(party_groups.c.key == key)).scalar()
    return None if data is None else Parties.from_dict(json.loads(data))
