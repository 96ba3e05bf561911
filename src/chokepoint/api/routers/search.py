"""``GET /search/{dataset}``: names like a text, or browsing, in yente's search shape."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import SearchResponse
from chokepoint.api.responses import json_response
from chokepoint.api.routers.match import Dataset, Names
from chokepoint.errors import InputError
from chokepoint.yente.by_example import scope_for
from chokepoint.yente.search import read_filters, read_sorts, search

router = APIRouter(tags=["Search"])

MAX_OFFSET = 9499  # yente's: 9,999 results at most, pages of up to 500
TS_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$"  # yente's changed_since
Facet = Literal["datasets", "schema", "countries", "identifiers", "topics", "genders"]


@router.get("/search/{dataset}", response_model=SearchResponse, summary="Search by name")
async def search_names(
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    q: Annotated[str, Query(max_length=500, description="A name; empty: browse")] = "",
    schema: Annotated[str, Query(max_length=100, description="e.g. Company")] = "Thing",
    limit: Annotated[int, Query(ge=0)] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    include_dataset: Names = [],  # noqa: B006 - FastAPI copies defaults
    exclude_dataset: Names = [],  # noqa: B006
    exclude_schema: Names = [],  # noqa: B006
    countries: Names = [],  # noqa: B006
    topics: Names = [],  # noqa: B006
    datasets: Names = [],  # noqa: B006
    target: bool | None = None,
    changed_since: Annotated[str | None, Query(pattern=TS_PATTERN)] = None,
    facets: Annotated[list[Facet], Query(max_length=6)] = ["countries", "topics", "datasets"],  # noqa: B006
    filter: Annotated[list[str], Query(max_length=50, description="field:value")] = [],  # noqa: A002, B006
    filter_op: Literal["OR", "AND"] = "OR",
    sort: Annotated[list[str], Query(max_length=10, description="field[:asc|desc]")] = [],  # noqa: B006
    fuzzy: bool = False,
    simple: bool = False,  # noqa: ARG001 - yente's simple syntax: plain words, as q always is
) -> Response:
    """Listed entities named like `q`, best first (for a screening decision, use
    `/match`); with no `q`, every entity, by id. As in yente, a `q` keeps the entities
    whose names hold each of its words; with `fuzzy`, the matcher's candidates too, weak
    ones included (spellings, transliterations). `q` is plain words with or without
    `simple` (no query syntax). yente's filters (`countries`, `topics`, `datasets`,
    `schema`, `exclude_schema`, `changed_since`, `target`, and `filter=field:value` on
    `countries`, `topics`, `datasets`, `schema`, `target`) narrow the hits, several values
    of one field combined by `filter_op`; `sort` (`caption`, `schema`, `datasets`,
    `entity_id`, `_score`, each `:asc` or `:desc`) orders them before score and id;
    `facets` counts them."""
    settings = service.settings
    if limit > settings.api_max_limit:
        raise InputError(f"limit {limit} is more than the {settings.api_max_limit} allowed")
    scope = scope_for(snapshot, dataset, include_dataset, exclude_dataset)
    filters = read_filters(
        service.engine,
        snapshot,
        schema=schema,
        exclude_schema=exclude_schema,
        countries=countries,
        topics=topics,
        datasets=datasets,
        target=target,
        since=changed_since,
        fields=filter,
        all_of=filter_op == "AND",
    )
    sorts = read_sorts(sort)
    found = await bounded(
        settings.api_timeout,
        search,
        service.engine,
        snapshot,
        q,
        scope,
        filters,
        limit,
        offset,
        tuple(dict.fromkeys(facets)),
        fuzzy,
        sorts,
    )
    return json_response({**found, "lists": snapshot.lists})
