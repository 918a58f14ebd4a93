"""Browser: the dashboard's charts render, refresh after an edit, preview a what-if (real Chromium).

Every page is watched for console errors (the `page` fixture) and for CSP violations (an init
script records `securitypolicyviolation` events before any page script runs).
"""

from decimal import Decimal as D

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.projection import model as m
from tests.e2e.in_view import show_chart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JAN = m.YearMonth(2027, 1)
CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def hand_worked() -> m.Scenario:
    """Balances 150, 480, 740; earned back and self-sufficient in Feb 2027 (see test_figures)."""
    return m.Scenario(
        name="Hand-worked",
        start=JAN,
        horizon_months=3,
        starting_balance=D("1000.00"),
        living_monthly=D("500.00"),
        tax_rate_pct=D("20"),
        costs=(
            m.CostItem("Desk", m.Category.EQUIPMENT, D("300.00"), m.Frequency.ONCE, JAN),
            m.CostItem("Internet", m.Category.INTERNET_PHONE, D("50.00"), m.Frequency.MONTHLY, JAN),
        ),
        incomes=(
            m.IncomeStream(
                "Writing", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN + 1, amount=D("1000.00")
            ),
        ),
        reserve=m.ReserveTarget(m.ReserveKind.MONTHS, months=D("1"), deadline=JAN + 2),
        risks=m.RiskSettings(paths=100, seed=3),
    )


@pytest.fixture
def scenario(owner):
    return convert.create_scenario(owner, hand_worked())


@pytest.fixture
def signed_in(page, owner, live_server):
    """The page, signed in as the owner through a session cookie, watching for CSP violations."""
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.add_init_script(CSP_WATCH)
    yield page
    assert page.evaluate("window.__csp") == [], "CSP violations"


def kpi(page, key):
    return page.locator(f"#kpi-{key} .kpi-value")


def test_the_three_charts_render_as_svg(signed_in, scenario):
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    for name in ("cashflow", "cushion", "costs"):
        show_chart(page.locator(f"#chart-{name}"))
    expect(page.locator("#chart-cashflow .legend")).to_contain_text("Writing")
    expect(page.locator("#chart-cashflow .legend")).to_contain_text("Net cash flow")
    expect(page.locator("#chart-cushion .legend")).to_contain_text("Planned balance")
    expect(page.locator("#chart-cushion .legend")).to_contain_text("Reserve target")
    expect(page.locator("#chart-costs .legend")).to_contain_text("Equipment")
    expect(page.locator("#chart-cashflow .modebar-btn[data-title*='PNG' i]")).to_have_count(1)
    expect(kpi(page, "break_even")).to_have_text("Feb 2027")
    # Axis amounts in the profile's currency, the minus sign before the symbol.
    ticks = page.locator("#chart-cashflow .ytick text").all_text_contents()
    assert "€0" in ticks and any(tick.startswith("−€") for tick in ticks), ticks


def test_adding_a_cost_item_refreshes_kpis_and_charts_without_a_page_load(signed_in, scenario):
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    show_chart(page.locator("#chart-cashflow"))
    page.evaluate("window.__samePage = true")

    page.get_by_role("link", name="Add cost item").click()
    form = page.locator("#costs-new form")
    form.locator("input[name=name]").fill("Trade fair")
    form.locator("select[name=category]").select_option("fairs_travel")
    form.locator("input[name=amount]").fill("2000")
    form.locator("select[name=frequency]").select_option("once")
    with page.expect_response(lambda r: "/dashboard/" in r.url) as refresh:
        form.get_by_role("button", name="Save").click()
    assert refresh.value.status == 200

    # -2050 + 830 + 760 < 0: the costs are never earned back within the three months.
    expect(kpi(page, "break_even")).to_have_text("never within the horizon")
    show_chart(page.locator("#chart-cashflow"))
    expect(page.locator("#chart-cashflow .legend")).to_contain_text("Trade fairs and travel")
    show_chart(page.locator("#chart-costs"))
    expect(page.locator("#chart-costs .legend")).to_contain_text("Trade fairs and travel")
    show_chart(page.locator("#chart-cushion"))
    assert page.evaluate("window.__samePage") is True


def test_what_if_slider_previews_and_reset_restores(signed_in, scenario):
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    expect(kpi(page, "self_sufficient")).to_have_text("Feb 2027")
    page.evaluate("window.__samePage = true")

    slider = page.get_by_label("Change of all prices and rates")
    slider.focus()
    slider.press("Home")  # -50 %: writing earns 500, never enough for the living costs
    expect(page.locator("#what-if-price-value")).to_have_text("-50\u00a0%")
    expect(kpi(page, "self_sufficient")).to_have_text("never within the horizon")
    expect(page.locator(".what-if-banner")).to_have_text(
        "Preview, not saved: prices and rates -50\u00a0%. Save in the scenario Reset"
    )
    show_chart(page.locator("#chart-cashflow"))

    page.get_by_role("link", name="Reset").click()
    expect(kpi(page, "self_sufficient")).to_have_text("Feb 2027")
    expect(page.get_by_label("Change of all prices and rates")).to_have_value("0")
    expect(page.locator(".what-if-banner")).to_have_count(0)
    assert page.evaluate("window.__samePage") is True


def test_saving_a_what_if_keeps_it(signed_in, scenario):
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    slider = page.get_by_label("Change of all prices and rates")
    slider.focus()
    slider.press("Home")
    expect(page.locator(".what-if-banner")).to_be_visible()
    page.evaluate("window.__samePage = true")
    income = page.locator("#incomes tbody tr").first
    expect(income).to_contain_text("€1,000.00")
    page.get_by_role("button", name="Save in the scenario").click()
    expect(page.locator(".what-if-banner")).to_have_count(0)
    expect(kpi(page, "self_sufficient")).to_have_text("never within the horizon")
    # The income table shows the saved price at once, without a page load, and the page says so.
    expect(income).to_contain_text("€500.00")
    expect(page.locator("#messages")).to_have_text("The what-if values are saved in the scenario.")
    assert page.evaluate("window.__samePage") is True
    page.reload()
    expect(income).to_contain_text("€500.00")
    expect(kpi(page, "self_sufficient")).to_have_text("never within the horizon")


def test_data_table_opens_by_keyboard(signed_in, scenario):
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    summary = page.get_by_text("Show the monthly cash flow as a table")
    details = page.locator("details", has=summary)
    expect(details).not_to_have_attribute("open", "")
    summary.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(details.locator("table")).to_be_visible()
    expect(details.locator("tbody tr")).to_have_count(3)
    expect(details.locator("tbody tr").nth(2)).to_contain_text("€260.00")  # net cash flow in Mar


def test_a_phone_sized_page_does_not_scroll_sideways(signed_in, scenario):
    # Wide tables scroll inside their own box; the page itself stays as wide as the screen.
    page = signed_in
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/scenarios/{scenario.pk}/")
    show_chart(page.locator("#chart-cushion"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#costs .table-wrap").first.evaluate("box => box.scrollLeft = box.scrollWidth")
    edit = page.locator("#costs tbody tr").filter(has_text="Desk").get_by_role("link", name="Edit")
    edit.click()
    expect(page.locator("#costs form.item-form")).to_be_visible()
    # The form fits the screen, though its row spans the whole wide table.
    for name in ("name", "amount", "share_pct"):
        box = page.locator(f"#costs form.item-form [name={name}]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)


def test_changes_in_quick_succession_end_on_the_latest_figures(signed_in, scenario):
    # Three saves before the first refresh is back: refreshes queue (none is cut off, which
    # would be a console error) and the last one shows the last change.
    page = signed_in
    page.goto(f"/scenarios/{scenario.pk}/")
    expect(kpi(page, "final_balance")).to_have_text("€740.00")
    for balance in ("2000.00", "3000.00", "4000.00"):
        scenario.starting_balance = D(balance)
        scenario.save(update_fields=["starting_balance"])
        page.evaluate("document.body.dispatchEvent(new CustomEvent('scenario-changed'))")
    expect(kpi(page, "final_balance")).to_have_text("€3,740.00")  # 740 + 4000 - 1000
