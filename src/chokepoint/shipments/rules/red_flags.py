"""Red flags visible in the shipment data (BIS "Know Your Customer" guidance, 15 CFR 732
Supp. 3): no end user for a CHPL item, a freight forwarder as final consignee, a route that
doubles back."""

from __future__ import annotations

import re

from chokepoint.shipments.model import Finding, Role, Severity, Shipment
from chokepoint.shipments.rules.base import Context, Rule, chpl_entry, info

RULE_ID = "red_flags"
_FORWARDER = re.compile(
    r"\b(logistics?|forwarding|forwarder|freight|shipping agency|cargo|express|"
    r"экспеди(?:р|т)\w*|логистик\w*)\b",
    re.IGNORECASE,
)


def doubles_back(route: list[str]) -> str | None:
    """A country the route leaves and later returns to.

    >>> doubles_back(["DE", "KZ", "DE", "RU"]), doubles_back(["DE", "DE", "KZ"])
    ('DE', None)
    """
    seen: list[str] = []
    for code in route:
        if seen and seen[-1] == code:
            continue
        if code in seen:
            return code
        seen.append(code)
    return None


def forwarder_as_consignee(shipment: Shipment) -> str | None:
    forwarders = {p.name.casefold() for p in shipment.parties if p.role == Role.freight_forwarder}
    for p in shipment.parties:
        if p.role == Role.consignee and (
            p.name.casefold() in forwarders or _FORWARDER.search(p.name)
        ):
            return p.name
    return None


def check(context: Context) -> list[Finding]:
    shipment = context.shipment
    findings = []
    has_end_user = any(p.role == Role.end_user for p in shipment.parties)
    if not has_end_user and any(chpl_entry(i) for i in shipment.items):
        findings.append(
            Finding(
                rule=RULE_ID, severity=Severity.review, message="CHPL item with no end user named"
            )
        )
    if name := forwarder_as_consignee(shipment):
        findings.append(
            Finding(
                rule=RULE_ID,
                severity=Severity.review,
                party=f"consignee: {name}",
                message="a freight forwarder is the final consignee",
            )
        )
    if code := doubles_back(shipment.route):
        findings.append(
            Finding(
                rule=RULE_ID,
                severity=Severity.review,
                message=f"the route leaves {code} and comes back to it",
            )
        )
    return findings or [info(RULE_ID, "no red flag in the declared parties and route")]


RULE = Rule(
    id=RULE_ID,
    title="Know-your-customer red flags",
    source="15 CFR 732 Supp. 3 (BIS Know Your Customer guidance and red flags)",
    check=check,
)
