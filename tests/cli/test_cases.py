"""`chokepoint screen --record`, `cases ...`, `shipment screen --record` and `rescreen`, as
an analyst runs them, on the real UN list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chokepoint.model import entity_id
from tests.cli.helpers import run

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(autouse=True)
def no_default_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHOKEPOINT_USER", raising=False)


def opened(db: str, name: str = "Eric Badege") -> int:
    result = run("screen", name, "--record", "--user", "alice", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    case: int = json.loads(result.stdout)["case"]
    return case


def test_screen_record_prints_the_case_it_opened(un_db: str) -> None:
    result = run("screen", "Eric Badege", "--record", "--user", "alice", "--db", un_db)
    assert result.exit_code == 0
    assert result.stdout.endswith("lists: un_sc_sanctions v1\ncase 1 opened with 1 new hit(s)\n")
    again = json.loads(run("screen", "Eric Badege", "--record", "--json", "--db", un_db).stdout)
    assert (again["case"], again["note"]) == (None, "no case: every hit is already in open case 1")


def test_cases_list_json_has_the_fields_of_the_issue(un_db: str) -> None:
    case_id = opened(un_db)
    result = run("cases", "list", "--json", "--db", un_db)
    (row,) = json.loads(result.stdout)
    assert (row["id"], row["status"], row["subject"]) == (case_id, "open", "Eric Badege")
    assert [(h["entity_id"], h["list"], h["match"], h["suppressed"]) for h in row["hits"]] == [
        (entity_id("un_sc_sanctions", "6907993"), "un_sc_sanctions", True, False)
    ]
    assert (
        json.loads(run("cases", "list", "--status", "closed", "--json", "--db", un_db).stdout) == []
    )
    table = run("cases", "list", "--db", un_db).stdout
    assert "Eric Badege" in table and "open" in table


def test_decide_and_approve_with_four_eyes(un_db: str) -> None:
    case_id = opened(un_db)
    decided = run(
        "cases", "decide", str(case_id), "--disposition", "true_match",
        "--reason", "same DOB", "--user", "alice", "--db", un_db,
    )  # fmt: skip
    assert (decided.exit_code, decided.stdout) == (
        0,
        "case 1: in_review (true_match by alice); a user other than alice must approve it\n",
    )
    own = run("cases", "approve", str(case_id), "--user", "alice", "--db", un_db)
    assert (own.exit_code, own.stderr) == (
        2,
        "Error: alice decided case 1: a second, different user must approve it\n",
    )
    approved = run("cases", "approve", str(case_id), "--user", "bob", "--db", un_db)
    assert approved.stdout == "case 1: closed (true_match by alice, approved by bob)\n"
    shown = run("cases", "show", str(case_id), "--db", un_db).stdout.splitlines()
    assert shown[0] == "case 1 [screening] Eric Badege: closed"
    assert shown[1:4] == [
        "  screened on: un_sc_sanctions v1",
        "  assignee: -; four-eyes: yes",
        "  decision: true_match by alice: same DOB",
    ]
    assert [line.split()[-1] for line in shown[-3:]] == ["case.open", "case.decide", "case.approve"]
    detail = json.loads(run("cases", "show", str(case_id), "--json", "--db", un_db).stdout)
    assert detail["query"]["names"] == ["Eric Badege"]
    assert [e["actor"] for e in detail["events"]] == ["alice", "alice", "bob"]
    verified = run("audit", "verify", "--db", un_db).stdout
    assert verified.startswith("audit log intact: 4 rows;")  # the list's load and the case


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["99", "--disposition", "true_match", "--reason", "x", "--user", "a"],
            "Error: no case 99\n",
        ),
        (
            ["1", "--disposition", "true_match", "--reason", " ", "--user", "a"],
            "Error: the reason must not be empty\n",
        ),
        (
            ["1", "--disposition", "maybe", "--reason", "x", "--user", "a"],
            "Invalid value for '--disposition': 'maybe' is not one of",
        ),
        (["1", "--disposition", "true_match", "--reason", "x"], "Missing option '--user'"),
    ],
    ids=["unknown-case", "empty-reason", "bad-disposition", "no-user"],
)
def test_bad_decisions_get_one_clear_line(un_db: str, args: list[str], message: str) -> None:
    opened(un_db)
    result = run("cases", "decide", *args, "--db", un_db)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_assign(un_db: str) -> None:
    case_id = opened(un_db)
    result = run("cases", "assign", str(case_id), "--to", "carol", "--user", "alice", "--db", un_db)
    assert result.stdout == "case 1: assigned to carol\n"
    mine = json.loads(run("cases", "list", "--assignee", "carol", "--json", "--db", un_db).stdout)
    assert [c["id"] for c in mine] == [case_id]


def test_subject_id_goes_with_record(un_db: str) -> None:
    result = run("screen", "Eric Badege", "--subject-id", "c1", "--db", un_db)
    assert result.exit_code == 2 and "--subject-id goes with --record" in result.stderr


def test_shipment_record_and_rescreen(un_db: str, tmp_path: Path) -> None:
    blocked = run(
        "shipment", "screen", str(EXAMPLES / "shipment-blocked.json"), "--record",
        "--user", "alice", "--json", "--db", un_db,
    )  # fmt: skip
    data = json.loads(blocked.stdout)
    assert (data["decision"], data["case"]) == ("BLOCK", 1)  # Russia/Belarus rules, no hit
    (case,) = json.loads(run("cases", "list", "--json", "--db", un_db).stdout)
    assert (case["kind"], case["subject"], case["hits"]) == ("shipment", "shipment SO-1003", [])
    rescreened = run("rescreen", "--user", "nightly", "--db", un_db)
    assert rescreened.stdout == (
        "0 subjects rescreened (3 already up to date) against 0 new or changed entities\n"
        "0 hits; no case opened\n"
    )
