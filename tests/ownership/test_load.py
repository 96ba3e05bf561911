"""``ownership load``: bad rows named by line, nothing half-written, ids settled."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import run
from tests.ownership.conftest import FIXTURES, NORTHWIND, VOLKOV

HEADER = "owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source\n"


def write(tmp_path: Path, text: str, name: str = "stakes.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bad_rows_are_reported_by_line_and_nothing_is_stored(group_db: str, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        HEADER
        + "a,A,b,B,120,,,x\n"  # line 2: share out of range
        + "a,A,b,B,ten,,,x\n"  # line 3: not a number
        + ",,b,B,10,,,x\n"  # line 4: no owner
        + "a,A,b,B,10,2024-05-01,2020-01-01,x\n"  # line 5: ends before it starts
        + "a,A,a,A,10,,,x\n"  # line 6: owns itself
        + "a,A,b\n"  # line 7: short
        + "a,A,b,B,10,01/02/2020,,x\n",  # line 8: not an ISO date
    )
    result = run("ownership", "load", bad, "--db", group_db)
    assert result.exit_code == 2
    message = result.output
    for line in range(2, 9):
        assert f"line {line}:" in message
    assert "nothing loaded" in message
    assert "Traceback" not in message
    # The group loaded before is still the current version.
    result = run("ownership", "explain", "alpha", "--json", "--db", group_db)
    assert json.loads(result.stdout)["status"]["ofac"] == "blocked"


def test_the_header_must_be_exact(db_url: str, tmp_path: Path) -> None:
    result = run("ownership", "load", write(tmp_path, "owner,owned,share\n"), "--db", db_url)
    assert result.exit_code == 2
    assert "line 1: the header must be owner_id,owner_name,owned_id" in result.output


def test_user_keys_are_never_resolved_to_listed_entities(db_url: str, tmp_path: Path) -> None:
    assert run("lists", "load", str(FIXTURES), "--db", db_url).exit_code == 0
    stakes = write(
        tmp_path,
        HEADER
        + "nw,NORTHWIND HOLDINGS LTD,sub,SUB LLC,100,,,x\n"
        + f"{VOLKOV},,sub2,SUB TWO LLC,51,,,x\n",  # a listed id, as the lists answer to it
    )
    result = run("ownership", "load", stakes, "--db", db_url)
    assert result.exit_code == 0, result.output
    data = json.loads(run("ownership", "explain", "sub", "--json", "--db", db_url).stdout)
    assert data["status"]["ofac"] == "clear"  # "nw" is the user's own party, not the SDN
    assert NORTHWIND not in json.dumps(data)
    data = json.loads(run("ownership", "explain", "sub2", "--json", "--db", db_url).stdout)
    assert data["blocked"]["ofac"] is True
    assert data["paths"][0]["owners"] == [VOLKOV, "sub2"]


def test_ftm_ownership_lines(db_url: str, tmp_path: Path) -> None:
    assert run("lists", "load", str(FIXTURES), "--db", db_url).exit_code == 0
    lines = [
        {
            "id": "o1",
            "schema": "Ownership",
            "properties": {"owner": [VOLKOV], "asset": ["c1"], "percentage": ["51"]},
        },
        {"id": "c1", "schema": "Company", "properties": {"name": ["C ONE LLC"]}},
    ]
    path = write(tmp_path, "\n".join(json.dumps(x) for x in lines) + "\n", "stakes.json")
    result = run("ownership", "load", path, "--db", db_url)
    assert result.exit_code == 0, result.output
    data = json.loads(run("ownership", "explain", "c1", "--json", "--db", db_url).stdout)
    assert data["name"] == "C ONE LLC"
    assert data["blocked"]["ofac"] is True


def test_ftm_ownership_in_a_list_folder(db_url: str, tmp_path: Path) -> None:
    """``Ownership`` entities of an ``ftm_*`` folder are no longer skipped."""
    folder = tmp_path / "ftm_group"
    folder.mkdir()
    lines = [
        {
            "id": "own-1",
            "schema": "Ownership",
            "properties": {"owner": ["p1"], "asset": ["c1"], "percentage": ["60"]},
        },
        {"id": "p1", "schema": "Person", "properties": {"name": ["Pat Owner"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["Owned Co"]}},
    ]
    (folder / "entities.json").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    assert run("lists", "load", str(folder), "--db", db_url).exit_code == 0
    from chokepoint.model import entity_id

    owned = entity_id("ftm_group", "c1")
    data = json.loads(run("ownership", "explain", owned, "--json", "--db", db_url).stdout)
    assert data["id"] == owned
    assert data["status"]["ofac"] == "clear"  # an FtM list blocks under no regime
    entity = json.loads(run("entity", owned, "--json", "--db", db_url).stdout)
    assert entity["relations"][0]["share"] == 60
    assert entity["relations"][0]["target"] == entity_id("ftm_group", "p1")
