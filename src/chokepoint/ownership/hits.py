"""What screening, shipments and cases ask of ownership: of the parties a name matched,
those blocked (or to review) because of who owns them.

A listed entity matched at ``match: true`` counts under the regimes that do not list it
themselves; a party no list holds (the user's own, a name a list gives) counts when the
screened name is its name (the matcher's tokens, in any order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chokepoint.ownership.derive import BLOCKED, REVIEW
from chokepoint.ownership.explain import explain_node
from chokepoint.ownership.regimes import regime

if TYPE_CHECKING:
    from chokepoint.ownership.state import OwnershipState

__all__ = ["BLOCKED", "BLOCKED_BY_OWNERSHIP", "LIST", "REVIEW", "OwnershipHit", "ownership_hits"]

BLOCKED_BY_OWNERSHIP = "blocked by ownership"
LIST = "ownership"  # the ``list`` of a case hit that ownership makes, not a list entry


def digest(text: str) -> str:
    """The content hash of an ownership hit: its note changes when the facts behind it do,
    so a suppressed false positive comes back when they change."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class OwnershipHit:
    id: str
    name: str
    matched: str  # "listed match" or "name"
    status: dict[str, str]  # the regimes under which ownership blocks or needs review
    notes: dict[str, str]
    paths: list[list[str]]

    @property
    def blocked(self) -> bool:
        return BLOCKED in self.status.values()

    @property
    def kind(self) -> str:
        """``blocked`` or ``review``: a case hit's sublist, so four-eyes can tell them apart."""
        return BLOCKED if self.blocked else REVIEW

    @property
    def label(self) -> str:
        """How a hit reads in a case or a finding: "blocked by ownership" or "review"."""
        return BLOCKED_BY_OWNERSHIP if self.blocked else "ownership to review"

    @property
    def guidance(self) -> str:
        return "; ".join(regime(key).source for key in self.status)

    def message(self) -> str:
        notes = "; ".join(f"{k.upper()}: {self.notes[k]}" for k in self.status)
        return f"{self.name} ({self.id}) {self.label}: {notes}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "matched": self.matched,
            "label": self.label,
            "status": self.status,
            "notes": self.notes,
            "paths": self.paths,
        }


def ownership_hit(state: OwnershipState, node: int, matched: str) -> OwnershipHit | None:
    """The hit of a graph node, None when its ownership neither blocks it nor needs review."""
    status = state.by_ownership(node)
    if not status:
        return None
    explained = explain_node(state, node)
    return OwnershipHit(
        id=explained.id,
        name=explained.name,
        matched=matched,
        status=status,
        notes={k: explained.notes[k] for k in status},
        paths=[
            p.owners for p in explained.paths if set(p.blocked_in + p.review_in) & status.keys()
        ],
    )


def ownership_hits(
    state: OwnershipState, names: Iterable[str], matched_ids: Iterable[str]
) -> list[OwnershipHit]:
    """The parties among ``matched_ids`` (listed, matched) and those named ``names``
    whose ownership blocks them or needs review, blocked ones first."""
    found: dict[int, str] = {}
    for entity_id in matched_ids:
        node = state.node(entity_id)
        if node is not None:
            found.setdefault(node, "listed match")
    for name in names:
        for node in state.unlisted_named(name):
            found.setdefault(node, "name")
    hits = [h for n, how in found.items() if (h := ownership_hit(state, n, how)) is not None]
    hits.sort(key=lambda h: (not h.blocked, h.id))
    return hits
