"""Rescreening: stored subjects against only what changed since they were screened."""

from __future__ import annotations

from pathlib import Path

from chokepoint.audit import entries, verify
from chokepoint.cases.queries import list_cases
from chokepoint.cases.rescreen import rescreen
from chokepoint.cases.subjects import import_subjects
from chokepoint.cases.workflow import approve, decide
from chokepoint.store import open_db
from tests.cases.conftest import ADDED, CHANGED, record
from tests.conftest import UN, load, shared_lists


def test_rescreen_screens_only_what_changed_and_opens_cases_for_new_hits(
    any_db: str, un_v1: Path, tmp_path: Path
) -> None:
    load(any_db, un_v1)
    engine = open_db(any_db)
    open_on_v1 = record(engine, "Eric Badege").case  # stays open: its entry will change
    closed_on_v1 = record(engine, "Taufik Rifki").case  # its entry will not change
    assert open_on_v1 is not None and closed_on_v1 is not None
    decide(engine, closed_on_v1.id, disposition="true_match", reason="same", user="alice")
    approve(engine, closed_on_v1.id, user="bob")
    assert record(engine, "Frank Kakolele Bwambale").case is None  # not listed yet
    csv = tmp_path / "customers.csv"
    csv.write_text("query_id,name,schema\nc1,Eric Badege,Person\n", encoding="utf-8")
    import_subjects(engine, csv, user="alice")  # never screened: screened against everything
    load(any_db, shared_lists() / UN)  # version 2: ADDED added, CHANGED changed

    result = rescreen(engine, user="nightly")

    assert (result.subjects, result.up_to_date) == (4, 0)
    assert result.entities == 2 + 1003  # the v1 subjects' diff, then the whole list for c1
    opened = {c.subject_key: c for c in list_cases(engine) if c.id in result.cases}
    assert len(opened) == 2
    frank = next(c for c in opened.values() if c.subject == "Frank Kakolele Bwambale")
    assert (frank.kind, [h.entity_id for h in frank.hits], frank.lists) == (
        "rescreen",
        [ADDED],
        {"un_sc_sanctions": 2},
    )
    assert [h.entity_id for h in opened["c1"].hits] == [CHANGED]
    # Eric's changed entry is already in his open case; Taufik's entry did not change.
    assert result.hits == 3
    again = rescreen(engine, user="nightly")
    assert (again.subjects, again.up_to_date, again.cases) == (0, 4, [])
    assert [e.actor for e in entries(engine) if e.action == "rescreen"] == ["nightly", "nightly"]
    assert verify(engine).ok
