"""What routers ask of the app: its service and the snapshot it screens with.

Both are ``async`` though they never wait: FastAPI runs a plain ``def`` dependency in a
worker thread, and two thread hops a request cost more than screening one name.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Annotated, cast

from fastapi import Depends, Request

from chokepoint.errors import InputError
from chokepoint.screening import Snapshot
from chokepoint.server.service import Service

STARTUP_POLL_SECONDS = 0.05


async def get_service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


async def get_snapshot(service: Annotated[Service, Depends(get_service)]) -> Snapshot:
    """The index requests screen with; 503 when there is none. A request that comes while
    the server loads its first index waits for it (a second or so), rather than fail on
    one worker while the other is ready."""
    deadline = time.monotonic() + service.settings.api_timeout
    while service.starting and service.snapshot is None and time.monotonic() < deadline:
        await asyncio.sleep(STARTUP_POLL_SECONDS)
    return service.current()


ServiceDep = Annotated[Service, Depends(get_service)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]


# Query parameters that take several values (yente's filters); any other, sent twice, is
# refused: a framework that keeps one of the two would answer a question not asked.
MANY_VALUED = frozenset(
    {
        "include_dataset",
        "exclude_dataset",
        "exclude_schema",
        "exclude_entity_ids",
        "topics",
        "countries",
        "datasets",
        "facets",
        "filter",
        "sort",
        "properties",
    }
)


async def single_valued(request: Request) -> None:
    """422 for a one-value query parameter given more than once (``?status=a&status=b``)."""
    counts = Counter(key for key, _ in request.query_params.multi_items())
    twice = sorted(k for k, n in counts.items() if n > 1 and k not in MANY_VALUED)
    if twice:
        raise InputError(f"query parameter {twice[0]!r} given more than once: it takes one value")
