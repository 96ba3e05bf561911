"""Migrations make exactly the tables of ``store/schema.py``, once, on both backends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from chokepoint.store import open_db
from chokepoint.store.db import database_url
from chokepoint.store.migrate import MIGRATIONS
from chokepoint.store.migrations import HEAD
from chokepoint.store.schema import metadata
from tests.conftest import PG_ADMIN, WAIT_SECONDS


def schema_diff(db: str) -> list[object]:
    with open_db(db).connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), metadata))


def test_head_names_the_newest_migration() -> None:
    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD


def test_migrations_make_the_metadata_on_sqlite(db_url: str) -> None:
    assert schema_diff(db_url) == []


@pytest.mark.postgres
def test_migrations_make_the_metadata_in_the_urls_schema_on_postgres(pg_url: str) -> None:
    assert schema_diff(pg_url) == []
    schema = pg_url.rsplit("%3D", 1)[1]
    with create_engine(PG_ADMIN).connect() as conn:
        tables = set(inspect(conn).get_table_names(schema=schema))
        public = set(inspect(conn).get_table_names(schema="public"))
    assert {"alembic_version", "cases", "audit_log", "list_versions"} <= tables
    assert not {"alembic_version", "cases"} & public


def test_a_database_made_before_migrations_is_adopted(db_url: str) -> None:
    # The tables as `metadata.create_all` made them before there were migrations.
    legacy = [t for t in metadata.sorted_tables if t.name in ("list_versions", "entity_data")]
    legacy += [metadata.tables["version_entities"], metadata.tables["match_indexes"]]
    metadata.create_all(create_engine(database_url(db_url)), tables=legacy)
    assert schema_diff(db_url) == []


OPEN = "import sys; from chokepoint.store import open_db; open_db(sys.argv[1]); print('ok')"


def open_twice_at_once(db: str) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", OPEN, db], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    assert [p.communicate(timeout=WAIT_SECONDS)[0] for p in procs] == ["ok\n", "ok\n"]
    with open_db(db).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [(HEAD,)]
        assert conn.execute(text("SELECT last_id FROM audit_head")).all() == [(0,)]


def test_two_processes_opening_a_new_database_migrate_it_once(tmp_path: Path) -> None:
    open_twice_at_once(str(tmp_path / "race.db"))


@pytest.mark.postgres
def test_two_processes_opening_a_new_postgres_schema_migrate_it_once(pg_url: str) -> None:
    open_twice_at_once(pg_url)
