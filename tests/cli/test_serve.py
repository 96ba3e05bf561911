"""``chokepoint serve``: a bad setting is one line and exit 2, before any worker starts.
(The server itself runs in ``tests/api/test_server.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from chokepoint.cli import main
from chokepoint.settings import get_settings


def test_a_short_api_key_stops_serve_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHOKEPOINT_DB", "restored-after-the-test.db")
    monkeypatch.setenv("CHOKEPOINT_API_KEYS", "alice:tiny-secret-7")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db")])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: CHOKEPOINT_API_KEYS: key 1 is shorter than 16 characters (make one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe())')\n"
    )


def test_serve_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert "Example: chokepoint serve --db lists.db --port 8000 --workers 2" in result.output
