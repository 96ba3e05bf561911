"""``GET /entities/{entity_id}``: one listed entity, as stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import EntityResponse
from chokepoint.api.responses import json_response
from chokepoint.errors import NotFoundError
from chokepoint.ownership import ownership_summary

router = APIRouter(tags=["Entities"])


@router.get("/entities/{entity_id}", response_model=EntityResponse, summary="One entity")
async def entity(
    service: ServiceDep,
    snapshot: SnapshotDep,
    entity_id: Annotated[str, Path(max_length=200, examples=["us_ofac_sdn-16669"])],
) -> Response:
    """The FtM entity with everything its list says: properties, `list`, `list_id`, values
    kept as written (`flags`) and relations stated by name. From the versions screened.
    `referents` are the ids of the same party's entries on other lists, `party_id` its party.
    `ownership`: its status under each regime (`status`, `blocked_share`; the paths at
    `/ownership/{entity_id}`)."""
    found = await bounded(
        service.settings.api_timeout, snapshot.entities, service.engine, [entity_id]
    )
    if entity_id not in found:
        raise NotFoundError(f"no entity {entity_id!r} in the lists screened")
    status = await bounded(
        service.settings.api_timeout, ownership_summary, service.engine, entity_id
    )
    parties = snapshot.parties
    party = {"party_id": parties.party_id(entity_id), "referents": parties.referents(entity_id)}
    return json_response({**found[entity_id], **party, "ownership": status})
