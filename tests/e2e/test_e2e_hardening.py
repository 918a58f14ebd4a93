"""Browser: chart text shows literally, no chart sends data anywhere, htmx errors stay small."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from ecareer.accounts.models import User
from ecareer.planning.convert import create_scenario
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.conftest import PASSWORD
from tests.e2e.in_view import show_chart
from tests.e2e.test_e2e_editor import sign_in
from tests.planning.factories import make_income, make_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = '<a href="https://example.com" target=_blank>x</a>'
BIG = '<span style="font-size:300px">big</span>'


def local_only(requests: list[str], live_server) -> None:
    """Every request went to the test server (or stayed inside the page: data:, blob:)."""
    host = urlsplit(live_server.url).hostname
    outside = [
        url
        for url in requests
        if not url.startswith(("data:", "blob:")) and urlsplit(url).hostname != host
    ]
    assert outside == []


def test_every_mode_bar_button_of_the_report_stays_on_the_site(browser, live_server):
    user = User.objects.create_user("sharer@example.com", PASSWORD)
    scenario = create_scenario(user, load_starter("online_shop"))
    link = ShareLink.objects.create(scenario=scenario)

    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    requests: list[str] = []
    pages: list = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("page", lambda new: pages.append(new))
    try:
        page = context.new_page()
        assert page.goto(link.get_absolute_url()).status == 200
        charts = page.locator("div.chart[data-figure]")
        expect(charts).to_have_count(3)
        clicked = 0
        for index in range(charts.count()):
            chart = show_chart(charts.nth(index))
            expect(chart.locator(".modebar")).to_have_count(1)
            titles = chart.locator(".modebar-btn").evaluate_all(
                "buttons => buttons.map(b => b.getAttribute('data-title'))"
            )
            assert titles, "a chart without mode-bar buttons tests nothing"
            assert not [t for t in titles if re.search("cloud|chart studio|edit", t, re.I)]
            for title in titles:
                chart.hover()
                button = chart.locator(f'.modebar-btn[data-title="{title}"]')
                if "Download" in title:
                    with page.expect_download() as download:
                        button.click()
                    assert download.value.suggested_filename.endswith(".png")
                else:
                    button.click()
                clicked += 1
        assert clicked >= 6
        assert len(pages) == 1, "a button opened another window"
        assert len(requests) > 3
        local_only(requests, live_server)
    finally:
        context.close()


def chart_text_is_literal(page, selector: str, names: list[str]) -> None:
    """The chart shows each name as text: no link or styled span inside its SVG."""
    chart = show_chart(page.locator(selector))
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    for name in names:
        expect(chart.locator(".legendtext", has_text=name)).to_have_count(1)
    assert chart.locator("svg a").count() == 0
    sizes = chart.locator("svg text, svg tspan").evaluate_all(
        "nodes => nodes.map(n => parseFloat(getComputedStyle(n).fontSize))"
    )
    assert max(sizes) < 40
    # Hover text too: the unified hover label lists every trace by name.
    chart.locator(".nsewdrag").first.hover()
    hover = chart.locator(".hoverlayer")
    for name in names:
        expect(hover).to_contain_text(name)
    assert hover.locator("a").count() == 0


def test_names_with_html_show_literally_in_every_chart(page, browser, live_server):
    user = User.objects.create_user("names@example.com", PASSWORD)
    first = make_scenario(user, name=LINK)
    make_income(first, LINK)
    make_income(first, BIG)
    second = make_scenario(user, name=BIG)
    make_income(second, "Plain")

    sign_in(page, user.email)
    page.goto(f"/scenarios/{first.pk}/")
    chart_text_is_literal(page, "#chart-cashflow", [LINK, BIG])

    page.goto(f"/scenarios/compare/?ids={first.pk},{second.pk}")
    chart_text_is_literal(page, "#chart-compare", [LINK, BIG])

    link = ShareLink.objects.create(scenario=first)
    visitor = browser.new_context(base_url=live_server.url)
    try:
        report = visitor.new_page()
        assert report.goto(link.get_absolute_url()).status == 200
        chart_text_is_literal(report, "#chart-cashflow", [LINK, BIG])
    finally:
        visitor.close()


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on (make run)"])
def test_saving_a_scenario_deleted_in_another_tab_says_so_in_place(page, debug):
    user = User.objects.create_user("tabs@example.com", PASSWORD)
    scenario = make_scenario(user, name="Two tabs")
    with override_settings(DEBUG=debug):
        sign_in(page, user.email)
        page.goto(f"/scenarios/{scenario.pk}/")
        page.evaluate("window.__marker = 1")
        page.get_by_role("link", name="Edit settings").click()
        settings = page.locator("#settings")
        settings.get_by_label("Name").fill("Renamed")

        other = page.context.new_page()
        other.goto(f"/scenarios/{scenario.pk}/delete/")
        other.get_by_role("button", name="Delete for good").click()
        expect(other).to_have_url(re.compile(r"/scenarios/$"))
        other.close()

        with page.expect_response(re.compile(r"/settings/$")) as answer:
            settings.get_by_role("button", name="Save").click()
        assert answer.value.status == 404
        status = page.locator("#messages")
        expect(status).to_contain_text("This no longer exists")
        expect(status.get_by_role("alert")).to_have_count(1)
        # The card is still the form being edited, with no page inside it.
        expect(settings.get_by_label("Name")).to_have_value("Renamed")
        expect(page.locator("html")).to_have_count(1)
        expect(page.locator("main h1", has_text="Page not found")).to_have_count(0)
        expect(page.locator("#main .site-header, #main footer")).to_have_count(0)
        assert page.evaluate("window.__marker") == 1  # the page was never replaced
    page.console_problems[:] = [p for p in page.console_problems if "status of 404" not in p]


def test_stream_names_with_html_show_literally_in_what_matters_most(page, task_worker):
    # Issue 27, point 6: the tornado charts' row labels are names too ("Price of “<a href…>”").
    # (computed by the task queue's worker, which runs beside the live server)
    user = User.objects.create_user("tornado@example.com", PASSWORD)
    scenario = make_scenario(user, name="Tornado")
    make_income(scenario, LINK)
    make_income(scenario, "<b>bold</b>")

    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    page.locator("#what-matters-run").click()
    for selector in ("#chart-matters-balance", "#chart-matters-depletion"):
        chart = show_chart(page.locator(selector))
        expect(chart.locator("svg.main-svg").first).to_be_visible()
        ticks = chart.locator(".ytick text")
        expect(ticks.filter(has_text=f"Price of “{LINK}”")).to_have_count(1)
        expect(ticks.filter(has_text="Price of “<b>bold</b>”")).to_have_count(1)
        assert chart.locator("svg a").count() == 0
        weights = ticks.evaluate_all(
            "nodes => nodes.flatMap(n => [n, ...n.querySelectorAll('tspan')])"
            ".map(n => getComputedStyle(n).fontWeight)"
        )
        assert set(weights) <= {"400", "normal"}, weights
