"""``POST /screen/shipment``: a shipment in, CLEAR / REVIEW / BLOCK with findings out."""

from __future__ import annotations

from fastapi import APIRouter, Response

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import DecisionResponse
from chokepoint.api.responses import json_response
from chokepoint.shipments.model import Shipment
from chokepoint.shipments.screen import screen_shipment

router = APIRouter(tags=["Shipments"])


@router.post("/screen/shipment", response_model=DecisionResponse, summary="Screen a shipment")
async def shipment(body: Shipment, service: ServiceDep, snapshot: SnapshotDep) -> Response:
    """Every shipment rule (restricted parties, embargoes, Russia/Belarus, diversion, red
    flags) on one shipment, as `chokepoint shipment screen --json` does; a field out of
    its rules is a 422 naming its path (`parties.0.country: ...`)."""
    decision = await bounded(
        service.settings.api_timeout, screen_shipment, service.engine, body, snapshot
    )
    return json_response(decision.to_dict())
