"""Lists: the versions loaded, their counts and dates, what changed between two; and one
listed entity with everything known about it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chokepoint.errors import ChokepointError
from chokepoint.server.requests import whole_number
from chokepoint.store.diff import diff_versions
from chokepoint.store.versions import current_versions, get_entity, list_history
from chokepoint.web.context import engine_of
from chokepoint.web.render import page, status_of
from chokepoint.web.session import require_user

# Every page here needs a signed-in user; those that act also take the user's name.
router = APIRouter(dependencies=[Depends(require_user)])


def optional_version(value: str | None, what: str) -> int | None:
    """A version number from the query string; none given is None (the default)."""
    return whole_number(value.strip(), what, low=1) if value and value.strip() else None


@router.get("/ui/lists", response_class=HTMLResponse)
def lists_page(request: Request) -> HTMLResponse:
    engine = engine_of(request)
    current = current_versions(engine)
    history = {v.list: list_history(engine, v.list) for v in current}
    return page(request, "lists.html", current=current, history=history)


@router.get("/ui/lists/{key}/diff", response_class=HTMLResponse)
def diff_page(request: Request, key: str) -> HTMLResponse:
    params = request.query_params
    try:
        diff = diff_versions(
            engine_of(request),
            key,
            optional_version(params.get("from"), "from (a version)"),
            optional_version(params.get("to"), "to (a version)"),
        )
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="No such list", error=exc.detail)
    return page(request, "diff.html", diff=diff)


@router.get("/ui/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> Response:
    try:
        entity = get_entity(engine_of(request), entity_id)
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="No such entity", error=exc.detail)
    if entity["id"] != entity_id:  # an id of an earlier form: the page's address now
        return RedirectResponse(f"/ui/entities/{entity['id']}", status_code=308)
    return page(request, "entity.html", entity=entity)
