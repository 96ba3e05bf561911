"""What a screening reads besides the match index, published as files in the index's
directory (``index_files.py``): the parties of the index's versions (``parties.json``) and
every party whose ownership blocks it or needs review, with what ``screen`` says of it
(``ownership.json``).

A cold ``chokepoint screen`` and Spark's executors read these instead of the database: no
SQLAlchemy, no ownership graph. Each file says what it was made from (the index's version
key; the ownership state's key and day) and a reader that finds anything else ignores it,
so a stale file is never trusted: the caller takes the database path, which writes them
again. Files are written whole and renamed into place: a reader never sees half of one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chokepoint.matching.normalize import name_tokens
from chokepoint.ownership.hits import OwnershipHit
from chokepoint.parties.model import Parties, Party

if TYPE_CHECKING:
    from chokepoint.ownership.state import OwnershipState

PARTIES = "parties.json"
OWNERSHIP = "ownership.json"


def write_json(path: Path, data: Any) -> None:
    """``data`` as JSON at ``path``, written beside it first and renamed into place."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_parties(directory: Path, key: str, parties: Parties) -> None:
    write_json(directory / PARTIES, {"key": key, **parties.to_dict()})


def read_parties(directory: Path, key: str | None = None) -> Parties | None:
    """The parties published in ``directory``; None when missing, damaged or, given a
    ``key``, of other versions. (Spark reads them with no key: the driver has just
    published them.)"""
    data = _read_json(directory / PARTIES)
    if not isinstance(data, dict) or (key is not None and data.get("key") != key):
        return None
    try:
        return PublishedParties(list(data["parties"]))
    except (KeyError, TypeError, ValueError):
        return None


class PublishedParties(Parties):
    """Published parties, each decoded when first looked up: a cold screening reads
    thousands and looks up ten (decoding them all cost it about a tenth of its time).
    ``get``, ``party_id``, ``referents``, ``len`` and ``to_dict`` answer as ``Parties``
    does; its ``parties`` list stays empty (``to_dict`` has them all)."""

    def __init__(self, raw: list[dict[str, Any]]) -> None:
        super().__init__()
        self._raw = raw
        self._where = {m["id"]: n for n, p in enumerate(raw) for m in p["members"]}
        self._decoded: dict[int, Party] = {}

    def __len__(self) -> int:
        return len(self._raw)

    def get(self, entity_id: str) -> Party | None:
        n = self._where.get(entity_id)
        if n is None:
            return None
        if n not in self._decoded:
            self._decoded[n] = Party.from_dict(self._raw[n])
        return self._decoded[n]

    def to_dict(self) -> dict[str, Any]:
        return {"parties": self._raw}


def name_key(name: str) -> str:
    """A name as ``OwnershipState.unlisted_named`` compares it: its tokens in any order."""
    return " ".join(sorted(name_tokens(name)))


@dataclass(frozen=True)
class Ownership:
    """The published ownership hits: entity id -> the hit without how it was matched, and
    the unlisted parties among them by name (``name_key``)."""

    hits: dict[str, dict[str, Any]]
    unlisted: dict[str, list[str]]

    def hits_for(self, names: Iterable[str], matched_ids: Iterable[str]) -> list[OwnershipHit]:
        """As ``ownership.hits.ownership_hits`` answers on the state these were made of."""
        found: dict[str, str] = {}
        for entity_id in matched_ids:
            if entity_id in self.hits:
                found.setdefault(entity_id, "listed match")
        for name in names:
            for entity_id in self.unlisted.get(name_key(name), []):
                found.setdefault(entity_id, "name")
        hits = [OwnershipHit(matched=how, **self.hits[i]) for i, how in found.items()]
        hits.sort(key=lambda h: (not h.blocked, h.id))
        return hits


def ownership_of(state: OwnershipState) -> Ownership:
    """Every party of ``state`` that ``ownership_hits`` could name, explained once."""
    from chokepoint.ownership.hits import ownership_hit

    hits: dict[str, dict[str, Any]] = {}
    unlisted: dict[str, list[str]] = {}
    for node, entity_id in enumerate(state.graph.ids):
        hit = ownership_hit(state, node, "")
        if hit is None:
            continue
        data = hit.to_dict()
        hits[entity_id] = {k: data[k] for k in ("id", "name", "status", "notes", "paths")}
        if node not in state.graph.listed and (key := name_key(state.graph.names[node])):
            unlisted.setdefault(key, []).append(entity_id)
    return Ownership(hits, unlisted)


def write_ownership(directory: Path, state: OwnershipState) -> None:
    found = ownership_of(state)
    made = {"key": state.key, "on": state.on.isoformat()}
    write_json(directory / OWNERSHIP, {**made, "hits": found.hits, "unlisted": found.unlisted})


def read_ownership(
    directory: Path, key: str | None = None, on: date | None = None
) -> Ownership | None:
    """The published ownership of the state ``key`` on the day ``on``; None when missing,
    damaged or of another state or day. (Spark's executors read it with neither: the
    driver has just published it.)"""
    data = _read_json(directory / OWNERSHIP)
    if not isinstance(data, dict):
        return None
    if (key is not None and data.get("key") != key) or (
        on is not None and data.get("on") != on.isoformat()
    ):
        return None
    try:
        return Ownership(dict(data["hits"]), dict(data["unlisted"]))
    except (KeyError, TypeError, ValueError):
        return None
