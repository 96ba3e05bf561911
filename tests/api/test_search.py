"""``GET /search/{dataset}?q=``: yente's search shape, paged."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from chokepoint.model import entity_id
from tests.api.conftest import HEADERS


def search(client: TestClient, path: str = "/search/default", **params: Any) -> Any:
    response = client.get(path, params=params, headers=HEADERS)
    assert response.status_code == 200, response.json()
    return response.json()


def test_search_pages_the_names_like_the_text(client: TestClient) -> None:
    data = search(client, q="Rotenberg", limit=2)
    assert set(data) == {"results", "total", "limit", "offset", "facets", "lists"}
    assert (data["limit"], data["offset"]) == (2, 0)
    assert data["total"]["value"] > 2  # every hit counted, not the page
    first_two = [r["id"] for r in data["results"]]
    everyone = [r["id"] for r in search(client, q="Rotenberg", limit=20)["results"]]
    assert first_two == everyone[:2]
    assert {
        entity_id("us_ofac_sdn", "16669"),
        entity_id("us_ofac_sdn", "16671"),
        entity_id("us_ofac_sdn", "18310"),
    } <= set(everyone)
    page = search(client, q="Rotenberg", limit=2, offset=2)
    assert [r["id"] for r in page["results"]] == everyone[2:4]


def test_search_by_schema_and_list(client: TestClient) -> None:
    companies = search(client, q="Stroygazmontazh", schema="Company")["results"]
    assert companies[0]["id"] == entity_id("us_ofac_sdn", "16828")
    assert search(client, "/search/un_sc_sanctions", q="Stroygazmontazh")["results"] == []


def test_search_without_text_browses_and_a_bad_schema_is_400(client: TestClient) -> None:
    browsed = search(client, limit=3)
    assert browsed["total"]["value"] > 3 and len(browsed["results"]) == 3
    assert search(client, q="   ", limit=3)["results"] == browsed["results"]
    response = client.get("/search/default", params={"q": "x", "schema": "Boat"}, headers=HEADERS)
    assert (response.status_code, response.json()) == (400, {"detail": "Invalid schema"})


def test_search_filters_and_facets(client: TestClient) -> None:
    un = search(client, datasets="un_sc_sanctions", limit=500)
    assert un["results"] and {r["datasets"][0] for r in un["results"]} == {"un_sc_sanctions"}
    facets = search(client, facets=["datasets", "schema"], limit=0)["facets"]
    counts = {v["name"]: v["count"] for v in facets["datasets"]["values"]}
    assert set(counts) == {"us_ofac_sdn", "un_sc_sanctions"}
    russians = search(client, q="Rotenberg", countries=["ru", "ua"], topics="sanction")
    assert russians["results"] and all(r["target"] for r in russians["results"])
    assert search(client, q="Rotenberg", target=False)["results"] == []
    assert search(client, q="Rotenberg", changed_since="2999-01-01")["results"] == []
