"""Cases: a hit says "blocked by ownership"; rescreening re-evaluates ownership when the
ownership data changes, and only changed facts open new cases."""

from __future__ import annotations

import json
from pathlib import Path

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
