"""UK Sanctions List XML (FCDO), on a fixture written from the published layout."""

from __future__ import annotations

from pathlib import Path

from chokepoint.model import ListedEntity, Relation, entity_id
from chokepoint.sources.gb_fcdo import SOURCE, uk_date

FOLDER = Path(__file__).parents[1] / "fixtures" / "gb_fcdo"


def entries() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(FOLDER)}


def test_ids_and_schemata() -> None:
    assert {e.id: e.schema for e in entries().values()} == {
        entity_id("gb_fcdo", "RUS9001"): "Person",
        entity_id("gb_fcdo", "RUS9002"): "Organization",
        entity_id("gb_fcdo", "RUS9003"): "Vessel",
        entity_id("gb_fcdo", "AFG9004"): "Person",
    }


def test_individual_names_non_latin_and_low_quality_alias() -> None:
    person = entries()["RUS9001"].proxy
    assert person.get("name") == ["Olga Viktorovna PETROVA"]
    assert person.get("alias") == ["Olga PETROVA-SMIRNOVA", "Ольга Викторовна ПЕТРОВА"]
    assert person.get("weakAlias") == ["Olya PETROVA"]  # AliasStrength "Low quality a.k.a"
    assert person.get("firstName") == ["Olga"]


def test_individual_details() -> None:
    person = entries()["RUS9001"].proxy
    assert person.get("birthDate") == ["1965-03-21", "1966"]  # 21/03/1965, dd/mm/1966
    assert person.get("birthPlace") == ["Kazan, Russia"]
    assert person.get("nationality") == ["ru"]
    assert person.get("gender") == ["female"]
    assert person.get("title") == ["Dr"]
    assert person.get("position") == ["General Director"]
    assert person.get("passportNumber") == ["720000001"]
    assert person.get("idNumber") == ["771000000001"]
    assert "Passport 720000001, Russia, issued 2017" in person.get("notes")


def test_designation_facts() -> None:
    person = entries()["RUS9001"].proxy
    assert person.get("program") == ["The Russia (Sanctions) (EU Exit) Regulations 2019"]
    assert person.get("programId") == ["15999"]  # OFSIGroupID
    assert person.get("createdAt") == ["2022-03-15"]
    assert person.get("modifiedAt") == ["2024-03-01"]
    assert "Sanctions imposed: Asset freeze; Travel Ban" in person.get("notes")
    assert "Statement of reasons: Involved in supplying electronic components." in person.get(
        "notes"
    )


def test_entity_with_registration_number_and_parent() -> None:
    company = entries()["RUS9002"]
    assert company.caption == "TRADING HOUSE ELEKTRON"  # NameType "PRIMARY NAME"
    assert company.proxy.get("alias") == ["TD ELEKTRON LLC"]  # "Primary Name Variation"
    assert company.proxy.get("registrationNumber") == ["1157700000002"]
    assert company.proxy.get("email") == ["info@elektron.example", "sales@elektron.example"]
    assert company.proxy.get("address") == ["12 Example Street, Moscow, 125009, Russia"]
    assert company.relations == [Relation("Parent company", "ELEKTRON HOLDING")]


def test_ship() -> None:
    ship = entries()["RUS9003"]
    assert ship.proxy.get("imoNumber") == ["IMO9123453"]
    assert ship.proxy.get("flag") == ["cm"]
    assert ship.proxy.get("pastFlags") == ["pa"]
    assert ship.proxy.get("type") == ["Crude Oil Tanker"]
    assert ship.proxy.get("tonnage") == ["57000"]
    assert ship.proxy.get("buildDate") == ["2004"]
    assert ship.relations == [Relation("Owner/operator", "NORTHERN SHIPPING LTD")]


def test_un_designation_with_partial_date_of_birth() -> None:
    person = entries()["AFG9004"].proxy
    assert person.get("birthDate") == ["1960-05"]  # dd/05/1960
    assert person.get("alias") == ["عبد الرحيم نوری"]
    assert person.get("programId") == ["TAi.999", "7999"]  # UNReferenceNumber, OFSIGroupID
    assert "Designation source: UN" in person.get("notes")


def test_uk_dates() -> None:
    assert uk_date("09/05/2024") == "2024-05-09"
    assert uk_date("dd/mm/1945") == "1945"
    assert uk_date("31/02/1970") == "31/02/1970"  # no such day: left for the model to flag


def test_publisher_date() -> None:
    assert SOURCE.published(FOLDER) == "2026-11-20"
