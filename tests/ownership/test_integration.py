"""Ownership wherever a decision is made: name screening, screen-file, shipments, the API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import HEADERS, serving
from tests.cli.helpers import run
from tests.ownership.conftest import VOLKOV


def shipment(tmp_path: Path, name: str) -> str:
    path = tmp_path / "shipment.json"
    data = {
        "reference": "SO-1",
        "parties": [
            {"role": "exporter", "name": "Kaffee Kontor Bremen GmbH", "country": "DE"},
            {"role": "consignee", "name": name, "country": "KZ"},
        ],
        "items": [{"description": "Roasted coffee beans", "hs_code": "0901.21"}],
        "route": ["DE", "KZ"],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def screen_shipment(db: str, tmp_path: Path, name: str) -> dict[str, Any]:
    result = run("shipment", "screen", shipment(tmp_path, name), "--json", "--db", db)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_party_blocked_by_ownership_blocks_a_shipment(group_db: str, tmp_path: Path) -> None:
    decision = screen_shipment(group_db, tmp_path, "Delta Engineering LLC")
    assert decision["decision"] == "BLOCK"
    finding = next(f for f in decision["findings"] if f["rule"] == "ownership")
    assert finding["severity"] == "block"
    assert finding["entity_id"] == "delta"
    assert [VOLKOV, "gamma", "delta"] in finding["paths"]
    assert "blocked by ownership" in finding["message"]
    assert "13 August 2014" in finding["guidance"]


def test_an_unknown_share_makes_a_shipment_review(group_db: str, tmp_path: Path) -> None:
    decision = screen_shipment(group_db, tmp_path, "THETA INSTRUMENTS LLC")
    assert decision["decision"] == "REVIEW"
    finding = next(f for f in decision["findings"] if f["rule"] == "ownership")
    assert finding["severity"] == "review"


def test_a_clear_party_stays_clear(group_db: str, tmp_path: Path) -> None:
    decision = screen_shipment(group_db, tmp_path, "Epsilon Machinery LLC")
    assert decision["decision"] == "CLEAR"


def test_name_screening_reports_ownership(group_db: str) -> None:
    result = run("screen", "Alpha Trading LLC", "--json", "--db", group_db)
    data = json.loads(result.stdout)
    (hit,) = data["ownership"]
    assert (hit["id"], hit["label"], hit["status"]) == (
        "alpha",
        "blocked by ownership",
        {"ofac": "blocked"},
    )
    text = run("screen", "Alpha Trading LLC", "--db", group_db).output
    assert "ALPHA TRADING LLC (alpha) blocked by ownership" in text


def test_screen_file_reports_ownership(group_db: str, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text("query_id,name\n1,Beta Components LLC\n2,Kaffee Kontor Bremen GmbH\n")
    out = tmp_path / "results.jsonl"
    result = run("screen-file", str(queries), "-o", str(out), "--db", group_db)
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert lines[0]["ownership"][0]["id"] == "beta"
    assert "ownership" not in lines[1]
    # The first run read the store and published its parties and ownership hits beside the
    # index; the next reads those files instead, and must say the same.
    again = tmp_path / "again.jsonl"
    result = run("screen-file", str(queries), "-o", str(again), "--db", group_db)
    assert result.exit_code == 0, result.output
    assert again.read_text() == out.read_text()


@pytest.fixture
def client(group_db: str) -> Iterator[TestClient]:
    with serving(group_db) as test_client:
        test_client.headers.update(HEADERS)
        yield test_client


def test_api_match_and_ownership_endpoint(client: TestClient) -> None:
    body = {
        "queries": {"q": {"schema": "Company", "properties": {"name": ["Delta Engineering LLC"]}}}
    }
    response = client.post("/match/default", json=body)
    assert response.status_code == 200, response.text
    (hit,) = response.json()["responses"]["q"]["ownership"]
    assert hit["id"] == "delta" and hit["status"] == {"ofac": "blocked"}
    response = client.get("/ownership/delta")
    assert response.status_code == 200
    data = response.json()
    assert data["blocked"]["ofac"] is True and data["blocked_share"]["ofac"] == 60
    response = client.get(f"/entities/{VOLKOV}")
    assert response.json()["ownership"]["status"]["ofac"] == "blocked"
    assert client.get("/ownership/nobody-at-all").status_code == 404
