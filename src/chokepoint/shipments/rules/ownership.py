"""A party blocked because blocked persons own or control it (OFAC's 50 Percent Rule, the
EU and UK ownership and control rules, the BIS Affiliates rule): a BLOCK citing the path
and the guidance; unknown shares or control without a share: REVIEW.
"""

from __future__ import annotations

from chokepoint.ownership.hits import ownership_hits
from chokepoint.shipments.model import Finding, Severity
from chokepoint.shipments.rules.base import Context, Rule, info
from chokepoint.shipments.rules.restricted_parties import party_query

RULE_ID = "ownership"


def check(context: Context) -> list[Finding]:
    state = context.ownership
    if state is None:
        return []
    findings = []
    for index, party in enumerate(context.shipment.parties):
        label = f"{party.role}: {party.name}"
        matches = context.party_matches(index, party_query(party))
        hits = ownership_hits(state, [party.name], [m.id for m in matches if m.match])
        for hit in hits:
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=Severity.block if hit.blocked else Severity.review,
                    party=label,
                    message=f"{party.name!r}: {hit.message()}",
                    entity_id=hit.id,
                    paths=hit.paths,
                    guidance=hit.guidance,
                )
            )
        if not hits:
            findings.append(info(RULE_ID, f"{party.name!r}: no owner blocks it", party=label))
    return findings


RULE = Rule(
    id=RULE_ID,
    title="Ownership and control",
    source="OFAC 50 Percent Rule guidance (13 August 2014); EU Reg. 269/2014 art. 2 and the "
    "Commission's ownership and control guidance; OFSI guidance ch. 4; 15 CFR 744.28 (BIS "
    "Affiliates rule, 90 FR 47201); see data/ownership_regimes.csv",
    check=check,
)
