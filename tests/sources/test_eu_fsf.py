"""EU Financial Sanctions Files XML 1.1, on a fixture written from the published schema."""

from __future__ import annotations

from pathlib import Path

from chokepoint.sources import BY_KEY

FOLDER = Path(__file__).parents[1] / "fixtures" / "eu_fsf"
SOURCE = BY_KEY["eu_fsf"]


def test_person_with_scripts_weak_alias_dates_and_passport() -> None:
    person, company, ranged = SOURCE.parse(FOLDER)
    assert person.id == "eu_fsf-900101" and person.schema == "Person"
    assert person.caption == "Ivan Petrovich SIDORENKO"
    assert person.proxy.get("alias") == ["Иван Петрович Сидоренко"]
    assert person.proxy.get("weakAlias") == ["Vanya"]
    assert sorted(person.proxy.get("birthDate")) == ["1961-04-12", "1962"]
    assert person.proxy.get("passportNumber") == ["7512345678"]
    assert person.proxy.get("nationality") == ["ru"]
    assert person.proxy.get("program") == ["UKR"]
    assert company.schema == "Organization"
    assert company.proxy.get("registrationNumber") == ["1027700000001"]
    assert ranged.proxy.get("birthDate") == ["1970", "1971", "1972"]


def test_publisher_date() -> None:
    assert SOURCE.published(FOLDER) == "2026-11-20T10:00:00.000+01:00"
