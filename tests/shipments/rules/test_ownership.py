"""The ownership rule on hand-made shipments and an ownership graph built in memory: a party
a listed person owns is blocked with the path; an unknown share is a REVIEW; a shipment
screened before any ownership data says nothing of ownership. (The same over a database,
the user's file and the lists' own stakes: ``tests/ownership/``.)"""

from __future__ import annotations

from datetime import date

from chokepoint.matching import Matcher
from chokepoint.matching.index import Index
from chokepoint.model import entity_id
from chokepoint.ownership.derive import derive
from chokepoint.ownership.graph import EdgeIn, Graph
from chokepoint.ownership.regimes import regimes
from chokepoint.ownership.state import OwnershipState
from chokepoint.shipments.model import Finding, Shipment
from chokepoint.shipments.rules.base import Context
from chokepoint.shipments.rules.ownership import RULE
from tests.shipments.rules.conftest import listed, severities, shipment

DAY = date(2026, 12, 1)
OWNER = entity_id("us_ofac_sdn", "1")
CONSIGNEE = {"role": "consignee", "name": "Northwind Holding Trading", "country": "AE"}


def state(share: float | None) -> OwnershipState:
    """The listed owner holds ``share`` % of the consignee (a party of the user's data)."""
    g = Graph()
    names = {OWNER: "Ivan Examplov", "own-1": CONSIGNEE["name"]}
    g.add_edges([EdgeIn(OWNER, "own-1", share, source="register")], names)
    g.listed[g.node(OWNER)] = ("us_ofac_sdn", "")
    g.finish()
    return OwnershipState("t", DAY, g, {r.key: derive(g, r, DAY) for r in regimes()})


def check(ship: Shipment, ownership: OwnershipState | None) -> list[Finding]:
    owner = listed("us_ofac_sdn", "1", "Person", "Ivan Examplov")
    matcher = Matcher(Index.build([owner.to_dict()]))
    return RULE.check(Context(shipment=ship, matcher=matcher, ownership=ownership))


def of_consignee(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.party and f.party.startswith("consignee")]


def test_a_party_a_listed_person_owns_half_of_is_blocked_with_the_path() -> None:
    found = of_consignee(check(shipment(CONSIGNEE), state(50.0)))
    assert severities(found) == ["block"]
    assert found[0].paths and found[0].paths[0][0] == OWNER
    assert "OFAC" in found[0].guidance


def test_an_unknown_share_is_a_review() -> None:
    assert severities(of_consignee(check(shipment(CONSIGNEE), state(None)))) == ["review"]


def test_a_small_share_blocks_nothing() -> None:
    assert severities(of_consignee(check(shipment(CONSIGNEE), state(10.0)))) == ["info"]


def test_without_ownership_data_the_rule_says_nothing() -> None:
    assert check(shipment(CONSIGNEE), None) == []
