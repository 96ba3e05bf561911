"""A party's ownership: the graph around it (SVG drawn on the server), its status under
each regime and the paths that decide it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from chokepoint.errors import ChokepointError
from chokepoint.ownership import explain, get_state
from chokepoint.ownership.resolve import matcher_resolver
from chokepoint.ownership.svg import draw
from chokepoint.screening import get_matcher
from chokepoint.web.context import engine_of
from chokepoint.web.render import page, status_of
from chokepoint.web.session import require_user

router = APIRouter(dependencies=[Depends(require_user)])


@router.get("/ui/ownership", response_class=HTMLResponse)
def ownership_page(request: Request) -> HTMLResponse:
    entity = request.query_params.get("entity", "").strip()
    if not entity:
        return page(request, "ownership.html", entity="", result=None, svg=None)
    engine = engine_of(request)
    try:
        result = explain(engine, entity, matcher_resolver(get_matcher(engine)))
    except ChokepointError as exc:
        return page(
            request,
            "ownership.html",
            status_of(exc),
            entity=entity,
            result=None,
            svg=None,
            error=exc.detail,
        )
    state = get_state(engine)
    node = state.node(result.id)
    svg = Markup(draw(state, node, result)) if node is not None else None  # escaped by draw()
    return page(request, "ownership.html", entity=entity, result=result, svg=svg)
