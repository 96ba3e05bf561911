"""Matches shown one per party: the party's best entry, with all its entries and lists.

The matcher scores list entries; a person on the SDN list, on the CSL's copy of it and on
the UN list is three entries. A screen shows that party once, at the score of its best
entry, listing the others; outputs of one line per entry (``screen-file``) keep their lines
and name each entry's party with ``party_id``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chokepoint.matching import Match
from chokepoint.parties.model import Member, Parties, lists_of

FETCH = 2  # entries fetched per party wanted: most parties have one or two (fetch again if not)


@dataclass(frozen=True)
class PartyMatch:
    """One party among the results."""

    party_id: str
    match: Match  # the entry shown: the best score, the party's naming entry on a tie
    matches: tuple[Match, ...]  # its entries among the results, best first
    members: tuple[Member, ...]  # all its entries, the naming one first
    evidence: tuple[str, ...]  # why these entries are one party

    @property
    def lists(self) -> list[str]:
        return lists_of(self.members)

    @property
    def others(self) -> list[Member]:
        """Its entries other than the one shown."""
        return [m for m in self.members if m.id != self.match.id]

    def to_dict(self) -> dict[str, Any]:
        """The party as a JSON summary beside the per-entry matches."""
        return {
            "party_id": self.party_id,
            "id": self.match.id,
            "score": self.match.score,
            "match": self.match.match,
            "entries": [m.to_dict() for m in self.members],
            "lists": self.lists,
            "evidence": list(self.evidence),
        }


def by_party(matches: list[Match], parties: Parties) -> list[PartyMatch]:
    """``matches`` (best first) grouped by party, parties in the order of their best entry.

    An entry on its own is a party of one entry.
    """
    grouped: dict[str, list[Match]] = {}
    for m in matches:
        grouped.setdefault(parties.party_id(m.id), []).append(m)
    out = []
    for party_id, found in grouped.items():
        party = parties.get(found[0].id)
        if party is None:
            m = found[0]
            members: tuple[Member, ...] = (Member(m.id, m.list, m.sublist, m.caption),)
            evidence: tuple[str, ...] = ()
        else:
            members, evidence = party.members, party.evidence
        ordered = found
        if len(found) > 1:
            rank = {member.id: n for n, member in enumerate(members)}
            ordered = sorted(found, key=lambda m: (-m.score, rank.get(m.id, len(rank))))
        out.append(PartyMatch(party_id, ordered[0], tuple(ordered), members, evidence))
    return out


def top_parties(
    fetch: Callable[[int], list[Match]], parties: Parties, limit: int
) -> list[PartyMatch]:
    """The best ``limit`` parties: ``fetch(n)`` gives the best ``n`` entries, asked again
    for more while they make fewer than ``limit`` parties."""
    wanted = limit * FETCH
    while True:
        matches = fetch(wanted)
        grouped = by_party(matches, parties)
        if len(grouped) >= limit or len(matches) < wanted:
            return grouped[:limit]
        wanted *= 2


def with_party_id(match: Match, parties: Parties) -> dict[str, Any]:
    """One entry's match as JSON, naming its party."""
    return {**match.to_dict(), "party_id": parties.party_id(match.id)}
