"""Good-guy suppression: a closed false positive suppresses the same hit, visibly, until
the entry changes or the suppression expires."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy
from chokepoint.cases.record import Recorded
from chokepoint.cases.workflow import approve, decide
from chokepoint.settings import Settings
from chokepoint.store import open_db
from tests.cases.conftest import CHANGED, record
from tests.cli.helpers import run
from tests.conftest import UN, load, shared_lists


def close_as_false_positive(
    engine: Engine, recorded: Recorded, policy: CasePolicy = DEFAULT_POLICY
) -> int:
    assert recorded.case is not None
    case_id = recorded.case.id
    decide(
        engine, case_id, disposition="false_positive", reason="born 1990", user="a", policy=policy
    )
    approve(engine, case_id, user="bob", policy=policy)  # UN is a four-eyes list
    return case_id


def test_a_false_positive_suppresses_the_same_hit_and_shows_it(un_db: str) -> None:
    engine = open_db(un_db)
    closed = close_as_false_positive(engine, record(engine, "Eric Badege"))
    again = record(engine, "Eric Badege")
    assert again.case is None
    assert again.note == f"no case: every hit is suppressed (by case {closed})"
    assert [(h.entity_id, h.suppressed_by) for h in again.hits] == [(CHANGED, closed)]
    shown = run("screen", "Eric Badege", "--schema", "Person", "--record", "--json", "--db", un_db)
    data = json.loads(shown.stdout)
    assert (
        data["case"],
        data["matches"][0]["suppressed"],
        data["matches"][0]["suppressed_by"],
    ) == (
        None,
        True,
        closed,
    )
    table = run("screen", "Eric Badege", "--schema", "Person", "--record", "--db", un_db).stdout
    assert f"MATCH suppressed (case {closed})" in table
    assert table.endswith(f"no case: every hit is suppressed (by case {closed})\n")
    # Another subject with the same name is another party: not suppressed.
    other = record(engine, "Eric Badege", subject_id="cust-2")
    assert other.case is not None and not other.case.hits[0].suppressed


def test_a_suppressed_hit_returns_when_the_entry_changes(tmp_path: Path, un_v1: Path) -> None:
    db = str(tmp_path / "change.db")
    load(db, un_v1)
    engine = open_db(db)
    closed = close_as_false_positive(engine, record(engine, "Eric Badege"))
    assert record(engine, "Eric Badege").hits[0].suppressed_by == closed
    load(db, shared_lists() / UN)  # the real file: this entry's content differs
    after = record(engine, "Eric Badege")
    assert after.case is not None and after.case.lists == {"un_sc_sanctions": 2}
    assert [(h.entity_id, h.suppressed) for h in after.case.hits] == [(CHANGED, False)]


def test_a_suppression_expires(un_db: str) -> None:
    engine = open_db(un_db)
    policy = CasePolicy.of(Settings(suppression_days=0))
    close_as_false_positive(engine, record(engine, "Eric Badege"), policy)
    assert record(engine, "Eric Badege").case is not None


def test_a_suppression_lasts_its_days(un_db: str) -> None:
    engine = open_db(un_db)
    close_as_false_positive(engine, record(engine, "Eric Badege"), DEFAULT_POLICY)
    assert record(engine, "Eric Badege").case is None
