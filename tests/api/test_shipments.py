"""``POST /screen/shipment``: the decision of ``chokepoint shipment screen --json``."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import HEADERS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_blocked_example_is_blocked_with_its_findings(client: TestClient) -> None:
    shipment = json.loads((EXAMPLES / "shipment-blocked.json").read_text(encoding="utf-8"))
    response = client.post("/screen/shipment", json=shipment, headers=HEADERS)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"reference", "decision", "findings", "lists", "screened_at"}
    assert (data["reference"], data["decision"]) == (shipment["reference"], "BLOCK")
    assert data["lists"] == {"un_sc_sanctions": 1, "us_ofac_sdn": 1}
    assert data["findings"][0]["severity"] == "block"


def test_a_bad_field_is_422_with_its_path(client: TestClient) -> None:
    shipment = {
        "reference": "PO-1",
        "parties": [{"role": "consignee", "name": "Acme", "country": "RUS"}],
        "items": [{"hs_code": "12"}],
    }
    response = client.post("/screen/shipment", json=shipment, headers=HEADERS)
    assert (response.status_code, response.json()) == (
        422,
        {
            "detail": "body.parties.0.country: Value error, not an ISO 3166 alpha-2 country "
            "code: 'RUS'; body.items.0.hs_code: Value error, an HS code has 6 to 10 digits "
            "(dots and spaces allowed): '12'"
        },
    )
