"""Who is signed in to the web UI, and the CSRF token that guards every form.

The cookie (Starlette's ``SessionMiddleware``, signed) holds a random session token and a
random CSRF token; the session itself (user, key, expiry) is a database row
(``store/sessions.py``), so signing out ends it for every copy of the cookie, and each
request checks that the key it was opened with is still configured. Sign-in takes an API
key when keys are configured (the key's user is the session's user, as in the API); with
no keys configured the UI is open, like the API, and sign-in takes a name only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote

from fastapi import Request

from chokepoint.errors import ForbiddenError, InputError
from chokepoint.server.keys import KeyRing
from chokepoint.settings import Settings
from chokepoint.store.sessions import end_session, find_session, start_session
from chokepoint.text.strict import has_control
from chokepoint.web.context import engine_of, keys_of

SESSION = "sid"
CSRF = "csrf"
CSRF_FIELD = "csrf_token"
SESSION_HOURS = 12


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
    """The user of the request's live session (looked up once per request)."""
    user: str | None | bool = getattr(request.state, "chokepoint_user", False)
    if user is False:
        user = request.state.chokepoint_user = _session_user(request)
    return user if isinstance(user, str) else None


def _session_user(request: Request) -> str | None:
    token = request.session.get(SESSION)
    if not isinstance(token, str) or not token:
        return None
    session = find_session(engine_of(request), token)
    if session is None:
        return None
    keys = keys_of(request)
    if keys and not (session.key_digest and keys.knows_digest(session.key_digest)):
        return None  # signed in with a key that has since been removed
    return session.user


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
    digest = None
    if keys:
        found = keys.user_for(key.strip())
        if found is None:
            raise ForbiddenError("unknown API key")
        user, digest = found, keys.digest_of(key.strip())
    else:
        user = name.strip()
        if not user or len(user) > 200 or has_control(user):
            raise InputError("type your name to sign in (up to 200 characters)")
    request.session.clear()
    token = start_session(engine_of(request), user=user, key_digest=digest, hours=SESSION_HOURS)
    request.session[SESSION] = token
    request.state.chokepoint_user = user
    csrf_token(request)
    return user


def sign_out(request: Request) -> None:
    """End the session in the database, so a copy of the cookie no longer signs in."""
    token = request.session.get(SESSION)
    if isinstance(token, str) and token:
        end_session(engine_of(request), token)
    request.session.clear()
    request.state.chokepoint_user = None
