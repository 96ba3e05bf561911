"""The same storage on PostgreSQL: load, reload, read back, diff (one schema per test)."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run, status
from tests.conftest import shared_lists

pytestmark = pytest.mark.postgres


def test_load_status_entity_and_diff_on_postgres(pg_url: str) -> None:
    folder = str(shared_lists() / "un_sc_sanctions")
    assert run("lists", "load", folder, "--db", pg_url).exit_code == 0
    assert run("lists", "load", folder, "--db", pg_url).exit_code == 0
    rows = status(pg_url)
    assert rows["un_sc_sanctions"]["entities"] == 1003
    assert rows["un_sc_sanctions"]["version"] == 2
    diff = json.loads(run("lists", "diff", "un_sc_sanctions", "--json", "--db", pg_url).stdout)
    assert (diff["from"], diff["to"], diff["changed"]) == (1, 2, [])
    first = json.loads(run("export", "--db", pg_url).stdout.splitlines()[0])
    shown = json.loads(run("entity", first["id"], "--json", "--db", pg_url).stdout)
    assert shown == first
