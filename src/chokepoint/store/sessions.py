"""Web UI sessions kept in the database: every worker process sees a sign-out at once.

A signed cookie alone cannot be taken back: a copy of it works until it expires, after a
sign-out and after its key was removed. Here the cookie carries a random token; the
database keeps its SHA-256 (never the token), the user, the digest of the API key signed
in with, and the expiry. Ending a session deletes its row.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select

from chokepoint.store.schema import web_sessions
from chokepoint.store.transactions import write_transaction


@dataclass(frozen=True)
class WebSession:
    user: str
    key_digest: str | None  # hex SHA-256 of the API key; None in open mode (no keys)


def _id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def start_session(engine: Engine, *, user: str, key_digest: str | None, hours: float) -> str:
    """A new session's token (for the cookie); expired sessions are cleared meanwhile."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with write_transaction(engine) as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < _time(now)))
        conn.execute(
            insert(web_sessions).values(
                id=_id(token),
                user=user,
                key_digest=key_digest,
                created_at=_time(now),
                expires_at=_time(now + timedelta(hours=hours)),
            )
        )
    return token


def find_session(engine: Engine, token: str) -> WebSession | None:
    """The live session of ``token``; None when it ended, expired or never was."""
    query = select(web_sessions.c.user, web_sessions.c.key_digest).where(
        web_sessions.c.id == _id(token),
        web_sessions.c.expires_at > _time(datetime.now(UTC)),
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return WebSession(row.user, row.key_digest) if row else None


def end_session(engine: Engine, token: str) -> None:
    with write_transaction(engine) as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.id == _id(token)))
