"""Chokepoint as a yente drop-in, judged by yente's own code: every answer here passes
yente 5.5.0's response models (the ``client`` fixture checks each one), the endpoints
yente serves answer, and the ``yente-client`` SDK's calls succeed."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from chokepoint.model import entity_id
from tests.api import yente_models
from tests.api.conftest import HEADERS

ROTENBERG = entity_id("us_ofac_sdn", "16669")


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params, headers=HEADERS)
    assert response.status_code == 200, response.text
    return response.json()


def test_match_answers_carry_yentes_fields(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Arkady Rotenberg"]}}}}
    answer = client.post("/match/default", json=body, headers=HEADERS).json()
    (top,) = [r for r in answer["responses"]["q"]["results"] if r["id"] == ROTENBERG]
    assert top["match"] and top["target"]
    assert top["properties"]["topics"] == ["sanction"]
    assert top["first_seen"] and top["last_seen"] and top["last_change"]
    assert top["explanations"] and all(
        set(e) >= {"score", "detail"} for e in top["explanations"].values()
    )
    # one entry per feature that moved the score, never more
    assert set(top["explanations"]) == set(top["explanation"]["contributions"])


def test_a_request_without_content_type_or_with_nulls_is_answered(client: TestClient) -> None:
    raw = (
        b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["Rotenberg"],'
        b' "birthDate": null, "nationality": [null, "ru"]}}}}'
    )
    response = client.post("/match/default", content=raw, headers=HEADERS)
    assert response.status_code == 200, response.text
    wallet = {"queries": {"q": {"schema": "CryptoWallet", "properties": {"publicKey": ["x1"]}}}}
    answer = client.post("/match/sanctions", json=wallet, headers=HEADERS).json()
    assert answer["responses"]["q"]["results"] == []


def test_catalog_algorithms_and_collections(client: TestClient) -> None:
    catalog = get(client, "/catalog")
    names = {d["name"] for d in catalog["datasets"]}
    assert names == {"default", "sanctions", "us_ofac_sdn", "un_sc_sanctions"}
    algorithms = get(client, "/algorithms")
    assert algorithms["default"] == algorithms["best"] == "chokepoint-logistic-v1"
    assert "listed_coverage" in algorithms["algorithms"][0]["docs"]["features"]


def test_entities_nest_their_sanction_and_page_their_adjacents(client: TestClient) -> None:
    nested = get(client, f"/entities/{ROTENBERG}")
    (sanction,) = nested["properties"]["sanctions"]
    assert sanction["schema"] == "Sanction"
    assert sanction["properties"]["authority"] == ["Office of Foreign Assets Control"]
    flat = get(client, f"/entities/{ROTENBERG}", nested="false")
    assert "sanctions" not in flat["properties"]
    adjacent = get(client, f"/entities/{ROTENBERG}/adjacent")
    assert adjacent["adjacent"]["sanctions"]["total"]["value"] == 1
    page = get(client, f"/entities/{ROTENBERG}/adjacent/sanctions")
    assert page["results"][0]["id"] == sanction["id"]
    response = client.get(f"/entities/{ROTENBERG}/adjacent/name", headers=HEADERS)
    assert response.status_code == 404


def test_every_yente_endpoint_is_validated(client: TestClient) -> None:
    """The client fixture runs every answer through yente's models: a bad one fails the
    request's test, and each endpoint kind gets checked."""
    yente_models.validated.clear()
    get(client, "/search/default", q="Rotenberg", facets=["datasets", "schema"])
    get(client, "/search/sanctions")
    get(client, f"/entities/{ROTENBERG}/adjacent")
    get(client, "/catalog")
    get(client, "/algorithms")
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Stroygazmontazh"]}}}}
    client.post("/match/default", json=body, headers=HEADERS, params={"cutoff": 0.5})
    paths = " ".join(yente_models.validated)
    for part in ("/match/", "/search/", "/catalog", "/algorithms", "/adjacent"):
        assert part in paths
