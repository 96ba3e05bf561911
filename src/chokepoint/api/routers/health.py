"""``/healthz`` (the process answers) and ``/readyz`` (it can screen: lists loaded and the
database answering): open to all, for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.errors import ERROR_RESPONSES
from chokepoint.api.limits import bounded
from chokepoint.api.models import Health
from chokepoint.store.db import ping

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
async def readyz(snapshot: SnapshotDep, service: ServiceDep) -> Health:
    # Cases, subjects and audit rows live in the database: a server that screens from
    # memory but cannot record is not ready (503 with Retry-After).
    await bounded(service.settings.api_timeout, ping, service.engine)
    return Health(lists=snapshot.lists)
