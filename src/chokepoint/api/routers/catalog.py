"""``GET /catalog`` and ``GET /algorithms``: yente's service metadata."""

from __future__ import annotations

from fastapi import APIRouter, Response

from chokepoint.api.deps import SnapshotDep
from chokepoint.api.responses import json_response
from chokepoint.yente.catalog import algorithms, catalog

router = APIRouter(tags=["System information"])


@router.get("/catalog", summary="Datasets")
async def datasets(snapshot: SnapshotDep) -> Response:
    """The datasets a request may name: one per list, `default` (every list) and
    `sanctions` (the sanctions lists), with versions and entity counts."""
    return json_response(catalog(snapshot.versions))


@router.get("/algorithms", summary="Scoring algorithms")
async def scoring(snapshot: SnapshotDep) -> Response:
    """The scoring algorithm, its features and their weights, as yente lists its own."""
    return json_response(algorithms(snapshot.matcher))
