"""API keys on requests: ``Authorization: ApiKey <key>``, checked against the configured
keys (``server/keys.py``).

``current_user`` is the dependency of every protected router, and the one a router that
needs to know who acts (a case decided by whom) asks for: it returns the user name the
key was configured with, or ``anonymous`` when no keys are configured and the API is open.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader

from chokepoint.server.keys import KeyRing

OPEN_USER = "anonymous"
SCHEME = "apikey"
# OpenRefine cannot send headers: on the reconciliation API, as on yente's, a key may come
# in the URL (``?api_key=``); the server's access log masks it (``app/run.py``, ``MaskQuery``).
URL_KEY = "api_key"
URL_KEY_PATHS = "/reconcile/"


api_key_header = APIKeyHeader(
    name="Authorization",
    auto_error=False,
    description="`ApiKey <key>`: a key of CHOKEPOINT_API_KEYS (none needed when none is set)",
)


async def current_user(
    request: Request, authorization: Annotated[str | None, Depends(api_key_header)]
) -> str:
    """The user name of the request's API key; 401 when keys are configured and the
    request has none of them."""
    ring: KeyRing = request.app.state.keys
    if not ring:
        return OPEN_USER
    scheme, _, key = (authorization or "").strip().partition(" ")
    user = ring.user_for(key.strip()) if scheme.lower() == SCHEME else None
    in_url = request.query_params.get(URL_KEY)
    if user is None and in_url and request.url.path.startswith(URL_KEY_PATHS):
        user = ring.user_for(in_url)
    if user is None:
        raise HTTPException(
            401,
            "missing or wrong API key: send the header `Authorization: ApiKey <key>`",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    return user
