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


def refused(client: TestClient, **params: Any) -> Any:
    response = client.get("/search/default", params=params, headers=HEADERS)
    assert response.status_code == 400, response.json()
    return response.json()["detail"]


def names_of(result: dict[str, Any]) -> str:
    props = result["properties"]
    return " ".join(props.get("name", []) + props.get("alias", []) + [result["caption"]]).lower()


def test_without_fuzzy_a_text_keeps_the_names_that_hold_its_words(client: TestClient) -> None:
    exact = search(client, q="Rotenberg", limit=50)
    assert exact["results"] and all("rotenberg" in names_of(r) for r in exact["results"])
    assert search(client, q="Rotenbergg")["total"]["value"] == 0  # a misspelling: yente's too
    fuzzy = search(client, q="Rotenbergg", fuzzy=True, limit=50)
    assert {r["id"] for r in exact["results"]} <= {r["id"] for r in fuzzy["results"]}
    assert search(client, q="Rotenberg", simple=True, limit=50) == exact


def test_filter_items_and_filter_op(client: TestClient) -> None:
    by_param = search(client, q="Rotenberg", datasets="us_ofac_sdn", limit=50)
    by_filter = search(client, q="Rotenberg", filter="datasets:us_ofac_sdn", limit=50)
    assert by_param["results"] and by_filter == by_param
    either = search(client, countries=["ru", "cy"], limit=500)["total"]["value"]
    both = search(client, countries=["ru", "cy"], filter_op="AND", limit=500)
    assert 0 < both["total"]["value"] < either
    for facet in both["facets"]["countries"]["values"]:
        if facet["name"] in ("ru", "cy"):
            assert facet["count"] == both["total"]["value"]  # every hit has both
    two_lists = {"datasets": ["us_ofac_sdn", "un_sc_sanctions"], "filter_op": "AND"}
    assert search(client, **two_lists)["total"]["value"] == 0  # an entry is on one list
    targets = search(client, q="Rotenberg", filter="target:false")
    assert targets["results"] == [] and search(client, q="Rotenberg", target=False) == targets
    assert refused(client, filter="datasets") == "Invalid filter: 'datasets'"
    assert "not supported" in refused(client, filter="properties.birthDate:1985")
    assert "true or false" in refused(client, filter="target:maybe")


def test_sort_orders_before_score_and_id(client: TestClient) -> None:
    page = search(client, sort="caption:desc", limit=30)["results"]
    captions = [r["caption"] for r in page]
    assert captions == sorted(captions, reverse=True)
    scored = search(client, q="Rotenberg", sort=["schema", "_score:desc"], limit=50)["results"]
    keys = [(r["schema"], -r["score"]) for r in scored]
    assert keys == sorted(keys)
    assert "cannot sort by 'first_seen'" in refused(client, sort="first_seen:desc")
