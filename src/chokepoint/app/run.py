"""Running the app under uvicorn, with one or more worker processes."""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import socket
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from chokepoint.server.keys import load_keys
from chokepoint.settings import get_settings
from chokepoint.store import open_db

HEALTHCHECK_SECONDS = 60


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


def mask_query(path: str) -> str:
    """A request path with the values of its query string hidden: a client that sends its
    API key as ``?api_key=...`` (refused, but sent) must not have it written to the log.

    >>> mask_query("/search/default?q=putin&api_key=s3cret&bare")
    '/search/default?q=***&api_key=***&***'
    """
    base, question, query = path.partition("?")
    if not question:
        return path
    parts = (p.partition("=") for p in query.split("&"))
    return base + "?" + "&".join(f"{name}=***" if eq else "***" for name, eq, _ in parts)


class MaskQuery(logging.Filter):
    """On uvicorn's access logger: its record's arguments are (client, method, path with
    query, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], mask_query(args[2]), args[3], args[4])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with Chokepoint's own messages (start-up, list swaps) beside its
    own. Access lines name method, path and status, never a header, and the query string's
    values masked: never a key."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["chokepoint"] = {"handlers": ["default"], "level": "INFO"}
    config.setdefault("filters", {})["mask_query"] = {"()": MaskQuery}
    config["handlers"]["access"]["filters"] = ["mask_query"]
    return config


def serve(*, db: str, host: str, port: int, workers: int) -> None:
    """Serve until stopped. Settings and keys are checked here, before any worker starts,
    so that a mistake is one clear error rather than a worker crash loop."""
    os.environ["CHOKEPOINT_DB"] = db  # workers read their settings from the environment
    get_settings.cache_clear()
    load_keys(get_settings())
    open_db(db).dispose()
    uvicorn.run(
        "chokepoint.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(),
        http=NoDelayProtocol,
        server_header=False,
        # uvicorn kills a worker that does not answer its health check within 5 s: on a busy
        # machine the imports alone take longer (9 s measured at load 20), and the workers
        # were killed and restarted in a loop, never serving.
        timeout_worker_healthcheck=HEALTHCHECK_SECONDS,
    )
