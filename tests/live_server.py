"""``chokepoint serve`` as a user starts it: a real uvicorn process on a free loopback port,
for the tests that need the whole server (hot swap, the browser)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CLI = str(Path(sys.executable).with_name("chokepoint"))
START_SECONDS = 300  # generous: a busy 2-core machine starts a server slowly


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(db: str, log: Path, env: dict[str, str], workers: int = 1) -> Iterator[str]:
    """The base URL of a server over ``db`` once ``/readyz`` says its lists are loaded;
    its output goes to ``log``; it is stopped on exit."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [CLI, "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        # uvicorn stops its workers first: seconds on a busy machine, not a hang.
        process.wait(timeout=START_SECONDS)
