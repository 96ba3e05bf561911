"""Running the app under uvicorn, with one or more worker processes."""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import re
import socket
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from chokepoint.api.auth import URL_KEY, load_keys
from chokepoint.settings import get_settings
from chokepoint.store import open_db


class NoDelayProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 parser in C (httptools), with Nagle's algorithm off.

    With ``--workers``, uvicorn binds the listening socket without naming TCP, so asyncio
    leaves Nagle on for the connections it accepts: a response body then waits for the
    acknowledgement of its headers, which the client delays by 40 ms. Measured: 48 ms a
    request with two workers, 3 ms with this.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


KEY_IN_URL = re.compile(rf"({URL_KEY}=)[^&\s]*")


def mask_keys(text: str) -> str:
    """A path with any API key in its query string masked.

    >>> mask_keys("/reconcile/default?api_key=secret-key&x=1")
    '/reconcile/default?api_key=***&x=1'
    """
    return KEY_IN_URL.sub(r"\1***", text)


class MaskKeys(logging.Filter):
    """Masks a key sent in the URL (OpenRefine's only way) in uvicorn's access lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(mask_keys(a) if isinstance(a, str) else a for a in record.args)
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with Chokepoint's own messages (start-up, list swaps) beside its
    own. Access lines name method, path and status: never a header, so never a key, and a
    key in the URL is masked."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["chokepoint"] = {"handlers": ["default"], "level": "INFO"}
    config.setdefault("filters", {})["mask_keys"] = {"()": MaskKeys}
    config["handlers"]["access"]["filters"] = ["mask_keys"]
    return config


WORKER_PING_SECONDS = 60


def serve(*, db: str, host: str, port: int, workers: int) -> None:
    """Serve until stopped. Settings and keys are checked here, before any worker starts,
    so that a mistake is one clear error rather than a worker crash loop."""
    os.environ["CHOKEPOINT_DB"] = db  # workers read their settings from the environment
    get_settings.cache_clear()
    load_keys(get_settings())
    open_db(db).dispose()
    uvicorn.run(
        "chokepoint.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(),
        http=NoDelayProtocol,
        server_header=False,
        # uvicorn kills a worker that misses its 5 s health ping and starts another: on a
        # busy machine a worker still importing and loading the index misses it, again
        # and again (seen: workers "died" in a loop, none ever served).
        timeout_worker_healthcheck=WORKER_PING_SECONDS,
    )
