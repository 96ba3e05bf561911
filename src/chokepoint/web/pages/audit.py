"""The audit log, filtered by actor, action or object, with the chain verified on view."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from chokepoint.audit import entries, verify
from chokepoint.web.context import engine_of, policy_of
from chokepoint.web.render import page
from chokepoint.web.session import require_user

# Every page here needs a signed-in user; those that act also take the user's name.
router = APIRouter(dependencies=[Depends(require_user)])
FILTERS = ("actor", "action", "object")
SHOWN = 500


@router.get("/ui/audit", response_class=HTMLResponse)
def audit_page(request: Request) -> HTMLResponse:
    engine = engine_of(request)
    chosen = {k: request.query_params.get(k, "").strip() for k in FILTERS}
    rows = [
        e
        for e in entries(engine, object=chosen["object"] or None)
        if (not chosen["actor"] or e.actor == chosen["actor"])
        and (not chosen["action"] or e.action.startswith(chosen["action"]))
    ]
    return page(
        request,
        "audit.html",
        rows=rows[::-1][:SHOWN],
        total=len(rows),
        chosen=chosen,
        verification=verify(engine, config=policy_of(request).audit),
    )
