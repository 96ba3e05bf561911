"""Cases through the API, each action as the API key's user: record, list, show, decide,
four-eyes approval by another key, stale versions refused, shipments recorded."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chokepoint.model import entity_id
from tests.api.conftest import serving

ALICE = {"Authorization": "ApiKey alice-key-0123456789abcdef"}
BOB = {"Authorization": "ApiKey bob-key-0123456789abcdef"}
KEYS = "alice:alice-key-0123456789abcdef,bob:bob-key-0123456789abcdef"
EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def client(sdn_un_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("cases_api") / "lists.db"
    shutil.copy(sdn_un_db, db)  # the cases written here stay here
    with serving(str(db), api_keys=KEYS) as c:
        yield c


def test_record_decide_and_approve_as_two_users(client: TestClient) -> None:
    recorded = client.post(
        "/cases", json={"name": "Eric Badege", "schema": "Person"}, headers=ALICE
    )
    assert recorded.status_code == 201, recorded.json()
    case_id = recorded.json()["case"]
    assert {h["entity_id"] for h in recorded.json()["hits"]} >= {entity_id("us_ofac_sdn", "15718")}

    queue = client.get("/cases", params={"status": "open"}, headers=BOB).json()["cases"]
    mine = next(c for c in queue if c["id"] == case_id)
    assert (mine["subject"], mine["created_by"], mine["four_eyes"]) == (
        "Eric Badege",
        "alice",
        True,
    )

    body = {"disposition": "false_positive", "reason": "born 1990; the listed man 1971"}
    decided = client.post(
        f"/cases/{case_id}/decide", json=body, headers={**ALICE, "If-Match": str(mine["version"])}
    )
    assert decided.status_code == 200
    assert (decided.json()["status"], decided.json()["decided_by"]) == ("in_review", "alice")

    seen = {"If-Match": str(decided.json()["version"])}
    own = client.post(f"/cases/{case_id}/approve", headers={**ALICE, **seen})
    assert own.status_code == 403
    assert own.json() == {
        "detail": f"alice decided case {case_id}: a second, different user must approve it"
    }
    approved = client.post(f"/cases/{case_id}/approve", headers={**BOB, **seen})
    assert (approved.json()["status"], approved.json()["approved_by"]) == ("closed", "bob")

    shown = client.get(f"/cases/{case_id}", headers=BOB).json()
    assert [(e["actor"], e["action"]) for e in shown["events"]] == [
        ("alice", "case.open"),
        ("alice", "case.decide"),
        ("bob", "case.approve"),
    ]
    assert shown["query"]["names"] == ["Eric Badege"]


def test_a_decision_on_a_version_no_longer_current_is_a_conflict(client: TestClient) -> None:
    case_id = client.post("/cases", json={"name": "Molot-Oruzhie"}, headers=ALICE).json()["case"]
    seen = client.get(f"/cases/{case_id}", headers=ALICE).json()["version"]
    assigned = client.post(
        f"/cases/{case_id}/assign", json={"assignee": "bob"}, headers={**BOB, "If-Match": str(seen)}
    )
    assert assigned.status_code == 200
    late = client.post(
        f"/cases/{case_id}/decide",
        json={"disposition": "true_match", "reason": "the listed firm"},
        headers={**ALICE, "If-Match": f'"{seen}"'},
    )
    assert late.status_code == 409
    assert "detail" in late.json()


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("get", "/cases/999999", None, 404),
        ("post", "/cases/999999/approve", None, 404),
        ("post", "/cases", {"name": ""}, 422),
        ("post", "/cases", {"name": "X", "colour": "red"}, 422),
        ("get", "/cases?status=lost", None, 422),
        ("get", "/cases?stauts=open", None, 422),  # a mistyped filter filters nothing
        ("get", "/cases?status=open&status=closed", None, 422),
    ],
)
def test_bad_case_requests_get_a_4xx_with_detail(
    client: TestClient, method: str, path: str, body: object, status: int
) -> None:
    response = client.request(method, path, json=body, headers={**ALICE, "If-Match": "1"})
    assert response.status_code == status
    assert isinstance(response.json()["detail"], str)


def test_a_decision_without_if_match_is_428_and_changes_nothing(client: TestClient) -> None:
    case_id = client.post("/cases", json={"name": "Viktor Bout"}, headers=BOB).json()["case"]
    before = client.get(f"/cases/{case_id}", headers=BOB).json()
    body = {"disposition": "escalate", "reason": "who is this"}
    for action, json_body in (("decide", body), ("approve", None)):
        response = client.post(f"/cases/{case_id}/{action}", json=json_body, headers=BOB)
        assert response.status_code == 428
        assert "If-Match" in response.json()["detail"]
    assert client.get(f"/cases/{case_id}", headers=BOB).json() == before


def test_a_bad_disposition_is_named(client: TestClient) -> None:
    case_id = client.post("/cases", json={"name": "Arkady Rotenberg"}, headers=BOB).json()["case"]
    response = client.post(
        f"/cases/{case_id}/decide",
        json={"disposition": "maybe", "reason": "?"},
        headers={**BOB, "If-Match": "1"},
    )
    assert response.status_code == 422
    assert "maybe" in response.json()["detail"]


def test_a_shipment_recorded_through_the_api_opens_a_case(client: TestClient) -> None:
    shipment = json.loads((EXAMPLES / "shipment-blocked.json").read_text(encoding="utf-8"))
    answer = client.post(
        "/screen/shipment", params={"record": "true"}, json=shipment, headers=ALICE
    ).json()
    assert answer["decision"] == "BLOCK"
    case = client.get(f"/cases/{answer['case']}", headers=ALICE).json()
    assert (case["kind"], case["subject"]) == ("shipment", "shipment SO-1003")
    plain = client.post("/screen/shipment", json=shipment, headers=ALICE).json()
    assert "case" not in plain
