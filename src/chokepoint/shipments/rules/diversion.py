"""Diversion: a CHPL item to a party in, or through, a known transshipment country."""

from __future__ import annotations

from functools import cache

from chokepoint.data import read_table
from chokepoint.shipments.model import Finding, Role, Severity
from chokepoint.shipments.rules.base import Context, Rule, chpl_entry, info, item_label

RULE_ID = "diversion"


@cache
def transshipment_countries() -> dict[str, str]:
    return {r["code"]: r["name"] for r in read_table("transshipment.csv")}


def check(context: Context) -> list[Finding]:
    shipment = context.shipment
    hubs = transshipment_countries()
    places = [p.country for p in shipment.parties if p.country in hubs and p.role != Role.exporter]
    places += [c for c in shipment.route[1:] if c in hubs]  # the origin is no diversion
    where = list(dict.fromkeys(c for c in places if c))
    findings = []
    for i, item in enumerate(shipment.items):
        entry = chpl_entry(item)
        if entry and where:
            names = ", ".join(hubs[c] for c in where)
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.review,
                    item=item_label(i, item),
                    message=f"CHPL tier {entry.tier} item ({entry.description}) to or through "
                    f"{names}, a known route of diversion to Russia: verify the end user "
                    "and end use",
                )
            )
    return findings or [info(RULE_ID, "no CHPL item to or through a transshipment country")]


RULE = Rule(
    id=RULE_ID,
    title="Diversion through third countries",
    source="FinCEN/BIS alerts FIN-2022-Alert003, FIN-2023-Alert004; BIS Russia diversion "
    "guidance; EU Reg. 833/2014 art. 12g (no-Russia clause)",
    check=check,
)
