"""API keys: ``Authorization: ApiKey <key>``, compared in constant time, never logged.

``current_user`` is the dependency of every protected router, and the one a router that
needs to know who acts (a case decided by whom) asks for: it returns the user name the
key was configured with, or ``anonymous`` when no keys are configured and the API is open.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader

from chokepoint.errors import ChokepointError
from chokepoint.settings import Settings

OPEN_USER = "anonymous"
DEFAULT_USER = "api"  # the user of a key configured without a name
MIN_KEY_LENGTH = 16
SCHEME = "apikey"
# OpenRefine cannot send headers: on the reconciliation API, as on yente's, a key may come
# in the URL (``?api_key=``); the server's access log masks it (``server.MaskQuery``).
URL_KEY = "api_key"
URL_KEY_PATHS = "/reconcile/"


def _digest(key: str) -> bytes:
    # Comparing digests keeps the comparison's time independent of the keys' lengths too.
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass(frozen=True)
class KeyRing:
    entries: tuple[tuple[bytes, str], ...] = ()  # (digest of the key, user)

    @classmethod
    def parse(cls, text: str, where: str = "CHOKEPOINT_API_KEYS") -> KeyRing:
        """Keys from ``user:key`` or bare ``key`` entries, separated by commas or lines;
        ``#`` starts a comment. Errors name the entry, never the key.

        >>> KeyRing.parse("alice:0123456789abcdefXYZ, 0123456789abcdef-bare").users
        ('alice', 'api')
        """
        entries = []
        lines = [line.split("#", 1)[0] for line in text.splitlines()]
        items = [item.strip() for line in lines for item in line.split(",")]
        for number, item in enumerate((i for i in items if i), 1):
            user, colon, key = item.partition(":")
            if not colon:
                user, key = "", item
            if len(key) < MIN_KEY_LENGTH:
                raise ChokepointError(
                    f"{where}: key {number} is shorter than {MIN_KEY_LENGTH} characters "
                    "(make one with: python -c 'import secrets; print(secrets.token_urlsafe())')"
                )
            entries.append((_digest(key), user.strip() or DEFAULT_USER))
        return cls(tuple(entries))

    @property
    def users(self) -> tuple[str, ...]:
        return tuple(user for _, user in self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def digest_of(self, key: str) -> str | None:
        """The hex digest of a configured key (what a web session keeps), else None."""
        return _digest(key).hex() if self.user_for(key) is not None else None

    def knows_digest(self, digest: str) -> bool:
        """Whether the key of this digest is still configured (revocation ends sessions)."""
        try:
            given = bytes.fromhex(digest)
        except ValueError:
            return False
        return any(hmac.compare_digest(d, given) for d, _ in self.entries)

    def user_for(self, key: str) -> str | None:
        """The user of ``key``; every entry is compared, so the time says nothing."""
        given = _digest(key)
        found = None
        for digest, user in self.entries:
            if hmac.compare_digest(digest, given) and found is None:
                found = user
        return found


def load_keys(settings: Settings) -> KeyRing:
    """The keys of ``CHOKEPOINT_API_KEYS`` and of the file ``CHOKEPOINT_API_KEYS_FILE``."""
    ring = KeyRing.parse(settings.api_keys)
    if settings.api_keys_file:
        path = Path(settings.api_keys_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ChokepointError(f"CHOKEPOINT_API_KEYS_FILE {path}: {exc.strerror}") from None
        ring = KeyRing(ring.entries + KeyRing.parse(text, str(path)).entries)
    return ring


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
