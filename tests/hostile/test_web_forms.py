"""The UI's forms and addresses, fuzzed through the real app: whatever is posted or typed
in an address, the answer is a page or a redirect, never a 500."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chokepoint.app import create_app
from chokepoint.settings import Settings
from tests.conftest import WAIT_SECONDS
from tests.hostile.conftest import HOSTILE_TEXTS

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
KEY = "fuzz-key-0123456789abcdef"
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(max_size=60) | st.sampled_from(HOSTILE_TEXTS)


def form_token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, path
    return found.group(1)


@pytest.fixture(scope="module")
def ui(hostile_db: str) -> Iterator[tuple[TestClient, str, int]]:
    """A signed-in analyst (client, CSRF token) and a case of theirs to act on."""
    app = create_app(Settings(db=hostile_db, api_keys=f"fuzz:{KEY}"))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert app.state.service.ready.wait(WAIT_SECONDS)
        token = form_token(client, "/ui/signin")
        client.post("/ui/signin", data={"csrf_token": token, "key": KEY, "next": "/ui/screen"})
        token = form_token(client, "/ui/screen")
        recorded = client.post(
            "/cases", json={"name": "Ri Won Ho"}, headers={"Authorization": f"ApiKey {KEY}"}
        )
        assert recorded.json()["case"], recorded.json()
        yield client, token, recorded.json()["case"]


def answered(status: int) -> None:
    assert status < 500, status


@FUZZ
@given(json_text=texts, reference=texts, name=texts, country=texts, quantity=texts, route=texts)
def test_shipment_form(
    ui: tuple[TestClient, str, int],
    json_text: str,
    reference: str,
    name: str,
    country: str,
    quantity: str,
    route: str,
) -> None:
    client, token, _ = ui
    fields = {
        "csrf_token": token,
        "reference": reference,
        "party-0-role": "consignee",
        "party-0-name": name,
        "party-0-country": country,
        "item-0-hs_code": "8526.91",
        "item-0-quantity": quantity,
        "route": route,
    }
    answered(client.post("/ui/shipment", data=fields).status_code)
    answered(client.post("/ui/shipment", data={"csrf_token": token, "json": json_text}).status_code)
    upload = {"file": ("s.json", json_text.encode("utf-8", "surrogatepass"), "application/json")}
    answered(client.post("/ui/shipment", data={"csrf_token": token}, files=upload).status_code)


@FUZZ
@given(version=texts, disposition=texts, reason=texts, assignee=texts)
def test_case_forms(
    ui: tuple[TestClient, str, int], version: str, disposition: str, reason: str, assignee: str
) -> None:
    client, token, case = ui
    for action, fields in (
        ("decide", {"disposition": disposition, "reason": reason}),
        ("approve", {}),
        ("assign", {"assignee": assignee}),
    ):
        data = {"csrf_token": token, "version": version, **fields}
        answered(client.post(f"/ui/cases/{case}/{action}", data=data).status_code)


@FUZZ
@given(text=texts)
def test_addresses_and_query_strings(ui: tuple[TestClient, str, int], text: str) -> None:
    client, token, _ = ui
    part = quote(text[:1000], safe="")  # longer addresses: refused by the HTTP client itself
    for path in (
        f"/ui/cases/{part}",
        f"/ui/lists/un_sc_sanctions/diff?from={part}&to={part}",
        f"/ui/cases?status={part}&assignee={part}&list={part}",
        f"/ui/entities/{part}",
        f"/ui/screen?name={part}&birth_date={part}&country={part}",
    ):
        answered(client.get(path).status_code)
    fields = {"csrf_token": token, "name": text, "birth_date": text, "country": text}
    answered(client.post("/ui/screen/record", data=fields).status_code)
    # A wrong key never signs in, and leaves the analyst's session as it was.
    signin = {"csrf_token": token, "key": text, "name": text, "next": text}
    answered(client.post("/ui/signin", data=signin, follow_redirects=False).status_code)
    assert client.get("/ui/cases", follow_redirects=False).status_code == 200
