"""Signing in and out of the web UI."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chokepoint.errors import ChokepointError
from chokepoint.web.context import keys_of
from chokepoint.web.render import page, status_of
from chokepoint.web.session import check_csrf, sign_in, sign_out

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a path on this site: never a redirect to another host after sign-in.

    >>> safe_next("/ui/cases?status=open"), safe_next("//evil.example/x"), safe_next(None)
    ('/ui/cases?status=open', '/ui/screen', '/ui/screen')
    """
    if target and target.startswith("/ui/") and not target.startswith("//"):
        return target
    return "/ui/screen"


def form_page(request: Request, next_url: str, error: ChokepointError | None = None) -> Response:
    return page(
        request,
        "signin.html",
        status_of(error) if error else 200,
        next=safe_next(next_url),
        keys_configured=bool(keys_of(request)),
        error=error.detail if error else None,
    )


@router.get("/ui/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> Response:
    return form_page(request, request.query_params.get("next", ""))


@router.post("/ui/signin", response_class=HTMLResponse)
async def signin(request: Request) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        check_csrf(request, fields.get("csrf_token"))
        sign_in(
            request,
            keys_of(request),
            name=fields.get("name", ""),
            key=fields.get("key", ""),
        )
    except ChokepointError as exc:
        return form_page(request, fields.get("next", ""), exc)
    return RedirectResponse(safe_next(fields.get("next")), status_code=303)


@router.post("/ui/signout")
async def signout(request: Request) -> Response:
    form = await request.form()
    token = form.get("csrf_token")
    try:
        check_csrf(request, token if isinstance(token, str) else None)
    except ChokepointError as exc:
        return page(request, "error.html", status_of(exc), title="Not signed out", error=exc.detail)
    sign_out(request)
    return RedirectResponse("/ui/signin", status_code=303)
