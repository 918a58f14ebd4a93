"""Browser: sign up, land on the scenarios page, sign out, sign in again (real Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signup_signout_signin(page):
    page.goto("/")
    page.get_by_role("link", name="Sign up", exact=True).first.click()
    page.get_by_label("Email").fill("browser@example.com")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("browser@example.com")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill("BROWSER@example.com")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("browser@example.com")
