"""The README's worked example, on SQLite and PostgreSQL: every case of the issue."""

from __future__ import annotations

import json
from typing import Any

from tests.cli.helpers import run
from tests.ownership.conftest import NORTHWIND, PETROV, VOLKOV


def explain(db: str, entity: str) -> dict[str, Any]:
    result = run("ownership", "explain", entity, "--json", "--db", db)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_direct_50_percent_blocks_under_ofac_only(group_db: str) -> None:
    data = explain(group_db, "alpha")
    assert data["id"] == "alpha"
    assert data["blocked"] == {"ofac": True, "eu": False, "uk": False, "bis": False}
    assert data["status"]["ofac"] == "blocked"
    assert data["blocked_share"]["ofac"] == 50
    assert [p["owners"] for p in data["paths"]] == [[VOLKOV, "alpha"]]
    assert data["paths"][0]["share"] == 50


def test_two_listed_owners_add_up(group_db: str) -> None:
    data = explain(group_db, "beta")
    assert data["status"]["ofac"] == "blocked"
    assert data["blocked_share"]["ofac"] == 50
    assert sorted(p["owners"][0] for p in data["paths"]) == sorted([VOLKOV, PETROV])


def test_chain_through_a_blocked_subsidiary(group_db: str) -> None:
    data = explain(group_db, "delta")
    assert data["status"]["ofac"] == "blocked"
    assert data["blocked_share"]["ofac"] == 60
    paths = {tuple(p["owners"]): p["share"] for p in data["paths"]}
    assert paths == {(VOLKOV, "delta"): 35, (VOLKOV, "gamma", "delta"): 25}
    text = run("ownership", "explain", "delta", "--db", group_db).stdout
    assert (
        "owned 60% in the aggregate by VOLKOV, Ivan Petrovich (SDN, 35%) and GAMMA HOLDING"
        " LLC (blocked: owned 100% by VOLKOV, Ivan Petrovich, 25%): blocked under the OFAC"
        " 50 Percent Rule" in text
    )


def test_a_40_percent_stake_passes_nothing_on(group_db: str) -> None:
    assert explain(group_db, "epsilon")["status"]["ofac"] == "clear"
    data = explain(group_db, "zeta")
    assert data["status"]["ofac"] == "clear"
    assert data["paths"] == []
    assert "passes nothing on" in data["notes"]["ofac"]


def test_an_expired_stake_does_not_count(group_db: str) -> None:
    data = explain(group_db, "eta")
    assert data["status"]["ofac"] == "clear"
    assert data["blocked_share"]["ofac"] == 0
    assert "ended 2020-12-31" in data["notes"]["ofac"]


def test_an_unknown_share_gives_review(group_db: str) -> None:
    data = explain(group_db, "theta")
    assert data["status"]["ofac"] == "review"
    assert data["blocked"]["ofac"] is False
    assert data["paths"][0]["owners"] == [NORTHWIND, "theta"]
    assert data["paths"][0]["share"] is None


def test_a_cycle_terminates_and_blocks_both(group_db: str) -> None:
    for party in ("iota", "kappa"):
        assert explain(group_db, party)["status"]["ofac"] == "blocked"


def test_a_name_is_resolved_at_match_true_and_shown(group_db: str, tmp_path: Any) -> None:
    path = tmp_path / "named.csv"
    path.write_text(
        "owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source\n"
        ",NORTHWIND HOLDINGS LTD,omega,OMEGA LLC,80,,,note\n"
        ",SOMEONE NOT LISTED AT ALL,omega,OMEGA LLC,20,,,note\n",
        encoding="utf-8",
    )
    result = run("ownership", "load", str(path), "--db", group_db)
    assert result.exit_code == 0, result.output
    assert f"line 2: 'NORTHWIND HOLDINGS LTD' resolved to {NORTHWIND}" in result.output
    assert "line 3: 'SOMEONE NOT LISTED AT ALL' matches no listed entity" in result.output
    assert explain(group_db, "omega")["status"]["ofac"] == "blocked"
    # A new version replaced the group: its parties are gone.
    assert run("ownership", "explain", "alpha", "--db", group_db).exit_code == 2


def test_explain_by_name(group_db: str) -> None:
    assert explain(group_db, "Alpha Trading LLC")["id"] == "alpha"


def test_a_listed_entry_is_blocked_in_its_own_right(group_db: str) -> None:
    data = explain(group_db, VOLKOV)
    assert data["status"] == {"ofac": "blocked", "eu": "clear", "uk": "clear", "bis": "clear"}
