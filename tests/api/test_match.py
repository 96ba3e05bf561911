"""``POST /match/{dataset}`` on the real SDN and UN lists, with requests as yente's users
write them."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from chokepoint.model import entity_id
from tests.api.conftest import HEADERS

RESULT_FIELDS = {
    "id",
    "caption",
    "schema",
    "properties",
    "datasets",
    "referents",
    "party_id",
    "target",
    "first_seen",
    "last_seen",
    "last_change",
    "explanations",
    "list",
    "list_id",
    "score",
    "match",
    "features",
    "explanation",
}


def post(
    client: TestClient, body: dict[str, Any], path: str = "/match/default", **params: Any
) -> Response:
    return client.post(path, json=body, params=params, headers=HEADERS)


def test_the_example_of_yentes_match_documentation_is_answered(client: TestClient) -> None:
    # The exact body in the description of yente's POST /match/{dataset} (its /docs page).
    # Its parties are made up and on no list, so nothing matches; the answer has yente's
    # shape. Then the same body naming two parties of the 2021 SDN list.
    body = {
        "queries": {
            "entity1": {
                "schema": "Person",
                "properties": {
                    "name": ["John Doe"],
                    "birthDate": ["1975-04-21"],
                    "nationality": ["us"],
                },
            },
            "entity2": {
                "schema": "Company",
                "properties": {
                    "name": ["Brilliant Amazing Limited"],
                    "jurisdiction": ["hk"],
                    "registrationNumber": ["84BA99810"],
                },
            },
        }
    }
    response = post(client, body)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"responses", "limit", "lists"}
    assert data["limit"] == 5
    assert data["lists"] == {"un_sc_sanctions": 1, "us_ofac_sdn": 1}
    assert set(data["responses"]) == {"entity1", "entity2"}
    for key, answer in data["responses"].items():
        assert set(answer) == {"status", "results", "total", "query"}
        assert answer["status"] == 200
        assert answer["query"] == {"id": None, **body["queries"][key]}
        assert not any(r["match"] for r in answer["results"])
        assert answer["total"] == {"value": len(answer["results"]), "relation": "eq"}

    # The same body with its made-up parties swapped for listed ones, every field kept.
    entity1, entity2 = body["queries"]["entity1"], body["queries"]["entity2"]
    entity1["properties"] = {
        "name": ["Arkady Rotenberg"],
        "birthDate": ["1951-12-15"],
        "nationality": ["ru"],
    }
    entity2["properties"] = {
        "name": ["Gazprom Burenie"],
        "jurisdiction": ["ru"],
        "registrationNumber": ["1028900620319"],
    }
    answers = post(client, body).json()["responses"]
    top1, top2 = answers["entity1"]["results"][0], answers["entity2"]["results"][0]
    assert (top1["id"], top1["match"]) == (entity_id("us_ofac_sdn", "16669"), True)
    assert (top2["id"], top2["match"]) == (entity_id("us_ofac_sdn", "24185"), True)
    assert top2["features"]["identifier_match"] == 1.0


def test_the_batch_example_of_the_opensanctions_docs_finds_both_listed_parties(
    client: TestClient,
) -> None:
    # The exact body of "Performing multiple queries in one request" in OpenSanctions'
    # API examples (yente's hosted API): Arkady Rotenberg and Stroygazmontazh are on the
    # 2021 SDN list. A Cyrillic name, a Latin misspelling and a country by its name.
    body = {
        "queries": {
            "query-A": {
                "schema": "Person",
                "properties": {
                    "name": ["Arkadiii Romanovich Rotenberg", "Ротенберг Аркадий"],
                    "birthDate": ["1951"],
                },
            },
            "query-B": {
                "schema": "Company",
                "properties": {"name": ["Stroygazmontazh"], "jurisdiction": ["Russia"]},
            },
        }
    }
    data = post(client, body).json()
    a, b = data["responses"]["query-A"]["results"], data["responses"]["query-B"]["results"]
    assert [(r["id"], r["match"]) for r in a] == [(entity_id("us_ofac_sdn", "16669"), True)]
    assert [(r["id"], r["match"]) for r in b] == [(entity_id("us_ofac_sdn", "16828"), True)]
    top = a[0]
    assert set(top) == RESULT_FIELDS
    assert (top["caption"], top["schema"], top["datasets"], top["list_id"]) == (
        "ROTENBERG, Arkady",
        "Person",
        ["us_ofac_sdn"],
        "16669",
    )
    assert top["properties"]["birthDate"] == ["1951-12-15"]
    assert top["features"]["birth_date_agrees"] == 1.0
    assert top["explanation"]["listed_name"] == "ROTENBERG, Arkady"
    # The query as screened: the country named in words is cleaned to its code.
    assert data["responses"]["query-B"]["query"]["properties"]["jurisdiction"] == ["ru"]


def test_first_and_last_names_are_combined_into_a_name(client: TestClient) -> None:
    body = {
        "queries": {
            "q": {
                "schema": "Person",
                "properties": {"firstName": ["Boris"], "lastName": ["Rotenberg"]},
            }
        }
    }
    answer = post(client, body).json()["responses"]["q"]
    assert answer["query"]["properties"]["alias"] == ["Boris Rotenberg"]
    assert answer["results"][0]["id"] == entity_id("us_ofac_sdn", "16671")


def test_an_identifier_alone_finds_its_entity(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"passportNumber": "640848350"}}}}
    results = post(client, body).json()["responses"]["q"]["results"]
    assert [(r["id"], r["match"]) for r in results] == [(entity_id("us_ofac_sdn", "18310"), True)]
    assert results[0]["features"]["identifier_match"] == 1.0


ROTENBERG = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Rotenberg"]}}}}


def ids(client: TestClient, path: str = "/match/default", **params: Any) -> list[str]:
    # A surname alone scores under the review band: cutoff 0 shows every candidate.
    response = post(client, ROTENBERG, path, limit=10, cutoff=0, **params)
    assert response.status_code == 200, response.json()
    return [r["id"] for r in response.json()["responses"]["q"]["results"]]


def test_a_dataset_and_yentes_filters_narrow_the_results(client: TestClient) -> None:
    everyone = ids(client)
    assert {entity_id("us_ofac_sdn", "16669"), entity_id("us_ofac_sdn", "16671")} <= set(everyone)
    assert ids(client, "/match/un_sc_sanctions") == []
    assert ids(client, exclude_dataset="us_ofac_sdn") == []
    assert ids(client, include_dataset="us_ofac_sdn") == everyone
    assert ids(client, exclude_entity_ids=entity_id("us_ofac_sdn", "16669")) == [
        i for i in everyone if i != entity_id("us_ofac_sdn", "16669")
    ]
    assert ids(client, exclude_schema="Person") == []


def test_threshold_decides_match_and_cutoff_what_is_shown(client: TestClient) -> None:
    strict = post(client, ROTENBERG, threshold=1.0, cutoff=0).json()["responses"]["q"]["results"]
    assert strict and not any(r["match"] for r in strict)
    # yente's default cutoff is the threshold: what is shown is a match
    assert post(client, ROTENBERG, threshold=1.0).json()["responses"]["q"]["results"] == []
    everything = post(client, ROTENBERG, cutoff=0).json()["responses"]["q"]["results"]
    scores = [r["score"] for r in everything]
    between = (scores[0] + scores[1]) / 2
    shown = post(client, ROTENBERG, cutoff=between).json()["responses"]["q"]["results"]
    assert [r["score"] for r in shown] == [s for s in scores if s >= between]


def test_total_counts_the_matches_not_the_results_shown(client: TestClient) -> None:
    everyone = post(client, ROTENBERG, limit=50, threshold=0, cutoff=0).json()
    count = len(everyone["responses"]["q"]["results"])
    answer = post(client, ROTENBERG, limit=1, threshold=0, cutoff=0).json()
    assert answer["limit"] == 1
    assert count > 1
    assert answer["responses"]["q"]["total"] == {"value": count, "relation": "eq"}
    # a surname alone matches nobody: total 0 (yente's count of matches)
    default = post(client, ROTENBERG).json()["responses"]["q"]
    assert default["total"] == {"value": 0, "relation": "eq"}


def test_yentes_other_parameters_are_accepted(client: TestClient) -> None:
    response = post(
        client,
        {**ROTENBERG, "weights": {"name_literal": 0.8}, "config": {}},
        algorithm="logic-v2",
        topics="sanction",
        changed_since="2021-01-01",
    )
    assert response.status_code == 200


def test_refusals_name_what_is_wrong(client: TestClient) -> None:
    def refusal(body: Any, path: str = "/match/default") -> tuple[int, str]:
        response = post(client, body, path)
        return response.status_code, response.json()["detail"]

    assert refusal(ROTENBERG, "/match/eu_fsf") == (
        404,
        "no dataset 'eu_fsf' (one of default, sanctions, un_sc_sanctions, us_ofac_sdn)",
    )
    assert refusal({"queries": {}}) == (400, "No queries provided.")
    boat = {"queries": {"q": {"schema": "Boat", "properties": {"name": ["x"]}}}}
    assert refusal(boat) == (400, "Cannot parse example entity: unknown schema 'Boat'")
    address = {"queries": {"q": {"schema": "Sanction", "properties": {"program": ["x"]}}}}
    assert refusal(address) == (
        400,
        "Cannot parse example entity: 'Sanction' is not a matchable schema",
    )
    assert refusal({"queries": {"q": {"properties": {}}}}) == (
        422,
        "body.queries.q.schema: Field required",
    )
