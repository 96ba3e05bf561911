"""The ownership page: the graph around a party as server-rendered SVG (no JavaScript),
blocked parties marked, shares on the edges, the deciding path highlighted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.cli.helpers import run
from tests.live_server import live_server
from tests.ownership.conftest import FIXTURES, VOLKOV, group_csv
from tests.web.conftest import ALICE, Site, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The README's group: the fixture list and the group's stakes."""
    folder = tmp_path_factory.mktemp("ownership_site")
    db = str(folder / "group.db")
    assert run("lists", "load", str(FIXTURES), "--db", db).exit_code == 0
    assert run("ownership", "load", str(group_csv(folder)), "--db", db).exit_code == 0
    with live_server(db, folder / "server.log", {"CHOKEPOINT_API_KEYS": f"alice:{ALICE}"}) as url:
        yield Site(url, db)


@pytest.fixture
def page(browser: Browser, site: Site) -> Iterator[Page]:
    # JavaScript off: the page must work without it.
    context = browser.new_context(
        base_url=site.url, viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    context.set_default_timeout(60_000)  # per action, as conftest.py: the server may be busy
    yield context.new_page()
    context.close()


def test_the_graph_shows_the_chain_that_blocks(page: Page) -> None:
    sign_in(page, ALICE, "/ui/ownership")
    page.get_by_label("Party (an id or a name)").fill("Delta Engineering LLC")
    page.get_by_role("button", name="Explain").click()
    expect(page.get_by_test_id("party")).to_have_text("DELTA ENGINEERING LLC")
    ofac = page.locator('tr[data-regime="ofac"]')
    expect(ofac).to_contain_text("blocked")
    expect(ofac).to_contain_text("60%")
    expect(ofac).to_contain_text("OFAC 50 Percent Rule")
    graph = page.get_by_role("img", name="Ownership graph around DELTA ENGINEERING LLC")
    expect(graph).to_be_visible()
    # The listed owner and the blocked subsidiary are marked; the deciding edges are thick.
    expect(graph.locator(f'g.party.listed[data-id="{VOLKOV}"]')).to_have_count(1)
    expect(graph.locator('g.party.blocked[data-id="gamma"]')).to_have_count(1)
    deciding = graph.locator("g.edge.deciding")
    expect(deciding).to_have_count(3)  # VOLKOV -> delta, VOLKOV -> gamma, gamma -> delta
    expect(graph.locator('g.edge[data-owner="gamma"][data-owned="delta"]')).to_contain_text("25%")
    expect(page.get_by_test_id("paths")).to_contain_text("GAMMA HOLDING LLC")


def test_a_party_in_the_graph_links_to_its_own_page(page: Page) -> None:
    sign_in(page, ALICE, "/ui/ownership?entity=theta")
    expect(page.locator('tr[data-regime="ofac"]')).to_contain_text("review")
    expect(page.locator('g.edge[data-owned="theta"]')).to_contain_text("?%")
    page.goto("/ui/ownership?entity=zeta")
    page.locator('g.party[data-id="epsilon"]').click()
    expect(page.get_by_test_id("party")).to_have_text("EPSILON MACHINERY LLC")


def test_an_unknown_party_is_a_clear_error(page: Page) -> None:
    sign_in(page, ALICE, "/ui/ownership?entity=nobody-at-all-here")
    expect(page.get_by_role("alert")).to_contain_text("no party")
