"""`chokepoint lists update --official`, against a local HTTP server serving the shared
lists (the publishers cannot be reached from here, and tests must not depend on them)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.cli.helpers import copy_list, run, status
from tests.conftest import shared_lists


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def mirror() -> Iterator[str]:
    yield from serve(shared_lists())


def test_update_downloads_and_loads_then_skips_unchanged(db_url: str, mirror: str) -> None:
    only = "us_bis_denied,un_sc_sanctions"
    result = run(
        "lists", "update", "--official", "--only", only, "--base-url", mirror, "--db", db_url
    )
    assert result.exit_code == 0, result.output
    rows = status(db_url)
    assert rows["un_sc_sanctions"]["entities"] == 1003
    assert rows["un_sc_sanctions"]["source"] == mirror

    again = run(
        "lists", "update", "--official", "--only", only, "--base-url", mirror, "--db", db_url
    )
    assert again.exit_code == 0
    assert "us_bis_denied: unchanged since version 1, skipped" in again.stdout
    assert status(db_url)["us_bis_denied"]["version"] == 1


def test_update_refuses_a_download_over_the_size_limit(
    db_url: str, mirror: str, settings_env: Callable[[str, str], None]
) -> None:
    settings_env("CHOKEPOINT_MAX_FILE_MB", "1")
    settings_env("CHOKEPOINT_HTTP_RETRIES", "1")
    result = run(
        "lists",
        "update",
        "--official",
        "--only",
        "un_sc_sanctions",
        "--base-url",
        mirror,
        "--db",
        db_url,
    )
    assert result.exit_code == 2
    assert "consolidated.xml: larger than 1,048,576 bytes" in result.stderr
    assert status(db_url) == {}


def test_update_reports_a_missing_file_and_keeps_the_current_version(
    db_url: str, tmp_path: Path, settings_env: Callable[[str, str], None]
) -> None:
    settings_env("CHOKEPOINT_HTTP_RETRIES", "1")
    folder = copy_list("us_bis_denied", tmp_path)
    assert run("lists", "load", str(folder), "--db", db_url).exit_code == 0
    (folder / "dpl.txt").unlink()
    for base in serve(tmp_path):
        result = run(
            "lists",
            "update",
            "--official",
            "--only",
            "us_bis_denied",
            "--base-url",
            base,
            "--db",
            db_url,
        )
    assert result.exit_code == 2
    assert "us_bis_denied/dpl.txt: HTTP 404" in result.stderr
    assert status(db_url)["us_bis_denied"]["version"] == 1


def test_unreachable_publisher_is_reported_after_retries(
    db_url: str, settings_env: Callable[[str, str], None]
) -> None:
    settings_env("CHOKEPOINT_HTTP_RETRIES", "2")
    settings_env("CHOKEPOINT_HTTP_TIMEOUT", "2")
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    result = run(
        "lists",
        "update",
        "--official",
        "--only",
        "us_bis_denied",
        "--base-url",
        "http://127.0.0.1:9",
        "--db",
        db_url,
    )
    assert result.exit_code == 2
    assert "failed after 2 attempts (ConnectError" in result.stderr
