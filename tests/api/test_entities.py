"""``GET /entities/{id}``: one listed entity as stored, 404 when unknown."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import HEADERS


def test_an_entity_as_stored(client: TestClient) -> None:
    response = client.get("/entities/us_ofac_sdn-16828", headers=HEADERS)
    assert response.status_code == 200
    data = response.json()
    assert (data["id"], data["schema"], data["caption"], data["list"], data["list_id"]) == (
        "us_ofac_sdn-16828",
        "Organization",
        "STROYGAZMONTAZH",
        "us_ofac_sdn",
        "16828",
    )
    assert data["datasets"] == ["us_ofac_sdn"]
    assert "STROYGAZMONTAZH CORPORATION" in data["properties"]["alias"]


def test_an_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/entities/us_ofac_sdn-999999", headers=HEADERS)
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "no entity 'us_ofac_sdn-999999' in the lists screened"},
    )
