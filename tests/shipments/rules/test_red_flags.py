from chokepoint.shipments.rules.red_flags import RULE
from tests.shipments.rules.conftest import COFFEE, MCU, check, severities, shipment

END_USER = {"role": "end_user", "name": "Bosch Service Center", "country": "FR"}


def test_a_chpl_item_with_no_end_user_needs_review() -> None:
    consignee = {"role": "consignee", "name": "Paris Electronique", "country": "FR"}
    [finding] = check(RULE, shipment(consignee, items=[MCU]))
    assert finding.severity == "review" and finding.message == "CHPL item with no end user named"
    assert severities(check(RULE, shipment(consignee, END_USER, items=[MCU]))) == ["info"]


def test_a_freight_forwarder_as_final_consignee_needs_review_in_either_script() -> None:
    for name in ("Silk Road Logistics LLC", "ООО Экспедиторская компания"):
        consignee = {"role": "consignee", "name": name, "country": "KZ"}
        [finding] = check(RULE, shipment(consignee, END_USER, items=[COFFEE]))
        assert finding.party == f"consignee: {name}"


def test_a_route_that_doubles_back_needs_review() -> None:
    consignee = {"role": "consignee", "name": "Paris Electronique", "country": "FR"}
    findings = check(RULE, shipment(consignee, END_USER, route=["DE", "KZ", "DE", "FR"]))
    assert severities(findings) == ["review"]
    assert findings[0].message == "the route leaves DE and comes back to it"
