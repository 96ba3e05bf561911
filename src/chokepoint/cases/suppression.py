"""Good-guy suppression: a closed false positive for a subject and a list entry marks the
same hit later as suppressed, until the entry's content changes or the suppression expires
(``CHOKEPOINT_SUPPRESSION_DAYS``). A suppressed hit is kept and shown, never dropped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, insert, select

from chokepoint.audit import timestamp
from chokepoint.cases.model import Case, Hit
from chokepoint.store.schema import suppressions

CHUNK = 500


def flag_suppressed(conn: Connection, hits: list[Hit]) -> list[Hit]:
    """The hits, each marked with the case that suppresses it, if one does now."""
    keys = sorted({h.subject_key for h in hits})
    now = timestamp()
    active: dict[tuple[str, str, str], int] = {}
    for start in range(0, len(keys), CHUNK):
        query = select(
            suppressions.c.subject_key,
            suppressions.c.entity_id,
            suppressions.c.entity_hash,
            suppressions.c.case_id,
        ).where(
            suppressions.c.subject_key.in_(keys[start : start + CHUNK]),
            suppressions.c.expires_at > now,
        )
        for subject, entity, content, case_id in conn.execute(query):
            active[subject, entity, content] = case_id
    return [
        replace(h, suppressed_by=active.get((h.subject_key, h.entity_id, h.entity_hash)))
        for h in hits
    ]


def suppress(conn: Connection, case: Case, days: int) -> int:
    """Record a closed false positive's active hits as suppressed for ``days``; how many."""
    now = datetime.now(UTC)
    expires = now + timedelta(days=days)
    rows = [
        {
            "subject_key": h.subject_key,
            "entity_id": h.entity_id,
            "entity_hash": h.entity_hash,
            "case_id": case.id,
            "created_at": now.isoformat(timespec="milliseconds"),
            "expires_at": expires.isoformat(timespec="milliseconds"),
        }
        for h in case.active_hits
    ]
    if rows:
        conn.execute(insert(suppressions), rows)
    return len(rows)
