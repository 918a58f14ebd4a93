"""Browser: the owner shares a report, a signed-out visitor sees its charts, revoking ends it."""

import re

import pytest
from playwright.sync_api import expect

from ecareer.accounts.models import User
from ecareer.planning.convert import create_scenario
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.conftest import PASSWORD
from tests.e2e.in_view import show_chart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_share_open_signed_out_then_revoke(page, browser, live_server):
    user = User.objects.create_user("sharer@example.com", PASSWORD)
    scenario = create_scenario(user, load_starter("online_shop"))

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    page.goto(f"/scenarios/{scenario.pk}/")
    page.evaluate("window.__marker = 1")

    share = page.locator("#share")
    share.get_by_label("Label").fill("for my bank")
    share.get_by_role("button", name="Create link").click()
    expect(share.locator("input.share-url")).to_have_count(1)
    url = share.locator("input.share-url").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/r/[A-Za-z0-9_-]{{32}}/", url)
    assert page.evaluate("window.__marker") == 1  # created in place, no page load

    # A second, signed-out browser context opens the link and sees the charts drawn.
    visitor = browser.new_context()
    try:
        report = visitor.new_page()
        response = report.goto(url)
        assert response.status == 200
        expect(report.get_by_role("heading", name=scenario.name, level=1)).to_be_visible()
        for chart in ("#chart-cashflow", "#chart-cushion", "#chart-costs"):
            show_chart(report.locator(chart))
            expect(report.locator(f"{chart} svg.main-svg").first).to_be_visible()
        assert user.email not in report.content()
        # Cost bars are patterned; their ground must carry the category colour, not white.
        grounds = report.eval_on_selector_all(
            "#chart-cashflow pattern > rect", "rects => rects.map(r => r.getAttribute('fill'))"
        )
        assert grounds and "rgb(255, 255, 255)" not in grounds

        # The owner revokes the link in place; the visitor now gets the 404 page.
        share.get_by_role("button", name="Revoke").click()
        expect(share.get_by_text("revoked")).to_be_visible()
        assert page.evaluate("window.__marker") == 1
        response = report.goto(url)
        assert response.status == 404
        expect(report.get_by_role("heading", name="This report is not available")).to_be_visible()
    finally:
        visitor.close()
    link = ShareLink.objects.get()
    assert link.view_count == 1
    assert link.revoked_at is not None


def test_a_link_with_amounts_hidden_shows_no_notes(page, browser, live_server):
    # Issue 27, point 7: the notes name amounts, which with the shown price change would give
    # the hidden required rate away. The sharer reads why under the checkbox.
    user = User.objects.create_user("notes@example.com", PASSWORD)
    scenario = create_scenario(user, load_starter("online_shop"))
    scenario.notes = "Needs EUR 18.50 an hour"
    scenario.save(update_fields=["notes"])

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    page.goto(f"/scenarios/{scenario.pk}/")
    share = page.locator("#share")
    hide = share.get_by_label("hide amounts")
    expect(hide).to_have_accessible_description(re.compile("and not the scenario's notes"))
    hide.check()
    share.get_by_role("button", name="Create link").click()
    expect(share.locator("input.share-url")).to_have_count(1)
    url = share.locator("input.share-url").input_value()

    visitor = browser.new_context()
    try:
        report = visitor.new_page()
        assert report.goto(url).status == 200
        expect(report.get_by_role("heading", name=scenario.name, level=1)).to_be_visible()
        expect(report.get_by_text("the amounts are hidden")).to_be_visible()
        expect(report.get_by_text("Needs EUR 18.50 an hour")).to_have_count(0)
    finally:
        visitor.close()
