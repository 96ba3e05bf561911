"""The audit log: one hash-chained row per action, written in the action's own transaction.

Each row's ``hash`` is SHA-256 of the previous row's hash followed by the canonical JSON of
its own fields, and ids run 1, 2, 3... with no gap, so ``verify`` finds a row changed
(its hash no longer fits its content), removed (a gap, or a broken link) or inserted (a
link that does not fit). ``audit_head`` repeats the last id and hash: a cut tail shows too.
Appenders lock that head row, so two transactions never chain onto the same row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from chokepoint.store.schema import audit_head, audit_log

GENESIS = "0" * 64  # the prev_hash of row 1


def timestamp() -> str:
    """Now, in UTC, to the millisecond: the time every case and audit row records."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def canonical(data: Any) -> str:
    """JSON with one spelling for one value, so a hash can be recomputed from it.

    >>> canonical({"b": 1, "a": [True, None, "é"]})
    '{"a":[true,null,"é"],"b":1}'
    """
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """The hash a row with these fields gets after a row hashed ``prev_hash``."""
    return hashlib.sha256((prev_hash + canonical(fields)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    time: str
    actor: str
    action: str
    object: str
    payload: str  # canonical JSON, exactly as hashed
    prev_hash: str
    hash: str

    def content_hash(self) -> str:
        fields = {k: v for k, v in asdict(self).items() if k not in ("prev_hash", "hash")}
        return chain_hash(self.prev_hash, fields)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "payload": json.loads(self.payload)}


def lock_chain(conn: Connection) -> tuple[int, str]:
    """Lock the chain head until the transaction ends; its last id and hash.

    On SQLite the write transaction's BEGIN IMMEDIATE already holds the only write lock.
    """
    row = conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
    return row.last_id, row.hash


def append(
    conn: Connection, *, actor: str, action: str, object: str, payload: dict[str, Any]
) -> AuditEntry:
    """Chain one row onto the log, inside the caller's (write) transaction."""
    last_id, prev = lock_chain(conn)
    fields: dict[str, Any] = {
        "id": last_id + 1,
        "time": timestamp(),
        "actor": actor,
        "action": action,
        "object": object,
        "payload": canonical(payload),
    }
    entry = AuditEntry(**fields, prev_hash=prev, hash=chain_hash(prev, fields))
    conn.execute(insert(audit_log).values(**asdict(entry)))
    conn.execute(
        update(audit_head).where(audit_head.c.id == 1).values(last_id=entry.id, hash=entry.hash)
    )
    return entry


def entries(engine: Engine, object: str | None = None) -> Iterator[AuditEntry]:
    """Every row in chain order, or those about one object (``case:12``)."""
    query = select(audit_log).order_by(audit_log.c.id)
    if object is not None:
        query = query.where(audit_log.c.object == object)
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=1000).execute(query):
            yield AuditEntry(**row._mapping)


@dataclass(frozen=True)
class Verification:
    rows: int
    broken_row: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(engine: Engine) -> Verification:
    """Walk the chain from row 1; the first row that does not fit, and why."""
    expected_id, prev = 1, GENESIS
    count = 0
    for entry in entries(engine):
        if entry.id < expected_id:
            return Verification(count, entry.id, "not part of the chain (ids start at 1)")
        if entry.id > expected_id:
            return Verification(count, expected_id, f"missing: the log goes on at row {entry.id}")
        if entry.prev_hash != prev:
            return Verification(
                count,
                entry.id,
                f"prev_hash is not the hash of row {entry.id - 1}: that row was changed, "
                "or a row was removed or inserted before this one",
            )
        if entry.content_hash() != entry.hash:
            return Verification(count, entry.id, "hash does not match the row's content")
        expected_id, prev, count = entry.id + 1, entry.hash, count + 1
    with engine.connect() as conn:
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one_or_none()
    if head is None:
        return Verification(count, None, "the chain head (audit_head) is missing")
    if head.last_id > count:
        return Verification(count, count + 1, f"missing: the chain head ends at row {head.last_id}")
    if head.last_id < count:
        return Verification(count, head.last_id + 1, "after the chain head's last row: inserted")
    if head.hash != prev:
        return Verification(count, count, "its hash is not the one the chain head holds")
    return Verification(count)
