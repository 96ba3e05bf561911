"""Cases: a hit says "blocked by ownership"; rescreening re-evaluates ownership when the
ownership data changes, and only changed facts open new cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from chokepoint.model import entity_id
from tests.cli.helpers import run

HEADER = "owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source\n"


def test_a_screening_case_says_blocked_by_ownership(group_db: str) -> None:
    result = run("screen", "Alpha Trading LLC", "--record", "--user", "alice", "--db", group_db)
    assert "case 1 opened" in result.output
    shown = run("cases", "show", "1", "--db", group_db).output
    assert "ALPHA TRADING LLC: blocked by ownership" in shown
    assert "four-eyes: yes" in shown


def test_rescreen_follows_a_change_of_ownership(group_db: str, tmp_path: Path) -> None:
    # Zeta is clear when screened and recorded as a subject...
    result = run("screen", "Zeta Logistics LLC", "--record", "--user", "alice", "--db", group_db)
    assert "no case" in result.output
    first = json.loads(run("rescreen", "--json", "--db", group_db).stdout)
    assert first["cases"] == []
    # ...until the ownership data says a blocked party holds its owner outright.
    stakes = tmp_path / "now.csv"
    text = (tmp_path / "group.csv").read_text(encoding="utf-8")
    stakes.write_text(text + "gamma,GAMMA HOLDING LLC,epsilon,EPSILON MACHINERY LLC,60,,,deal\n")
    assert run("ownership", "load", str(stakes), "--db", group_db).exit_code == 0
    second = json.loads(run("rescreen", "--json", "--db", group_db).stdout)
    assert len(second["cases"]) == 1
    shown = run("cases", "show", str(second["cases"][0]), "--db", group_db).output
    assert "ZETA LOGISTICS LLC: blocked by ownership" in shown
    # Nothing changed since: no new case.
    assert json.loads(run("rescreen", "--json", "--db", group_db).stdout)["cases"] == []


def test_a_listed_entry_its_owners_also_block_is_held_once(tmp_path: Path) -> None:
    # Silver Kite is on two CSL sublists (the Entity List and the NS-MBS list, which do
    # not block) and half owned by a firm that an SDN person holds 60%: OFAC's rule
    # blocks it too. Its case holds it once, not a name hit and an ownership hit under
    # one key (recording such a screening once failed on the duplicate).
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    lists = tmp_path / "lists"
    shutil.copytree(fixtures / "parties" / "us_ofac_sdn", lists / "us_ofac_sdn")
    shutil.copytree(fixtures / "db_index_0003" / "us_trade_csl", lists / "us_trade_csl")
    db = f"sqlite:///{tmp_path / 'kite.db'}"
    assert run("lists", "load", str(lists), "--db", db).exit_code == 0
    kite = json.loads(run("screen", "Silver Kite Avionics", "--json", "--db", db).stdout)
    listed = [m["id"] for m in kite["matches"] if m["match"]]
    stakes = tmp_path / "owners.csv"
    stakes.write_text(
        HEADER
        + f"{entity_id('us_ofac_sdn', '90001')},,alpha,ALPHA TRADING LLC,60,,,extract\n"
        + "".join(f"alpha,ALPHA TRADING LLC,{i},,50,,,extract\n" for i in listed)
    )
    assert run("ownership", "load", str(stakes), "--db", db).exit_code == 0
    result = run(
        "screen", "Silver Kite Avionics", "--record", "--user", "ann", "--json", "--db", db
    )
    assert result.exit_code == 0, result.output
    screened = json.loads(result.stdout)
    assert {o["id"] for o in screened["ownership"]} & set(listed)  # blocked by ownership
    shown = run("cases", "show", str(screened["case"]), "--db", db).output
    for entry in listed:  # each entry once
        assert sum(entry in line for line in shown.splitlines()) == 1, shown
