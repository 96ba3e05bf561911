"""yente's own response models (the ``yente`` package, 5.5.0, installed without its
dependencies by ``make install``), and a test client that validates every yente-shaped
answer it receives against them: Chokepoint claims to be a drop-in for yente, and
yente's models are the judge of that, not a copy of them kept here."""

from __future__ import annotations

import re
from typing import Any

import httpx
from fastapi.testclient import TestClient
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
    model.model_validate(response.json())
    validated.append(path)


class YenteCheckedClient(TestClient):
    """A ``TestClient`` whose every yente-shaped answer passes yente's models."""

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        response = super().request(method, url, *args, **kwargs)
        check(method.upper(), httpx.URL(str(url)).path, response)
        return response
