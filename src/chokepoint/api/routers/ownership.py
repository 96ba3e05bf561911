"""``GET /ownership/{entity_id}``: a party's ownership status under each regime."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from chokepoint.api.deps import ServiceDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import OwnershipResponse
from chokepoint.api.responses import json_response
from chokepoint.ownership import explain

router = APIRouter(tags=["Ownership"])


@router.get("/ownership/{entity_id}", response_model=OwnershipResponse, summary="Ownership")
async def ownership(
    service: ServiceDep,
    entity_id: Annotated[str, Path(max_length=200, examples=["us-ofac-sdn-16669"])],
) -> Response:
    """Whether blocked persons own or control the party (a listed entity's id or a key of
    the ownership data), under `ofac`, `eu`, `uk` and `bis`: `blocked`, `status`
    (`blocked`, `review`, `clear`), `blocked_share` (percent) and the `paths` from each
    blocked person down to it, with an analyst's note per regime."""
    found = await bounded(service.settings.api_timeout, explain, service.engine, entity_id)
    return json_response(found.to_dict())
