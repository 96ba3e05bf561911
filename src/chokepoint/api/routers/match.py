"""``POST /match/{dataset}``: yente's query-by-example matcher."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from chokepoint.api.deps import ServiceDep, SnapshotDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import MatchRequest, MatchResponse
from chokepoint.api.responses import json_response
from chokepoint.errors import QueryError
from chokepoint.yente.by_example import Options, match_examples, scope_for

# yente clients may send their JSON without a Content-Type, and yente reads it: so does
# this router. (Strictness guards cookie-authenticated forms; the API takes keys in a
# header, and the web UI's forms carry a CSRF token.)
router = APIRouter(tags=["Matching"], strict_content_type=False)

# One query with up to this many characters of values is screened on the event loop: a
# millisecond or two (8 ms for one 500-character name), cheaper than a worker thread.
INLINE_CHARS = 500
MAX_MATCHES = 500  # yente's largest `limit`

Names = Annotated[list[str], Query(max_length=100)]
Dataset = Annotated[str, Path(max_length=100, description="`default` (every list) or a list key")]


@router.post("/match/{dataset}", response_model=MatchResponse, summary="Query by example")
async def match(
    body: MatchRequest,
    service: ServiceDep,
    snapshot: SnapshotDep,
    dataset: Dataset,
    limit: Annotated[int, Query(ge=1, le=MAX_MATCHES, description="Results per query")] = 5,
    threshold: Annotated[
        float | None,
        Query(description="Score from which a result is a match (default 0.70)"),
    ] = None,
    cutoff: Annotated[
        float | None,
        Query(
            description="Score below which results are left out (default: the threshold; "
            "0.5 shows the review band)"
        ),
    ] = None,
    include_dataset: Names = [],  # noqa: B006 - FastAPI copies defaults
    exclude_dataset: Names = [],  # noqa: B006
    exclude_schema: Names = [],  # noqa: B006
    exclude_entity_ids: Names = [],  # noqa: B006
) -> Response:
    """Match entities described by what is known of them (names, birth date, countries,
    identifiers), as yente's `/match` does: each query an FtM entity, results per query
    best first, each with its score, `match` (score at or above `threshold`), the features
    that made it and an explanation.

    Example body: `{"queries": {"q1": {"schema": "Person", "properties": {"name":
    ["Arkady Rotenberg"], "birthDate": ["1951"], "nationality": ["ru"]}}}}`

    Scores are calibrated so that the fitted match threshold is yente's 0.70 and the
    review threshold 0.50: `cutoff=0.5` adds the candidates a person should review.
    Accepted from yente clients and ignored: the parameters `algorithm` (one scorer),
    `topics` (every listed entity is a restricted party) and `changed_since`, and `weights`
    and `config` in the body. They are not declared here: undeclared parameters cost
    nothing to parse.
    """
    settings = service.settings
    if not body.queries:
        raise QueryError("No queries provided.")
    if len(body.queries) > settings.api_max_queries:
        raise QueryError(f"Too many queries in one batch (limit: {settings.api_max_queries})")
    scope = scope_for(
        snapshot, dataset, include_dataset, exclude_dataset, exclude_schema, exclude_entity_ids
    )
    responses = await bounded(
        settings.api_timeout,
        match_examples,
        service.engine,
        snapshot,
        {key: q.as_example() for key, q in body.queries.items()},
        scope,
        Options(limit, threshold, cutoff),
        settings.api_max_names,
        time.monotonic() + settings.api_timeout,
        inline=is_small(body),
    )
    return json_response({"responses": responses, "limit": limit, "lists": snapshot.lists})


def is_small(body: MatchRequest) -> bool:
    if len(body.queries) != 1:
        return False
    (query,) = body.queries.values()
    values = query.properties.values()
    size = sum(len(str(v)) for vs in values for v in (vs if isinstance(vs, list) else [vs]))
    return size <= INLINE_CHARS
