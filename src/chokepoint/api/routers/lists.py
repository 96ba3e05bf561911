"""``GET /lists``: the versions loaded and those the server screens with."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import Engine

from chokepoint.api.deps import ServiceDep
from chokepoint.api.limits import bounded
from chokepoint.api.models import ListsResponse
from chokepoint.api.responses import json_response
from chokepoint.store.versions import current_versions, list_history

router = APIRouter(tags=["Lists"])

HISTORY_KEYS = ("version", "entities", "published", "loaded_at", "current")


def lists_status(engine: Engine) -> list[dict[str, Any]]:
    """Each current list's status (as `lists status --json`) and every version of it."""
    return [
        {
            **v.status(),
            "versions": [
                {k: getattr(h, k) for k in HISTORY_KEYS} for h in list_history(engine, v.list)
            ],
        }
        for v in current_versions(engine)
    ]


@router.get("/lists", response_model=ListsResponse, summary="List versions")
async def lists(service: ServiceDep) -> Response:
    """The current version of every loaded list with its history, and the versions the
    server screens with now (they differ for a moment after a load, until the new index
    is loaded)."""
    status = await bounded(service.settings.api_timeout, lists_status, service.engine)
    screening = service.snapshot.lists if service.snapshot else {}
    return json_response({"lists": status, "screening": screening})
