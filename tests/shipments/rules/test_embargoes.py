from chokepoint.shipments.rules.embargoes import RULE
from tests.shipments.rules.conftest import COFFEE, check, severities, shipment


def test_a_party_in_an_embargoed_country_blocks_naming_the_program() -> None:
    consignee = {"role": "consignee", "name": "Pars Trading", "country": "IR"}
    [finding] = check(RULE, shipment(consignee, items=[COFFEE]))
    assert severities([finding]) == ["block"]
    assert finding.party == "consignee: Pars Trading"
    assert "Iran" in finding.message and "31 CFR 560" in finding.message


def test_an_address_in_an_occupied_region_blocks_in_either_script() -> None:
    places = {"ul. Lenina 5, Симферополь": "Crimea", "12 Pushkina St, Mariupol": "Donetsk"}
    for address, region in places.items():
        consignee = {"role": "consignee", "name": "OOO Vektor", "country": "RU", "address": address}
        [finding] = check(RULE, shipment(consignee))
        assert finding.severity == "block" and region in finding.message, address


def test_a_route_through_an_embargoed_country_blocks_once() -> None:
    consignee = {"role": "consignee", "name": "Gulf Foods", "country": "AE"}
    findings = check(RULE, shipment(consignee, route=["DE", "SY", "SY", "AE"]))
    assert severities(findings) == ["block"]
    assert "route passes through Syria" in findings[0].message


def test_a_shipment_touching_no_embargo_gets_one_info_finding() -> None:
    consignee = {"role": "consignee", "name": "Cafe de Paris", "country": "FR"}
    assert severities(check(RULE, shipment(consignee, route=["DE", "FR"]))) == ["info"]
