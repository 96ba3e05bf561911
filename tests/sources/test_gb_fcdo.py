"""UK Sanctions List XML (FCDO), on a fixture written from the published layout."""

from __future__ import annotations

from pathlib import Path

from chokepoint.sources import BY_KEY

FOLDER = Path(__file__).parents[1] / "fixtures" / "gb_fcdo"


def test_individual_entity_and_ship() -> None:
    person, company, ship = BY_KEY["gb_fcdo"].parse(FOLDER)
    assert person.id == "gb_fcdo-RUS9001"
    assert person.caption == "Olga Viktorovna PETROVA"
    assert person.proxy.get("alias") == ["Olga PETROVA-SMIRNOVA", "Ольга Викторовна ПЕТРОВА"]
    assert person.proxy.get("weakAlias") == ["Olya PETROVA"]
    assert sorted(person.proxy.get("birthDate")) == ["1965-03-21", "1966"]  # dd/mm/1966
    assert person.proxy.get("passportNumber") == ["720000001"]
    assert company.schema == "Organization"  # NameType "PRIMARY NAME" in capitals
    assert company.caption == "TRADING HOUSE ELEKTRON"
    assert company.proxy.get("registrationNumber") == ["1157700000002"]
    assert ship.schema == "Vessel" and ship.proxy.get("imoNumber") == ["IMO9123453"]
    assert ship.proxy.get("flag") == ["cm"]
