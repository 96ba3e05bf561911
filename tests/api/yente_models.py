"""yente's own response models (the ``yente`` package, 5.5.0, installed without its
dependencies by ``make install``), and a test client that validates every yente-shaped
answer it receives against them: Chokepoint claims to be a drop-in for yente, and
yente's models are the judge of that, not a copy of them kept here."""

from __future__ import annotations

import re
from typing import Any

import httpx
from fastapi.testclient import TestClient
from followthemoney import model as ftm
from followthemoney.types import registry
from pydantic import BaseModel
from yente.data.common import (
    AdjacentResultsResponse,
    AlgorithmResponse,
    DataCatalogModel,
    EntityAdjacentResponse,
    EntityMatchResponse,
    EntityResponse,
    SearchResponse,
)

# (method, path pattern) -> the yente model of a 2xx answer
MODELS: list[tuple[str, re.Pattern[str], type[BaseModel]]] = [
    ("POST", re.compile(r"^/match/[^/]+$"), EntityMatchResponse),
    ("GET", re.compile(r"^/search/[^/]+$"), SearchResponse),
    ("GET", re.compile(r"^/entities/[^/]+$"), EntityResponse),
    ("GET", re.compile(r"^/entities/[^/]+/adjacent$"), EntityAdjacentResponse),
    ("GET", re.compile(r"^/entities/[^/]+/adjacent/[^/]+$"), AdjacentResultsResponse),
    ("GET", re.compile(r"^/catalog$"), DataCatalogModel),
    ("GET", re.compile(r"^/algorithms$"), AlgorithmResponse),
]

validated: list[str] = []  # the paths validated, for the test that says none was skipped


def yente_model(method: str, path: str) -> type[BaseModel] | None:
    for want, pattern, model in MODELS:
        if method == want and pattern.match(path):
            return model
    return None


def check(method: str, path: str, response: httpx.Response) -> None:
    """Raise when a 2xx answer of a yente endpoint is not valid under yente's model."""
    model = yente_model(method, path)
    if model is None or not 200 <= response.status_code < 300:
        return
    data = response.json()
    model.model_validate(data)
    bad = [i for i in entity_ids(data) if not registry.entity.validate(i)]
    assert not bad, f"ids followthemoney refuses: {bad[:5]}"
    validated.append(path)


def entity_ids(data: Any) -> list[str]:
    """Every entity id an answer carries: entities' ids, their referents, and the
    values of their entity-typed properties (nested entities' ids included)."""
    found: list[str] = []
    if isinstance(data, list):
        for item in data:
            found += entity_ids(item)
    elif isinstance(data, dict):
        schema = ftm.get(data["schema"]) if isinstance(data.get("schema"), str) else None
        if schema is not None and isinstance(data.get("id"), str):
            found.append(data["id"])
            found += [r for r in data.get("referents", []) if isinstance(r, str)]
            for name, values in (data.get("properties") or {}).items():
                prop = schema.properties.get(name)
                if prop is not None and prop.type == registry.entity:
                    found += [v for v in values if isinstance(v, str)]
        for value in data.values():
            found += entity_ids(value)
    return found


class YenteCheckedClient(TestClient):
    """A ``TestClient`` whose every yente-shaped answer passes yente's models."""

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        response = super().request(method, url, *args, **kwargs)
        check(method.upper(), httpx.URL(str(url)).path, response)
        return response
