"""Browser: the three futures above the fold, "What you need" with "use this" and undo, "What
matters most", and axe-core on the new parts in English and German (real Chromium)."""

import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.starters import load_starter
from tests.e2e.in_view import show_chart
from tests.e2e.test_e2e_a11y import LANGUAGES, open_in, violations
from tests.e2e.test_e2e_dashboard import hand_worked, kpi, signed_in  # noqa: F401 (fixture)

# The answers come from the task queue: its worker runs beside the live server.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("task_worker"),
]


@pytest.fixture
def scenario(owner):
    return convert.create_scenario(owner, hand_worked())


def test_use_this_and_undo_in_the_panel(signed_in, scenario):  # noqa: F811
    # Hand-worked: lowest balance €150 in Jan at a start of €1,000, so €850 is the start needed.
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    expect(kpi(page, "min_balance")).to_have_text("€150.00")
    page.locator("#decisions-run").click()
    results = page.locator("#decisions-results")
    expect(results).to_contain_text("€850.00 instead of €1,000.00")
    expect(results).to_contain_text("€650.00 a month instead of €500.00")
    page.get_by_role("button", name="Use this: Starting balance").click()
    expect(page.locator("#decisions-undo")).to_be_visible()
    expect(kpi(page, "min_balance")).to_have_text("€0.00")  # refreshed without a page load
    page.locator("#decisions-undo").click()
    expect(kpi(page, "min_balance")).to_have_text("€150.00")
    expect(page.locator("#decisions-undo")).to_have_count(0)


def test_undo_after_an_edit_of_the_used_field_says_so_and_keeps_the_edit(
    signed_in,  # noqa: F811
    scenario,
):
    # "Use this" sets living costs to €650.00; the settings card then saves €700.00; undo would
    # overwrite that edit, so it changes nothing and says what changed since.
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    page.locator("#decisions-run").click()
    page.get_by_role("button", name="Use this: Living costs you can afford").click()
    expect(page.locator("#decisions-undo")).to_be_visible()
    page.get_by_role("link", name="Edit settings").click()
    settings = page.locator("#settings")
    expect(settings.get_by_label("Living costs per month")).to_have_value("650.00")
    settings.get_by_label("Living costs per month").fill("700")
    with page.expect_response(re.compile(r"/dashboard/$")):  # refreshed after the save
        settings.get_by_role("button", name="Save").click()
    expect(page.locator("#settings[data-cancel-url]")).to_have_count(0)
    with page.expect_response(re.compile(r"/undo/$")) as answer:
        page.locator("#decisions-undo").click()
    assert answer.value.status == 200
    expect(page.locator("#messages")).to_contain_text(
        "Nothing was undone: changed since then: living costs per month."
    )
    expect(page.locator("#decisions-undo")).to_have_count(0)
    assert Scenario.objects.get(pk=scenario.pk).living_monthly == D("700.00")


def test_what_matters_most_draws_two_tornado_charts(signed_in, scenario):  # noqa: F811
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    page.locator("#what-matters-run").click()
    # The worker computes it: the section says so first, then htmx swaps the charts in.
    expect(page.locator("#what-matters .job-progress")).to_contain_text("Working it out…")
    for chart in ("matters-balance", "matters-depletion"):
        show_chart(page.locator(f"#chart-{chart}"))
    expect(page.locator("#chart-matters-balance-summary")).to_contain_text("Price of “Writing”")


def test_without_javascript_what_matters_refreshes_until_it_is_there(
    browser, live_server, owner, scenario
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
        page.goto(f"/scenarios/{scenario.pk}/")
        page.locator("#what-matters-run").click()  # the form's GET: a page of its own
        expect(page.locator(".job-progress")).to_contain_text("Working it out…")
        # The page asks again by itself (meta refresh) until the answer is there.
        expect(page.locator("#chart-matters-balance-summary")).to_contain_text("Price of “Writing”")
        expect(page.locator(".job-progress")).to_have_count(0)
    finally:
        context.close()


def test_the_key_figures_are_above_the_fold(signed_in, scenario):  # noqa: F811
    page = signed_in
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/scenarios/{scenario.pk}/dashboard/")
    first = page.locator("#kpis .kpi-card").first
    expect(first).to_be_visible()
    # The first card's three futures and the figures of the first row are on the first screen.
    boxes = [first.locator(".kpi-futures").bounding_box()]
    cards = page.locator(".kpi-card").all()[:3]
    boxes += [card.locator(".kpi-value").bounding_box() for card in cards]
    for box in boxes:
        assert box["y"] + box["height"] <= 900, box


def test_the_first_figure_is_above_the_fold_on_the_scenario_page(signed_in, scenario):  # noqa: F811
    # Below the settings and tax cards the first card starts lower (it was at ~850 px before
    # the what-if moved aside); its figure is still on the first screen.
    page = signed_in
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/scenarios/{scenario.pk}/")
    value = page.locator("#kpis .kpi-card .kpi-value").first
    expect(value).to_be_visible()
    box = value.bounding_box()
    assert box["y"] + box["height"] <= 900, box


def test_the_key_figures_are_readable_at_390_px(signed_in, scenario):  # noqa: F811
    page = signed_in
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/scenarios/{scenario.pk}/dashboard/")
    first = page.locator("#kpis .kpi-card").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_new_parts_have_no_violations(page, live_server, owner, language):
    shop = convert.create_scenario(owner, load_starter("online_shop"))
    path = f"/scenarios/{shop.pk}/?drought_chance=30"  # a what-if with its before -> after
    open_in(page, live_server, language, path, signed_in_as=owner)
    page.locator("#what-if-changes").wait_for()
    page.locator("#decisions-run").click()
    page.locator("#decisions-results").wait_for()
    page.locator("#what-matters-run").click()
    show_chart(page.locator("#chart-matters-balance"))
    assert violations(page) == []
