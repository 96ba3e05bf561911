"""The audit log: one chained row per action, written in the action's own transaction.

Each row's ``hash`` is SHA-256 of the previous row's hash followed by the canonical JSON of
its own fields, and ids run 1, 2, 3... with no gap, so ``verify`` finds a row changed
(its hash no longer fits its content), removed (a gap, or a broken link) or inserted (a
link that does not fit). ``audit_head`` repeats the last id and hash: a cut tail shows too.
Appenders lock that head row, so two transactions never chain onto the same row.

Anyone who can write the database can recompute SHA-256 hashes, so each row also has a
``mac``: HMAC-SHA256 of the previous row's mac and its own hash, under a key kept outside
the database (``audit/key.py``). Rewriting a row then needs the key. Deleting the last rows
(or all of them) needs no key, so the chain head is exported after each append to where the
operator chooses (``AuditConfig.head_file``, and the ``chokepoint.audit`` log at INFO);
``verify`` checks the log against such an exported head. Rows written before a key was
used (mac NULL) are signed by the first append that uses it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from chokepoint.audit.key import DEFAULT_AUDIT, AuditConfig, AuditKey, audit_key
from chokepoint.errors import ChokepointError, InputError
from chokepoint.store.schema import audit_head, audit_log, cases
from chokepoint.store.transactions import after_commit

GENESIS = "0" * 64  # the prev_hash of row 1, and the mac before it
log = logging.getLogger("chokepoint.audit")


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
    mac: str | None = None

    def content_hash(self) -> str:
        fields = {k: v for k, v in asdict(self).items() if k not in ("prev_hash", "hash", "mac")}
        return chain_hash(self.prev_hash, fields)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "payload": json.loads(self.payload)}


@dataclass(frozen=True)
class Head:
    """The end of the chain: what an exported head holds, and what ``verify`` checks."""

    last_id: int
    hash: str
    mac: str | None

    def to_json(self) -> str:
        return canonical(asdict(self))


def lock_chain(conn: Connection) -> tuple[int, str]:
    """Lock the chain head until the transaction ends; its last id and hash.

    On SQLite the write transaction's BEGIN IMMEDIATE already holds the only write lock.
    """
    row = conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
    return row.last_id, row.hash


def sign_unsigned(conn: Connection, key: AuditKey) -> str:
    """Give every row its mac, in chain order: the rows written before any key was used.
    Returns the last mac. They are vouched for from now on, not from when written."""
    mac = GENESIS
    rows = conn.execute(select(audit_log.c.id, audit_log.c.hash).order_by(audit_log.c.id)).all()
    for row_id, row_hash in rows:
        mac = key.mac(mac, row_hash)
        conn.execute(update(audit_log).where(audit_log.c.id == row_id).values(mac=mac))
    return mac


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    object: str,
    payload: dict[str, Any],
    config: AuditConfig,
) -> AuditEntry:
    """Chain one row onto the log, inside the caller's ``write_transaction``, signed with
    ``config``'s key; its head is exported once the transaction has committed. ``config``
    has no default: a writer that forgot it would sign with another key than the entry
    point's, and the next writer would find the chain signed by a stranger."""
    key = audit_key(config, create=True)
    head = conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
    if head.key_id is not None and head.key_id != key.id:
        raise ChokepointError(
            f"the audit log is signed with another key (id {head.key_id}) than {key.where} "
            f"(id {key.id}): every process writing this database needs the same audit key"
        )
    prev_mac = head.mac or (sign_unsigned(conn, key) if head.last_id else GENESIS)
    fields: dict[str, Any] = {
        "id": head.last_id + 1,
        "time": timestamp(),
        "actor": actor,
        "action": action,
        "object": object,
        "payload": canonical(payload),
    }
    row_hash = chain_hash(head.hash, fields)
    entry = AuditEntry(
        **fields, prev_hash=head.hash, hash=row_hash, mac=key.mac(prev_mac, row_hash)
    )
    conn.execute(insert(audit_log).values(**asdict(entry)))
    conn.execute(
        update(audit_head)
        .where(audit_head.c.id == 1)
        .values(last_id=entry.id, hash=entry.hash, mac=entry.mac, key_id=key.id)
    )
    exported = Head(entry.id, entry.hash, entry.mac)
    after_commit(conn, lambda: export_head(exported, config.head_file))
    return entry


def export_head(head: Head, target: str | None) -> None:
    """Write the chain head to the log and to ``target`` (``AuditConfig.head_file``),
    replaced atomically, never by an older head."""
    log.info("audit head %s", head.to_json())
    if not target:
        return
    path = Path(target)
    try:
        older = read_head(path) if path.exists() else None
        if older is not None and older.last_id >= head.last_id:
            return  # a transaction that committed after ours wrote its head first
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(head.to_json() + "\n", encoding="utf-8")
        temp.replace(path)
    except (OSError, ChokepointError) as exc:
        # The action has committed: say so loudly, but do not report it as failed.
        log.error("could not export the audit head to %s: %s", path, exc)


def read_head(path: Path) -> Head:
    """An exported head, as ``export_head`` wrote it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Head(int(data["last_id"]), str(data["hash"]), data.get("mac"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not an exported audit head ({exc})") from None


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
    signed: bool = True  # False: rows written before any key, not signed yet
    against: str | None = None  # the exported head checked against, if any

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(
    engine: Engine, exported: Path | None = None, config: AuditConfig = DEFAULT_AUDIT
) -> Verification:
    """Walk the chain from row 1; the first row that does not fit, and why. Then the
    database's head, the exported head (``exported``, else ``config.head_file`` when set)
    and the cases, each of which must have the rows of what was done to it."""
    target = exported or (Path(config.head_file) if config.head_file else None)
    head_file = read_head(target) if target and (exported or target.exists()) else None
    found = _walk(engine, head_file, config)
    if not found.ok:
        return found
    missing = missing_case_rows(engine)
    if missing:
        return Verification(found.rows, None, missing)
    return Verification(found.rows, signed=found.signed, against=str(target) if head_file else None)


def _walk(engine: Engine, exported: Head | None, config: AuditConfig) -> Verification:
    expected_id, prev, prev_mac = 1, GENESIS, GENESIS
    count, signed, key = 0, True, None
    at_export: AuditEntry | None = None
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
        if entry.id == 1:
            signed = entry.mac is not None
            key = audit_key(config, create=False) if signed else None
        if (entry.mac is not None) != signed:
            return Verification(count, entry.id, "signed unlike row 1: a mac was added or removed")
        if key is not None:
            if entry.mac != key.mac(prev_mac, entry.hash):
                return Verification(
                    count,
                    entry.id,
                    f"mac does not match: written without the audit key ({key.where})",
                )
            prev_mac = entry.mac
        if exported is not None and entry.id == exported.last_id:
            at_export = entry
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
    if exported is not None and exported.last_id > 0:
        if at_export is None:
            return Verification(
                count,
                count + 1,
                f"missing: the exported head names row {exported.last_id}, the log ends at "
                f"row {count} (rows were removed)",
            )
        if (at_export.hash, at_export.mac) != (exported.hash, exported.mac):
            return Verification(
                count, exported.last_id, "not the row the exported head names: rewritten since"
            )
    return Verification(count, signed=signed or count == 0)


# What a case's columns say was done to it, and the audit row each needs.
CASE_ACTIONS = (
    ("created_by", "case.open"),
    ("decided_by", "case.decide"),
    ("approved_by", "case.approve"),
)


def missing_case_rows(engine: Engine) -> str | None:
    """The first case whose opening, decision or approval has no audit row."""
    query = (
        select(audit_log.c.object, audit_log.c.action)
        .where(audit_log.c.object.like("case:%"))
        .distinct()
    )
    with engine.connect() as conn:
        logged = {(obj, action) for obj, action in conn.execute(query)}
        rows = conn.execute(
            select(
                cases.c.id, cases.c.created_by, cases.c.decided_by, cases.c.approved_by
            ).order_by(cases.c.id)
        ).all()
    for row in rows:
        for column, action in CASE_ACTIONS:
            if getattr(row, column) is not None and (f"case:{row.id}", action) not in logged:
                return f"case {row.id} has no {action} row: the log lost what was done to it"
    return None
