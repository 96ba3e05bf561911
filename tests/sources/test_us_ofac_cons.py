"""OFAC consolidated non-SDN lists: the same legacy layout, other file names."""

from __future__ import annotations

from collections import Counter
from functools import cache

from chokepoint.model import ListedEntity, entity_id
from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists

SOURCE = BY_KEY["us_ofac_cons"]


@cache
def cons() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(shared_lists() / "us_ofac_cons")}


def test_every_entry_is_loaded() -> None:
    # cons_prim.csv holds 442 rows and OFAC's end-of-file ^Z (443 "lines" to a line count).
    assert len(cons()) == 442
    assert SOURCE.files["cons_prim.csv"].endswith("/exports/CONS_PRIM.CSV")
    assert SOURCE.optional == frozenset({"cons_comments.csv"})


def test_person_of_the_plc_list() -> None:
    # 9639,"HANIYA, Ismail Abdul Salah","individual","NS-PLC",...,"DOB 1962; POB Shati."
    haniya = cons()["9639"]
    assert haniya.id == entity_id("us_ofac_cons", "9639")
    assert haniya.proxy.get("lastName") == ["HANIYA"]
    assert haniya.proxy.get("program") == ["NS-PLC"]
    assert haniya.proxy.get("birthDate") == ["1962"]
    assert haniya.proxy.get("birthPlace") == ["Shati"]
    assert haniya.proxy.get("alias") == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]


def test_remarks_cut_at_a_space_keep_it() -> None:
    # cons_prim.csv ends 17254's remarks "...; Government", the comment goes on " Gazette
    # Number 00044463 (Russia); Registration Number 1027700049486 (Russia); ..."
    transneft = cons()["17254"]
    assert "Government Gazette Number 00044463" in transneft.proxy.get("notes")[0]
    assert "00044463" in transneft.proxy.get("registrationNumber")
    assert transneft.proxy.get("ogrnCode") == ["1027700049486"]
    assert transneft.proxy.get("incorporationDate") == ["1993-08-26"]
    assert transneft.proxy.get("previousName") == [
        "AK TRANSNEFT OAO",
        "AKTSIONERNAYA KOMPANIYA PO TRANSPORTU NEFTI TRANSNEFT PAO",
    ]


def test_listed_securities_make_a_company() -> None:
    # 30930,"CHINA COMMUNICATIONS CONSTRUCTION COMPANY LIMITED",-0- ,"CMIC-EO13959",...,
    #   "Equity Ticker 601800 CN; ...; ISIN CND10000GBD8; ...; Target Type Public Company; ...;
    #   Listing Date (CMIC) 03 Jun 2021; Unified Social Credit Code (USCC) 91110000710934369E "
    #   + cons_comments.csv "(China); a.k.a. 'CCCC'."
    cccc = cons()["30930"]
    assert cccc.schema == "Company"
    assert cccc.proxy.get("ticker")[:2] == ["601800 CN", "01800 HK"]
    assert "CND10000GBD8" in cccc.proxy.get("isinCode")
    assert cccc.proxy.get("createdAt") == ["2021-06-03"]
    assert cccc.proxy.get("registrationNumber") == ["91110000710934369E"]
    assert cccc.proxy.get("weakAlias") == ["CCCC"]
    assert cccc.proxy.get("country") == ["cn"]


def test_schemata_and_links() -> None:
    entities = cons().values()
    assert Counter(e.schema for e in entities) == {
        "Organization": 305,
        "Person": 79,
        "Company": 58,
    }
    links = [r for e in entities for r in e.relations]
    # HAMAS, the one link left, is an SDN entry.
    assert [r.name for r in links if r.target is None] == ["HAMAS"]
