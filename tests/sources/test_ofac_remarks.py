"""OFAC Remarks pieces, each a literal remark and the properties it becomes."""

from __future__ import annotations

import pytest

from chokepoint.model import ListedEntity
from chokepoint.sources.id_types import id_types
from chokepoint.sources.ofac_remarks import (
    ID_SYNONYMS,
    apply_remarks,
    read_piece,
    read_remarks,
    split_remarks,
)


def read(remarks: str, schema: str = "Person") -> ListedEntity:
    entity = ListedEntity.make("us_ofac_sdn", "1", schema)
    apply_remarks(entity, remarks)
    return entity


def test_only_the_closing_full_stop_of_the_remark_is_dropped() -> None:
    assert split_remarks("Linked To: ACME S.A.; DOB 1962; POB Shati.") == [
        "Linked To: ACME S.A.",
        "DOB 1962",
        "POB Shati",
    ]


@pytest.mark.parametrize(
    ("piece", "fact"),
    [
        ("DOB 12 Jan 1962", ("dob", "12 Jan 1962")),
        ("alt. DOB circa 1955", ("dob", "circa 1955")),
        ("Linked To: HIZBALLAH", ("linked to", "HIZBALLAH")),
        ("Passport A123 (Iran) issued 2010", ("passport", "A123 (Iran) issued 2010")),
        ("Nationality of Registration Russia", ("nationality of registration", "Russia")),
        ("nationality Russia", ("nationality", "Russia")),
        ("Telephone: 0097282851500", ("telephone", "0097282851500")),
        ("Minister of Finance", None),
        ("Gender", None),  # a key without a value is no fact
    ],
)
def test_a_piece_is_read_by_the_longest_key_it_opens_with(
    piece: str, fact: tuple[str, str] | None
) -> None:
    assert read_piece(piece) == fact


def test_birth_dates_full_circa_and_ranges() -> None:
    person = read("DOB 31 Aug 1960; alt. DOB circa 1955; alt. DOB 1929 to 1930; alt. DOB Jan 1959.")
    assert person.proxy.get("birthDate") == ["1960-08-31", "1955", "1929", "1930", "1959-01"]


def test_an_unreadable_birth_date_is_kept_as_a_flag() -> None:
    person = read("DOB sometime in the sixties.")
    assert person.proxy.get("birthDate") == []
    assert [(f.prop, f.value) for f in person.flags] == [("birthDate", "sometime in the sixties")]


def test_person_facts() -> None:
    person = read(
        "POB Al Basuriyah, Lebanon; nationality Lebanon; citizen Iran; Gender Male; "
        "Passport 042833 (Lebanon); National ID No. 0013 (Iran); Email Address a@b.ir."
    )
    assert person.proxy.get("birthPlace") == ["Al Basuriyah, Lebanon"]
    assert person.proxy.get("nationality") == ["lb"]
    assert person.proxy.get("citizenship") == ["ir"]
    assert person.proxy.get("gender") == ["male"]
    assert person.proxy.get("passportNumber") == ["042833"]
    assert person.proxy.get("idNumber") == ["0013"]
    assert person.proxy.get("email") == ["a@b.ir"]


def test_company_identifiers_russian_codes_swift_and_founding_date() -> None:
    company = read(
        "SWIFT/BIC HAVIGB2L; Website www.kret.com; Tax ID No. 7743693291 (Russia); "
        "Registration Number 1027700070518 (Russia); Organization Established Date 26 Aug 1993.",
        "Organization",
    )
    assert company.proxy.get("swiftBic") == ["HAVIGB2L"]
    assert company.proxy.get("website") == ["http://www.kret.com/"]
    assert company.proxy.get("taxNumber") == company.proxy.get("innCode") == ["7743693291"]
    assert company.proxy.get("ogrnCode") == ["1027700070518"]
    assert company.proxy.get("incorporationDate") == ["1993-08-26"]


def test_imo_numbers_under_any_key() -> None:
    vessel = read("Vessel Registration Identification IMO 9187629; MMSI 572469210.", "Vessel")
    assert vessel.proxy.get("imoNumber") == ["IMO9187629"]
    assert vessel.proxy.get("mmsi") == ["572469210"]
    company = read("Company Number IMO 5055293.", "Organization")
    assert company.proxy.get("imoNumber") == ["IMO5055293"]
    assert company.proxy.get("registrationNumber") == []


def test_remark_aliases_are_the_weak_ones() -> None:
    entity = read("a.k.a. 'KRET'; f.k.a. 'ABU 'ABDALLAH'.", "Organization")
    assert entity.proxy.get("weakAlias") == ["KRET", "ABU 'ABDALLAH"]
    assert entity.proxy.get("alias") == []


def test_links_and_operators_are_relations_by_name() -> None:
    plane = read(
        "Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Linked To: POUYA AIR.", "Airplane"
    )
    assert [(r.relation, r.name) for r in plane.relations] == [
        ("Operator", "YAS AIR"),
        ("Linked To", "POUYA AIR"),
    ]
    assert plane.proxy.get("model") == ["IL76-TD"]


def test_listing_date_behind_its_qualifier() -> None:
    entity = read("Listing Date (EO 14024 Directive 3): 24 Feb 2022.", "Organization")
    assert entity.proxy.get("createdAt") == ["2022-02-24"]


def test_unknown_pieces_stay_in_notes_with_the_whole_remark() -> None:
    remarks = (
        "Additional Sanctions Information - Subject to Secondary Sanctions; Astrology Sign Leo."
    )
    entity = read(remarks)
    assert read_remarks(remarks) == []
    assert entity.proxy.get("notes") == [remarks]


def test_identifier_types_missing_from_the_shared_table() -> None:
    entity = read(
        "UK Company Number 01126618 (United Kingdom); US FEIN 95-4227517.", "Organization"
    )
    assert entity.proxy.get("registrationNumber") == ["01126618"]
    assert entity.proxy.get("taxNumber") == ["95-4227517"]


def test_every_synonym_names_a_type_of_the_shared_table() -> None:
    assert set(ID_SYNONYMS.values()) <= set(id_types())
