"""OFAC SDN legacy CSV, on the real snapshot in shared/lists."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity
from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists

SOURCE = BY_KEY["us_ofac_sdn"]


@cache
def sdn() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(shared_lists() / "us_ofac_sdn")}


def test_every_entry_of_the_publisher_is_loaded() -> None:
    assert len(sdn()) == 8976  # the file's 8,977 lines less its end-of-file ^Z line


def test_company_with_alias_registration_and_website_from_remarks() -> None:
    kret = sdn()["16868"]
    assert kret.id == "us_ofac_sdn-16868"
    assert kret.caption == "JOINT STOCK COMPANY CONCERN RADIO-ELECTRONIC TECHNOLOGIES"
    assert kret.proxy.get("alias") == ["CONCERN RADIO-ELECTRONIC TECHNOLOGIES", "KRET"]
    assert kret.proxy.get("registrationNumber") == ["1097746084666"]
    assert kret.proxy.get("website") == ["http://www.kret.com/"]
    assert kret.proxy.get("country") == ["ru"]
    assert kret.proxy.get("program") == ["UKRAINE-EO13661"]


def test_vessel_columns_and_identifiers() -> None:
    vessel = sdn()["15036"]
    assert vessel.schema == "Vessel"
    assert vessel.proxy.get("imoNumber") == ["IMO9187629"]
    assert vessel.proxy.get("mmsi") == ["572469210"]
    assert vessel.proxy.get("callSign") == ["T2EU4"]
    assert vessel.proxy.get("flag") == ["ir"]
    assert vessel.proxy.get("pastFlags") == ["mt", "tv", "tz"]  # "Former Vessel Flag ..."
    assert vessel.proxy.get("previousName") == ["ABADAN", "SHONA", "ALPHA"]


def test_person_with_several_birth_dates_passport_and_link() -> None:
    person = sdn()["2686"]
    assert person.schema == "Person"
    assert person.proxy.get("lastName") == ["NASRALLAH"]
    assert sorted(person.proxy.get("birthDate")) == [
        "1953-08-31",
        "1955-08-31",
        "1958-08-31",
        "1960-08-31",
    ]
    assert person.proxy.get("passportNumber") == ["042833"]
    assert [r.name for r in person.relations] == ["HIZBALLAH"]


def test_russian_tax_and_registration_numbers_get_their_own_properties() -> None:
    gurgen = sdn()["16274"]
    assert gurgen.proxy.get("innCode") == ["7743693291"]
    assert gurgen.proxy.get("ogrnCode") == ["1087746669845"]


def test_remarks_continued_in_the_comments_file_are_joined() -> None:
    # sdn.csv cuts 12300's remarks mid-word ("PROMO RAI"); sdn_comments.csv goes on ("Z S.A.S.").
    names = [r.name for r in sdn()["12300"].relations]
    assert "PROMO RAIZ S.A.S" in names and "RED MUNDIAL INMOBILIARIA, S.A. DE C.V" in names


def write_files(folder: Path, main: str, alt: str = "", add: str = "") -> Path:
    folder.mkdir()
    (folder / "sdn.csv").write_text(main, encoding="latin-1")
    (folder / "alt.csv").write_text(alt or '1,1,"aka","X",-0- \n', encoding="latin-1")
    (folder / "add.csv").write_text(add or "1,1,-0- ,-0- ,-0- ,-0- \n", encoding="latin-1")
    return folder


def test_edge_cases_of_the_format(tmp_path: Path) -> None:
    main = (
        '1,"MÜLLER, Jörg","individual","SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        "\"DOB circa 1955; alt. DOB 1960 to 1962; a.k.a. 'JM'; Gender Male.\"\r\n\x1a\n"
    )
    alt = '1,1,"fka","MUELLER, Joerg",-0- \n99,2,"aka","ORPHAN",-0- \n'
    (entity,) = SOURCE.parse(write_files(tmp_path / "us_ofac_sdn", main, alt))
    assert entity.caption == "MÜLLER, Jörg"  # latin-1 decoded
    assert entity.proxy.get("program") == ["SDGT", "IRGC"]
    assert sorted(entity.proxy.get("birthDate")) == ["1955", "1960", "1961", "1962"]
    assert entity.proxy.get("previousName") == ["MUELLER, Joerg"]
    assert entity.proxy.get("alias") == ["JM"]
    assert entity.proxy.get("gender") == ["male"]


def test_wrong_column_count_names_file_and_line(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "us_ofac_sdn", '1,"A","individual"\n')
    with pytest.raises(ListFormatError, match=r"sdn.csv: line 1: 3 columns, expected 12"):
        list(SOURCE.parse(folder))
