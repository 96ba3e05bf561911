"""Cases through the API: record a screening, list and show cases, decide, approve and
assign, each as the API key's user. The library (``chokepoint.cases``) checks states and
four-eyes and writes the audit row; its errors map to 404, 409, 403 and 422 here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from chokepoint.api.auth import current_user
from chokepoint.api.case_models import CaseDetailOut, CasesOut, RecordedOut
from chokepoint.api.deps import ServiceDep
from chokepoint.api.errors import ErrorResponse
from chokepoint.api.limits import bounded
from chokepoint.api.responses import json_response
from chokepoint.cases.model import Case
from chokepoint.cases.queries import MAX_LIMIT, get_case, list_cases
from chokepoint.cases.record import record_screening
from chokepoint.cases.workflow import approve, assign, decide
from chokepoint.errors import InputError, PreconditionRequiredError
from chokepoint.matching import Query as NameQuery
from chokepoint.screening import screen
from chokepoint.server.requests import AssignRequest, DecideRequest, RecordRequest, whole_number
from chokepoint.server.service import Service

# Beside the errors of every route: the ones a case action can meet.
CASE_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorResponse, "description": "Approving one's own decision"},
    409: {"model": ErrorResponse, "description": "The case changed meanwhile, or its state"},
    428: {"model": ErrorResponse, "description": "A decision sent without If-Match"},
}
router = APIRouter(tags=["Cases"], responses=CASE_ERRORS)
User = Annotated[str, Depends(current_user)]
CaseId = Annotated[int, Path(ge=1, le=2**62)]
IfMatch = Annotated[
    str | None,
    Header(description="The case's `version` you saw: a case changed since is a 409"),
]


def seen_version(if_match: str | None) -> int | None:
    """The version an ``If-Match`` header names (quotes allowed, as ETags have them).

    >>> seen_version('"3"'), seen_version(None)
    (3, None)
    """
    if if_match is None:
        return None
    return whole_number(if_match.strip().strip('"'), "If-Match (the case version you saw)")


def required_version(if_match: str | None) -> int:
    """A decision must say which version it was taken on: without it, two analysts'
    decisions race and the later silently overwrites the earlier (RFC 6585's 428)."""
    version = seen_version(if_match)
    if version is None:
        raise PreconditionRequiredError(
            "send If-Match with the case's version you decided on (GET /cases/{id} gives it)"
        )
    return version


def record(service: Service, body: RecordRequest, user: str) -> dict[str, object]:
    query = NameQuery.of(body.name, body.schema_, body.birth_date, body.country, body.ids)
    engine = service.engine
    return record_screening(
        engine,
        screen(engine, query),
        user=user,
        subject_id=body.subject_id,
        policy=service.policy,
    ).to_dict()


@router.post(
    "/cases",
    response_model=RecordedOut,
    summary="Screen a party and open a case",
    responses={201: {"model": RecordedOut, "description": "A case was opened"}},
)
async def record_case(body: RecordRequest, service: ServiceDep, user: User) -> Response:
    """Screen the party, keep it as a subject for rescreening, and open a case for its
    hits (those not suppressed by an earlier false positive, nor already in an open case),
    as `chokepoint screen --record` does."""
    recorded = await bounded(service.settings.api_timeout, record, service, body, user)
    return json_response(recorded, 201 if recorded["case"] is not None else 200)


FILTERS = frozenset({"status", "assignee", "list", "limit", "offset"})


async def known_filters(request: Request) -> None:
    """Unlike yente's routes (whose clients send parameters Chokepoint ignores), the queue
    refuses a filter it does not know: a typo must not list every case as if filtered."""
    if unknown := sorted(set(request.query_params.keys()) - FILTERS):
        raise InputError(f"unknown filter {unknown[0]!r} (filters: {', '.join(sorted(FILTERS))})")


@router.get(
    "/cases",
    response_model=CasesOut,
    summary="The case queue",
    dependencies=[Depends(known_filters)],
)
async def cases(
    service: ServiceDep,
    status: Annotated[str | None, Query(max_length=20, examples=["open"])] = None,
    assignee: Annotated[str | None, Query(max_length=200)] = None,
    list_key: Annotated[str | None, Query(alias="list", max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
) -> Response:
    """Cases newest first, filtered by status, assignee and a list one of their hits is on."""
    found = await bounded(
        service.settings.api_timeout,
        lambda: list_cases(
            service.engine,
            status=status,
            assignee=assignee,
            list_key=list_key,
            limit=limit,
            offset=offset,
            policy=service.policy,
        ),
    )
    return json_response({"cases": [c.to_dict() for c in found], "limit": limit, "offset": offset})


@router.get("/cases/{case_id}", response_model=CaseDetailOut, summary="One case")
async def case(case_id: CaseId, service: ServiceDep) -> Response:
    """The case with the query and results as recorded, and every audit entry about it."""
    detail = await bounded(
        service.settings.api_timeout,
        lambda: get_case(service.engine, case_id, policy=service.policy),
    )
    return json_response(detail.to_dict())


@router.post("/cases/{case_id}/decide", response_model=Case, summary="Decide a case")
async def decide_case(
    case_id: CaseId, body: DecideRequest, service: ServiceDep, user: User, if_match: IfMatch = None
) -> Response:
    """`true_match`, `false_positive`, `needs_info` or `escalate`, with a reason. A final
    decision on a hit of a four-eyes list waits (`in_review`) for another user's approval.
    `If-Match` (the case's version) is required: 428 without it."""
    expected = required_version(if_match)
    decided = await bounded(
        service.settings.api_timeout,
        lambda: decide(
            service.engine,
            case_id,
            disposition=body.disposition,
            reason=body.reason,
            user=user,
            expected_version=expected,
            policy=service.policy,
        ),
    )
    return json_response(decided.to_dict())


@router.post("/cases/{case_id}/approve", response_model=Case, summary="Approve a decision")
async def approve_case(
    case_id: CaseId, service: ServiceDep, user: User, if_match: IfMatch = None
) -> Response:
    """Close a case in review: by a user other than the one who decided it (else 403).
    `If-Match` (the case's version) is required: 428 without it."""
    expected = required_version(if_match)
    approved = await bounded(
        service.settings.api_timeout,
        lambda: approve(
            service.engine, case_id, user=user, expected_version=expected, policy=service.policy
        ),
    )
    return json_response(approved.to_dict())


@router.post("/cases/{case_id}/assign", response_model=Case, summary="Assign a case")
async def assign_case(
    case_id: CaseId, body: AssignRequest, service: ServiceDep, user: User, if_match: IfMatch = None
) -> Response:
    expected = seen_version(if_match)
    assigned = await bounded(
        service.settings.api_timeout,
        lambda: assign(
            service.engine,
            case_id,
            assignee=body.assignee,
            user=user,
            expected_version=expected,
            policy=service.policy,
        ),
    )
    return json_response(assigned.to_dict())
