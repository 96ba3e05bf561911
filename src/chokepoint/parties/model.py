"""Parties: groups of list entries that are one listed party, each with a stable id.

A party's id is ``party-`` and the id of the entry that first named it: the publisher's own
entry before copies and aggregates (``group.LIST_ORDER``). A reload keeps the ids it
had: a group takes the id most of its entries had before, so a party first known from the
UN list keeps its id when its SDN entry appears. An entry in no group is a party of its own,
with the id its entry gives it, the id a group it joins later may keep.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chokepoint.parties.group import Grouping

PREFIX = "party-"


def own_party_id(entity_id: str) -> str:
    """The party id an entry gives the party it names.

    >>> from chokepoint.model import entity_id
    >>> sdn = entity_id("us_ofac_sdn", "16692")
    >>> own_party_id(sdn) == "party-" + sdn
    True
    """
    return PREFIX + entity_id


@dataclass(frozen=True)
class Member:
    """One entry of a party, as results list it."""

    id: str
    list: str
    sublist: str | None
    caption: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "list": self.list, "sublist": self.sublist, "caption": self.caption}


def lists_of(members: Iterable[Member]) -> list[str]:
    """The lists of some entries, once each, e.g. ``["us_ofac_sdn", "us_trade_csl/sdn"]``."""
    return list(dict.fromkeys(m.list + (f"/{m.sublist}" if m.sublist else "") for m in members))


@dataclass(frozen=True)
class Party:
    """Entries of one party, the naming one first, and the evidence that joined them."""

    id: str
    members: tuple[Member, ...]
    evidence: tuple[str, ...] = ()

    @property
    def lists(self) -> list[str]:
        return lists_of(self.members)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": [m.to_dict() for m in self.members],
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Party:
        members = tuple(Member(**m) for m in data["members"])
        return cls(data["id"], members, tuple(data["evidence"]))


class Parties:
    """The parties of one set of list versions: entity id -> its party."""

    def __init__(self, parties: Iterable[Party] = ()) -> None:
        self.parties = list(parties)
        self._of = {m.id: p for p in self.parties for m in p.members}

    def __len__(self) -> int:
        return len(self.parties)

    def get(self, entity_id: str) -> Party | None:
        """The party of an entry grouped with others; None for an entry on its own."""
        return self._of.get(entity_id)

    def party_id(self, entity_id: str) -> str:
        party = self.get(entity_id)
        return party.id if party else own_party_id(entity_id)

    def referents(self, entity_id: str) -> list[str]:
        """yente's ``referents``: the ids of the party's other entries."""
        party = self.get(entity_id)
        return [m.id for m in party.members if m.id != entity_id] if party else []

    def to_dict(self) -> dict[str, Any]:
        return {"parties": [p.to_dict() for p in self.parties]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Parties:
        return cls(Party.from_dict(p) for p in data["parties"])


def own_entry(party_id: str, listed: set[str]) -> str | None:
    """The listed entry whose own id ``party_id`` is, if any."""
    entity_id = party_id.removeprefix(PREFIX)
    return entity_id if entity_id in listed else None


def name_parties(grouping: Grouping, previous: Parties | None = None) -> Parties:
    """Parties of a grouping, each keeping the id most of its entries had in ``previous``
    (ties: the id of its first entry), never an id another party took first."""
    previous = previous or Parties()
    listed = {e.id for e in grouping.entries}
    taken: set[str] = set()
    out = []
    order = sorted(range(len(grouping.groups)), key=lambda g: -len(grouping.groups[g]))
    named: dict[int, str] = {}
    for g in order:
        entries = [grouping.entries[i] for i in grouping.groups[g]]
        had = Counter(previous.party_id(e.id) for e in entries)
        ranked = sorted(had, key=lambda pid: -had[pid])  # stable: first entry's id first
        ranked += [own_party_id(e.id) for e in entries]
        ids = {e.id for e in entries}
        # An entry outside the group keeps its own id: the group may not take it.
        free = [p for p in ranked if p not in taken and own_entry(p, listed) in ids | {None}]
        pid = free[0] if free else None
        if pid is None:  # every candidate taken: only when parties split and swap entries
            pid = f"{own_party_id(entries[0].id)}-{len(taken)}"
        taken.add(pid)
        named[g] = pid
    for g, group in enumerate(grouping.groups):
        members = tuple(
            Member(e.id, e.list, e.sublist, e.caption) for e in (grouping.entries[i] for i in group)
        )
        out.append(Party(named[g], members, tuple(grouping.evidence[g])))
    return Parties(out)
