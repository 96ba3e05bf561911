"""``/healthz`` (the process answers) and ``/readyz`` (it can screen): open to all, for
load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter

from chokepoint.api.deps import SnapshotDep
from chokepoint.api.errors import ERROR_RESPONSES
from chokepoint.api.models import Health

router = APIRouter(tags=["System"])


@router.get("/healthz", response_model=Health, summary="The server is up")
async def healthz() -> Health:
    return Health()


@router.get(
    "/readyz",
    response_model=Health,
    responses={503: ERROR_RESPONSES[503]},
    summary="The lists are loaded: screening works",
)
async def readyz(snapshot: SnapshotDep) -> Health:
    return Health(lists=snapshot.lists)
