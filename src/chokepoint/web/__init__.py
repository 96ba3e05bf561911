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

from chokepoint.api.auth import KeyRing
from chokepoint.settings import Settings
from chokepoint.web.pages import audit, cases, lists, ownership, screen, shipment, signin
from chokepoint.web.session import SignInRequired, session_secret

ROUTERS = (
    signin.router,
    screen.router,
    shipment.router,
    ownership.router,
    cases.router,
    lists.router,
    audit.router,
)
SESSION_HOURS = 12


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
