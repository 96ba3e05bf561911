"""Signing in: every page asks for it, a wrong key is refused, forms carry a CSRF token."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import ALICE, sign_in

pytestmark = pytest.mark.browser


def test_a_page_asks_to_sign_in_then_comes_back(page: Page) -> None:
    page.goto("/ui/lists")
    expect(page).to_have_url(re.compile(r"/ui/signin\?next=%2Fui%2Flists$"))
    page.get_by_label("API key").fill("not-a-key-of-this-server")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("unknown API key")
    page.get_by_label("API key").fill(ALICE)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/ui/lists$"))
    expect(page.get_by_test_id("user")).to_have_text("alice")


def test_a_form_post_without_the_sessions_token_is_refused(page: Page) -> None:
    sign_in(page, ALICE)
    # What a page of another site could send with the user's cookie: no CSRF token.
    response = page.request.post(
        "/ui/shipment", multipart={"json": '{"reference": "X", "parties": []}'}
    )
    assert response.status == 403
    assert "did not come from this site" in response.text()


def test_signing_out_ends_the_session(page: Page) -> None:
    sign_in(page, ALICE)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/ui/signin$"))
    page.goto("/ui/cases")
    expect(page).to_have_url(re.compile(r"/ui/signin\?next=%2Fui%2Fcases$"))
