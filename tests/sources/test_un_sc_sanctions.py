"""UN Security Council consolidated list XML, on the real snapshot in shared/lists."""

from __future__ import annotations

from collections import Counter
from functools import cache

from chokepoint.model import Flag, ListedEntity, entity_id
from chokepoint.sources.un_sc_sanctions import SOURCE
from tests.conftest import shared_lists

FOLDER = shared_lists() / "un_sc_sanctions"


@cache
def un() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(FOLDER)}


def test_counts_equal_the_publishers() -> None:
    assert Counter(e.schema for e in un().values()) == {"Person": 730, "Organization": 273}


def test_ids_are_the_dataid() -> None:
    assert un()["6908704"].id == entity_id("un_sc_sanctions", "6908704")


def test_original_script_name_and_aliases_good_and_low_kept_apart() -> None:
    person = un()["6908704"].proxy
    assert person.get("name") == ["Ahmad Oumar Imhamad al-Fitouri"]
    assert person.get("firstName") == ["Ahmad"] and person.get("secondName") == ["Oumar"]
    assert person.get("alias") == ["احمد عمر امحمد الفيتوري"]  # NAME_ORIGINAL_SCRIPT
    assert person.get("weakAlias") == [  # QUALITY "Low"
        "Al-Dabachi",
        "Al Ammu",
        "The Uncle",
        "Al-Ahwal",
        "Al Dabbashi",
    ]


def test_passport_and_national_id() -> None:
    person = un()["6908704"].proxy
    assert person.get("passportNumber") == ["LY53FP76"]
    assert person.get("idNumber") == ["119880387067"]
    assert "Document: Passport; LY53FP76; Libya; Tripoli; 2015-09-29" in person.get("notes")


def test_a_number_written_in_a_sentence_is_also_kept_bare() -> None:
    assert un()["6908466"].proxy.get("passportNumber") == [
        "CAR diplomatic passport no. D00000898",
        "D00000898",
    ]
    # No NUMBER: the number is in TYPE_OF_DOCUMENT2.
    assert "4414" in un()["111182"].proxy.get("idNumber")


def test_birth_date_between_two_years_is_every_year_of_the_range() -> None:
    # <TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1977</FROM_YEAR><TO_YEAR>1982</TO_YEAR>
    assert un()["3012888"].proxy.get("birthDate") == [
        "1977",
        "1978",
        "1979",
        "1980",
        "1981",
        "1982",
    ]


def test_approximate_ranges_are_noted_as_approximate() -> None:
    person = un()["110577"].proxy  # two BETWEEN ranges, NOTE "Approximately"
    assert person.get("birthDate") == ["1955", "1956", "1957", "1958"] + [
        "1945",
        "1946",
        "1947",
        "1948",
        "1949",
        "1950",
    ]
    assert "Date of birth approximately 1955 to 1958" in person.get("notes")


def test_birth_dates_in_all_their_forms() -> None:
    assert un()["6907996"].proxy.get("birthDate") == ["1973-11"]  # only NOTE "Nov. 1973"
    assert un()["6908545"].proxy.get("birthDate") == ["1958-09"]  # YEAR 1958, NOTE "Sep."
    nzeyimana = un()["6908017"].proxy  # EXACT DATE, EXACT DATE, APPROXIMATELY YEAR 1967
    assert nzeyimana.get("birthDate") == ["1966-01-01", "1966-08-28", "1967"]
    assert "Date of birth approximately 1967" in nzeyimana.get("notes")


def test_a_date_of_birth_in_words_is_kept_as_a_flag() -> None:
    assert un()["2983746"].flags == [
        Flag("birthDate", "Between Aug. and Sep. 1977", "not a valid date")
    ]


def test_multi_valued_fields_keep_every_value() -> None:
    person = un()["110577"].proxy
    assert person.get("title") == ["Mullah", "Haji"]
    assert len(person.get("position")) == 4
    assert len(person.get("modifiedAt")) == 5


def test_entity_former_names_program_and_dates() -> None:
    adf = un()["6908402"].proxy
    assert adf.schema.name == "Organization"
    assert adf.get("alias") == ["Allied Democratic Forces"]  # QUALITY "a.k.a."
    assert adf.get("previousName") == [  # QUALITY "f.k.a."
        "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda",
        "ADF/NALU",
        "NALU",
    ]
    assert adf.get("program") == ["DRC"] and adf.get("programId") == ["CDe.001"]
    assert adf.get("createdAt") == ["2014-06-30"]
    assert adf.get("country") == ["cd"]


def test_person_details() -> None:
    taganda = un()["6908021"].proxy
    assert taganda.get("gender") == ["male"]
    assert taganda.get("nationality") == ["cd"]
    assert taganda.get("birthPlace") == ["Bigogwe, Rwanda"]
    assert taganda.get("address") == ["Belgium, As of 14 December 2022"]
    assert "Alias Tango Romeo: Call sign" in taganda.get("notes")


def test_publisher_date_is_the_generation_date() -> None:
    assert SOURCE.published(FOLDER) == "2026-02-27T00:00:09.554Z"
