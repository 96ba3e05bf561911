"""Control stated without a share, and holdings the data says are held jointly, per regime,
on SQLite and PostgreSQL: the EU and the UK block what a listed person controls, OFAC and
BIS only review it; the UK adds different designated persons' holdings only when the data
says they act jointly (OFSI's guidance, para 4.14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chokepoint.model import entity_id
from tests.cli.helpers import run
from tests.ownership.conftest import FIXTURES, VOLKOV

LISTS = FIXTURES.parent
PETROVA = entity_id("gb_fcdo", "RUS9001")  # designated persons of the UK fixture list
ELEKTRON = entity_id("gb_fcdo", "RUS9002")
SIDORENKO = entity_id("eu_fsf", "900101")  # a listed person of the EU fixture list
HEADER = "owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source"


@pytest.fixture
def lists_db(any_db: str) -> str:
    for folder in (FIXTURES / "us_ofac_sdn", LISTS / "gb_fcdo", LISTS / "eu_fsf"):
        result = run("lists", "load", str(folder), "--db", any_db)
        assert result.exit_code == 0, result.output
    return any_db


def load(db: str, tmp_path: Path, text: str, name: str = "stakes.csv") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("ownership", "load", str(path), "--db", db)
    assert result.exit_code == 0, result.output


def explain(db: str, entity: str) -> dict[str, Any]:
    result = run("ownership", "explain", entity, "--json", "--db", db)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_uk_adds_holdings_only_of_persons_acting_jointly(lists_db: str, tmp_path: Path) -> None:
    load(
        lists_db,
        tmp_path,
        HEADER + ",acting_jointly\n"
        f"{PETROVA},,pact,PACT LLC,30,,,shareholder agreement,voting pact\n"
        f"{ELEKTRON},,pact,PACT LLC,30,,,shareholder agreement,voting pact\n"
        f"{PETROVA},,apart,APART LLC,30,,,registry,\n"
        f"{ELEKTRON},,apart,APART LLC,30,,,registry,\n",
    )
    pact = explain(lists_db, "pact")
    assert pact["status"]["uk"] == "blocked"
    assert {p["acting_jointly"] for p in pact["paths"]} == {"voting pact"}
    text = run("ownership", "explain", "pact", "--db", lists_db).stdout
    assert "owned 60% jointly by" in text
    assert "acting jointly: voting pact" in text
    apart = explain(lists_db, "apart")
    assert apart["status"]["uk"] == "clear"
    assert apart["blocked_share"]["uk"] == 60  # held, but by two persons apart
    assert (
        "one designated person (or by persons the data says act jointly)" in (apart["notes"]["uk"])
    )


def test_stated_control_blocks_under_eu_and_uk_and_is_review_under_ofac(
    lists_db: str, tmp_path: Path
) -> None:
    load(
        lists_db,
        tmp_path,
        HEADER + "\n"
        f"{SIDORENKO},,eu_run,EU RUN LLC,control,,,board appointment rights\n"
        f"{PETROVA},,uk_run,UK RUN LLC,Control,,,board appointment rights\n"
        f"{VOLKOV},,us_run,US RUN LLC,control,,,board appointment rights\n"
        "eu_run,EU RUN LLC,eu_sub,EU SUB LLC,100,,,registry\n",
    )
    eu = explain(lists_db, "eu_run")
    assert eu["status"]["eu"] == "blocked"
    assert eu["paths"][0]["kind"] == "control"
    assert eu["notes"]["eu"].startswith("controlled by ")
    # A controlled entity is blocked, so what it owns is too.
    assert explain(lists_db, "eu_sub")["status"]["eu"] == "blocked"
    assert explain(lists_db, "uk_run")["status"]["uk"] == "blocked"
    us = explain(lists_db, "us_run")["status"]
    assert us["ofac"] == "review"  # OFAC's rule is about ownership; control is to look at
    assert us["eu"] == "clear"  # VOLKOV is not on the EU list


def test_ftm_interests_state_control_and_joint_holdings(lists_db: str, tmp_path: Path) -> None:
    def line(schema: str, key: str, **props: str) -> str:
        data = {"id": key, "schema": schema, "properties": {k: [v] for k, v in props.items()}}
        return json.dumps(data) + "\n"

    load(
        lists_db,
        tmp_path,
        line("Company", "ftm_run", name="FTM RUN LLC")
        + line("Company", "ftm_pact", name="FTM PACT LLC")
        + line("Ownership", "o1", owner=SIDORENKO, asset="ftm_run", role="Controlling shareholder")
        + line("Directorship", "d1", director=PETROVA, organization="ftm_run", role="Control")
        + line("Directorship", "d2", director=VOLKOV, organization="ftm_pact", role="Director")
        + line(
            "Ownership",
            "o2",
            owner=PETROVA,
            asset="ftm_pact",
            percentage="30",
            ownershipType="Joint",
        )
        + line(
            "Ownership",
            "o3",
            owner=ELEKTRON,
            asset="ftm_pact",
            percentage="30",
            ownershipType="Joint",
        ),
        "stakes.ftm.json",
    )
    run_ = explain(lists_db, "ftm_run")
    assert run_["status"]["eu"] == "blocked"
    assert run_["status"]["uk"] == "blocked"
    pact = explain(lists_db, "ftm_pact")
    assert pact["status"]["uk"] == "blocked"
    # A director without a role naming control is no stake at all.
    assert all(p["owners"][0] != VOLKOV for p in pact["paths"])


def test_extra_columns_other_than_the_optional_ones_are_refused(
    db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "stakes.csv"
    path.write_text(HEADER + ",notes\na,A,b,B,10,,,x,y\n", encoding="utf-8")
    result = run("ownership", "load", str(path), "--db", db_url)
    assert result.exit_code == 2
    assert "optionally followed by acting_jointly" in result.output


def test_the_readme_example_of_joint_holdings_and_control(lists_db: str) -> None:
    """``joint.csv`` names the listed holders by name (resolved at ``match: true``)."""
    result = run("ownership", "load", str(FIXTURES / "joint.csv"), "--db", lists_db)
    assert result.exit_code == 0, result.output
    assert explain(lists_db, "pact")["status"]["uk"] == "blocked"
    assert explain(lists_db, "apart")["status"]["uk"] == "clear"
    helm = explain(lists_db, "helm")["status"]
    assert (helm["ofac"], helm["eu"], helm["uk"]) == ("review", "blocked", "clear")
