"""The audit chain catches a row changed, removed or inserted by direct SQL, on both
backends, and names the first broken row."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

from chokepoint.audit import GENESIS, AuditEntry, append, chain_hash, entries, verify
from chokepoint.store import open_db
from chokepoint.store.transactions import write_transaction
from tests.cli.helpers import run


def logged(db: str, rows: int = 3) -> Engine:
    engine = open_db(db)
    for n in range(1, rows + 1):
        with write_transaction(engine) as conn:
            append(conn, actor="alice", action="case.decide", object=f"case:{n}", payload={"n": n})
    return engine


def forged(conn: Connection, id: int, prev_hash: str) -> None:
    """A row written by someone who knows the hashing: it fits after ``prev_hash``."""
    fields = {"id": id, "time": "2026-01-01T00:00:00.000+00:00", "actor": "mallory"}
    fields |= {"action": "case.approve", "object": "case:1", "payload": "{}"}
    values = {**fields, "prev_hash": prev_hash, "hash": chain_hash(prev_hash, fields)}
    conn.execute(
        text(
            "INSERT INTO audit_log (id, time, actor, action, object, payload, prev_hash, hash) "
            "VALUES (:id, :time, :actor, :action, :object, :payload, :prev_hash, :hash)"
        ),
        values,
    )


def hash_of(conn: Connection, id: int) -> str:
    return str(conn.execute(text("SELECT hash FROM audit_log WHERE id = :id"), {"id": id}).scalar())


def change_actor(conn: Connection) -> None:
    conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE id = 2"))


def change_and_rehash(conn: Connection) -> None:
    row = conn.execute(text("SELECT * FROM audit_log WHERE id = 2")).one()
    entry = AuditEntry(**{**row._mapping, "actor": "mallory"})
    conn.execute(
        text("UPDATE audit_log SET actor = 'mallory', hash = :h WHERE id = 2"),
        {"h": entry.content_hash()},
    )


def remove_middle(conn: Connection) -> None:
    conn.execute(text("DELETE FROM audit_log WHERE id = 2"))


def remove_last(conn: Connection) -> None:
    conn.execute(text("DELETE FROM audit_log WHERE id = 3"))


def insert_at_end(conn: Connection) -> None:
    forged(conn, 4, hash_of(conn, 3))


def insert_in_middle(conn: Connection) -> None:
    # Rows 2 and 3 moved to 3 and 4, a forged row 2 chained onto row 1.
    conn.execute(text("UPDATE audit_log SET id = id + 100 WHERE id >= 2"))
    conn.execute(text("UPDATE audit_log SET id = id - 99 WHERE id >= 100"))
    forged(conn, 2, hash_of(conn, 1))


TAMPERING: list[tuple[Callable[[Connection], None], int, str]] = [
    (change_actor, 2, "hash does not match the row's content"),
    (
        change_and_rehash,
        3,
        "prev_hash is not the hash of row 2: that row was changed, "
        "or a row was removed or inserted before this one",
    ),
    (remove_middle, 2, "missing: the log goes on at row 3"),
    (remove_last, 3, "missing: the chain head ends at row 3"),
    (insert_at_end, 4, "after the chain head's last row: inserted"),
    (
        insert_in_middle,
        3,
        "prev_hash is not the hash of row 2: that row was changed, "
        "or a row was removed or inserted before this one",
    ),
]


def test_an_untouched_chain_verifies(any_db: str) -> None:
    engine = logged(any_db)
    assert verify(engine).ok and verify(engine).rows == 3
    first = next(entries(engine))
    assert first.prev_hash == GENESIS and first.content_hash() == first.hash


@pytest.mark.parametrize(
    ("tamper", "row", "problem"), TAMPERING, ids=[t[0].__name__ for t in TAMPERING]
)
def test_tampering_is_caught_at_the_first_broken_row(
    any_db: str, tamper: Callable[[Connection], None], row: int, problem: str
) -> None:
    engine = logged(any_db)
    with engine.begin() as conn:
        tamper(conn)
    result = verify(engine)
    assert (result.ok, result.broken_row, result.problem) == (False, row, problem)


def test_cli_verify_exit_status_and_export(db_url: str, tmp_path: Path) -> None:
    engine = logged(db_url)
    ok = run("audit", "verify", "--db", db_url)
    assert (ok.exit_code, ok.stdout) == (0, "audit log intact: 3 rows\n")
    out = tmp_path / "audit.jsonl"
    exported = run("audit", "export", "-o", str(out), "--db", db_url)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert exported.stderr == "3 audit rows written\n"
    assert [(r["id"], r["object"], r["payload"]) for r in lines] == [
        (1, "case:1", {"n": 1}),
        (2, "case:2", {"n": 2}),
        (3, "case:3", {"n": 3}),
    ]
    assert set(lines[0]) == {
        "id",
        "time",
        "actor",
        "action",
        "object",
        "payload",
        "prev_hash",
        "hash",
    }
    with engine.begin() as conn:
        change_actor(conn)
    broken = run("audit", "verify", "--db", db_url)
    assert (broken.exit_code, broken.stderr) == (
        1,
        "audit log broken at row 2: hash does not match the row's content\n",
    )


def test_concurrent_appenders_never_fork_the_chain(any_db: str) -> None:
    engine = open_db(any_db)

    def appender(user: str) -> None:
        for n in range(10):
            with write_transaction(engine) as conn:
                append(conn, actor=user, action="test", object=f"n:{n}", payload={})

    threads = [threading.Thread(target=appender, args=(u,)) for u in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    result = verify(engine)
    assert (result.ok, result.rows) == (True, 30)
