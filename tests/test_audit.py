"""The audit chain catches a row changed, removed or inserted by direct SQL, on both
backends, and names the first broken row; with its key and an exported head, also the
rewrites of an insider who recomputes the hashes, cuts the tail or wipes the log."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

from chokepoint.audit import GENESIS, AuditEntry, append, chain_hash, entries, verify
from chokepoint.audit.key import DEFAULT_AUDIT, AuditConfig
from chokepoint.errors import ChokepointError
from chokepoint.store import open_db
from chokepoint.store.transactions import write_transaction
from tests.cli.helpers import run
from tests.conftest import WAIT_SECONDS


def logged(db: str, rows: int = 3, config: AuditConfig = DEFAULT_AUDIT) -> Engine:
    engine = open_db(db)
    for n in range(1, rows + 1):
        with write_transaction(engine) as conn:
            payload = {"n": n}
            append(
                conn,
                actor="alice",
                action="case.decide",
                object=f"case:{n}",
                payload=payload,
                config=config,
            )
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
    (change_and_rehash, 2, "mac does not match: written without the audit key"),
    (remove_middle, 2, "missing: the log goes on at row 3"),
    (remove_last, 3, "missing: the chain head ends at row 3"),
    # A forged row carries no mac, or one made without the key.
    (insert_at_end, 4, "signed unlike row 1"),
    (insert_in_middle, 2, "signed unlike row 1"),
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
    assert (result.ok, result.broken_row) == (False, row)
    assert result.problem is not None and result.problem.startswith(problem)


def test_cli_verify_exit_status_and_export(db_url: str, tmp_path: Path) -> None:
    engine = logged(db_url)
    ok = run("audit", "verify", "--db", db_url)
    assert (ok.exit_code, ok.stdout) == (
        0,
        "audit log intact: 3 rows; no exported head to check a cut tail against (--head)\n",
    )
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
        "mac",
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
                append(
                    conn,
                    actor=user,
                    action="test",
                    object=f"n:{n}",
                    payload={},
                    config=DEFAULT_AUDIT,
                )

    threads = [threading.Thread(target=appender, args=(u,)) for u in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=WAIT_SECONDS)
        assert not t.is_alive()
    result = verify(engine)
    assert (result.ok, result.rows) == (True, 30)


# An insider who can write the database but holds neither the audit key nor the exported
# head: each rewrite below passed `audit verify` before the log had a key.
def rehash_from(conn: Connection, first: int) -> None:
    """Recompute the SHA-256 chain from row ``first`` on, and the head, as the old code
    would have verified it."""
    rows = conn.execute(text("SELECT * FROM audit_log ORDER BY id")).all()
    prev = GENESIS if first == 1 else next(r.hash for r in rows if r.id == first - 1)
    for row in rows:
        if row.id < first:
            continue
        entry = AuditEntry(**{**row._mapping, "prev_hash": prev})
        prev = entry.content_hash()
        conn.execute(
            text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :id"),
            {"p": entry.prev_hash, "h": prev, "id": row.id},
        )
    last = rows[-1].id if rows else 0
    conn.execute(text("UPDATE audit_head SET last_id = :l, hash = :h"), {"l": last, "h": prev})


def update_and_rehash(conn: Connection) -> None:
    conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE id = 2"))
    rehash_from(conn, 2)


def update_rehash_and_strip_macs(conn: Connection) -> None:
    update_and_rehash(conn)
    conn.execute(text("UPDATE audit_log SET mac = NULL"))
    conn.execute(text("UPDATE audit_head SET mac = NULL, key_id = NULL"))


def cut_to(conn: Connection, keep: int) -> None:
    conn.execute(text("DELETE FROM audit_log WHERE id > :k"), {"k": keep})
    row = conn.execute(text("SELECT hash, mac FROM audit_log WHERE id = :k"), {"k": keep}).first()
    values = {"l": keep, "h": row.hash if row else GENESIS, "m": row.mac if row else None}
    conn.execute(text("UPDATE audit_head SET last_id = :l, hash = :h, mac = :m"), values)


def delete_the_tail(conn: Connection) -> None:
    cut_to(conn, 2)


def truncate(conn: Connection) -> None:
    cut_to(conn, 1)


def wipe(conn: Connection) -> None:
    cut_to(conn, 0)  # every row gone, the head as a new database has it
    conn.execute(text("UPDATE audit_head SET key_id = NULL"))


REWRITES: list[tuple[Callable[[Connection], None], str]] = [
    (update_and_rehash, "mac does not match"),
    (update_rehash_and_strip_macs, "not the row the exported head names: rewritten since"),
    (delete_the_tail, "missing: the exported head names row 3, the log ends at row 2"),
    (truncate, "missing: the exported head names row 3, the log ends at row 1"),
    (wipe, "missing: the exported head names row 3, the log ends at row 0"),
]


@pytest.mark.parametrize(("rewrite", "problem"), REWRITES, ids=[r[0].__name__ for r in REWRITES])
def test_every_rewrite_is_caught_against_the_exported_head(
    any_db: str,
    tmp_path: Path,
    settings_env: Callable[[str, str], None],
    rewrite: Callable[[Connection], None],
    problem: str,
) -> None:
    head = tmp_path / "audit-head.json"
    config = AuditConfig(head_file=str(head))  # given, not read from the environment
    engine = logged(any_db, config=config)
    assert json.loads(head.read_text())["last_id"] == 3
    assert verify(engine, config=config).ok
    assert verify(engine, config=config).against == str(head)
    with engine.begin() as conn:
        rewrite(conn)
    result = verify(engine, config=config)
    assert not result.ok and result.problem is not None
    assert problem in result.problem
    broken = run("audit", "verify", "--head", str(head), "--db", any_db)
    assert broken.exit_code == 1 and problem in broken.stderr


def test_the_key_file_is_created_on_first_use_for_its_owner_only(
    db_url: str,
    tmp_path: Path,
    settings_env: Callable[[str, str], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings_env("XDG_CONFIG_HOME", str(tmp_path / "config"))
    key = tmp_path / "config" / "chokepoint" / "audit.key"
    with caplog.at_level("WARNING", logger="chokepoint.audit"):
        logged(db_url, rows=1)
    assert key.stat().st_mode & 0o777 == 0o600
    assert f"created the audit log's key at {key}" in caplog.text
    assert verify(open_db(db_url)).ok
    key.unlink()  # verifying needs the key that wrote the log: a one-line error without it
    missing = run("audit", "verify", "--db", db_url)
    assert missing.exit_code == 2 and missing.stderr.startswith(f"Error: no audit key at {key}")


def test_another_key_neither_verifies_nor_appends(db_url: str) -> None:
    engine = logged(db_url)
    other = AuditConfig(key="k" * 40)
    result = verify(engine, config=other)
    assert (result.broken_row, result.ok) == (1, False)
    with pytest.raises(ChokepointError, match="signed with another key"):
        with write_transaction(engine) as conn:
            append(conn, actor="eve", action="test", object="x", payload={}, config=other)


def test_the_key_given_is_the_one_used_whatever_the_environment(
    db_url: str, settings_env: Callable[[str, str], None]
) -> None:
    settings_env("CHOKEPOINT_AUDIT_KEY", "e" * 40)  # what a library reading it would use
    given = AuditConfig(key="g" * 40)
    engine = logged(db_url, config=given)
    assert verify(engine, config=given).ok
    assert not verify(engine, config=AuditConfig(key="e" * 40)).ok


def test_rows_written_before_the_key_are_signed_by_the_next_append(db_url: str) -> None:
    engine = logged(db_url)
    with engine.begin() as conn:  # as the migration leaves a log written without a key
        conn.execute(text("UPDATE audit_log SET mac = NULL"))
        conn.execute(text("UPDATE audit_head SET mac = NULL, key_id = NULL"))
    before = verify(engine)
    assert before.ok and not before.signed
    logged_more = logged(db_url, rows=1)
    after = verify(logged_more)
    assert (after.ok, after.signed, after.rows) == (True, True, 4)
    assert all(e.mac for e in entries(engine))


def test_a_case_decided_without_its_audit_row_is_reported(db_url: str) -> None:
    engine = logged(db_url, rows=1)
    with engine.begin() as conn:  # a decision written straight into the table
        conn.execute(
            text(
                "INSERT INTO cases (id, kind, subject, query, results, lists, status, "
                "decided_by, created_by, created_at, version) VALUES (7, 'screening', 's', "
                "'{}', '{}', '{}', 'closed', 'mallory', 'mallory', 't', 1)"
            )
        )
    result = verify(engine)
    assert result.problem == "case 7 has no case.open row: the log lost what was done to it"


def test_list_loads_are_audited(un_db: str) -> None:
    (row,) = entries(open_db(un_db))
    payload = json.loads(row.payload)
    assert (row.action, row.object) == ("list.load", "list:un_sc_sanctions")
    assert (payload["version"], payload["entities"], payload["previous"]) == (1, 1003, None)
