"""The analyst web UI: server-rendered pages under ``/ui``, mounted on the API's app.

Pages call the same library functions as the CLI and the API; this package only reads
forms, checks the session and CSRF token, and renders templates.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chokepoint.server.keys import KeyRing
from chokepoint.settings import Settings
from chokepoint.web.pages import audit, cases, lists, ownership, screen, shipment, signin
from chokepoint.web.session import SESSION_HOURS, SignInRequired, session_secret

ROUTERS = (
    signin.router,
    screen.router,
    shipment.router,
    ownership.router,
    cases.router,
    lists.router,
    audit.router,
)
# On every page: never framed (clickjacking), never sniffed as another type, no URL sent
# to other sites, and no copy of a case or a screening kept in a browser or proxy cache.
PAGE_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)


class PageHeaders:
    """Plain ASGI (Starlette's ``BaseHTTPMiddleware`` would buffer every response): adds
    ``PAGE_HEADERS`` to the responses under ``/ui`` but the static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == "/ui" or path.startswith("/ui/")) or path.startswith("/ui/static/"):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in PAGE_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + list(PAGE_HEADERS)
            await send(message)

        await self.app(scope, receive, with_headers)


def mount_web(app: FastAPI, settings: Settings, keys: KeyRing) -> None:
    """Add the pages, their static files and the session cookie to ``app``."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings, keys),
        session_cookie="chokepoint_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=settings.web_secure_cookies,
    )
    app.add_middleware(PageHeaders)
    static = resources.files("chokepoint.web") / "static"
    app.mount("/ui/static", StaticFiles(directory=str(static)), name="ui-static")
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/ui/screen", status_code=303)

    @app.exception_handler(SignInRequired)
    def to_signin(_request: Request, exc: SignInRequired) -> Response:
        return RedirectResponse(exc.next_url, status_code=303)
