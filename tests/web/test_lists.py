"""The lists page: what is loaded, in which version, and what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from chokepoint.model import entity_id
from tests.cli.helpers import copy_list, run
from tests.web.conftest import BOB, Site, sign_in

pytestmark = pytest.mark.browser


def test_the_lists_page_shows_versions_and_counts(page: Page) -> None:
    sign_in(page, BOB, "/ui/lists")
    table = page.get_by_test_id("lists")
    sdn = table.locator("tr", has=page.get_by_role("rowheader", name="us_ofac_sdn"))
    expect(sdn).to_contain_text("8,976")
    un = table.locator("tr", has=page.get_by_role("rowheader", name="un_sc_sanctions"))
    expect(un).to_contain_text("1,003")
    expect(un).to_contain_text("2026-02-27")
    expect(un).to_contain_text("first version")


def test_an_entity_page_shows_everything_known(page: Page) -> None:
    sign_in(page, BOB, f"/ui/entities/{entity_id('us_ofac_sdn', '16868')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "JOINT STOCK COMPANY CONCERN RADIO-ELECTRONIC TECHNOLOGIES"
    )
    expect(page.get_by_role("row", name="ogrnCode 1097746084666")).to_be_visible()


def test_what_changed_since_the_last_version(page: Page, site: Site, tmp_path: Path) -> None:
    folder = copy_list("un_sc_sanctions", tmp_path)
    xml = folder / "consolidated.xml"
    renamed = ("<SECOND_NAME>BADEGE</SECOND_NAME>", "<SECOND_NAME>QUIXWORTHY</SECOND_NAME>")
    xml.write_text(xml.read_text(encoding="utf-8").replace(*renamed), encoding="utf-8")
    assert run("lists", "load", str(folder), "--db", site.db).exit_code == 0
    sign_in(page, BOB, "/ui/lists")
    page.get_by_role("link", name="since v1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("un_sc_sanctions: v1 → v2")
    expect(page.get_by_test_id("diff-summary")).to_have_text("0 added, 0 removed, 1 changed.")
    page.get_by_role("link", name="ERIC QUIXWORTHY").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ERIC QUIXWORTHY")
