"""A person on three lists is one result of ``/match``, its other entries its ``referents``
(yente's field for the entries a result stands for); namesakes stay two results."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from chokepoint.parties import own_party_id
from tests.api.conftest import HEADERS, serving
from tests.parties.conftest import KOVALENKO, MARTYNOV


def match(client: TestClient, name: str, **params: Any) -> list[dict[str, Any]]:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
    response = client.post("/match/default", json=body, params=params, headers=HEADERS)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["responses"]["q"]["results"]
    return results


def test_one_result_per_party_with_its_other_entries_as_referents(party_db: str) -> None:
    with serving(party_db) as client:
        (result,) = match(client, "Petro Ivanovich Kovalenko")
        assert result["id"] == KOVALENKO[0]
        assert result["referents"] == list(KOVALENKO[1:])
        assert result["party_id"] == own_party_id(KOVALENKO[0])
        # The limit counts parties: the namesakes are two, one entry each.
        namesakes = match(client, "Oleg Martynov", limit=2)
        assert sorted(r["id"] for r in namesakes) == sorted(MARTYNOV)
        assert [r["referents"] for r in namesakes] == [[], []]


def test_an_entity_names_its_party_and_its_other_entries(party_db: str) -> None:
    with serving(party_db) as client:
        response = client.get(f"/entities/{KOVALENKO[2]}", headers=HEADERS)
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["party_id"] == own_party_id(KOVALENKO[0])
        assert data["referents"] == list(KOVALENKO[:2])
        alone = client.get(f"/entities/{MARTYNOV[1]}", headers=HEADERS).json()
        assert (alone["party_id"], alone["referents"]) == (own_party_id(MARTYNOV[1]), [])
