"""OFAC SDN legacy CSV: the real snapshot in shared/lists, and edge cases in fixtures."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity, entity_id
from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists

SOURCE = BY_KEY["us_ofac_sdn"]
EDGE = Path(__file__).parents[1] / "fixtures" / "us_ofac_sdn_edge"


@cache
def sdn() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(shared_lists() / "us_ofac_sdn")}


def test_every_entry_of_the_publisher_is_loaded() -> None:
    entities = sdn()
    assert len(entities) == 8976  # sdn.csv: 8,976 rows, then OFAC's end-of-file ^Z
    assert max(int(k) for k in entities) == 32391


def test_source_files_and_official_urls() -> None:
    assert SOURCE.files["sdn.csv"].endswith("/exports/SDN.CSV")
    assert SOURCE.optional == frozenset({"sdn_comments.csv"})


def test_company_with_aliases_registration_and_website() -> None:
    # 16868,"JOINT STOCK COMPANY CONCERN RADIO-ELECTRONIC TECHNOLOGIES",...,
    #   "Website http://www.kret.com; Registration ID 1097746084666; a.k.a. 'KRET'."
    kret = sdn()["16868"]
    assert kret.id == entity_id("us_ofac_sdn", "16868")
    assert kret.schema == "Organization"
    assert kret.caption == "JOINT STOCK COMPANY CONCERN RADIO-ELECTRONIC TECHNOLOGIES"
    assert kret.proxy.get("alias") == ["CONCERN RADIO-ELECTRONIC TECHNOLOGIES"]  # alt.csv
    assert kret.proxy.get("weakAlias") == ["KRET"]  # remarks
    assert kret.proxy.get("registrationNumber") == ["1097746084666"]
    assert kret.proxy.get("ogrnCode") == ["1097746084666"]  # a Russian OGRN
    assert kret.proxy.get("website") == ["http://www.kret.com/"]
    assert kret.proxy.get("address") == ["20/1 Korp. 1 ul. Goncharnaya, Moscow 109240, Russia"]
    assert kret.proxy.get("country") == ["ru"]
    assert kret.proxy.get("program") == ["UKRAINE-EO13661"]


def test_vessel_columns_identifiers_and_owner_link() -> None:
    # 15036,"ARTAVIL","vessel","IRAN",-0- ,"T2EU4","Crude/Oil Products Tanker","99,144",
    #   "56,068","Iran",-0- ,"Former Vessel Flag Malta; ... IMO 9187629; MMSI 572469210;
    #   f.k.a. 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY."
    vessel = sdn()["15036"]
    assert vessel.schema == "Vessel"
    assert vessel.proxy.get("imoNumber") == ["IMO9187629"]
    assert vessel.proxy.get("mmsi") == ["572469210"]
    assert vessel.proxy.get("callSign") == ["T2EU4"]
    assert vessel.proxy.get("type") == ["Crude/Oil Products Tanker"]
    assert vessel.proxy.get("tonnage") == ["99144"]
    assert vessel.proxy.get("grossRegisteredTonnage") == ["56068"]
    assert vessel.proxy.get("flag") == ["ir"]
    assert vessel.proxy.get("pastFlags") == ["mt", "tv", "tz"]
    assert vessel.proxy.get("previousName") == ["ABADAN", "SHONA"]  # alt.csv fka
    assert vessel.proxy.get("weakAlias") == ["ALPHA"]  # remarks f.k.a.
    (link,) = vessel.relations
    assert (link.relation, link.name, link.target) == (
        "Linked To",
        "NATIONAL IRANIAN TANKER COMPANY",
        entity_id("us_ofac_sdn", "15117"),
    )
    # "alt. Former Vessel Flag None Identified" is no country: kept as a flag.
    assert [(f.prop, f.value) for f in vessel.flags] == [("pastFlags", "None Identified")]


def test_person_with_several_birth_dates_passport_post_and_link() -> None:
    person = sdn()["2686"]  # "NASRALLAH, Hasan","individual","SDGT] [SYRIA",...
    assert person.schema == "Person"
    assert (person.proxy.get("lastName"), person.proxy.get("firstName")) == (
        ["NASRALLAH"],
        ["Hasan"],
    )
    assert person.proxy.get("program") == ["SDGT", "SYRIA"]
    assert person.proxy.get("position") == ["Secretary General of Hizballah"]
    assert sorted(person.proxy.get("birthDate")) == [
        "1953-08-31",
        "1955-08-31",
        "1958-08-31",
        "1960-08-31",
    ]
    assert person.proxy.get("birthPlace") == ["Al Basuriyah, Lebanon"]
    assert person.proxy.get("passportNumber") == ["042833"]
    assert person.proxy.get("gender") == ["male"]
    assert person.proxy.get("country") == ["lb"]
    assert person.proxy.get("address") == []  # add.csv gives only the country
    assert [(r.name, r.target) for r in person.relations] == [
        ("HIZBALLAH", entity_id("us_ofac_sdn", "4697"))
    ]


def test_circa_and_range_birth_dates() -> None:
    assert sdn()["7782"].proxy.get("birthDate") == ["1951"]  # "DOB circa 1951"
    assert sdn()["15496"].proxy.get("birthDate") == ["1929", "1930"]  # "DOB 1929 to 1930"


def test_russian_tax_and_registration_numbers_get_their_own_properties() -> None:
    # "Tax ID No. 7743693291 (Russia); ... Public Registration Number 1087746669845 (Russia)."
    gurgen = sdn()["16274"]
    assert gurgen.proxy.get("innCode") == ["7743693291"]
    assert gurgen.proxy.get("ogrnCode") == ["1087746669845"]


def test_aircraft_from_remarks() -> None:
    plane = sdn()["15431"]  # "EP-GOM","aircraft"
    assert plane.schema == "Airplane"
    assert plane.proxy.get("model") == ["IL76-TD"]
    assert plane.proxy.get("buildDate") == ["1992"]
    assert plane.proxy.get("serialNumber") == ["8401", "1023409321"]
    assert [(r.relation, r.name) for r in plane.relations] == [
        ("Operator", "YAS AIR"),
        ("Linked To", "POUYA AIR"),
    ]


def test_remarks_continued_in_the_comments_file_are_joined() -> None:
    # sdn.csv cuts 12300's remarks mid-word ("PROMO RAI"); sdn_comments.csv goes on ("Z S.A.S.").
    links = {r.name: r.target for r in sdn()["12300"].relations}
    assert "PROMO RAIZ S.A.S." in links
    assert links["RED MUNDIAL INMOBILIARIA, S.A. DE C.V."] is not None


def test_almost_every_link_points_at_its_entry() -> None:
    links = [r for e in sdn().values() for r in e.relations if r.relation == "Linked To"]
    assert len(links) == 3408
    # The 9 others name entries of other lists (ROSNEFT is non-SDN) or no exact name.
    assert sum(r.target is None for r in links) == 9


def edge_entities(folder: Path) -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(folder)}


def test_edge_person_latin1_programs_dates_and_remark_alias() -> None:
    # 1,"MÜLLER, Jörg","individual","SDGT] [IRGC","Minister of Finance",-0- ,...,
    #   "DOB circa 1955; alt. DOB 1960 to 1962; a.k.a. 'JM'; ...; Linked To: ACME TRADING S.A."
    person = edge_entities(EDGE / "ok")["1"]
    assert person.caption == "MÜLLER, Jörg"
    assert person.proxy.get("program") == ["SDGT", "IRGC"]
    assert person.proxy.get("birthDate") == ["1955", "1960", "1961", "1962"]
    assert person.proxy.get("previousName") == ["MUELLER, Joerg"]  # alt.csv fka
    assert person.proxy.get("weakAlias") == ["JM"]
    assert "Astrology Sign Leo" in person.proxy.get("notes")[0]  # an unknown piece is kept
    # The remark's closing full stop is the name's own: the link finds "ACME TRADING S.A.".
    assert [(r.name, r.target) for r in person.relations] == [
        ("ACME TRADING S.A.", entity_id("us_ofac_sdn", "2"))
    ]


def test_edge_remarks_cut_mid_word_or_at_a_space_are_joined_as_written() -> None:
    entities = edge_entities(EDGE / "ok")
    # "... Registration Number 10277" + "00070518 (Russia); Linked To: SEA STAR."
    assert entities["2"].proxy.get("ogrnCode") == ["1027700070518"]
    assert entities["2"].proxy.get("innCode") == ["7736050003"]
    # "... MMSI" + " 572469210; f.k.a. 'STAR'."
    assert entities["3"].proxy.get("mmsi") == ["572469210"]
    assert entities["3"].proxy.get("weakAlias") == ["STAR"]


def test_edge_vessel_owner_and_nka() -> None:
    vessel = edge_entities(EDGE / "ok")["3"]
    assert vessel.proxy.get("alias") == ["OCEAN STAR"]  # nka
    assert vessel.proxy.get("tonnage") == ["150000"]
    assert [(r.relation, r.name, r.target) for r in vessel.relations] == [
        ("Owner", "Sea Star Shipping Ltd.", None)
    ]


def test_edge_empty_cells_everywhere_and_orphan_rows() -> None:
    entities = edge_entities(EDGE / "ok")
    # ^Z dropped; alias, address and comment rows of ent_num 98 and 99 ignored.
    assert sorted(entities) == ["1", "2", "3", "4"]
    empty = entities["4"]
    assert empty.schema == "Organization"
    assert empty.proxy.to_dict()["properties"] == {"name": ["EMPTY ENTRY"]}
    assert empty.flags == [] and empty.relations == []


def test_comments_file_is_optional(tmp_path: Path) -> None:
    folder = shutil.copytree(EDGE / "ok", tmp_path / "us_ofac_sdn")
    (folder / "sdn_comments.csv").write_bytes(b"")
    assert edge_entities(folder)["3"].proxy.get("mmsi") == []
    (folder / "sdn_comments.csv").unlink()
    assert len(edge_entities(folder)) == 4


def test_wrong_column_count_names_file_and_line() -> None:
    with pytest.raises(ListFormatError, match=r"sdn\.csv: line 2: 11 columns, expected 12"):
        list(SOURCE.parse(EDGE / "bad_columns"))


def test_a_repeated_entry_number_is_refused(tmp_path: Path) -> None:
    folder = shutil.copytree(EDGE / "ok", tmp_path / "us_ofac_sdn")
    lines = (folder / "sdn.csv").read_bytes().split(b"\r\n")
    (folder / "sdn.csv").write_bytes(b"\r\n".join([*lines[:2], lines[0], *lines[2:]]))
    with pytest.raises(ListFormatError, match=r"sdn\.csv: line 3: ent_num '1' is repeated"):
        list(SOURCE.parse(folder))


def test_a_missing_required_file_is_refused(tmp_path: Path) -> None:
    folder = shutil.copytree(EDGE / "ok", tmp_path / "us_ofac_sdn")
    (folder / "alt.csv").unlink()
    with pytest.raises(ListFormatError, match=r"alt\.csv: file is missing"):
        list(SOURCE.parse(folder))
