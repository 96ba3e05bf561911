"""Comprehensive embargoes: Iran, North Korea, Syria, Cuba, and the occupied regions of
Ukraine, from country codes and from place names in addresses (Latin and Cyrillic)."""

from __future__ import annotations

import re
from functools import cache

from chokepoint.data import read_table
from chokepoint.shipments.model import Finding, Severity
from chokepoint.shipments.rules.base import Context, Rule, info

RULE_ID = "embargoes"


@cache
def embargoed_countries() -> dict[str, tuple[str, str]]:
    return {r["code"]: (r["name"], r["program"]) for r in read_table("embargoes.csv")}


@cache
def place_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(region, pattern of its spellings as whole words) from ``data/embargoed_places.csv``."""
    out = []
    for r in read_table("embargoed_places.csv"):
        spellings = "|".join(re.escape(s) for s in r["spellings"].split(";") if s)
        out.append((r["region"], re.compile(rf"(?<!\w)({spellings})(?!\w)", re.IGNORECASE)))
    return tuple(out)


def embargoed_region(text: str) -> tuple[str, str] | None:
    """The occupied region an address names, and the spelling found.

    >>> embargoed_region("ul. Lenina 5, Симферополь, Russia")
    ('Crimea', 'Симферополь')
    >>> embargoed_region("Simferopolskaya ul. 3, Moscow") is None
    True
    """
    for region, pattern in place_patterns():
        if m := pattern.search(text):
            return region, m.group(1)
    return None


def check(context: Context) -> list[Finding]:
    shipment = context.shipment
    countries = embargoed_countries()
    findings = []
    for party in shipment.parties:
        label = f"{party.role}: {party.name}"
        if party.country in countries:
            name, program = countries[party.country]
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.block,
                    party=label,
                    message=f"party in {name}, under embargo ({program})",
                )
            )
        if party.address and (found := embargoed_region(party.address)):
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.block,
                    party=label,
                    message=f"address in {found[0]} ({found[1]!r}), an occupied region of Ukraine "
                    "under embargo",
                )
            )
    for code in dict.fromkeys(shipment.route):
        if code in countries:
            name, program = countries[code]
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.block,
                    message=f"route passes through {name} ({program})",
                )
            )
    return findings or [info(RULE_ID, "no embargoed country or occupied region involved")]


RULE = Rule(
    id=RULE_ID,
    title="Comprehensive embargoes",
    source="31 CFR 560, 510, 542, 515; EO 13685, EO 14065; EU Reg. 692/2014, 2022/263",
    check=check,
)
