"""``chokepoint serve`` as it runs: a real uvicorn process on a free loopback port.

A new version of the UN list, loaded by another process while four clients screen without
pause, is screened with by both workers soon after, with no failed request; the access log
never holds the API key the clients send.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from chokepoint.model import entity_id
from tests.api.conftest import HEADERS, KEY
from tests.cli.helpers import copy_list
from tests.conftest import shared_lists
from tests.live_server import CLI, live_server

CLIENTS = 4
# Generous: on a busy 2-core machine a load and two index swaps can take minutes. The test
# waits on what it observes (both workers' log lines, answers on v2), never on a clock.
SWAP_SECONDS = 600
MAX_SECONDS = SWAP_SECONDS + 60  # the request loops stop by then whatever happens
SWAPPED = "screening with un_sc_sanctions v2"
RENAMED = ("<SECOND_NAME>BADEGE</SECOND_NAME>", "<SECOND_NAME>QUIXWORTHY</SECOND_NAME>")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """(base URL, database, log file) of a two-worker server over the UN list, version 1."""
    db = str(tmp_path / "un.db")
    load = [CLI, "lists", "load", str(shared_lists() / "un_sc_sanctions"), "--db", db]
    subprocess.run(load, check=True, capture_output=True)
    env = {"CHOKEPOINT_API_KEYS": f"tester:{KEY}", "CHOKEPOINT_API_REFRESH_SECONDS": "0.2"}
    log = tmp_path / "server.log"
    with live_server(db, log, env, workers=2) as base:
        yield base, db, log


def screen_until(base: str, stop: threading.Event, seen: Counter[str]) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Eric Badege"]}}}}
    deadline = time.monotonic() + MAX_SECONDS
    with httpx.Client(base_url=base, headers=HEADERS, timeout=60) as client:
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                response = client.post("/match/default", json=body)
                version = response.json()["lists"]["un_sc_sanctions"]
                seen[f"{response.status_code} v{version}"] += 1
            except Exception as exc:  # a refused connection or a body that is not ours
                seen[f"failed: {type(exc).__name__}"] += 1


def test_a_new_version_is_screened_without_a_restart_or_a_failed_request(
    server: tuple[str, str, Path], tmp_path: Path
) -> None:
    base, db, log = server
    folder = copy_list("un_sc_sanctions", tmp_path / "v2")
    xml = folder / "consolidated.xml"
    xml.write_text(xml.read_text(encoding="utf-8").replace(*RENAMED), encoding="utf-8")

    stop = threading.Event()
    seen: Counter[str] = Counter()
    clients = [
        threading.Thread(target=screen_until, args=(base, stop, seen)) for _ in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    started = time.monotonic()
    try:
        while seen["200 v1"] < 20:  # the clients are screening on version 1
            assert time.monotonic() < started + SWAP_SECONDS, seen
            time.sleep(0.05)
        subprocess.run([CLI, "lists", "load", str(folder), "--db", db], check=True)
        # Each worker process loads the new index: both say so in the log.
        while seen["200 v2"] < 20 or log.read_text().count(SWAPPED) < 2:
            assert time.monotonic() < started + SWAP_SECONDS, seen
            time.sleep(0.05)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=MAX_SECONDS)
    assert set(seen) == {"200 v1", "200 v2"}, seen
    assert seen["200 v1"] >= 20

    # httpx's default of 5 s per request is a guess a loaded machine can miss.
    answer = httpx.post(
        f"{base}/match/default",
        json={"queries": {"q": {"schema": "Person", "properties": {"name": ["Eric Quixworthy"]}}}},
        headers=HEADERS,
        timeout=MAX_SECONDS,
    ).json()
    assert answer["responses"]["q"]["results"][0]["id"] == entity_id("un_sc_sanctions", "6907993")
    lists = httpx.get(f"{base}/lists", headers=HEADERS, timeout=MAX_SECONDS).json()
    assert lists["screening"] == {"un_sc_sanctions": 2}

    text = log.read_text()
    assert '"POST /match/default HTTP/1.1" 200' in text
    assert text.count(SWAPPED) == 2
    assert KEY not in text
