"""Who is signed in to the web UI, and the CSRF token that guards every form.

A session is a signed cookie (Starlette's ``SessionMiddleware``) holding the user name and a
random CSRF token. Sign-in takes an API key when keys are configured (the key's user is the
session's user, as in the API); with no keys configured the UI is open, like the API, and
sign-in takes a name only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote

from fastapi import Request

from chokepoint.api.auth import KeyRing
from chokepoint.errors import ForbiddenError, InputError
from chokepoint.settings import Settings

USER = "user"
CSRF = "csrf"
CSRF_FIELD = "csrf_token"


class SignInRequired(Exception):
    """Raised by ``require_user``; the app answers with a redirect to the sign-in page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def session_secret(settings: Settings, keys: KeyRing) -> str:
    """The key that signs session cookies: configured, else derived from the API keys so
    that every worker process of one server agrees on it. Open mode (no keys) has nothing
    to protect: a session there only carries the name the user typed."""
    if settings.web_secret:
        return settings.web_secret
    material = b"".join(sorted(digest for digest, _ in keys.entries)) or settings.db.encode()
    return hashlib.sha256(b"chokepoint-web-session\n" + material).hexdigest()


def current_user(request: Request) -> str | None:
    user = request.session.get(USER)
    return user if isinstance(user, str) and user else None


def require_user(request: Request) -> str:
    """FastAPI dependency: the signed-in user, or a redirect to sign in and come back."""
    user = current_user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(f"/ui/signin?next={quote(target, safe='')}")
    return user


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use."""
    token = request.session.get(CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    """A form post must carry the session's token: a page of another site can't know it."""
    expected = request.session.get(CSRF)
    if not (
        isinstance(expected, str)
        and submitted
        and hmac.compare_digest(expected.encode(), submitted.encode())
    ):
        raise ForbiddenError("the form expired or did not come from this site: reload the page")


def sign_in(request: Request, keys: KeyRing, *, name: str, key: str) -> str:
    """Start a session for the key's user (or, in open mode, for the name typed)."""
    if keys:
        user = keys.user_for(key.strip())
        if user is None:
            raise ForbiddenError("unknown API key")
    else:
        user = name.strip()
        if not user:
            raise InputError("type your name to sign in")
    request.session.clear()
    request.session[USER] = user
    csrf_token(request)
    return user


def sign_out(request: Request) -> None:
    request.session.clear()
