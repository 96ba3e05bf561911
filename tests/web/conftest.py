"""Fixtures of the browser tests: the real server, driven by real headless Chromium.

- ``site``: ``chokepoint serve`` over a copy of the SDN and UN lists (``sdn_un_db``), with
  two analysts' API keys (``ALICE``, ``BOB``), one per test module: its URL and database.
- ``browser``: Debian's Chromium (``/usr/bin/chromium``, or ``CHOKEPOINT_CHROMIUM``)
  through Playwright; missing, the tests fail: ``make test`` installs it.
- ``page``: a fresh browser context (no cookies) at 1280 x 900.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import WAIT_SECONDS
from tests.live_server import live_server

ALICE = "alice-key-0123456789abcdef"
BOB = "bob-key-0123456789abcdef"
CHROMIUM = os.environ.get("CHOKEPOINT_CHROMIUM", "/usr/bin/chromium")
# As the machine's notes advise: no first-run, sync or component traffic to a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Site:
    url: str
    db: str


@pytest.fixture(scope="module")
def site(sdn_un_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("site")
    db = folder / "lists.db"
    shutil.copy(sdn_un_db, db)  # cases recorded here never reach other tests' database
    env = {"CHOKEPOINT_API_KEYS": f"alice:{ALICE},bob:{BOB}"}
    with live_server(str(db), folder / "server.log", env) as url:
        yield Site(url, str(db))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        # Playwright gives a browser 30 s to start: a loaded 2-core machine can take longer.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=WAIT_SECONDS * 1000
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, site: Site) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)  # per action; the server may be busy
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Page, key: str, then: str = "/ui/screen") -> None:
    """Sign in with ``key`` on the way to ``then``, as a user does."""
    page.goto(then)
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{then}")
