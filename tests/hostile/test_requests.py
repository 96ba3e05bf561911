"""Hostile requests to the API and the UI, each answered with a clean 4xx (or 503 while
the database is unreachable), never a 500; and the protections of the UI's pages."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from chokepoint.app import create_app
from chokepoint.settings import Settings
from chokepoint.shipments.model import Finding, Severity
from chokepoint.shipments.report import to_csv
from chokepoint.shipments.screen import Decision
from tests.conftest import PG_ADMIN, WAIT_SECONDS

ALICE = "alice-key-0123456789abcdef"
BOB = "bob-key-0123456789abcdef"
KEYS = f"alice:{ALICE},bob:{BOB}"
AS_ALICE = {"Authorization": f"ApiKey {ALICE}"}
SECRET = "a-web-secret-kept-across-restarts"


def app_over(db: str, keys: str = KEYS) -> TestClient:
    app = create_app(Settings(db=db, api_keys=keys, web_secret=SECRET))
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(hostile_db: str) -> Iterator[TestClient]:
    with app_over(hostile_db) as c:
        assert c.app.state.service.ready.wait(WAIT_SECONDS)  # type: ignore[attr-defined]
        yield c


def new_case(client: TestClient, name: str = "Ri Won Ho") -> tuple[int, int]:
    """(id, version) of a fresh case: each test records a name of its own."""
    recorded = client.post("/cases", json={"name": name}, headers=AS_ALICE).json()
    case = client.get(f"/cases/{recorded['case']}", headers=AS_ALICE).json()
    return case["id"], case["version"]


def token_of(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, path
    return found.group(1)


def sign_in(client: TestClient, key: str) -> str:
    token = token_of(client, "/ui/signin")
    client.post("/ui/signin", data={"csrf_token": token, "key": key, "next": "/ui/screen"})
    return token_of(client, "/ui/screen")


@pytest.mark.parametrize(
    "if_match",
    ["²".encode("latin-1"), b"9" * 5000, b"-1", b"1_0", b" ", b"1" + b"\xa0"],
)
def test_a_bad_if_match_is_422(client: TestClient, if_match: bytes) -> None:
    case = 1  # the header is read before the case: it need not exist
    body = {"disposition": "escalate", "reason": "look"}
    headers = {**AS_ALICE, "If-Match": if_match}
    response = client.post(f"/cases/{case}/decide", json=body, headers=headers)  # type: ignore[arg-type]
    assert response.status_code == 422, response.text
    assert "If-Match" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"name": "Ivan\x00 Petrov"}, "control character U+0000"),
        ({"name": "Ivan", "subject_id": "c-\x1b1"}, "control character U+001B"),
    ],
)
def test_control_characters_in_a_request_are_422(
    client: TestClient, body: dict[str, str], words: str
) -> None:
    response = client.post("/cases", json=body, headers=AS_ALICE)
    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_the_ui_takes_only_what_the_api_takes(client: TestClient) -> None:
    case, version = new_case(client, "Eric Badege")
    ui = app_over(client.app.state.service.settings.db)  # type: ignore[attr-defined]
    with ui:
        token = sign_in(ui, ALICE)
        decide = f"/ui/cases/{case}/decide"
        form = {"csrf_token": token, "disposition": "escalate", "reason": "x"}
        answers = {
            "900 KB reason": ui.post(
                decide, data={**form, "reason": "x" * 900_000, "version": str(version)}
            ),
            "version -1": ui.post(decide, data={**form, "version": "-1"}),
            "Arabic digits": ui.post(decide, data={**form, "version": "١"}),
            "no version": ui.post(decide, data=form),
            "NUL reason": ui.post(
                decide, data={**form, "reason": "a\x00b", "version": str(version)}
            ),
        }
        statuses = {what: r.status_code for what, r in answers.items()}
        assert statuses == {
            "900 KB reason": 422,
            "version -1": 422,
            "Arabic digits": 422,
            "no version": 428,
            "NUL reason": 422,
        }
        assert ui.get(f"/ui/cases/{'9' * 50}").status_code == 422
        assert ui.get("/ui/lists/un_sc_sanctions/diff?from=١").status_code == 422
    after = client.get(f"/cases/{case}", headers=AS_ALICE).json()
    assert (after["version"], after["status"]) == (version, "open")  # nothing was decided


def test_ui_pages_cannot_be_framed_sniffed_or_cached(client: TestClient) -> None:
    for path in ("/ui/signin", "/ui/screen"):
        headers = client.get(path, follow_redirects=False).headers
        assert headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"


def test_sign_out_ends_the_session_for_every_copy_of_the_cookie(hostile_db: str) -> None:
    with app_over(hostile_db) as browser:
        token = sign_in(browser, ALICE)
        cookie = browser.cookies["chokepoint_session"]
        assert browser.get("/ui/cases", follow_redirects=False).status_code == 200
        browser.post("/ui/signout", data={"csrf_token": token})
    with app_over(hostile_db) as thief:
        thief.cookies.set("chokepoint_session", cookie)
        response = thief.get("/ui/cases", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/ui/signin")


def test_removing_a_key_ends_its_sessions(hostile_db: str) -> None:
    with app_over(hostile_db) as browser:
        sign_in(browser, BOB)
        cookie = browser.cookies["chokepoint_session"]
    # The server restarted without bob's key, with the same cookie secret.
    with app_over(hostile_db, keys=f"alice:{ALICE}") as later:
        later.cookies.set("chokepoint_session", cookie)
        assert later.get("/ui/cases", follow_redirects=False).status_code == 303
    with app_over(hostile_db) as again:  # and alice's sessions are not affected
        sign_in(again, ALICE)
        assert again.get("/ui/cases", follow_redirects=False).status_code == 200


def test_a_read_only_database_is_a_503_not_a_traceback(
    hostile_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "ro.db"
    shutil.copy(hostile_db, copy)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with app_over(f"sqlite:///file:{copy}?mode=ro&uri=true") as ro:
        assert ro.app.state.service.ready.wait(WAIT_SECONDS)  # type: ignore[attr-defined]
        response = ro.post("/cases", json={"name": "Ri Won Ho"}, headers=AS_ALICE)
        assert response.status_code == 503
        assert response.headers["retry-after"]
        assert response.json()["detail"].startswith("the database is read-only")
        # Reading still works.
        assert ro.get("/cases", headers=AS_ALICE).status_code == 200
    # The index files go beside the real file, never to a relative ``file:...`` directory.
    assert list(cwd.iterdir()) == []


@pytest.mark.postgres
def test_a_lost_database_connection_is_a_503_then_recovers(pg_url: str) -> None:
    from tests.conftest import load, shared_lists

    load(pg_url, shared_lists() / "un_sc_sanctions")
    name = pg_url.rsplit("%3D", 1)[1]
    with app_over(pg_url + f"&application_name={name}") as api:
        assert api.app.state.service.ready.wait(WAIT_SECONDS)  # type: ignore[attr-defined]
        assert api.get("/readyz").status_code == 200
        admin = create_engine(PG_ADMIN)
        with admin.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE application_name = :n"
                ),
                {"n": name},
            )
        admin.dispose()
        answers = [api.get("/readyz") for _ in range(3)]
        assert {r.status_code for r in answers} <= {200, 503}
        down = [r for r in answers if r.status_code == 503]
        assert down, "a killed connection must be noticed"
        assert down[0].headers["retry-after"] and "unavailable" in down[0].json()["detail"]
        assert answers[-1].status_code == 200  # the pool reconnects


def test_csv_cells_cannot_start_a_formula() -> None:
    finding = Finding(
        rule="restricted_parties",
        severity=Severity.block,
        message="-1+2",
        party='=HYPERLINK("http://evil.example","click")',
    )
    decision = Decision("@SO-1", "BLOCK", [finding], {}, "2026-01-01T00:00:00+00:00")
    body = to_csv(decision)
    assert "'=HYPERLINK" in body and "'@SO-1" in body and "'-1+2" in body
    assert ",=" not in body and not body.splitlines()[1].startswith("@")
