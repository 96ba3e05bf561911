"""API keys as configured (``CHOKEPOINT_API_KEYS``, ``CHOKEPOINT_API_KEYS_FILE``): who each
key belongs to, compared in constant time, never logged. The API's ``current_user`` and the
web UI's sign-in both ask here, so a key names the same user in either.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from chokepoint.errors import ChokepointError
from chokepoint.settings import Settings

DEFAULT_USER = "api"  # the user of a key configured without a name
MIN_KEY_LENGTH = 16


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
