"""``GET /search/{dataset}?q=``: names like a text, yente's search shape."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import SearchResponse
from chokepoint.api.responses import json_response
from chokepoint.api.routers.match import Dataset, Names
from chokepoint.by_example import scope_for, search
from chokepoint.errors import InputError

router = APIRouter(tags=["Search"])


@router.get("/search/{dataset}", response_model=SearchResponse, summary="Search by name")
async def search_names(
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    q: Annotated[str, Query(min_length=1, max_length=500, description="A name")],
    schema: Annotated[str | None, Query(max_length=100, description="e.g. Company")] = None,
    limit: Annotated[int, Query(ge=1)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
    include_dataset: Names = [],  # noqa: B006 - FastAPI copies defaults
    exclude_dataset: Names = [],  # noqa: B006
) -> Response:
    """Listed entities whose names are like `q`, best first, weak candidates included
    (for a screening decision, use `/match`)."""
    settings = service.settings
    if offset + limit > settings.api_max_limit:
        raise InputError(f"offset + limit is more than the {settings.api_max_limit} allowed")
    scope = scope_for(snapshot, dataset, include_dataset, exclude_dataset)
    found = await bounded(
        settings.api_timeout, search, service.engine, snapshot, q, scope, schema, limit, offset
    )
    return json_response({**found, "lists": snapshot.lists})
