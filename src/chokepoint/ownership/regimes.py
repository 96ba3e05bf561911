"""The regimes whose ownership rule Chokepoint applies, read from ``data/ownership_regimes.csv``.

What differs between OFAC, the EU, the UK and BIS is data (which lists block, the share
that passes blocking on, whether different holders add up, when the rule is in force), so
it is written down in one file with its sources and applied by one algorithm
(``derive.py``) rather than four near-identical modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from chokepoint.data import read_table


@dataclass(frozen=True)
class Regime:
    key: str
    title: str
    source: str
    threshold: float
    strict: bool  # "more than" the threshold (EU, UK) rather than "at least" (OFAC, BIS)
    per_owner: bool  # only one designated person's holdings add up (UK), or joint ones
    control_blocks: bool  # control the data states is enough to block (EU, UK)
    lists: frozenset[tuple[str, str]]  # (list, sublist); "" = the whole list
    periods: tuple[tuple[str, str], ...]  # (from, to) ISO dates, "" = open; () = always

    def passes(self, share: float) -> bool:
        """Whether an aggregate ``share`` held by blocked persons blocks.

        >>> regime("ofac").passes(50.0), regime("uk").passes(50.0), regime("uk").passes(50.1)
        (True, False, True)
        """
        # A small tolerance: 33.3 + 33.3 + 33.4 must reach 100 despite binary floats.
        if self.strict:
            return share > self.threshold + 1e-9
        return share >= self.threshold - 1e-9

    def blocks(self, list_key: str, sublist: str | None) -> bool:
        """Whether an entry of this list (or CSL sublist) is blocked under the regime.

        >>> regime("ofac").blocks("us_ofac_sdn", None), regime("ofac").blocks("eu_fsf", None)
        (True, False)
        >>> regime("bis").blocks("us_trade_csl", "entity_list")
        True
        """
        return (list_key, "") in self.lists or (list_key, sublist or "") in self.lists

    def in_force(self, on: date) -> bool:
        """Whether the rule applies on ``on`` (the BIS rule was suspended for a period).

        >>> bis = regime("bis")
        >>> bis.in_force(date(2025, 10, 1)), bis.in_force(date(2026, 1, 1))
        (True, False)
        """
        if not self.periods:
            return True
        day = on.isoformat()
        return any((not a or a <= day) and (not b or day <= b) for a, b in self.periods)

    @property
    def term(self) -> str:
        """How a decision names the threshold: "50% or more", "more than 50%"."""
        share = f"{self.threshold:g}%"
        return f"more than {share}" if self.strict else f"{share} or more"


def _lists(text: str) -> frozenset[tuple[str, str]]:
    pairs = (item.strip().partition("/") for item in text.split(";") if item.strip())
    return frozenset((key, sub) for key, _, sub in pairs)


def _periods(text: str) -> tuple[tuple[str, str], ...]:
    pairs = (item.strip().partition("..") for item in text.split(";") if item.strip())
    return tuple((a, b) for a, _, b in pairs)


@cache
def regimes() -> tuple[Regime, ...]:
    """Every regime, in the order of the data file (ofac, eu, uk, bis)."""
    return tuple(
        Regime(
            key=row["regime"],
            title=row["title"],
            source=row["source"],
            threshold=float(row["threshold"]),
            strict=row["above"] == "more_than",
            per_owner=row["aggregate"] == "per_owner",
            control_blocks=row["control"] == "blocks",
            lists=_lists(row["lists"]),
            periods=_periods(row["effective"]),
        )
        for row in read_table("ownership_regimes.csv")
    )


def regime(key: str) -> Regime:
    return next(r for r in regimes() if r.key == key)
