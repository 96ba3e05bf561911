"""Every party, and a vessel by its IMO number, screened against the restricted-party lists.

A match on a sanctions or denial list blocks; on the Unverified or Military End User list,
or a candidate between the review and match thresholds, needs review.
"""

from __future__ import annotations

from chokepoint.matching import Match, Query
from chokepoint.shipments.model import Finding, Party, Severity
from chokepoint.shipments.rules.base import Context, Rule, info
from chokepoint.sources.facts import is_blocking

RULE_ID = "restricted_parties"


def list_severity_of(list_key: str, sublist: str | None) -> Severity:
    """What a confirmed match on this list (or CSL sublist) means.

    >>> list_severity_of("us_trade_csl", "entity_list"), list_severity_of("us_trade_csl", "uvl")
    (<Severity.block: 'block'>, <Severity.review: 'review'>)
    """
    return Severity.block if is_blocking(list_key, sublist) else Severity.review


def severity_of(match: Match) -> Severity:
    return list_severity_of(match.list, match.sublist)


def party_query(party: Party) -> Query:
    ids = [*party.ids, *([party.imo] if party.imo else [])]
    return Query.of(party.name, None, None, party.country.lower() if party.country else None, ids)


def check(context: Context) -> list[Finding]:
    findings = []
    for index, party in enumerate(context.shipment.parties):
        label = f"{party.role}: {party.name}"
        results = context.party_matches(index, party_query(party))
        for m in results:
            severity = severity_of(m) if m.match else Severity.review
            how = "matches" if m.match else "may match (score below the match threshold)"
            where = f"{m.list}" + (f"/{m.sublist}" if m.sublist else "")
            findings.append(
                Finding(
                    rule=RULE_ID,
                    severity=severity,
                    party=label,
                    message=f"{party.name!r} {how} {m.caption!r} on {where} ({m.list_id})",
                    list=m.list,
                    list_id=m.list_id,
                    entity_id=m.id,
                    score=m.score,
                )
            )
        if not results:
            findings.append(info(RULE_ID, f"{party.name!r}: no listed party found", party=label))
    return findings


RULE = Rule(
    id=RULE_ID,
    title="Restricted parties",
    source="31 CFR 501 (OFAC); 15 CFR 744 and Supp. 4 (BIS Entity, MEU lists), 744.15 (UVL), "
    "764 (Denied Persons); 22 CFR 127.7 (ITAR debarment); UN SC, EU and UK sanctions",
    check=check,
)
