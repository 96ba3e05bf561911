"""Each shipment rule on a hand-made shipment, with no list loaded from disk.

``check(rule, shipment, listed)`` runs one rule's check over a shipment given as a dict
(validated as a user's file is) and a matcher over the few listed entities given, so that a
rule's behaviour reads as input -> findings.
"""

from __future__ import annotations

from typing import Any

from chokepoint.matching import Matcher
from chokepoint.matching.index import Index
from chokepoint.model import ListedEntity
from chokepoint.shipments.model import Finding, Shipment
from chokepoint.shipments.rules.base import Context, Rule

EXPORTER = {"role": "exporter", "name": "Elektronik Vertrieb GmbH", "country": "DE"}
MCU = {"description": "Microcontrollers, 32-bit", "hs_code": "8542.31.00"}  # CHPL tier 1
COFFEE = {"description": "Roasted coffee", "hs_code": "090121"}  # not on the CHPL


def shipment(
    *parties: dict[str, Any], items: list[dict[str, Any]] | None = None, route: list[str] = ()
) -> Shipment:
    return Shipment.model_validate(
        {"reference": "T-1", "parties": [EXPORTER, *parties], "items": items or [], "route": route}
    )


def listed(
    list_key: str, list_id: str, schema: str, name: str, sublist: str | None = None
) -> ListedEntity:
    entity = ListedEntity.make(list_key, list_id, schema)
    entity.add("name", name)
    entity.sublist = sublist
    return entity


def check(rule: Rule, ship: Shipment, entities: tuple[ListedEntity, ...] = ()) -> list[Finding]:
    matcher = Matcher(Index.build(e.to_dict() for e in entities))
    return rule.check(Context(shipment=ship, matcher=matcher))


def severities(findings: list[Finding]) -> list[str]:
    return [str(f.severity) for f in findings]
