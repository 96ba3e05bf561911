"""``GET /entities/{id}``: one listed entity as stored, 404 when unknown."""

from __future__ import annotations

from fastapi.testclient import TestClient

from chokepoint.model import entity_id
from tests.api.conftest import HEADERS


def test_an_entity_as_stored(client: TestClient) -> None:
    response = client.get(f"/entities/{entity_id('us_ofac_sdn', '16828')}", headers=HEADERS)
    assert response.status_code == 200
    data = response.json()
    assert (data["id"], data["schema"], data["caption"], data["list"], data["list_id"]) == (
        entity_id("us_ofac_sdn", "16828"),
        "Organization",
        "STROYGAZMONTAZH",
        "us_ofac_sdn",
        "16828",
    )
    assert data["datasets"] == ["us_ofac_sdn"]
    assert "STROYGAZMONTAZH CORPORATION" in data["properties"]["alias"]


def test_an_unknown_entity_is_404(client: TestClient) -> None:
    unknown = entity_id("us_ofac_sdn", "999999")
    response = client.get(f"/entities/{unknown}", headers=HEADERS)
    assert (response.status_code, response.json()) == (
        404,
        {"detail": f"no entity {unknown!r} in the lists screened"},
    )


# The id form before migration 0008 (history, so a literal): still a way in.
OLD_FORM = "us_ofac_sdn-16828"


def test_an_old_form_id_is_redirected_to_the_id_now(client: TestClient) -> None:
    now = entity_id("us_ofac_sdn", "16828")
    moved = client.get(
        f"/entities/{OLD_FORM}?nested=false", headers=HEADERS, follow_redirects=False
    )
    assert moved.status_code == 308
    assert moved.headers["location"] == f"/entities/{now}?nested=false"
    followed = client.get(f"/entities/{OLD_FORM}/adjacent", headers=HEADERS)
    assert followed.status_code == 200 and followed.json()["entity"]["id"] == now
