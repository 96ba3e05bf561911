"""Screening a name in the browser: the listed entry beside the query, with its evidence."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from chokepoint.model import entity_id
from tests.web.conftest import ALICE, sign_in

pytestmark = pytest.mark.browser


def screen(page: Page, name: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Screen", exact=True).click()


def test_a_listed_company_under_a_clerks_spelling(page: Page) -> None:
    sign_in(page, ALICE)
    screen(page, "Concern Radio-Electronic Technologies JSC")
    best = page.get_by_test_id("result").first
    expect(best.get_by_test_id("entity-id")).to_have_text(entity_id("us_ofac_sdn", "16868"))
    expect(best.get_by_text("MATCH", exact=True)).to_be_visible()
    # The words that met are highlighted on both sides, each feature has its bar.
    expect(best.locator("mark", has_text="Radio-Electronic").first).to_be_visible()
    expect(best.locator("mark", has_text="CONCERN").first).to_be_visible()
    expect(best.locator("table.bars tr")).not_to_have_count(0)
    expect(page.get_by_test_id("versions")).to_contain_text("us_ofac_sdn v1")


def test_a_cyrillic_spelling_finds_the_same_entry(page: Page) -> None:
    sign_in(page, ALICE)
    screen(page, "ООО Молот-Оружие")
    best = page.get_by_test_id("result").first
    expect(best.get_by_test_id("entity-id")).to_have_text(entity_id("us_ofac_sdn", "22406"))
    expect(best).to_contain_text("read as “ooo molot-oruzhie”")
    expect(best.locator("mark", has_text="Молот-Оружие")).to_be_visible()


def test_a_shared_surname_raises_no_match(page: Page) -> None:
    sign_in(page, ALICE)
    screen(page, "Maria Lopez Garcia")
    expect(page.get_by_text("MATCH", exact=True)).to_have_count(0)


def test_screening_by_keyboard_alone(page: Page) -> None:
    sign_in(page, ALICE)
    expect(page.get_by_label("Name")).to_be_focused()
    page.keyboard.type("Molot-Oruzhie")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("entity-id").first).to_have_text(entity_id("us_ofac_sdn", "22406"))
    # Tab reaches the first result's entry, Enter opens it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.testid") == "entity-id":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("MOLOT-ORUZHIE, OOO")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pages_fit_the_screen(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, ALICE, "/ui/screen?name=Concern+Radio-Electronic+Technologies+JSC")
    expect(page.get_by_test_id("result").first).to_be_visible()
    for path in ("", "/ui/shipment", "/ui/cases", "/ui/lists", "/ui/audit"):
        if path:
            page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'results'} is {overflow} px too wide at {width} px"
