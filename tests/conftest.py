"""Fixtures shared by the whole suite.

- ``shared_lists()``: the real list snapshots in ``../shared/lists`` (env CHOKEPOINT_SHARED
  overrides the ``shared`` folder); tests on real data use it, never copies.
- ``sdn_un_db``: a SQLite database of the real SDN and UN lists, loaded once per test
  process and shared by the tests that only read it (screening, the API).
- ``db_url``: a fresh SQLite database per test.
- ``pg_url``: a fresh PostgreSQL schema per test on 127.0.0.1:5432, dropped afterwards;
  under CI an unreachable server fails the test rather than skipping it.
- ``un_db``: a SQLite database with the real UN list loaded (a copy, per test, of one
  load per session): about 1,000 entries, for tests that need real hits and little time.
- ``any_db``: an empty database on each backend in turn (SQLite file, PostgreSQL schema):
  a test that takes it runs twice.
- ``settings_env``: set CHOKEPOINT_* variables for one test (the settings cache is reset).
- ``party_db``: a fresh SQLite database of ``tests/fixtures/parties`` (one person on the
  SDN list, the CSL's copy and the UN list; namesakes; see its README).

Every test process gets a configuration folder of its own (``XDG_CONFIG_HOME``), where
the first append creates the audit key file: the CLI (its settings, from the environment)
and the library called with no settings (their defaults) sign with the same key, and no
test creates a key file in the home folder.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chokepoint.settings import get_settings

os.environ.pop("CHOKEPOINT_AUDIT_KEY", None)
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="chokepoint-tests-config-")
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
UN = "un_sc_sanctions"
# How long a test waits for another thread or process to reach a state it observes: a
# deadline that only a hang meets, never a busy 2-core machine (the tests never sleep for
# a fixed time instead).
WAIT_SECONDS = 300


def shared_dir() -> Path:
    env = os.environ.get("CHOKEPOINT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def shared_lists() -> Path:
    return shared_dir() / "lists"


@pytest.fixture(scope="session")
def sdn_un_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.cli.helpers import run

    path = str(tmp_path_factory.mktemp("sdn_un") / "lists.db")
    only = "us_ofac_sdn,un_sc_sanctions"
    result = run("lists", "load", str(shared_lists()), "--only", only, "--db", path)
    assert result.exit_code == 0, result.output
    # Loaded in this process, whose connections stay open: the last (small) transactions
    # are still in the WAL. Checkpointed, the file alone is the whole database, as the
    # tests that copy it expect.
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def pg_url() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_ADMIN)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def load(db: str, folder: Path) -> None:
    """``chokepoint lists load FOLDER --db DB``, which must succeed."""
    from tests.cli.helpers import run

    result = run("lists", "load", str(folder), "--db", db)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def un_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("un") / "un.db"
    load(str(path), shared_lists() / UN)
    return path


@pytest.fixture
def un_db(un_snapshot: Path, tmp_path: Path) -> str:
    target = tmp_path / "un.db"
    source, copy = sqlite3.connect(un_snapshot), sqlite3.connect(target)
    source.backup(copy)  # the WAL's content included, unlike a file copy
    source.close()
    copy.close()
    return str(target)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "any.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], None]]:
    def set_env(name: str, value: str) -> None:
        monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield set_env
    get_settings.cache_clear()


@pytest.fixture
def party_db(tmp_path: Path) -> str:
    db = str(tmp_path / "parties.db")
    load(db, Path(__file__).resolve().parent / "fixtures" / "parties")
    return db
