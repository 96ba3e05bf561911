"""Screen a name: the form, and each candidate beside the query with its evidence."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from chokepoint.errors import ChokepointError
from chokepoint.matching import Query
from chokepoint.model import SCHEMATA
from chokepoint.screening import screen
from chokepoint.web.context import engine_of
from chokepoint.web.render import page, status_of
from chokepoint.web.session import require_user

# Every page here needs a signed-in user; those that act also take the user's name.
router = APIRouter(dependencies=[Depends(require_user)])
FIELDS = ("name", "schema", "birth_date", "country", "id")


def query_of(form: dict[str, str]) -> Query:
    ids = [form["id"]] if form.get("id") else []
    return Query.of(
        form["name"],
        form.get("schema") or None,
        form.get("birth_date") or None,
        form.get("country") or None,
        ids,
    )


@router.get("/ui/screen", response_class=HTMLResponse)
def screen_page(request: Request) -> HTMLResponse:
    form = {k: request.query_params.get(k, "").strip() for k in FIELDS}
    result, error = None, None
    if form["name"]:
        try:
            result = screen(engine_of(request), query_of(form), limit=10)
        except ChokepointError as exc:
            error = exc
    return page(
        request,
        "screen.html",
        status_code=status_of(error) if error else 200,
        form=form,
        schemata=SCHEMATA,
        result=result,
        parties=result.by_party() if result else [],
        error=error.detail if error else None,
        can_record=bool(result and result.matches),
    )
