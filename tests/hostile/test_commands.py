"""Commands on the wrong database: a mistyped path or URL, a read-only file, a server that
is gone. Each is one line and exit status 2; nothing is created where nothing was."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import create_engine, inspect

from chokepoint.app.run import log_config
from tests.cli.helpers import run

READ_ONLY_COMMANDS = [
    ("lists", "status"),
    ("lists", "diff", "un_sc_sanctions"),
    ("screen", "Ivan Petrov"),
    ("cases", "list"),
    ("cases", "show", "1"),
    ("audit", "verify"),
    ("entity", "x"),
]


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=" ".join)
def test_a_read_only_command_on_a_mistyped_path_creates_nothing(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = tmp_path / "chokepiont.db"
    stderr = one_line_error(run(*command, "--db", str(path)))
    assert f"no database at {path}" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_a_read_only_command_on_an_empty_postgres_schema_creates_no_table(pg_url: str) -> None:
    for command in READ_ONLY_COMMANDS:
        assert "is not a Chokepoint database" in one_line_error(run(*command, "--db", pg_url))
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()


def test_a_read_only_database_is_one_line(
    hostile_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "ro.db"
    shutil.copy(hostile_db, copy)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    url = f"sqlite:///file:{copy}?mode=ro&uri=true"
    assert run("lists", "status", "--db", url).exit_code == 0  # reading works
    stderr = one_line_error(run("screen", "Eric Badege", "--record", "--user", "a", "--db", url))
    assert "the database is read-only" in stderr
    # The index files go beside the real file, never to a relative ``file:...`` directory.
    assert list(cwd.iterdir()) == []


def test_api_keys_in_a_query_string_are_masked_in_the_access_log() -> None:
    config = log_config()
    assert config["handlers"]["access"]["filters"] == ["mask_query"]
    mask = config["filters"]["mask_query"]["()"]()
    # uvicorn's access line: client, method, path with its query, HTTP version, status.
    args = ("10.0.0.1:5", "GET", "/match/x?api_key=s3cr3t&q=ivan", "1.1", 401)
    record = logging.LogRecord("uvicorn.access", 20, "", 0, '%s - "%s %s HTTP/%s" %d', args, None)
    assert mask.filter(record)
    assert record.getMessage() == '10.0.0.1:5 - "GET /match/x?api_key=***&q=*** HTTP/1.1" 401'
