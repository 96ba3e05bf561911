from chokepoint.shipments.rules.russia_belarus import RULE
from tests.shipments.rules.conftest import COFFEE, MCU, check, severities, shipment

MOSCOW = {"role": "consignee", "name": "OOO Vektor", "country": "RU"}


def test_a_chpl_item_bound_for_russia_blocks_with_its_tier() -> None:
    [finding] = check(RULE, shipment(MOSCOW, items=[MCU]))
    assert finding.severity == "block"
    assert finding.item == "item 1 HS 85423100 Microcontrollers, 32-bit"
    assert "CHPL tier 1" in finding.message and "Russia" in finding.message


def test_other_goods_bound_for_belarus_need_review() -> None:
    minsk = {"role": "end_user", "name": "Minsk Foods", "country": "BY"}
    [finding] = check(RULE, shipment(minsk, items=[COFFEE]))
    assert finding.severity == "review" and "Belarus" in finding.message


def test_russia_on_the_route_counts_as_a_destination() -> None:
    almaty = {"role": "consignee", "name": "Almaty Trade", "country": "KZ"}
    assert severities(check(RULE, shipment(almaty, items=[MCU], route=["DE", "RU", "KZ"]))) == [
        "block"
    ]


def test_an_exporter_in_russia_is_not_a_destination() -> None:
    exporter_ru = {"role": "exporter", "name": "Ural Export", "country": "RU"}
    buyer = {"role": "consignee", "name": "Hamburg Metals", "country": "DE"}
    assert severities(check(RULE, shipment(exporter_ru, buyer, items=[MCU]))) == ["info"]


def test_no_items_declared_for_russia_needs_review() -> None:
    [finding] = check(RULE, shipment(MOSCOW))
    assert finding.severity == "review" and "no items declared" in finding.message
