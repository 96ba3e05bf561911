from chokepoint.model import entity_id
from chokepoint.shipments.rules.restricted_parties import RULE
from tests.shipments.rules.conftest import check, listed, severities, shipment

SDN_FIRM = listed("us_ofac_sdn", "90001", "Company", "Volga Avionika Trading LLC")
UVL_FIRM = listed("us_trade_csl", "90002", "Company", "Tashkent Precision Components", "uvl")


def test_a_party_on_a_blocking_list_blocks_citing_the_entry() -> None:
    consignee = {"role": "consignee", "name": "Volga Avionika Trading", "country": "AE"}
    findings = check(RULE, shipment(consignee), (SDN_FIRM, UVL_FIRM))
    blocks = [f for f in findings if f.severity == "block"]
    assert [(f.party, f.list, f.entity_id) for f in blocks] == [
        ("consignee: Volga Avionika Trading", "us_ofac_sdn", entity_id("us_ofac_sdn", "90001"))
    ]


def test_a_party_on_the_unverified_list_needs_review_not_a_block() -> None:
    consignee = {"role": "consignee", "name": "Tashkent Precision Components", "country": "UZ"}
    findings = check(RULE, shipment(consignee), (SDN_FIRM, UVL_FIRM))
    flagged = [f for f in findings if f.severity != "info"]
    assert [(f.severity, f.list) for f in flagged] == [("review", "us_trade_csl")]


def test_parties_far_from_every_listed_name_are_clear() -> None:
    consignee = {"role": "consignee", "name": "Boulangerie Dupont", "country": "FR"}
    assert set(severities(check(RULE, shipment(consignee), (SDN_FIRM, UVL_FIRM)))) == {"info"}
