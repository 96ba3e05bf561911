"""``GET /lists``: each list's current version and history, and what the server screens."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import HEADERS


def test_lists_give_status_history_and_the_versions_screened(client: TestClient) -> None:
    data = client.get("/lists", headers=HEADERS).json()
    assert data["screening"] == {"un_sc_sanctions": 1, "us_ofac_sdn": 1}
    sdn = {row["list"]: row for row in data["lists"]}["us_ofac_sdn"]
    assert set(sdn) == {
        "list",
        "version",
        "entities",
        "published",
        "loaded_at",
        "source",
        "versions",
    }
    assert (sdn["version"], sdn["entities"]) == (1, 8976)
    assert sdn["versions"] == [
        {
            "version": 1,
            "entities": 8976,
            "published": None,
            "loaded_at": sdn["loaded_at"],
            "current": True,
        }
    ]
