"""What routers ask of the app: its service, the snapshot it screens with, its settings."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from chokepoint.api.service import Service
from chokepoint.screening import Snapshot


def get_service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


def get_snapshot(service: Annotated[Service, Depends(get_service)]) -> Snapshot:
    """The index requests screen with; 503 until the first one is loaded."""
    return service.current()


ServiceDep = Annotated[Service, Depends(get_service)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
