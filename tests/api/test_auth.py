"""API keys: 401 without the right one, the user's name for routers that need it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from chokepoint.api.auth import current_user
from chokepoint.app import create_app
from chokepoint.errors import ChokepointError
from chokepoint.server.keys import KeyRing, load_keys
from chokepoint.settings import Settings
from tests.api.conftest import HEADERS, KEY, ClientFactory


def test_keys_are_read_with_their_users() -> None:
    ring = KeyRing.parse(
        "alice:aaaaaaaaaaaaaaaa1, bbbbbbbbbbbbbbbb2 # a comment\ncarol:c:cccccccccccccccc"
    )
    assert ring.users == ("alice", "api", "carol")
    assert ring.user_for("aaaaaaaaaaaaaaaa1") == "alice"
    assert ring.user_for("bbbbbbbbbbbbbbbb2") == "api"
    assert ring.user_for("c:cccccccccccccccc") == "carol"  # a key may hold a colon
    assert ring.user_for("aaaaaaaaaaaaaaaa") is None
    assert not KeyRing.parse(" , \n# none\n")


def test_a_short_key_is_refused_without_showing_it() -> None:
    with pytest.raises(ChokepointError) as info:
        KeyRing.parse("alice:aaaaaaaaaaaaaaaa1,bob:short-secret")
    assert "key 2 is shorter than 16 characters" in info.value.detail
    assert "short-secret" not in info.value.detail


def test_keys_come_from_the_setting_and_the_file(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("# rotated monthly\ndave:dddddddddddddddd4\n", encoding="utf-8")
    ring = load_keys(Settings(api_keys="alice:aaaaaaaaaaaaaaaa1", api_keys_file=str(path)))
    assert ring.users == ("alice", "dave")
    with pytest.raises(ChokepointError, match="No such file"):
        load_keys(Settings(api_keys_file=str(tmp_path / "missing")))


def test_without_the_right_key_401(client: TestClient) -> None:
    for headers in (
        {},
        {"Authorization": "ApiKey wrong-key-0123456789"},
        {"Authorization": f"Bearer {KEY}"},
        {"Authorization": KEY},
    ):
        response = client.get("/lists", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "ApiKey"
        assert response.json() == {
            "detail": "missing or wrong API key: send the header `Authorization: ApiKey <key>`"
        }
    assert client.get("/lists", headers=HEADERS).status_code == 200
    assert client.get("/lists", headers={"Authorization": f"apikey  {KEY} "}).status_code == 200


def test_health_and_docs_need_no_key(client: TestClient) -> None:
    for path in ("/healthz", "/readyz", "/openapi.json", "/docs"):
        assert client.get(path).status_code == 200, path


def whoami_app(settings: Settings) -> TestClient:
    """The app with one more router that says who asks, as a cases router will."""
    router = APIRouter()

    @router.get("/whoami")
    async def whoami(user: Annotated[str, Depends(current_user)]) -> dict[str, str]:
        return {"user": user}

    app = create_app(settings)
    app.include_router(router)
    return TestClient(app)


def test_current_user_is_the_keys_user_or_anonymous_when_open(api_db: str) -> None:
    keyed = whoami_app(Settings(db=api_db, api_keys=f"tester:{KEY},{'z' * 16}"))
    assert keyed.get("/whoami", headers=HEADERS).json() == {"user": "tester"}
    assert keyed.get("/whoami", headers={"Authorization": f"ApiKey {'z' * 16}"}).json() == {
        "user": "api"
    }
    assert keyed.get("/whoami").status_code == 401
    assert whoami_app(Settings(db=api_db)).get("/whoami").json() == {"user": "anonymous"}


def test_without_keys_the_api_is_open_and_says_so(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with make_client(api_keys="") as client:
        assert client.get("/lists").status_code == 200
    assert "no API keys configured (CHOKEPOINT_API_KEYS): the API is open" in caplog.text
