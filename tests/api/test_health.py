"""``/healthz`` answers while the process is up, ``/readyz`` once it can screen."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from chokepoint.app import create_app
from chokepoint.settings import Settings
from tests.conftest import WAIT_SECONDS


def test_ready_with_the_versions_it_screens(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "lists": None}
    assert client.get("/readyz").json() == {
        "status": "ok",
        "lists": {"un_sc_sanctions": 1, "us_ofac_sdn": 1},
    }


def test_up_but_not_ready_without_lists_says_what_to_do(tmp_path: Path) -> None:
    app = create_app(Settings(db=str(tmp_path / "empty.db"), api_keys="k" * 20))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        deadline = time.monotonic() + WAIT_SECONDS
        while app.state.service.problem == "the lists are being loaded":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        response = client.get("/readyz")
        assert (response.status_code, response.headers["retry-after"]) == (503, "5")
        assert response.json() == {
            "detail": "no lists loaded: run `chokepoint lists load DIR` first"
        }
        # Screening says the same, after the key is checked.
        response = client.post(
            "/match/default",
            json={"queries": {}},
            headers={"Authorization": f"ApiKey {'k' * 20}"},
        )
        assert response.status_code == 503
