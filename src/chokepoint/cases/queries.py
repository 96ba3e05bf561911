"""Reading cases: one with everything recorded about it, or many, filtered."""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection, Engine, select

from chokepoint.audit import entries
from chokepoint.cases.model import Case, CaseDetail, Hit, Status
from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy, needs_second_user
from chokepoint.errors import InputError, NotFoundError
from chokepoint.store.schema import case_hits, cases

MAX_LIMIT = 1000


def hits_of(conn: Connection, case_ids: list[int]) -> dict[int, list[Hit]]:
    found: dict[int, list[Hit]] = defaultdict(list)
    if not case_ids:
        return found
    query = (
        select(case_hits)
        .where(case_hits.c.case_id.in_(case_ids))
        .order_by(case_hits.c.case_id, case_hits.c.score.desc(), case_hits.c.entity_id)
    )
    for row in conn.execute(query):
        values = dict(row._mapping)
        case_id = values.pop("case_id")
        found[case_id].append(Hit.from_row(values))
    return found


def load_case(conn: Connection, case_id: int, policy: CasePolicy) -> Case:
    """One case with its hits, or ``NotFoundError``."""
    row = conn.execute(select(cases).where(cases.c.id == case_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"no case {case_id}")
    hits = hits_of(conn, [case_id])[case_id]
    return Case.from_row(row, hits, four_eyes=needs_second_user(hits, policy))


def get_case(engine: Engine, case_id: int, *, policy: CasePolicy = DEFAULT_POLICY) -> CaseDetail:
    """A case with its query and results as recorded, and its audit entries."""
    with engine.connect() as conn:
        case = load_case(conn, case_id, policy)
        query, results = conn.execute(
            select(cases.c.query, cases.c.results).where(cases.c.id == case_id)
        ).one()
    events = list(entries(engine, object=f"case:{case_id}"))
    return CaseDetail(case, json.loads(query), json.loads(results), events)


def parse_status(status: str | None) -> Status | None:
    """A status filter as typed by a user, refused clearly when it is none of them."""
    if status is None:
        return None
    try:
        return Status(status)
    except ValueError:
        raise InputError(
            f"unknown status {status!r} (one of {', '.join(s.value for s in Status)})"
        ) from None


def list_cases(
    engine: Engine,
    *,
    status: str | None = None,
    assignee: str | None = None,
    list_key: str | None = None,
    limit: int = 100,
    offset: int = 0,
    policy: CasePolicy = DEFAULT_POLICY,
) -> list[Case]:
    """Cases newest first, filtered by status, assignee, and a list one of their hits is on."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise InputError(f"limit must be 1 to {MAX_LIMIT} and offset 0 or more")
    query = select(cases).order_by(cases.c.id.desc()).limit(limit).offset(offset)
    if (wanted := parse_status(status)) is not None:
        query = query.where(cases.c.status == wanted.value)
    if assignee is not None:
        query = query.where(cases.c.assignee == assignee)
    if list_key is not None:
        on_list = select(case_hits.c.case_id).where(case_hits.c.list == list_key)
        query = query.where(cases.c.id.in_(on_list))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        hits = hits_of(conn, [r.id for r in rows])
    return [
        Case.from_row(r, hits[r.id], four_eyes=needs_second_user(hits[r.id], policy)) for r in rows
    ]
