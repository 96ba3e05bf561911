"""Fixtures of the API tests.

- ``api_db``: the real SDN and UN lists (``sdn_un_db``), loaded once per test process.
- ``client``: the real app over it (API keys on: send ``HEADERS``), ready to screen; every
  answer of a yente endpoint is validated by yente's own models (``yente_models.py``).
- ``make_client(**settings)``: the same with other settings (limits, no keys), for tests
  of one setting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chokepoint.app import create_app
from chokepoint.settings import Settings
from tests.api.yente_models import YenteCheckedClient
from tests.conftest import WAIT_SECONDS

KEY = "test-key-0123456789abcdef"
HEADERS = {"Authorization": f"ApiKey {KEY}"}

ClientFactory = Callable[..., AbstractContextManager[TestClient]]


@pytest.fixture(scope="session")
def api_db(sdn_un_db: str) -> str:
    return sdn_un_db


@contextmanager
def serving(db: str, **settings: Any) -> Iterator[TestClient]:
    """The app over ``db`` with ``settings``, its lists loaded."""
    settings.setdefault("api_keys", f"tester:{KEY}")
    app = create_app(Settings(db=db, **settings))
    with YenteCheckedClient(app) as client:
        assert app.state.service.ready.wait(WAIT_SECONDS), app.state.service.problem
        yield client


@pytest.fixture(scope="session")
def make_client(api_db: str) -> ClientFactory:
    return lambda **settings: serving(api_db, **settings)


@pytest.fixture(scope="module")
def client(api_db: str) -> Iterator[TestClient]:
    with serving(api_db) as c:
        yield c
