from chokepoint.shipments.rules.diversion import RULE
from tests.shipments.rules.conftest import COFFEE, MCU, check, severities, shipment

ALMATY = {"role": "consignee", "name": "Almaty Trade", "country": "KZ"}


def test_a_chpl_item_to_a_transshipment_country_needs_review() -> None:
    [finding] = check(RULE, shipment(ALMATY, items=[MCU]))
    assert finding.severity == "review"
    assert "Kazakhstan" in finding.message and "CHPL tier 1" in finding.message


def test_ordinary_goods_to_a_transshipment_country_are_no_diversion() -> None:
    assert severities(check(RULE, shipment(ALMATY, items=[COFFEE]))) == ["info"]


def test_a_transshipment_country_later_on_the_route_counts_the_origin_does_not() -> None:
    paris = {"role": "consignee", "name": "Paris Electronique", "country": "FR"}
    assert severities(check(RULE, shipment(paris, items=[MCU], route=["DE", "AM", "FR"]))) == [
        "review"
    ]
    assert severities(check(RULE, shipment(paris, items=[MCU], route=["AM", "FR"]))) == ["info"]
