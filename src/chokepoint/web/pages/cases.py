"""The case queue and one case: evidence, decision with a reason, four-eyes approval,
assignment and history. Every action goes through ``chokepoint.cases`` (which writes the
audit row in the same transaction) and answers with a redirect back to the case."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from chokepoint.cases.model import Disposition, Status
from chokepoint.cases.queries import get_case, list_cases
from chokepoint.cases.record import record_screening
from chokepoint.cases.workflow import approve, assign, decide
from chokepoint.errors import (
    ChokepointError,
    InputError,
    PreconditionRequiredError,
    describe_errors,
)
from chokepoint.screening import screen
from chokepoint.server.requests import AssignRequest, DecideRequest, whole_number
from chokepoint.web.context import engine_of, policy_of
from chokepoint.web.pages.screen import FIELDS, query_of
from chokepoint.web.render import page, status_of
from chokepoint.web.session import check_csrf, require_user

# Every page here needs a signed-in user; those that act also take the user's name.
router = APIRouter(dependencies=[Depends(require_user)])
FILTERS = ("status", "assignee", "list")
ACTIONS = ("decide", "approve", "assign")
M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], form: dict[str, str], fields: tuple[str, ...]) -> M:
    """The form's fields as the API's request body: the UI takes what the API takes."""
    try:
        return model.model_validate({k: form.get(k, "") for k in fields})
    except ValidationError as exc:
        raise InputError(describe_errors(exc.errors())) from None


def case_number(value: str) -> int:
    return whole_number(value, "a case number", low=1)


def version_seen(form: dict[str, str]) -> int:
    """The version of the case the form was shown with: required, so that a decision
    taken meanwhile by someone else is a conflict to resolve, never overwritten."""
    if not form.get("version"):
        raise PreconditionRequiredError("the form lacks the case's version: reload the case")
    return whole_number(form["version"], "the case version")


@router.get("/ui/cases", response_class=HTMLResponse)
def queue(request: Request) -> HTMLResponse:
    chosen = {k: request.query_params.get(k, "").strip() for k in FILTERS}
    try:
        found = list_cases(
            engine_of(request),
            status=chosen["status"] or None,
            assignee=chosen["assignee"] or None,
            list_key=chosen["list"] or None,
            policy=policy_of(request),
        )
    except ChokepointError as exc:
        return page(
            request, "cases.html", status_of(exc), cases=[], chosen=chosen, error=exc.detail
        )
    return page(request, "cases.html", cases=found, chosen=chosen, statuses=list(Status))


def case_page(request: Request, case_id: int, error: ChokepointError | None = None) -> HTMLResponse:
    try:
        detail = get_case(engine_of(request), case_id, policy=policy_of(request))
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="No such case", error=exc.detail)
    return page(
        request,
        "case.html",
        status_of(error) if error else 200,
        detail=detail,
        case=detail.case,
        dispositions=list(Disposition),
        done=request.query_params.get("done"),
        error=error.detail if error else None,
    )


@router.get("/ui/cases/{case_id}", response_class=HTMLResponse)
def show(request: Request, case_id: str) -> HTMLResponse:
    try:
        number = case_number(case_id)
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="No such case", error=exc.detail)
    return case_page(request, number)


@router.post("/ui/cases/{case_id}/{action}", response_class=HTMLResponse)
async def act(
    request: Request, case_id: str, action: str, user: Annotated[str, Depends(require_user)]
) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    engine, policy = engine_of(request), policy_of(request)
    try:
        number = case_number(case_id)
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="No such case", error=exc.detail)
    try:
        check_csrf(request, form.get("csrf_token"))
        if action not in ACTIONS:
            return page(request, "error.html", 404, title="No such action", error=action)
        seen = version_seen(form)
        if action == "decide":
            body = validated(DecideRequest, form, ("disposition", "reason"))
            decide(
                engine,
                number,
                disposition=body.disposition,
                reason=body.reason,
                user=user,
                expected_version=seen,
                policy=policy,
            )
        elif action == "approve":
            approve(engine, number, user=user, expected_version=seen, policy=policy)
        else:
            assigned = validated(AssignRequest, form, ("assignee",))
            assign(
                engine,
                number,
                assignee=assigned.assignee,
                user=user,
                expected_version=seen,
                policy=policy,
            )
    except ChokepointError as exc:
        return case_page(request, number, exc)
    return RedirectResponse(f"/ui/cases/{number}?done={action}", status_code=303)


@router.post("/ui/screen/record", response_class=HTMLResponse)
async def record(request: Request, user: Annotated[str, Depends(require_user)]) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    fields = {k: form.get(k, "").strip() for k in FIELDS}
    try:
        check_csrf(request, form.get("csrf_token"))
        engine = engine_of(request)
        recorded = record_screening(
            engine, screen(engine, query_of(fields)), user=user, policy=policy_of(request)
        )
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="Not recorded", error=exc.detail)
    if recorded.case is None:
        return page(request, "error.html", 409, title="No case opened", error=recorded.note)
    return RedirectResponse(f"/ui/cases/{recorded.case.id}?done=recorded", status_code=303)
