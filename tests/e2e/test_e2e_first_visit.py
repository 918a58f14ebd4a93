"""Browser: the landing page's still example charts, and the scenario page's tips going away."""

import pytest
from babel.dates import get_month_names

from ecareer.planning import convert
from ecareer.starters import load_starter
from tests.e2e.in_view import show_chart
from tests.e2e.test_e2e_a11y import open_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_landing_page_draws_the_example_charts_still(page, live_server):
    open_in(page, live_server, "de", "/")
    show_chart(page.locator("#example-cashflow"))
    show_chart(page.locator("#example-cushion"))
    charts = page.locator(".example .js-plotly-plot")
    assert charts.count() == 2
    assert page.locator(".example .modebar").count() == 0  # staticPlot: no mode bar, no hover
    # The month axis in German ("Jan. 2027", "Juli 2027"), not Plotly's English names.
    german = set(get_month_names("abbreviated", locale="de_DE").values())
    ticks = [t for t in charts.first.locator(".xtick text").all_text_contents() if t.strip()]
    assert ticks
    assert all(tick.split()[0] in german for tick in ticks), ticks


def test_tip_goes_away_in_place_and_stays_away(page, live_server, owner):
    scenario = convert.create_scenario(owner, load_starter("freelance_writer"))
    open_in(page, live_server, "en", scenario.get_absolute_url(), signed_in_as=owner)
    url = page.url
    page.locator("#hint-costs").get_by_role("button", name="Got it, hide this tip").click()
    page.locator("#hint-costs").wait_for(state="detached")
    assert page.url == url  # no page load
    assert page.locator("#hint-incomes").is_visible()
    page.locator("#hint-incomes").get_by_role("button", name="Hide all tips").click()
    page.locator(".hint").first.wait_for(state="detached")
    assert page.locator(".hint").count() == 0
    page.reload()
    assert page.locator(".hint").count() == 0
