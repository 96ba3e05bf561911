"""A case from screening to closing in the browser: recorded, decided by one analyst,
approved by a second, both actions found in the audit view with the chain intact."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import ALICE, BOB, sign_in

pytestmark = pytest.mark.browser


def test_record_decide_approve_as_a_second_user_and_audit(page: Page) -> None:
    sign_in(page, ALICE, "/ui/screen?name=Eric+Badege&schema=Person")
    page.get_by_role("button", name="Record a case").click()
    expect(page).to_have_url(re.compile(r"/ui/cases/\d+\?done=recorded$"))
    case_url = page.url.split("?")[0]
    case_id = case_url.rsplit("/", 1)[1]
    expect(page.get_by_test_id("case-status")).to_have_text("open")

    page.get_by_label("Disposition").select_option("false_positive")
    page.get_by_label("Reason").fill("our customer was born in 1990; the listed man in 1971")
    page.get_by_role("button", name="Record decision").click()
    # A hit on a blocking list: the decision waits for a second pair of eyes.
    expect(page.get_by_test_id("case-status")).to_have_text("in_review")
    expect(page.get_by_role("button", name="Approve and close")).to_be_disabled()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, BOB, f"/ui/cases/{case_id}")
    page.get_by_role("button", name="Approve and close").click()
    expect(page.get_by_test_id("case-status")).to_have_text("closed")
    expect(page.get_by_test_id("disposition")).to_contain_text("Approved by bob")

    page.get_by_role("link", name="Audit").click()
    expect(page.get_by_test_id("verify")).to_contain_text("Chain intact")
    page.get_by_label("Object").fill(f"case:{case_id}")
    page.get_by_role("button", name="Filter").click()
    rows = page.get_by_test_id("audit").locator("tbody tr")
    expect(rows.filter(has_text="case.decide")).to_contain_text("alice")
    expect(rows.filter(has_text="case.approve")).to_contain_text("bob")


def test_the_queue_filters_by_status(page: Page) -> None:
    sign_in(page, ALICE, "/ui/screen?name=Molot-Oruzhie")
    page.get_by_role("button", name="Record a case").click()
    expect(page.get_by_test_id("case-status")).to_have_text("open")
    case_id = page.url.split("?")[0].rsplit("/", 1)[1]
    page.get_by_role("link", name="Cases").click()
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Filter").click()
    table = page.get_by_test_id("cases")
    expect(table.get_by_role("link", name=f"#{case_id}")).to_be_visible()
    expect(table.locator("tbody tr").filter(has_text="closed")).to_have_count(0)
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=f"#{case_id}")).to_have_count(0)
