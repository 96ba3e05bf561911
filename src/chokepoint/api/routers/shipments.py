"""``POST /screen/shipment``: a shipment in, CLEAR / REVIEW / BLOCK with findings out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from chokepoint.api.auth import current_user
from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import DecisionResponse
from chokepoint.api.responses import json_response
from chokepoint.cases.record import record_shipment
from chokepoint.screening import Snapshot
from chokepoint.server.service import Service
from chokepoint.shipments.model import Shipment
from chokepoint.shipments.screen import screen_shipment

router = APIRouter(tags=["Shipments"])


def screen_and_record(
    service: Service, shipment: Shipment, snapshot: Snapshot, user: str | None
) -> dict[str, Any]:
    """The decision; with a user, also recorded as a case when it needs review."""
    engine = service.engine
    decision = screen_shipment(engine, shipment, snapshot)
    out = decision.to_dict()
    if user is not None:
        recorded = record_shipment(engine, shipment, decision, user=user, policy=service.policy)
        out["case"] = recorded.case.id if recorded.case else None
    return out


@router.post("/screen/shipment", response_model=DecisionResponse, summary="Screen a shipment")
async def shipment(
    body: Shipment,
    service: ServiceDep,
    snapshot: SnapshotDep,
    user: Annotated[str, Depends(current_user)],
    record: Annotated[
        bool, Query(description="Keep the parties as subjects and open a case when it needs review")
    ] = False,
) -> Response:
    """Every shipment rule (restricted parties, embargoes, Russia/Belarus, diversion, red
    flags) on one shipment, as `chokepoint shipment screen --json` does; a field out of
    its rules is a 422 naming its path (`parties.0.country: ...`). With `record=true`, the
    answer's `case` is the case opened (null when none was needed)."""
    decision = await bounded(
        service.settings.api_timeout,
        screen_and_record,
        service,
        body,
        snapshot,
        user if record else None,
    )
    return json_response(decision)
