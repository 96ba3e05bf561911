"""Deciding, approving and assigning cases.

Each change is one write transaction: the case is read, the change checked against its
state, then written with ``UPDATE ... WHERE version = <the version read>`` and its audit
row appended. Two analysts deciding at once: one update finds the version gone and its
caller gets ``ConflictError``; nothing is written twice.

A final disposition (``true_match``, ``false_positive``) closes the case, or, when a hit is
on a four-eyes list, puts it ``in_review`` until a second, different user approves it.
``escalate`` and ``needs_info`` also send a case in review back. A closed false positive
suppresses its hits (``suppression``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, update

from chokepoint.audit import append, timestamp
from chokepoint.cases.model import Case, Disposition, Status, required_text
from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy
from chokepoint.cases.queries import load_case
from chokepoint.cases.suppression import suppress
from chokepoint.errors import ConflictError, ForbiddenError, InputError
from chokepoint.store.schema import cases
from chokepoint.store.transactions import write_transaction


def parse_disposition(value: str) -> Disposition:
    try:
        return Disposition(value)
    except ValueError:
        raise InputError(
            f"unknown disposition {value!r} (one of {', '.join(d.value for d in Disposition)})"
        ) from None


def next_status(case: Case, disposition: Disposition) -> Status:
    """Where ``disposition`` takes ``case``, or ``ConflictError`` when it cannot."""
    if case.status == Status.closed:
        raise ConflictError(
            f"case {case.id} is closed ({case.disposition} by {case.decided_by}): "
            "it takes no more decisions"
        )
    if case.status == Status.in_review and disposition.is_final:
        raise ConflictError(
            f"case {case.id} awaits approval of {case.decided_by}'s {case.disposition}: "
            "a second user approves it (cases approve), or sends it back with "
            "--disposition escalate or needs_info"
        )
    if disposition.is_final:
        return Status.in_review if case.four_eyes else Status.closed
    if disposition == Disposition.escalate:
        if case.status == Status.escalated:
            raise ConflictError(f"case {case.id} is already escalated")
        return Status.escalated
    return Status.escalated if case.status == Status.escalated else Status.open


def save(conn: Connection, case: Case, values: dict[str, Any], expected: int | None) -> None:
    """Write ``values`` if the case is still at the version read (and the one expected)."""
    stale = ConflictError(
        f"case {case.id} was changed by someone else meanwhile (it is no longer at version "
        f"{expected or case.version}): reload it and try again"
    )
    if expected is not None and expected != case.version:
        raise stale
    result = conn.execute(
        update(cases)
        .where(cases.c.id == case.id, cases.c.version == case.version)
        .values(**values, version=case.version + 1)
    )
    if result.rowcount != 1:
        raise stale


def decide(
    engine: Engine,
    case_id: int,
    *,
    disposition: str,
    reason: str,
    user: str,
    expected_version: int | None = None,
    policy: CasePolicy = DEFAULT_POLICY,
) -> Case:
    """Take a disposition on a case, with the reason for it."""
    chosen = parse_disposition(disposition)
    reason = required_text(reason, "the reason")
    user = required_text(user, "the user")
    with write_transaction(engine) as conn:
        case = load_case(conn, case_id, policy)
        status = next_status(case, chosen)
        values = {
            "status": status.value,
            "disposition": chosen.value,
            "reason": reason,
            "decided_by": user,
            "decided_at": timestamp(),
            "approved_by": None,
            "approved_at": None,
        }
        save(conn, case, values, expected_version)
        decided = load_case(conn, case_id, policy)
        if status == Status.closed and chosen == Disposition.false_positive:
            suppress(conn, decided, policy.suppression_days)
        payload = {"disposition": chosen.value, "reason": reason, "from": case.status.value}
        payload |= {"status": status.value}
        append(
            conn,
            actor=user,
            action="case.decide",
            object=f"case:{case_id}",
            payload=payload,
            config=policy.audit,
        )
        return decided


def approve(
    engine: Engine,
    case_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    policy: CasePolicy = DEFAULT_POLICY,
) -> Case:
    """Approve the pending decision of a case in review: a second, different user closes it."""
    user = required_text(user, "the user")
    with write_transaction(engine) as conn:
        case = load_case(conn, case_id, policy)
        if case.status != Status.in_review:
            raise ConflictError(
                f"case {case_id} is {case.status.value}: only a case in_review awaits approval"
            )
        if user == case.decided_by:
            raise ForbiddenError(
                f"{user} decided case {case_id}: a second, different user must approve it"
            )
        values = {"status": Status.closed.value, "approved_by": user, "approved_at": timestamp()}
        save(conn, case, values, expected_version)
        approved = load_case(conn, case_id, policy)
        if approved.disposition == Disposition.false_positive:
            suppress(conn, approved, policy.suppression_days)
        payload = {"disposition": case.disposition, "decided_by": case.decided_by}
        append(
            conn,
            actor=user,
            action="case.approve",
            object=f"case:{case_id}",
            payload=payload,
            config=policy.audit,
        )
        return approved


def assign(
    engine: Engine,
    case_id: int,
    *,
    assignee: str,
    user: str,
    expected_version: int | None = None,
    policy: CasePolicy = DEFAULT_POLICY,
) -> Case:
    """Give a case to an analyst."""
    assignee = required_text(assignee, "the assignee")
    user = required_text(user, "the user")
    with write_transaction(engine) as conn:
        case = load_case(conn, case_id, policy)
        if case.status == Status.closed:
            raise ConflictError(f"case {case_id} is closed: there is nothing to assign")
        save(conn, case, {"assignee": assignee}, expected_version)
        payload = {"assignee": assignee, "previous": case.assignee}
        append(
            conn,
            actor=user,
            action="case.assign",
            object=f"case:{case_id}",
            payload=payload,
            config=policy.audit,
        )
        return load_case(conn, case_id, policy)
