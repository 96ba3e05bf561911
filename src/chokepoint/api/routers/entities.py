"""``GET /entities/{entity_id}[/adjacent[/{prop}]]``: one listed entity, as stored, with
the entities adjacent to it (its sanctions, its links), as yente serves them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from followthemoney import model
from followthemoney.types import registry

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import EntityResponse
from chokepoint.api.responses import json_response
from chokepoint.errors import NotFoundError
from chokepoint.ownership import ownership_summary
from chokepoint.peers import adjacent_by_prop, nested_entity
from chokepoint.screening import Snapshot
from chokepoint.server.service import Service
from chokepoint.store.aliases import canonical_id

router = APIRouter(tags=["Entities"])

EntityId = Annotated[str, Path(max_length=200, examples=["us-ofac-sdn-16669"])]
Limit = Annotated[int, Query(ge=0, le=500)]
Offset = Annotated[int, Query(ge=0, le=9499)]


async def _entity(
    service: Service, snapshot: Snapshot, request: Request, entity_id: str
) -> dict[str, Any] | Response:
    """The entity; for an id of an earlier form, a 308 to the same path with the id now
    (as yente answers for the id of a merged entity)."""
    found = await bounded(
        service.settings.api_timeout, snapshot.entities, service.engine, [entity_id]
    )
    if entity_id in found:
        return found[entity_id]
    now = await bounded(service.settings.api_timeout, canonical_id, service.engine, entity_id)
    if now is None:
        raise NotFoundError(f"no entity {entity_id!r} in the lists screened")
    path = request.url.path.replace(f"/entities/{entity_id}", f"/entities/{now}", 1)
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(path + query, status_code=308)


@router.get("/entities/{entity_id}", response_model=EntityResponse, summary="One entity")
async def entity(
    service: ServiceDep,
    snapshot: SnapshotDep,
    request: Request,
    entity_id: EntityId,
    nested: bool = True,
) -> Response:
    """The FtM entity with everything its list says: properties, `list`, `list_id`, values
    kept as written (`flags`) and relations stated by name. From the versions screened.
    With `nested` (the default, as in yente) its adjacent entities (the `Sanction` of its
    listing, the links the list states) sit in the properties that reach them.
    `referents` are the ids of the same party's entries on other lists, `party_id` its party.
    `ownership`: its status under each regime (`status`, `blocked_share`; the paths at
    `/ownership/{entity_id}`)."""
    data = await _entity(service, snapshot, request, entity_id)
    if isinstance(data, Response):
        return data
    status = await bounded(
        service.settings.api_timeout, ownership_summary, service.engine, entity_id
    )
    parties = snapshot.parties
    party = {"party_id": parties.party_id(entity_id), "referents": parties.referents(entity_id)}
    data = {**data, **party, "ownership": status}
    return json_response(nested_entity(data) if nested else data)


def _page(entities: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {
        "results": entities[offset : offset + limit],
        "total": {"value": len(entities), "relation": "eq"},
        "limit": limit,
        "offset": offset,
    }


@router.get("/entities/{entity_id}/adjacent", summary="Adjacent entities")
async def adjacent(
    service: ServiceDep,
    snapshot: SnapshotDep,
    request: Request,
    entity_id: EntityId,
    limit: Limit = 10,
    offset: Offset = 0,
) -> Response:
    """The entity and, per property, a page of its adjacent entities (yente's shape)."""
    data = await _entity(service, snapshot, request, entity_id)
    if isinstance(data, Response):
        return data
    pages = {prop: _page(es, limit, offset) for prop, es in adjacent_by_prop(data).items()}
    return json_response({"entity": data, "adjacent": pages})


@router.get("/entities/{entity_id}/adjacent/{prop}", summary="Adjacent entities by property")
async def adjacent_prop(
    service: ServiceDep,
    snapshot: SnapshotDep,
    request: Request,
    entity_id: EntityId,
    prop: Annotated[str, Path(max_length=100, examples=["sanctions"])],
    limit: Limit = 10,
    offset: Offset = 0,
) -> Response:
    """A page of the entities adjacent through one property; 404 for a property the
    entity's schema does not have or that is not an entity reference."""
    data = await _entity(service, snapshot, request, entity_id)
    if isinstance(data, Response):
        return data
    schema = model.get(data["schema"])
    known = schema.properties.get(prop) if schema else None
    if known is None or known.type != registry.entity:
        raise NotFoundError(f"no entity property {prop!r} on {data['schema']}")
    return json_response(_page(adjacent_by_prop(data).get(prop, []), limit, offset))
