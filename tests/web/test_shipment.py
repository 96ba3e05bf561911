"""Screening a shipment in the browser: JSON upload or form in, the decision as a banner,
findings grouped by party and item, each citing its rule and list entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import ALICE, sign_in

pytestmark = pytest.mark.browser
EXAMPLES = Path(__file__).parents[2] / "examples"


def test_an_uploaded_shipment_to_a_listed_consignee_is_blocked(page: Page) -> None:
    sign_in(page, ALICE, "/ui/shipment")
    page.get_by_label("Upload a JSON file").set_input_files(EXAMPLES / "shipment-blocked.json")
    page.get_by_role("button", name="Screen shipment").click()
    expect(page.get_by_test_id("decision-word")).to_have_text("BLOCK")
    cited = page.get_by_role("link", name="us_ofac_sdn 16868")
    expect(cited).to_be_visible()
    finding = page.get_by_test_id("finding").filter(has=cited)
    expect(finding).to_contain_text("restricted_parties")
    expect(finding).to_contain_text("Concern Radio-Electronic Technologies JSC")
    group = page.locator("article", has=cited)
    expect(group.get_by_role("heading")).to_have_text(
        "consignee: Concern Radio-Electronic Technologies JSC"
    )


def fill_party(page: Page, row: int, **fields: str) -> None:
    """Type into the labelled fields of party row ``row`` (1-based), as a user would."""
    party = page.get_by_role("group", name=f"Party {row}")
    for label, value in fields.items():
        party.get_by_label(label).fill(value)


def test_gnss_receivers_to_an_unlisted_firm_in_bishkek_need_review(page: Page) -> None:
    sign_in(page, ALICE, "/ui/shipment")
    page.get_by_label("Reference").fill("SO-77")
    page.get_by_label("Route (country codes, in order)").fill("DE, KG")
    # The rows' roles as the form offers them: exporter, consignee, end user.
    fill_party(page, 1, Name="Elektronik Vertrieb GmbH", Country="de")
    fill_party(
        page, 2, Name="Tien Shan Navigation LLC", Country="kg", Address="Chui Avenue 120, Bishkek"
    )
    fill_party(page, 3, Name="Tien Shan Navigation LLC", Country="kg")
    item = page.get_by_role("group", name="Item 1")
    item.get_by_label("Description").fill("GNSS receiver modules")
    item.get_by_label("HS code").fill("8526.91.00")
    page.get_by_role("button", name="Screen shipment").click()
    expect(page.get_by_test_id("decision-word")).to_have_text("REVIEW")
    diversion = page.get_by_test_id("finding").filter(has_text="diversion")
    expect(diversion).to_contain_text("CHPL tier")
    expect(diversion).to_contain_text("Kyrgyzstan")


def test_a_bad_hs_code_is_named(page: Page) -> None:
    sign_in(page, ALICE, "/ui/shipment")
    page.get_by_role("group", name="Party 1").get_by_label("Name").fill("Elektronik GmbH")
    page.get_by_role("group", name="Item 1").get_by_label("HS code").fill("85AB31")
    page.get_by_role("button", name="Screen shipment").click()
    expect(page.get_by_role("alert")).to_contain_text("items.0.hs_code")
    # What was typed stays in the form, to be corrected.
    expect(page.get_by_role("group", name="Item 1").get_by_label("HS code")).to_have_value("85AB31")
