"""``/reconcile/{dataset}``: the OpenRefine reconciliation API (0.2), as yente serves it.

OpenRefine cannot send headers: here an API key may come in the URL (``?api_key=``),
which ``auth.current_user`` accepts on these paths and the access log masks."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.responses import json_response
from chokepoint.api.routers.match import Dataset
from chokepoint.errors import NotFoundError, QueryError
from chokepoint.yente import reconcile as recon
from chokepoint.yente.by_example import scope_for
from chokepoint.yente.catalog import catalog
from chokepoint.yente.search import Filters, search

router = APIRouter(tags=["Reconciliation"], prefix="/reconcile/{dataset}")

Prefix = Annotated[str, Query(max_length=500)]


def decode(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise QueryError(f"Cannot decode {what} request") from None


@router.get("", summary="Reconciliation manifest, or queries (`?queries=`)")
async def manifest(
    request: Request,
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    queries: Annotated[str | None, Query(max_length=100_000)] = None,
) -> Response:
    """The service manifest for OpenRefine; with `queries` (JSON), their candidates."""
    scope = scope_for(snapshot, dataset)
    if queries:
        found = await bounded(
            service.settings.api_timeout,
            recon.reconcile,
            service.engine,
            snapshot,
            scope,
            decode(queries, "reconciliation"),
        )
        return json_response(found)
    base = str(request.url.replace(query="")).rstrip("/")
    titles = {d["name"]: d["title"] for d in catalog(snapshot.versions)["datasets"]}
    return json_response(recon.manifest(base, titles[dataset], request.url.query))


# Form posts and an HTML preview, as in yente: outside the OpenAPI schema (yente keeps its
# reconciliation routes but the manifest out of it too), so the JSON API's spec stays JSON.
@router.post("", summary="Reconciliation queries or data extension", include_in_schema=False)
async def queries(
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    queries: Annotated[str | None, Form(max_length=1_000_000)] = None,
    extend: Annotated[str | None, Form(max_length=1_000_000)] = None,
) -> Response:
    """`queries` (a JSON batch) answered with candidates, or `extend` (JSON: ids and
    properties) with the values of those properties."""
    scope = scope_for(snapshot, dataset)
    timeout = service.settings.api_timeout
    if extend:
        asked = decode(extend, "extension")
        ids = [str(i) for i in asked.get("ids") or []] if isinstance(asked, dict) else []
        entities = await bounded(timeout, snapshot.entities_or_aliases, service.engine, ids)
        return json_response(recon.extend(entities, asked))
    if not queries:
        raise QueryError("send `queries` or `extend`")
    found = await bounded(
        timeout,
        recon.reconcile,
        service.engine,
        snapshot,
        scope,
        decode(queries, "reconciliation"),
    )
    return json_response(found)


@router.get("/suggest/entity", summary="Suggest entities")
async def suggest_entity(
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    prefix: Prefix = "",
    limit: Annotated[int, Query(ge=0, le=500)] = 10,
) -> Response:
    scope = scope_for(snapshot, dataset)
    found = await bounded(
        service.settings.api_timeout,
        search,
        service.engine,
        snapshot,
        prefix,
        scope,
        Filters(),
        limit,
        0,
        (),
    )
    return json_response(recon.suggest_entities(found["results"], prefix))


@router.get("/suggest/type", summary="Suggest types")
async def suggest_type(snapshot: SnapshotDep, dataset: Dataset, prefix: Prefix = "") -> Response:
    scope_for(snapshot, dataset)
    return json_response(recon.suggest_types(prefix))


@router.get("/suggest/property", summary="Suggest properties")
async def suggest_property(
    snapshot: SnapshotDep, dataset: Dataset, prefix: Prefix = ""
) -> Response:
    scope_for(snapshot, dataset)
    return json_response(recon.suggest_properties(prefix))


@router.get("/extend/property", summary="Properties to extend with")
async def extend_property(
    snapshot: SnapshotDep,
    dataset: Dataset,
    type: Annotated[str, Query(max_length=100)] = "Thing",
    limit: int = 0,
) -> Response:
    scope_for(snapshot, dataset)
    return json_response(recon.extend_properties(type, limit))


@router.get(
    "/preview",
    summary="Entity preview (HTML)",
    response_class=HTMLResponse,
    include_in_schema=False,
)
async def preview(
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    id: Annotated[str, Query(max_length=200)],
) -> Response:
    scope_for(snapshot, dataset)
    timeout = service.settings.api_timeout
    found = await bounded(timeout, snapshot.entities_or_aliases, service.engine, [id])
    if id not in found:
        raise NotFoundError(f"no entity {id!r} in the lists screened")
    return HTMLResponse(recon.preview(found[id]))
