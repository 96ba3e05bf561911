"""What a rule is, and what every rule may look at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from chokepoint.data import read_table
from chokepoint.matching import Match, Matcher, Query
from chokepoint.shipments.model import Finding, Item, Severity, Shipment

if TYPE_CHECKING:
    from chokepoint.ownership import OwnershipState


@dataclass(frozen=True)
class ChplEntry:
    hs6: str
    tier: str
    description: str


@cache
def chpl() -> dict[str, ChplEntry]:
    """The CHPL by six-digit HS subheading (``data/chpl.csv``)."""
    return {
        r["hs6"]: ChplEntry(r["hs6"], r["tier"], r["short_description"])
        for r in read_table("chpl.csv")
    }


def chpl_entry(item: Item) -> ChplEntry | None:
    """The CHPL entry an item's HS code falls under (its first six digits), if any."""
    return chpl().get(item.hs6 or "")


def item_label(index: int, item: Item) -> str:
    """How a finding names an item: its position, HS code and description."""
    code = f" HS {item.hs_code}" if item.hs_code else ""
    return f"item {index + 1}{code} {item.description}".strip()


def info(rule: str, message: str, *, party: str | None = None) -> Finding:
    """An info finding: what a rule checked when it found nothing to flag."""
    return Finding(rule=rule, severity=Severity.info, message=message, party=party)


@dataclass(frozen=True)
class Context:
    """The shipment under screening and the screening engine."""

    shipment: Shipment
    matcher: Matcher
    ownership: OwnershipState | None = None
    # Each party's candidates, matched once and read by every rule that needs them.
    _matches: dict[int, list[Match]] = field(default_factory=dict, compare=False, repr=False)

    def party_matches(self, index: int, query: Query) -> list[Match]:
        """The candidates of the shipment's ``index``-th party at the review threshold."""
        if index not in self._matches:
            cutoff = self.matcher.review_threshold
            self._matches[index] = self.matcher.match(query, limit=5, cutoff=cutoff)
        return self._matches[index]


@dataclass(frozen=True)
class Rule:
    """A rule: an id, what it checks, the legal source it applies, and its check."""

    id: str
    title: str
    source: str
    check: Callable[[Context], list[Finding]]
