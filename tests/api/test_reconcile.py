"""``/reconcile``: OpenRefine's reconciliation API (0.2) as yente serves it, every answer
checked by yente's own models of it (``yente.data.freebase``)."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi.testclient import TestClient
from pydantic import RootModel
from yente.data.freebase import (
    FreebaseEntityResult,
    FreebaseEntitySuggestResponse,
    FreebaseExtendPropertiesResponse,
    FreebaseExtendResponse,
    FreebaseManifest,
    FreebasePropertySuggestResponse,
    FreebaseTypeSuggestResponse,
)

from chokepoint.app.run import MaskQuery
from chokepoint.model import entity_id
from tests.api.conftest import HEADERS, KEY

ROTENBERG = entity_id("us_ofac_sdn", "16669")
Results = RootModel[dict[str, FreebaseEntityResult]]


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params, headers=HEADERS)
    assert response.status_code == 200, response.text
    return response.json()


def test_manifest_passes_the_key_on_to_its_services(client: TestClient) -> None:
    response = client.get("/reconcile/default", params={"api_key": KEY})  # no header
    assert response.status_code == 200, response.text
    manifest = FreebaseManifest.model_validate(response.json())
    assert manifest.versions == ["0.2"]
    assert manifest.suggest.entity.service_path == f"/suggest/entity?api_key={KEY}"
    assert {t.id for t in manifest.defaultTypes} >= {"Person", "Company"}
    # the key in the URL is taken on /reconcile only
    assert client.get("/catalog", params={"api_key": KEY}).status_code == 401
    assert client.get("/reconcile/default", params={"api_key": "wrong"}).status_code == 401


def test_queries_by_form_and_by_url(client: TestClient) -> None:
    batch = {
        "q0": {"query": "Arkady Rotenberg", "type": "Person", "limit": 3},
        "q1": {
            "query": "Stroygazmontazh",
            "type": ["Company"],
            "properties": [{"pid": "country", "v": "ru"}],
        },
    }
    response = client.post(
        "/reconcile/default", data={"queries": json.dumps(batch)}, headers=HEADERS
    )
    assert response.status_code == 200, response.text
    answers = Results.model_validate(response.json()).root
    top = answers["q0"].result[0]
    assert (top.id, top.match) == (ROTENBERG, True)
    assert answers["q1"].result[0].match
    by_url = get(client, "/reconcile/sanctions", queries=json.dumps({"q0": batch["q0"]}))
    assert Results.model_validate(by_url).root["q0"].result[0].id == ROTENBERG
    bad = client.post("/reconcile/default", data={"queries": "{"}, headers=HEADERS)
    assert (bad.status_code, bad.json()) == (
        400,
        {"detail": "Cannot decode reconciliation request"},
    )


def test_suggest_extend_and_preview(client: TestClient) -> None:
    entities = get(client, "/reconcile/default/suggest/entity", prefix="Rotenberg")
    assert ROTENBERG in {
        e.id for e in FreebaseEntitySuggestResponse.model_validate(entities).result
    }
    types = FreebaseTypeSuggestResponse.model_validate(
        get(client, "/reconcile/default/suggest/type", prefix="Pers")
    )
    assert [t.id for t in types.result] == ["Person"]
    props = FreebasePropertySuggestResponse.model_validate(
        get(client, "/reconcile/default/suggest/property", prefix="birth")
    )
    assert "Person:birthDate" in {p.id for p in props.result}
    proposed = FreebaseExtendPropertiesResponse.model_validate(
        get(client, "/reconcile/default/extend/property", type="Person")
    )
    assert "birthDate" in {p.id for p in proposed.properties}
    asked = {"ids": [ROTENBERG], "properties": [{"id": "birthDate"}, {"id": "topics"}]}
    response = client.post(
        "/reconcile/default", data={"extend": json.dumps(asked)}, headers=HEADERS
    )
    extended = FreebaseExtendResponse.model_validate(response.json())
    assert extended.rows[ROTENBERG]["birthDate"][0].str == "1951-12-15"
    page = client.get("/reconcile/default/preview", params={"id": ROTENBERG}, headers=HEADERS)
    assert page.status_code == 200 and "ROTENBERG" in page.text


# The id form before migration 0008 (history, so a literal), as an OpenRefine project that
# reconciled against an older Chokepoint keeps it.
OLD_ROTENBERG = "us_ofac_sdn-16669"


def test_extend_and_preview_take_ids_a_project_kept_from_before(client: TestClient) -> None:
    asked = {"ids": [OLD_ROTENBERG], "properties": [{"id": "birthDate"}]}
    response = client.post(
        "/reconcile/default", data={"extend": json.dumps(asked)}, headers=HEADERS
    )
    extended = FreebaseExtendResponse.model_validate(response.json())
    assert extended.rows[OLD_ROTENBERG]["birthDate"][0].str == "1951-12-15"
    page = client.get("/reconcile/default/preview", params={"id": OLD_ROTENBERG}, headers=HEADERS)
    assert page.status_code == 200 and "ROTENBERG" in page.text


def test_a_key_in_the_url_is_masked_in_the_access_log() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", f"/reconcile/default?api_key={KEY}", "1.1", 200),
        None,
    )
    MaskQuery().filter(record)
    assert KEY not in record.getMessage()
    assert "api_key=***" in record.getMessage()
