"""EU Financial Sanctions Files XML 1.1, on a fixture written from the published layout."""

from __future__ import annotations

from pathlib import Path

from chokepoint.model import ListedEntity, entity_id
from chokepoint.sources.eu_fsf import SOURCE

FOLDER = Path(__file__).parents[1] / "fixtures" / "eu_fsf"


def entries() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(FOLDER)}


def test_ids_and_schemata() -> None:
    assert {e.id: e.schema for e in entries().values()} == {
        entity_id("eu_fsf", "900101"): "Person",
        entity_id("eu_fsf", "900202"): "Organization",
        entity_id("eu_fsf", "900404"): "Organization",  # a vessel: the EU lists it as an enterprise
        entity_id("eu_fsf", "900303"): "Person",
    }


def test_first_strong_name_is_the_name_other_strong_names_aliases_weak_ones_weak() -> None:
    person = entries()["900101"].proxy
    assert person.get("name") == ["Ivan Petrovich SIDORENKO"]
    assert person.get("alias") == ["Иван Петрович Сидоренко", "Ivan SYDORENKO"]
    # strong="false", and a strong name whose remark says "Low quality alias"
    assert person.get("weakAlias") == ["Vanya", "The Engineer"]
    assert person.get("firstName") == ["Ivan", "Иван"]
    assert person.get("lastName") == ["Sidorenko", "Сидоренко", "Sydorenko"]


def test_name_attributes_title_function_gender() -> None:
    person = entries()["900101"].proxy
    assert person.get("title") == ["Colonel"]
    # function="(a) Deputy director of a defence plant, (b) member of its board"
    assert person.get("position") == ["Deputy director of a defence plant", "member of its board"]
    assert person.get("gender") == ["male"]


def test_birth_dates_exact_and_circa_and_birth_place() -> None:
    person = entries()["900101"].proxy
    assert person.get("birthDate") == ["1961-04-12", "1962"]
    assert "Date of birth approximately 1962" in person.get("notes")  # circa="true"
    assert person.get("birthPlace") == ["Tula, RUSSIAN FEDERATION"]
    assert person.get("birthCountry") == ["ru"]


def test_birth_year_range() -> None:
    kim = entries()["900303"].proxy  # yearRangeFrom="1970" yearRangeTo="1972" circa="true"
    assert kim.get("birthDate") == ["1970", "1971", "1972"]
    assert "Date of birth approximately 1970 to 1972" in kim.get("notes")
    assert kim.get("alias") == ["김철"]
    assert kim.get("programId") == ["EU.9003.03", "KPi.999"]  # EU and UN references


def test_passport_tax_number_and_citizenship() -> None:
    person = entries()["900101"].proxy
    assert person.get("passportNumber") == ["7512345678"]
    assert person.get("taxNumber") == ["771234567890"]
    assert person.get("nationality") == ["ru"]
    assert (
        "Document: National passport; 7512345678; RUSSIAN FEDERATION; "
        "Ministry of Foreign Affairs; 2019-06-01; Valid until 2029"
    ) in person.get("notes")


def test_regulations_give_program_source_and_listing_date() -> None:
    person = entries()["900101"].proxy
    assert person.get("program") == ["UKR"]
    assert person.get("createdAt") == ["2022-02-28"]  # the earliest, not the amendment
    assert person.get("sourceUrl") == [
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2022:058:FULL",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2023:075I:FULL",
    ]


def test_enterprise_with_registration_number_and_contacts() -> None:
    company = entries()["900202"].proxy
    assert company.get("name") == ["Limited Liability Company Navigator Systems"]
    assert company.get("alias") == ["ООО Навигатор Системс"]
    assert company.get("registrationNumber") == ["1027700000001"]
    assert company.get("swiftBic") == ["NAVSRUMM"]
    assert company.get("address") == ["Nevsky pr. 10, 191186, Saint Petersburg, RUSSIAN FEDERATION"]
    assert company.get("email") == ["info@navigator.example", "sales@navigator.example"]
    assert company.get("website") == ["https://navigator.example/"]
    assert "Manufacturer of UAV components" in company.get("notes")  # designationDetails


def test_vessel_listed_as_enterprise_keeps_its_imo_number() -> None:
    vessel = entries()["900404"].proxy
    assert vessel.get("imoNumber") == ["IMO9123453"]
    assert vessel.get("alias") == ["SEVERNAYA ZARYA"]
    assert vessel.get("country") == []  # countryIso2Code="00", "UNKNOWN"
    assert vessel.get("address") == []


def test_publisher_date() -> None:
    assert SOURCE.published(FOLDER) == "2026-11-20T10:00:00.000+01:00"
