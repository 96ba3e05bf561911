"""What a rule is, and what every rule may look at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from chokepoint.data import read_table
from chokepoint.matching import Matcher
from chokepoint.shipments.model import Finding, Item, Severity, Shipment


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


@dataclass(frozen=True)
class Rule:
    """A rule: an id, what it checks, the legal source it applies, and its check."""

    id: str
    title: str
    source: str
    check: Callable[[Context], list[Finding]]
