"""Russia and Belarus: a CHPL item with either as destination, end user or on the route
blocks; other goods to them need review."""

from __future__ import annotations

from chokepoint.shipments.model import Finding, Role, Severity, Shipment
from chokepoint.shipments.rules.base import Context, Rule, chpl_entry, info, item_label

RULE_ID = "russia_belarus"
COUNTRIES = {"RU": "Russia", "BY": "Belarus"}
DESTINATION_ROLES = {
    Role.consignee,
    Role.end_user,
    Role.intermediate_consignee,
    Role.purchaser,
    Role.notify_party,
}


def touched(shipment: Shipment) -> list[str]:
    """Russia or Belarus as a destination party's country or on the route."""
    found = [
        p.country
        for p in shipment.parties
        if p.role in DESTINATION_ROLES and p.country in COUNTRIES
    ]
    found += [c for c in shipment.route if c in COUNTRIES]
    return list(dict.fromkeys(c for c in found if c))


def check(context: Context) -> list[Finding]:
    shipment = context.shipment
    where = touched(shipment)
    if not where:
        return [info(RULE_ID, "neither Russia nor Belarus is a destination or on the route")]
    names = " and ".join(COUNTRIES[c] for c in where)
    findings = []
    for i, item in enumerate(shipment.items):
        entry = chpl_entry(item)
        if entry:
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.block,
                    item=item_label(i, item),
                    message=f"CHPL tier {entry.tier} item ({entry.description}) bound for {names}",
                )
            )
        else:
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.review,
                    item=item_label(i, item),
                    message=f"goods bound for {names}: check the sanctions on these goods "
                    "(EU Reg. 833/2014 Annexes, 15 CFR 746.8)",
                )
            )
    if not shipment.items:
        findings.append(
            Finding(
                rule=RULE_ID,
                severity=Severity.review,
                message=f"shipment bound for {names} with no items declared",
            )
        )
    return findings


RULE = Rule(
    id=RULE_ID,
    title="Russia and Belarus",
    source="15 CFR 746.8 and Supp. 2-7 to Part 746; EU Council Reg. 833/2014 (Annex XL) "
    "and 765/2006; CHPL (BIS, EU, UK, Japan, 2024-02-23)",
    check=check,
)
