"""A person on three lists is one result in the browser, and one hit of the case recorded
from it, each listing the party's other entries and lists; namesakes stay two results."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import load
from tests.live_server import live_server
from tests.parties.conftest import KOVALENKO, MARTYNOV
from tests.web.conftest import ALICE, BOB, Site, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The server over the party fixtures instead of the SDN and UN lists."""
    folder = tmp_path_factory.mktemp("parties_site")
    db = str(folder / "lists.db")
    load(db, Path(__file__).resolve().parents[1] / "fixtures" / "parties")
    env = {"CHOKEPOINT_API_KEYS": f"alice:{ALICE},bob:{BOB}"}
    with live_server(db, folder / "server.log", env) as url:
        yield Site(url, db)


def test_a_person_on_three_lists_is_one_result_and_one_case_hit(page: Page) -> None:
    sign_in(page, ALICE, "/ui/screen?name=Petro+Ivanovich+Kovalenko&schema=Person")
    results = page.get_by_test_id("result")
    expect(results).to_have_count(1)
    expect(results.get_by_test_id("entity-id")).to_have_text(KOVALENKO[0])
    party = results.get_by_test_id("party")
    expect(party).to_contain_text("us_ofac_sdn, un_sc_sanctions, us_trade_csl/sdn")
    expect(party.get_by_test_id("also-entry")).to_have_text(list(KOVALENKO[1:]))
    party.get_by_text("Why one party").click()
    expect(party).to_contain_text("OFAC number 90001")
    expect(party).to_contain_text("birth date 1961-04-12")

    page.get_by_role("button", name="Record a case").click()
    expect(page).to_have_url(re.compile(r"/ui/cases/\d+\?done=recorded$"))
    hits = page.get_by_test_id("hit")
    expect(hits).to_have_count(1)
    expect(hits.get_by_test_id("hit-also")).to_have_text([f"also {e}" for e in KOVALENKO[1:]])


def test_namesakes_born_apart_are_two_results(page: Page) -> None:
    sign_in(page, ALICE, "/ui/screen?name=Oleg+Martynov")
    ids = page.get_by_test_id("result").get_by_test_id("entity-id")
    expect(ids).to_have_count(2)
    assert sorted(ids.all_inner_texts()) == sorted(MARTYNOV)
    expect(page.get_by_test_id("party")).to_have_count(0)
