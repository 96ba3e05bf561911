"""Deciding and approving: the states a case goes through, four-eyes, and two analysts
deciding the same case at once (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine

from chokepoint.audit import entries, verify
from chokepoint.cases.model import Case, Status
from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy
from chokepoint.cases.queries import get_case, list_cases, load_case
from chokepoint.cases.workflow import approve, assign, decide, save
from chokepoint.errors import ConflictError, ForbiddenError, InputError, NotFoundError
from chokepoint.settings import Settings
from chokepoint.store import open_db
from chokepoint.store.transactions import write_transaction
from tests.cases.conftest import record
from tests.conftest import UN, WAIT_SECONDS, load, shared_lists


def open_case(engine: Engine, name: str = "Eric Badege") -> Case:
    case = record(engine, name).case
    assert case is not None
    return case


def test_a_hit_on_a_blocking_list_needs_a_second_user(engine: Engine) -> None:
    case = open_case(engine)
    assert (case.status, case.four_eyes, case.version) == (Status.open, True, 1)
    decided = decide(
        engine, case.id, disposition="true_match", reason="same DOB, same name", user="alice"
    )
    assert (decided.status, decided.decided_by, decided.version) == (Status.in_review, "alice", 2)
    with pytest.raises(ForbiddenError, match="alice decided case 1: a second, different user"):
        approve(engine, case.id, user="alice")
    closed = approve(engine, case.id, user="bob")
    assert (closed.status, closed.approved_by, closed.disposition) == (
        Status.closed,
        "bob",
        "true_match",
    )
    actions = [(e.actor, e.action) for e in entries(engine, object=f"case:{case.id}")]
    assert actions == [("alice", "case.open"), ("alice", "case.decide"), ("bob", "case.approve")]
    assert verify(engine).ok


def test_without_four_eyes_a_final_decision_closes(un_db: str) -> None:
    policy = CasePolicy.of(Settings(four_eyes_lists="none"))
    engine = open_db(un_db)
    case = open_case(engine)
    assert case.four_eyes  # UN is a blocking list: four eyes by default
    closed = decide(
        engine, case.id, disposition="false_positive", reason="x", user="alice", policy=policy
    )
    assert closed.status == Status.closed and closed.approved_by is None and not closed.four_eyes


def test_escalate_and_needs_info_keep_the_case_open_for_work(un_db: str) -> None:
    engine = open_db(un_db)
    case = open_case(engine)
    assert decide(engine, case.id, disposition="needs_info", reason="DOB?", user="a").status == (
        Status.open
    )
    assert decide(engine, case.id, disposition="escalate", reason="PEP", user="a").status == (
        Status.escalated
    )
    with pytest.raises(ConflictError, match="already escalated"):
        decide(engine, case.id, disposition="escalate", reason="again", user="a")
    in_review = decide(engine, case.id, disposition="true_match", reason="ok", user="senior")
    assert in_review.status == Status.in_review
    with pytest.raises(ConflictError, match="awaits approval of senior's true_match"):
        decide(engine, case.id, disposition="false_positive", reason="no", user="b")
    # The reviewer disagrees: sends it back instead of approving.
    back = decide(engine, case.id, disposition="needs_info", reason="passport?", user="b")
    assert (back.status, back.decided_by) == (Status.open, "b")
    with pytest.raises(ConflictError, match="case 1 is open: only a case in_review"):
        approve(engine, case.id, user="c")


def test_a_closed_case_takes_no_more_decisions(un_db: str) -> None:
    engine = open_db(un_db)
    case = open_case(engine)
    decide(engine, case.id, disposition="true_match", reason="same", user="a")
    approve(engine, case.id, user="b")
    with pytest.raises(ConflictError, match="case 1 is closed"):
        decide(engine, case.id, disposition="false_positive", reason="oops", user="a")
    with pytest.raises(ConflictError, match="nothing to assign"):
        assign(engine, case.id, assignee="c", user="a")


def test_bad_input_is_refused_before_anything_is_written(un_db: str) -> None:
    engine = open_db(un_db)
    case = open_case(engine)
    with pytest.raises(InputError, match="unknown disposition 'maybe' \\(one of true_match"):
        decide(engine, case.id, disposition="maybe", reason="x", user="a")
    with pytest.raises(InputError, match="the reason must not be empty"):
        decide(engine, case.id, disposition="true_match", reason="  ", user="a")
    with pytest.raises(NotFoundError, match="no case 99"):
        decide(engine, 99, disposition="true_match", reason="x", user="a")
    with pytest.raises(InputError, match="unknown status 'shut'"):
        list_cases(engine, status="shut")
    assert get_case(engine, case.id).case.version == 1
    assert [e.action for e in entries(engine) if e.object.startswith("case:")] == ["case.open"]


def test_assign_and_filter(un_db: str) -> None:
    engine = open_db(un_db)
    first, second = open_case(engine), open_case(engine, "Frank Kakolele Bwambale")
    assign(engine, second.id, assignee="carol", user="alice")
    assert [c.id for c in list_cases(engine)] == [second.id, first.id]
    assert [c.id for c in list_cases(engine, assignee="carol")] == [second.id]
    assert [c.id for c in list_cases(engine, status="open", list_key="un_sc_sanctions")] == [
        second.id,
        first.id,
    ]
    assert list_cases(engine, list_key="us_ofac_sdn") == []


def race(engine: Engine, case_id: int, version: int | None) -> list[object]:
    """Two analysts decide the same case at the same moment; what each got."""
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def analyst(user: str, disposition: str) -> None:
        start.wait()
        try:
            outcomes.append(
                decide(
                    engine,
                    case_id,
                    disposition=disposition,
                    reason=f"{user} says {disposition}",
                    user=user,
                    expected_version=version,
                )
            )
        except ConflictError as exc:
            outcomes.append(exc)

    threads = [
        threading.Thread(target=analyst, args=("alice", "true_match")),
        threading.Thread(target=analyst, args=("bob", "false_positive")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=WAIT_SECONDS)
        assert not t.is_alive()
    return outcomes


@pytest.mark.parametrize("version", [None, 1], ids=["as-the-cli", "with-expected-version"])
def test_two_analysts_deciding_at_once_one_wins_one_gets_a_conflict(
    engine: Engine, version: int | None
) -> None:
    case = open_case(engine)
    outcomes = race(engine, case.id, version)
    won = [o for o in outcomes if isinstance(o, Case)]
    lost = [o for o in outcomes if isinstance(o, ConflictError)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert f"case {case.id}" in lost[0].detail
    stored = get_case(engine, case.id)
    assert stored.case.version == 2
    assert (stored.case.decided_by, stored.case.disposition) == (
        won[0].decided_by,
        won[0].disposition,
    )
    assert [e.action for e in stored.events] == ["case.open", "case.decide"]
    assert verify(engine).ok


@pytest.mark.postgres
def test_on_postgres_an_update_of_a_version_read_before_another_commit_conflicts(
    pg_url: str,
) -> None:
    # The interleaving made certain: the second analyst reads version 1 while the first
    # one's change is not committed, then its UPDATE waits for the row and finds version 2.
    load(pg_url, shared_lists() / UN)
    engine = open_db(pg_url)
    case = open_case(engine)
    first_saved, release = threading.Event(), threading.Event()
    errors: list[ConflictError] = []

    def first() -> None:
        with write_transaction(engine) as conn:
            save(conn, load_case(conn, case.id, DEFAULT_POLICY), {"assignee": "alice"}, None)
            first_saved.set()
            assert release.wait(WAIT_SECONDS)

    def second() -> None:
        assert first_saved.wait(WAIT_SECONDS)
        try:
            with write_transaction(engine) as conn:
                stale = load_case(conn, case.id, DEFAULT_POLICY)
                assert stale.version == 1
                threading.Timer(0.3, release.set).start()
                save(conn, stale, {"assignee": "bob"}, None)
        except ConflictError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=WAIT_SECONDS)
        assert not t.is_alive()
    assert [e.detail for e in errors] == [
        f"case {case.id} was changed by someone else meanwhile (it is no longer at version 1): "
        "reload it and try again"
    ]
    assert get_case(engine, case.id).case.assignee == "alice"
