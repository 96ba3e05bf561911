"""``GET /search/{dataset}?q=``: yente's search shape, paged."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import HEADERS


def search(client: TestClient, path: str = "/search/default", **params: Any) -> Any:
    response = client.get(path, params=params, headers=HEADERS)
    assert response.status_code == 200, response.json()
    return response.json()


def test_search_pages_the_names_like_the_text(client: TestClient) -> None:
    data = search(client, q="Rotenberg", limit=2)
    assert set(data) == {"results", "total", "limit", "offset", "facets", "lists"}
    assert (data["limit"], data["offset"], data["total"]) == (2, 0, {"value": 2, "relation": "gte"})
    first_two = [r["id"] for r in data["results"]]
    everyone = [r["id"] for r in search(client, q="Rotenberg", limit=20)["results"]]
    assert first_two == everyone[:2]
    assert {"us_ofac_sdn-16669", "us_ofac_sdn-16671", "us_ofac_sdn-18310"} <= set(everyone)
    page = search(client, q="Rotenberg", limit=2, offset=2)
    assert [r["id"] for r in page["results"]] == everyone[2:4]


def test_search_by_schema_and_list(client: TestClient) -> None:
    companies = search(client, q="Stroygazmontazh", schema="Company")["results"]
    assert companies[0]["id"] == "us_ofac_sdn-16828"
    assert search(client, "/search/un_sc_sanctions", q="Stroygazmontazh")["results"] == []


def test_search_refuses_an_empty_text_or_a_bad_schema(client: TestClient) -> None:
    response = client.get("/search/default", params={"q": ""}, headers=HEADERS)
    assert response.json() == {"detail": "query.q: String should have at least 1 character"}
    response = client.get("/search/default", params={"q": "x", "schema": "Boat"}, headers=HEADERS)
    assert (response.status_code, response.json()) == (422, {"detail": "unknown schema 'Boat'"})
    response = client.get("/search/default", params={"q": "   "}, headers=HEADERS)
    assert response.json() == {"detail": "q needs a name to search for"}
