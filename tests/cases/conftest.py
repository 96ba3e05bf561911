"""Fixtures of the case tests, on the real UN list (about 1,000 entries: quick to load).

- ``lists_db``: a database with the UN list loaded, once on SQLite (``un_db``) and once on
  PostgreSQL (a schema of its own, loaded for the test): a test that takes it runs on both
  backends; ``engine`` opens it.
- ``un_v1``: the UN folder as an older version of the list: entry 6907994 missing (so the
  real file adds it) and a comment of 6907993 written otherwise (so the real file changes
  its content, not its names).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from chokepoint.cases.record import Recorded, record_screening
from chokepoint.matching import Query
from chokepoint.model import entity_id
from chokepoint.screening import screen
from chokepoint.store import open_db
from tests.cli.helpers import copy_list
from tests.conftest import UN, load, shared_lists

ADDED = entity_id("un_sc_sanctions", "6907994")  # FRANK KAKOLELE BWAMBALE
CHANGED = entity_id("un_sc_sanctions", "6907993")  # ERIC BADEGE


def record(engine: Engine, name: str, user: str = "alice", **kw: str) -> Recorded:
    """Screen ``name`` (a Person) and record it, as `screen NAME --record` does."""
    return record_screening(engine, screen(engine, Query.of(name, "Person")), user=user, **kw)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def lists_db(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        db: str = request.getfixturevalue("un_db")
        return db
    url: str = request.getfixturevalue("pg_url")
    load(url, shared_lists() / UN)
    return url


@pytest.fixture
def engine(lists_db: str) -> Engine:
    return open_db(lists_db)


@pytest.fixture(scope="session")
def un_v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_list(UN, tmp_path_factory.mktemp("un_v1"))
    xml = folder / "consolidated.xml"
    text = xml.read_text(encoding="utf-8")
    text = text.replace("He fled to Rwanda in March 2013", "He fled to Rwanda in 2013")
    block = r"<INDIVIDUAL>\s*<DATAID>6907994</DATAID>.*?</INDIVIDUAL>\s*"
    text, removed = re.subn(block, "", text, count=1, flags=re.S)
    assert removed == 1
    xml.write_text(text, encoding="utf-8")
    return folder
