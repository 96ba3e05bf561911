"""Migration ``0009_yente_ids`` on a database the previous schema's code wrote
(``tests/fixtures/db_index_0003``: lists, parties, two cases, a suppression, ownership,
the audit log), restored on each backend, then opened: ids become followthemoney's, and
nothing that pointed at the old ones loses its target."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from followthemoney.types import registry
from sqlalchemy import Engine, MetaData, Table, create_engine, select, text

from chokepoint.audit import entries, verify
from chokepoint.audit.key import AuditConfig
from chokepoint.cases.policy import DEFAULT_POLICY
from chokepoint.cases.record import record_screening
from chokepoint.cases.rescreen import rescreen
from chokepoint.matching import Query
from chokepoint.screening import get_snapshot, screen
from chokepoint.store import open_db
from chokepoint.store.db import database_url
from chokepoint.store.migrate import alembic_config
from chokepoint.store.schema import (
    case_hits,
    list_versions,
    ownership_edges,
    suppressions,
    version_entities,
)
from chokepoint.store.versions import current_versions, get_entity, version_hashes
from tests.conftest import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD = json.loads((FIXTURES / "db_index_0003" / "rows.json").read_text(encoding="utf-8"))


def lists_folder(tmp_path: Path) -> Path:
    """The list folders the fixture was made from (``make.py``)."""
    folder = tmp_path / "lists"
    for name in ("parties/us_ofac_sdn", "parties/un_sc_sanctions", "ftm_sample"):
        shutil.copytree(FIXTURES / name, folder / Path(name).name)
    shutil.copytree(FIXTURES / "db_index_0003" / "us_trade_csl", folder / "us_trade_csl")
    return folder


def restore(db: str) -> None:
    """The fixture's rows in a database at the fixture's revision, as a backup restores."""
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), OLD["revision"])
        meta = MetaData()
        for name, rows in OLD["tables"].items():
            table = Table(name, meta, autoload_with=conn)
            conn.execute(table.delete())  # the migrations' own rows (the chain's genesis head)
            if rows:
                conn.execute(table.insert(), rows)
        if conn.dialect.name == "postgresql":  # sequences past the restored ids
            for name in ("list_versions", "cases", "subjects", "suppressions"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('ownership_versions', 'id'), "
                    "(SELECT max(id) FROM ownership_versions))"
                )
            )
    engine.dispose()


def rows(engine: Engine, table: Table) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(table))]


def entries_of(engine: Engine) -> set[tuple[str, str, str, str]]:
    """(list, publisher id, entity id, content hash) of every stored entry."""
    query = select(
        list_versions.c.list,
        version_entities.c.list_id,
        version_entities.c.entity_id,
        version_entities.c.hash,
    ).join(list_versions, list_versions.c.id == version_entities.c.version_id)
    with engine.connect() as conn:
        return {tuple(r) for r in conn.execute(query)}  # type: ignore[misc]


# The cases' settings, with the key that signed the fixture's rows.
OLD_POLICY = replace(DEFAULT_POLICY, audit=AuditConfig(key=OLD["audit_key"]))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def migrated(
    request: pytest.FixtureRequest, tmp_path: Path, settings_env: Callable[[str, str], None]
) -> tuple[str, Engine]:
    settings_env("CHOKEPOINT_AUDIT_KEY", OLD["audit_key"])  # for the CLI's loads
    db = (
        str(tmp_path / "old.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    )
    restore(db)
    return db, open_db(db)


def old_ids() -> dict[str, tuple[str, str]]:
    """Old entity id -> (list, publisher id), from the fixture."""
    lists = {v["id"]: v["list"] for v in OLD["tables"]["list_versions"]}
    return {
        e["entity_id"]: (lists[e["version_id"]], e["list_id"])
        for e in OLD["tables"]["version_entities"]
    }


def test_ids_and_hashes_are_those_a_load_of_the_same_files_gives(
    migrated: tuple[str, Engine], tmp_path: Path
) -> None:
    _, engine = migrated
    fresh = str(tmp_path / "fresh.db")
    load(fresh, lists_folder(tmp_path))
    assert entries_of(engine) == entries_of(open_db(fresh))
    assert all(registry.entity.validate(eid) for _, _, eid, _ in entries_of(engine))
    assert len(entries_of(engine)) == len(OLD["tables"]["version_entities"])


def test_a_reload_finds_nothing_changed_and_a_rescreen_opens_nothing(
    migrated: tuple[str, Engine], tmp_path: Path
) -> None:
    db, engine = migrated
    before = {v.list: v.id for v in current_versions(engine)}
    load(db, lists_folder(tmp_path))
    after = {v.list: v.id for v in current_versions(engine)}
    assert before.keys() == after.keys() and before != after
    for key in before:
        assert version_hashes(engine, before[key]) == version_hashes(engine, after[key])
    done = rescreen(engine, user="carol", policy=OLD_POLICY)
    assert done.subjects == len(OLD["tables"]["subjects"])
    assert done.entities == 0 and done.cases == []


def test_the_suppression_still_suppresses_and_cases_point_at_current_entries(
    migrated: tuple[str, Engine],
) -> None:
    _, engine = migrated
    current = {eid: h for _, _, eid, h in entries_of(engine)}
    (closed,) = rows(engine, suppressions)
    assert current[closed["entity_id"]] == closed["entity_hash"]
    found = screen(engine, Query.of("Petro Kovalenko", "Person"))
    again = record_screening(engine, found, user="ann", policy=OLD_POLICY)
    by_entity = {h.entity_id: h for h in again.hits}
    assert by_entity[closed["entity_id"]].suppressed_by == closed["case_id"]
    parties = get_snapshot(engine).parties
    for hit in rows(engine, case_hits):
        assert current[hit["entity_id"]] == hit["entity_hash"]
        assert hit["party_id"] == parties.party_id(hit["entity_id"])
        for entry in json.loads(hit["party_entries"] or "[]"):
            assert entry["id"] in current
    listed = [
        e[f"{side}_id"]
        for e in rows(engine, ownership_edges)
        for side in ("owner", "owned")
        if e[f"{side}_listed"]
    ]
    assert listed and set(listed) <= current.keys()


def test_old_ids_find_their_entity_and_the_audit_log_is_untouched(
    migrated: tuple[str, Engine],
) -> None:
    _, engine = migrated
    for old, (list_key, list_id) in old_ids().items():
        found = get_entity(engine, old)
        assert (found["list"], found["list_id"]) == (list_key, list_id)
        assert found["id"] != old and registry.entity.validate(found["id"])
    assert [(e.id, e.payload, e.hash, e.mac) for e in entries(engine)] == [
        (r["id"], r["payload"], r["hash"], r["mac"]) for r in OLD["tables"]["audit_log"]
    ]
    assert verify(engine, config=OLD_POLICY.audit).ok
