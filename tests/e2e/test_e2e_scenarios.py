"""Browser: a new user starts from a template, renames it in place, and finds it after reload."""

import re

import pytest
from playwright.sync_api import expect

from ecareer.accounts.models import User
from ecareer.planning.models import Scenario
from tests.conftest import PASSWORD
from tests.e2e.in_view import show_chart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_from_a_template_then_rename_in_place(page):
    user = User.objects.create_user("starter@example.com", PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You have no scenario yet")).to_be_visible()

    page.get_by_role("button", name="Start from “Remote call-center seat”").click()
    expect(page).to_have_url(re.compile(r"/scenarios/\d+/$"))
    expect(page.get_by_role("heading", name="Remote call-center seat", level=1)).to_be_visible()
    expect(page.locator("#costs tbody tr").first).to_be_visible()
    expect(show_chart(page.locator("#chart-cushion")).locator("svg.main-svg").first).to_be_visible()

    page.get_by_role("link", name="All scenarios").click()
    page.evaluate("window.__marker = 1")
    page.get_by_role("link", name="Rename Remote call-center seat").click()
    # The textbox, not the "Rename …" link (whose label also holds "name") while htmx loads.
    field = page.locator("td.name-cell").get_by_role("textbox", name="Name")
    field.fill("")
    page.locator("td.name-cell").get_by_role("button", name="Save").click()
    expect(page.locator("td.name-cell .errorlist")).to_be_visible()  # empty name: error at field
    page.console_problems[:] = [p for p in page.console_problems if "422" not in p]
    field.fill("Headset job")
    page.locator("td.name-cell").get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Headset job", exact=True)).to_be_visible()
    assert page.evaluate("window.__marker") == 1  # renamed without a page load

    page.reload()
    expect(page.get_by_role("link", name="Headset job", exact=True)).to_be_visible()
    assert Scenario.objects.get(user=user).name == "Headset job"
