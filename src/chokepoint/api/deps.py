"""What routers ask of the app: its service and the snapshot it screens with.

Both are ``async`` though they never wait: FastAPI runs a plain ``def`` dependency in a
worker thread, and two thread hops a request cost more than screening one name.
"""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, cast

from fastapi import Depends, Request

from chokepoint.api.service import Service
from chokepoint.screening import Snapshot

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
