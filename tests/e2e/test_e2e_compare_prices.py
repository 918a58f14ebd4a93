"""Browser: compare's required prices load cell by cell after the page, or on a page of their
own without JavaScript; axe-core on the loaded table in English and German (real Chromium).

By hand (tests/planning/test_compare_prices.py): Hand-worked needs k = 0.538, Writing €538.00;
"Two streams" earns the same €1,000 a month from Writing €600 and 10 hours of Coaching at €40,
so the same k: €322.80 and €21.52 an hour. No risks: both targets give the same prices.
"""

import dataclasses
import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.projection import model as m
from tests.e2e.test_e2e_a11y import LANGUAGES, open_in, violations
from tests.e2e.test_e2e_dashboard import JAN, hand_worked, signed_in  # noqa: F401 (fixture)

# The answers come from the task queue: its worker runs beside the live server.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("task_worker"),
]

PLAN_ROW = "Lowest prices (never runs out if nothing goes wrong)"
RISK_ROW = "Lowest prices (runs out in at most 1 of 20 futures)"


@pytest.fixture
def compared(owner) -> str:
    """The compare URL of Hand-worked and Two streams."""
    one = convert.create_scenario(owner, hand_worked())
    incomes = (
        m.IncomeStream("Writing", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN + 1, amount=D(600)),
        m.IncomeStream(
            "Coaching", m.Pricing.HOURLY, m.Frequency.MONTHLY, JAN + 1, rate=D(40), quantity=D(10)
        ),
    )
    two = convert.create_scenario(
        owner, dataclasses.replace(hand_worked(), name="Two streams", incomes=incomes)
    )
    return f"/scenarios/compare/?ids={one.pk},{two.pk}"


def test_compare_shows_the_required_prices_after_they_load(signed_in, compared):  # noqa: F811
    page = signed_in
    page.goto(compared)
    for label in (PLAN_ROW, RISK_ROW):
        row = page.locator("#compare-futures").get_by_role("row", name=re.compile(re.escape(label)))
        cells = row.get_by_role("cell")
        expect(cells.nth(0)).to_contain_text("your lowest price: €538.00 a month (now €1,000.00)")
        expect(cells.nth(1)).to_contain_text("your lowest prices:")
        expect(cells.nth(1)).to_contain_text("Coaching: €21.52 per hour (now €40.00)")
    # Every cell has loaded: no "Work out the prices" link is left.
    expect(page.locator("#compare-futures .price-cell a")).to_have_count(0)


def test_without_javascript_a_price_opens_on_a_page_of_its_own(
    browser, live_server, owner, compared
):
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(compared)
        row = page.locator("#compare-futures").get_by_role(
            "row", name=re.compile(re.escape(RISK_ROW))
        )
        row.get_by_role("link", name="Work out the prices").first.click()
        expect(page.locator("h1")).to_have_text("Prices needed for “Hand-worked”")
        expect(page.locator("#required-price")).to_contain_text(
            "your lowest price: €538.00 a month (now €1,000.00)"
        )
        page.locator("#price-back").click()
        expect(page).to_have_url(re.compile(r"/scenarios/compare/\?ids=\d+,\d+$"))
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_loaded_prices_have_no_violations(page, live_server, owner, compared, language):
    open_in(page, live_server, language, compared, signed_in_as=owner)
    expect(page.locator("#compare-futures .price-answer")).to_have_count(4)
    assert violations(page) == []
