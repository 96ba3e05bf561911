"""`chokepoint screen` and `screen-file` on the real SDN and UN lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chokepoint.model import entity_id
from tests.cli.helpers import run


@pytest.fixture
def db(sdn_un_db: str) -> str:
    return sdn_un_db


def test_screen_finds_a_listed_company_under_a_clerks_spelling(db: str) -> None:
    result = run("screen", "Concern Radio-Electronic Technologies JSC", "--json", "--db", db)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    top = data["matches"][0]
    assert (top["id"], top["list"], top["list_id"], top["match"]) == (
        entity_id("us_ofac_sdn", "16868"),
        "us_ofac_sdn",
        "16868",
        True,
    )
    assert data["lists"] == {"us_ofac_sdn": 1, "un_sc_sanctions": 1}
    assert top["explanation"]["listed_name"]


def test_screen_a_cyrillic_name_shows_the_same_entry(db: str) -> None:
    result = run("screen", "Джоинт Стокк Компанй Конкерн Радио-Електроник Течнологиес", "--db", db)
    assert result.exit_code == 0
    assert entity_id("us_ofac_sdn", "16868") in result.stdout and "MATCH" in result.stdout


def test_screen_an_unknown_schema_is_a_usage_error(db: str) -> None:
    result = run("screen", "X", "--schema", "Boat", "--db", db)
    assert result.exit_code == 2 and "Invalid value for '--schema'" in result.stderr


def test_screen_without_lists_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    result = run("screen", "Anyone", "--db", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: no database at {path}: run `chokepoint lists load DIR` first\n"
    assert not path.exists()  # a mistyped --db is not made into a new database


def test_screen_file_keeps_order_and_reports_bad_rows(db: str, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text(
        "query_id,name,schema,extra\n"
        "a,Concern Radio-Electronic Technologies JSC,Organization,x\n"
        "b,,Person,x\n"
        "c,Maria Lopez Garcia,Person,x\n"
        "d,Somebody,Spaceship,x\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.jsonl"
    result = run("screen-file", str(queries), "-o", str(out), "--workers", "2", "--db", db)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["query_id"] for line in lines] == ["a", "b", "c", "d"]
    assert lines[0]["matches"][0]["list_id"] == "16868" and lines[0]["matches"][0]["match"]
    assert lines[1]["error"] == "row 3: empty name"
    assert not any(m["match"] for m in lines[2]["matches"])
    assert lines[3]["error"].startswith("row 5: unknown schema 'Spaceship'")
    assert "4 queries screened, 2 with errors" in result.stderr


def test_screen_file_reads_json_lines(db: str, tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"query_id": 7, "name": "KRET"}\nnot json\n', encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert run("screen-file", str(queries), "-o", str(out), "--db", db).exit_code == 0
    first, second = (json.loads(line) for line in out.read_text().splitlines())
    assert first["query_id"] == "7" and first["matches"][0]["list_id"] == "16868"
    assert second["error"].startswith("row 2: not JSON")
