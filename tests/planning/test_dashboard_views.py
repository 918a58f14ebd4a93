"""Dashboard views: the KPI and chart fragment, what-if, CSV, compare, ownership and caching.

The scenario is the hand-worked one of tests/charts/test_figures.py: start 2027-01, 3 months,
€1,000 saved, living €500, tax 20 %, desk €300 once, internet €50 a month, writing €1,000 a
month from Feb; balances 150, 480, 740; earned back and self-sufficient in Feb 2027, reserve
(1 month of outgoings, 550) reached in Mar 2027.
"""

import json
import re
from decimal import Decimal as D
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from ecareer.planning import convert, services
from ecareer.planning.models import CostItem, IncomeStream, Scenario
from ecareer.projection import model as m
from tests.html import parse

JAN = m.YearMonth(2027, 1)


def hand_worked_plan(**changes) -> m.Scenario:
    fields = {
        "name": "Hand-worked",
        "start": JAN,
        "horizon_months": 3,
        "starting_balance": D("1000.00"),
        "living_monthly": D("500.00"),
        "tax_rate_pct": D("20"),
        "costs": (
            m.CostItem("Desk", m.Category.EQUIPMENT, D("300.00"), m.Frequency.ONCE, JAN),
            m.CostItem("Internet", m.Category.INTERNET_PHONE, D("50.00"), m.Frequency.MONTHLY, JAN),
        ),
        "incomes": (
            m.IncomeStream(
                "Writing", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN + 1, amount=D("1000.00")
            ),
        ),
        "reserve": m.ReserveTarget(m.ReserveKind.MONTHS, months=D("1"), deadline=JAN + 2),
        "risks": m.RiskSettings(paths=200, seed=7),
    }
    fields.update(changes)
    return m.Scenario(**fields)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scenario(owner) -> Scenario:
    return convert.create_scenario(owner, hand_worked_plan())


def kpi(html: str, key: str) -> str:
    """The value shown on one KPI card."""
    return parse(html).by_id(f"kpi-{key}").find(class_="kpi-value").text


def table_rows(html: str) -> dict[str, list[str]]:
    """Every table row with a heading cell: its heading, and the text of its other cells."""
    rows = [tr for tr in parse(html).find_all("tr") if tr.find("th") and tr.find("td")]
    return {tr.find("th").text: [td.text for td in tr.find_all("td")] for tr in rows}


def figure(html: str, name: str) -> dict:
    return parse(html).json(f"chart-{name}-data")


# --- the fragment and the page ----------------------------------------------------------------


def test_dashboard_fragment_for_htmx(owner_client, scenario, hx):
    url = reverse("planning:dashboard", args=[scenario.pk])
    response = owner_client.get(url, headers=hx)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="dashboard"')
    assert kpi(html, "break_even") == "Feb 2027"
    assert kpi(html, "self_sufficient") == "Feb 2027"
    assert kpi(html, "runway") == "1.8 months"
    assert kpi(html, "reserve") == "Mar 2027"
    assert kpi(html, "min_balance") == "€150.00"
    assert kpi(html, "final_balance") == "€740.00"
    assert kpi(html, "depletion") == "never within the horizon"
    # no risks: every path is the plan. 0 of 200 (the test settings' paths): the Wilson interval
    # is 0 to z²/(n + z²) = 3.8415 / 203.8415 = 1.88 %, shown as 2 %
    futures = parse(html).by_id("kpi-depletion").find(class_="kpi-futures").text
    assert "0\u00a0% (0–2\u00a0%) of 200 simulated futures" in futures
    # 200 of 200: the interval is 1 - 1.88 % to 100 %
    assert kpi(html, "reserve_chance") == "100\u00a0% (98–100\u00a0%)"
    assert "Your savings are lowest in January 2027, at €150.00." in html
    for name in ("cashflow", "cushion", "costs"):
        assert f'data-figure="chart-{name}-data"' in html
    balance = {t["name"]: t for t in figure(html, "cushion")["data"]}["Planned balance"]
    assert balance["y"] == [150, 480, 740]
    # Plain-language summaries and the data tables beside the charts.
    assert (
        "Your savings fall to €150.00 in January 2027. They reach the reserve you want in "
        "March 2027." in html
    )
    assert html.count("<details") == 3
    # The monthly tables load when opened: a link htmx follows, no rows in the fragment.
    cash_url = reverse("planning:monthly_table", args=[scenario.pk, "cashflow"])
    assert f'hx-get="{cash_url}" hx-trigger="toggle once"' in html
    assert f'<a href="{cash_url}">Open the table</a>' in html
    assert "Mar 2027</th>" not in html
    rows = owner_client.get(cash_url, headers=hx).content.decode()
    assert "<html" not in rows
    assert '<th scope="row">Mar 2027</th><td>€1,000.00</td><td>€50.00</td><td>€190.00</td>' in rows
    assert "<script>" not in html and "<script src" not in html  # no inline or extra scripts


def test_results_only_for_a_what_if_swap(owner_client, scenario, hx):
    url = reverse("planning:dashboard", args=[scenario.pk])
    headers = {**hx, "hx-Target": "dashboard-results"}
    html = owner_client.get(url, {"price_pct": "10"}, headers=headers).content.decode()
    assert html.lstrip().startswith('<div id="dashboard-results"')
    assert 'id="what-if"' not in html
    assert "Preview, not saved" in html
    # The key figures in the results; the charts after the sliders, swapped out of band.
    assert html.count('id="kpis"') == 1 and html.index('id="kpis"') < html.index("hx-swap-oob")
    assert re.search(
        r'<div id="dashboard-charts" class="dashboard-charts" hx-swap-oob="true">', html
    )
    assert html.count('id="chart-cashflow"') == 1
    assert html.index('id="dashboard-charts"') < html.index('id="chart-cashflow"')


@pytest.mark.parametrize("htmx", [False, True])
def test_key_figures_then_what_if_then_charts(owner_client, scenario, hx, htmx):
    """Issue 13: the page's order (what a phone shows first, a screen reader reads, the Tab key
    follows) is the key figures, the what-if sliders, then the charts; nothing out of band in a
    whole dashboard (its refresh) or page."""
    for name in ("planning:detail", "planning:dashboard"):
        url = reverse(name, args=[scenario.pk])
        html = owner_client.get(url, headers=hx if htmx else {}).content.decode()
        at = [html.index(s) for s in ('id="kpis"', 'id="what-if"', 'id="chart-cashflow"')]
        assert at == sorted(at), (name, at)
        inside = parse(html).by_id("dashboard").iter()
        assert not any("hx-swap-oob" in node.attrs for node in inside), name


def test_dashboard_page_without_javascript(owner_client, scenario):
    response = owner_client.get(reverse("planning:dashboard", args=[scenario.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    head = html.split("</head>")[0]
    # charts.js loads plotly.js itself when a chart is about to be drawn: no tag of its own.
    assert re.search(
        r'<script src="/static/js/charts\.js" defer data-plotly="/static/vendor/plotly\.min\.js">'
        r"</script>",
        head,
    )
    assert '<script src="/static/vendor/plotly' not in html
    # Each chart's box keeps its figure's height until it is drawn (nothing shifts below it).
    assert re.search(r'id="chart-cashflow"[^>]* style="min-height: \d+px"', html)
    assert 'id="dashboard"' in html


def test_scenario_page_contains_the_dashboard(owner_client, scenario):
    html = owner_client.get(reverse("planning:detail", args=[scenario.pk])).content.decode()
    assert html.count('id="dashboard"') == 1
    # It refreshes itself after every edit: its holder asks for the fragment again.
    holder = parse(html).by_id("dashboard").parent
    url = reverse("planning:dashboard", args=[scenario.pk])
    assert (holder.attrs["hx-get"], holder.attrs["hx-trigger"]) == (
        url,
        "scenario-changed from:body",
    )
    assert (holder.attrs["hx-target"], holder.attrs["hx-swap"]) == ("#dashboard", "outerHTML")
    assert kpi(html, "break_even") == "Feb 2027"
    assert 'id="chart-cashflow-data"' in html
    assert "/static/vendor/plotly.min.js" in html.split("</head>")[0]


def test_language_and_currency_of_the_profile(owner, owner_client, scenario, hx):
    owner.profile.language = "de"
    owner.profile.currency = "CHF"
    owner.profile.save()
    url = reverse("planning:dashboard", args=[scenario.pk])
    html = owner_client.get(url, headers=hx).content.decode()
    assert kpi(html, "final_balance") == "740,00\u00a0CHF"
    assert kpi(html, "break_even") == "Feb. 2027"
    layout = figure(html, "cashflow")["layout"]
    assert layout["separators"] == ",."
    assert figure(html, "cashflow")["config"]["locales"]["de"]["format"]["currency"] == [
        "",
        "\u00a0CHF",
    ]
    assert figure(html, "cashflow")["config"]["locales"]["de"]["format"]["months"][2] == "März"


def test_null_months_say_never_within_the_horizon(owner, owner_client, hx):
    broke = convert.create_scenario(
        owner,
        m.Scenario(
            "Broke",
            JAN,
            3,
            starting_balance=D("100"),
            living_monthly=D("500"),
            reserve=m.ReserveTarget(m.ReserveKind.AMOUNT, amount=D("0")),
        ),
    )
    html = owner_client.get(reverse("planning:dashboard", args=[broke.pk]), headers=hx)
    html = html.content.decode()
    assert kpi(html, "self_sufficient") == "never within the horizon"
    assert "Your money runs out in January 2027" in html


# --- what-if --------------------------------------------------------------------------------


def test_what_if_preview_changes_a_kpi_and_saves_nothing(owner_client, scenario, hx):
    # Prices -50 %: writing earns 500; profit after tax 430 in Feb, 360 in Mar, both below 500.
    url = reverse("planning:dashboard", args=[scenario.pk])
    before = Scenario.objects.get(pk=scenario.pk).updated_at
    html = owner_client.get(url, {"price_pct": "-50"}, headers=hx).content.decode()
    assert kpi(html, "self_sufficient") == "never within the horizon"
    assert "Preview, not saved" in html
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1000.00")
    assert Scenario.objects.get(pk=scenario.pk).updated_at == before
    html = owner_client.get(url, headers=hx).content.decode()
    assert kpi(html, "self_sufficient") == "Feb 2027"


def test_what_if_sick_days_change_the_chance_of_running_out(owner_client, scenario, hx):
    writing = IncomeStream.objects.get(scenario=scenario)
    writing.performance_based = True
    writing.save()
    url = reverse("planning:dashboard", args=[scenario.pk])
    calm = owner_client.get(url, headers=hx).content.decode()
    ill = owner_client.get(url, {"sick_days": "250"}, headers=hx).content.decode()
    assert kpi(calm, "reserve_chance") == "100\u00a0% (98–100\u00a0%)"
    assert kpi(ill, "reserve_chance") != "100\u00a0% (98–100\u00a0%)"
    assert Scenario.objects.get(pk=scenario.pk).sick_days_per_year == 0


@pytest.mark.parametrize("query", [{"price_pct": "abc"}, {"price_pct": "90"}, {"sick_days": "-1"}])
def test_bad_what_if_values_show_the_saved_plan(owner_client, scenario, query, hx):
    url = reverse("planning:dashboard", args=[scenario.pk])
    response = owner_client.get(url, query, headers=hx)
    assert response.status_code == 200
    assert kpi(response.content.decode(), "self_sufficient") == "Feb 2027"
    assert "out of range" in response.content.decode()


def test_saving_the_what_if_updates_the_scenario_and_tells_the_page(owner_client, scenario, hx):
    url = reverse("planning:what_if_save", args=[scenario.pk])
    response = owner_client.post(url, {"price_pct": "-50", "sick_days": "12"}, headers=hx)
    assert response.status_code == 200
    assert json.loads(response.headers["hx-Trigger"]) == {"scenario-changed": {}}
    # The editor's cards that show the saved values come along out of band.
    body = parse(response.content)
    incomes = body.find("section", id_="incomes", hx_swap_oob="true")
    risks = body.find("section", id_="risks", hx_swap_oob="true")
    assert "€500.00" in incomes.text and "€1,000.00" not in incomes.text
    facts = {dt.text: dt.parent.find("dd").text for dt in risks.find_all("dt")}
    assert facts["Sick days per year"] == "12"
    assert IncomeStream.objects.get(scenario=scenario).amount == D("500.00")
    assert Scenario.objects.get(pk=scenario.pk).sick_days_per_year == 12
    html = owner_client.get(reverse("planning:dashboard", args=[scenario.pk]), headers=hx)
    assert kpi(html.content.decode(), "self_sufficient") == "never within the horizon"


def test_saving_the_what_if_without_javascript_redirects(owner_client, scenario):
    url = reverse("planning:what_if_save", args=[scenario.pk])
    response = owner_client.post(url, {"price_pct": "10", "sick_days": "0"})
    assert response.status_code == 302
    assert response.url == scenario.get_absolute_url()
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1100.00")


def test_what_if_scales_hourly_rates_not_hours(owner, owner_client):
    hourly = m.IncomeStream(
        "Calls", m.Pricing.HOURLY, m.Frequency.MONTHLY, JAN, rate=D("18.50"), quantity=D("80")
    )
    plan = convert.create_scenario(owner, hand_worked_plan(incomes=(hourly,)))
    owner_client.post(reverse("planning:what_if_save", args=[plan.pk]), {"price_pct": "-5"})
    stream = IncomeStream.objects.get(scenario=plan)
    assert (stream.rate, stream.quantity) == (D("17.58"), D("80.00"))  # 18.50 x 0.95 = 17.575


# --- CSV ------------------------------------------------------------------------------------


def test_csv_equals_the_command_output_on_the_exported_file(
    owner_client, scenario, tmp_path, capsys
):
    csv = owner_client.get(reverse("planning:projection_csv", args=[scenario.pk]))
    assert csv.status_code == 200
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="hand-worked-projection.csv"' in csv["Content-Disposition"]
    exported = owner_client.get(reverse("planning:export", args=[scenario.pk])).content
    path = tmp_path / "scenario.json"
    path.write_bytes(exported)
    call_command("project_scenario", str(path))
    assert csv.content.decode() == capsys.readouterr().out
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith(
        "month,income,business_costs,taxes,living_costs,net_cash_flow,balance,reserve_target"
    )
    assert lines[3].startswith("2027-03,1000.00,50.00,190.00,500.00,260.00,740.00,550.00")


# --- compare --------------------------------------------------------------------------------


@pytest.fixture
def second(owner) -> Scenario:
    return convert.create_scenario(
        owner, hand_worked_plan(name="Lean start", starting_balance=D("0.00"))
    )


def test_compare_two_scenarios(owner_client, scenario, second):
    url = reverse("planning:compare")
    response = owner_client.get(url, {"ids": f"{scenario.pk},{second.pk}"})
    assert response.status_code == 200
    html = response.content.decode()
    lines = figure(html, "compare")["data"]
    assert [(t["name"], t["y"]) for t in lines] == [
        ("Hand-worked", [150, 480, 740]),
        ("Lean start", [-850, -520, -260]),
    ]
    rows = table_rows(html)
    assert rows["Final balance"] == ["€740.00", "-€260.00"]
    assert rows["Starting balance"] == ["€1,000.00", "€0.00"]
    assert "Tax rate" not in rows  # the same in both: not a difference
    assert "/static/vendor/plotly.min.js" in html.split("</head>")[0]


def test_compare_items_that_differ(owner, owner_client, scenario):
    other = convert.create_scenario(owner, hand_worked_plan(name="No desk", costs=()))
    html = owner_client.get(
        reverse("planning:compare"), {"ids": f"{scenario.pk},{other.pk}"}
    ).content.decode()
    assert table_rows(html)["Desk"] == ["€300.00 once, from Jan 2027", "—"]


def test_compare_accepts_repeated_ids_parameters(owner_client, scenario, second):
    response = owner_client.get(reverse("planning:compare"), {"ids": [scenario.pk, second.pk]})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("{a}", "Choose 2 to 4 different scenarios to compare; you chose 1."),
        ("{a},{a}", "Choose 2 to 4 different scenarios to compare; you chose 1."),
        ("{a},{b},{a}9,{b}9,{a}99", "Choose 2 to 4 different scenarios to compare; you chose 5."),
        ("abc", "Scenarios are chosen by their numbers"),
        ("{a},x", "Scenarios are chosen by their numbers"),
        ("{a};{b}", "Scenarios are chosen by their numbers"),
        ("-1,2", "Scenarios are chosen by their numbers"),
        ("99999999999999999999999,1", "Scenarios are chosen by their numbers"),
    ],
)
def test_compare_bad_choices_are_a_clear_error(owner_client, scenario, second, ids, message):
    query = ids.format(a=scenario.pk, b=second.pk)
    response = owner_client.get(reverse("planning:compare"), {"ids": query})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'name="ids"' in response.content.decode()  # the chooser to put it right


def test_compare_without_ids_offers_the_choice(owner_client, scenario, second):
    response = owner_client.get(reverse("planning:compare"))
    assert response.status_code == 200
    assert response.content.decode().count('type="checkbox" name="ids"') == 2


def test_compare_with_another_users_scenario_is_not_found(owner_client, scenario, other):
    theirs = convert.create_scenario(other, hand_worked_plan(name="Theirs"))
    response = owner_client.get(reverse("planning:compare"), {"ids": f"{scenario.pk},{theirs.pk}"})
    assert response.status_code == 404


# --- ownership ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["planning:dashboard", "planning:projection_csv", "planning:what_if_save"]
)
def test_signed_out_visitors_are_sent_to_sign_in(client, scenario, name):
    response = client.get(reverse(name, args=[scenario.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_what_if_save_needs_post(owner_client, scenario):
    response = owner_client.get(reverse("planning:what_if_save", args=[scenario.pk]))
    assert response.status_code == 405


# --- caching --------------------------------------------------------------------------------


def test_viewing_never_recomputes_an_unchanged_scenario_and_an_edit_is_seen(
    owner_client, scenario, hx
):
    url = reverse("planning:dashboard", args=[scenario.pk])
    with (
        mock.patch.object(services, "project", wraps=services.project) as project,
        mock.patch.object(services, "simulate", wraps=services.simulate) as simulate,
    ):
        for _ in range(3):
            assert owner_client.get(url, headers=hx).status_code == 200
        owner_client.get(reverse("planning:projection_csv", args=[scenario.pk]))
        assert (project.call_count, simulate.call_count) == (1, 1)

        desk = CostItem.objects.get(scenario=scenario, name="Desk")
        desk.amount = D("2000.00")  # earned back only in Mar now: -2050 + 830 + 760 = -460 ...
        desk.save()
        html = owner_client.get(url, headers=hx).content.decode()
        assert (project.call_count, simulate.call_count) == (2, 2)
    assert kpi(html, "break_even") == "never within the horizon"


# --- long plans, lazy tables, CSV cache --------------------------------------------------------


def test_monthly_table_without_javascript_is_a_page_and_other_users_get_404(
    owner_client, other_client, scenario
):
    url = reverse("planning:monthly_table", args=[scenario.pk, "cushion"])
    html = owner_client.get(url).content.decode()
    assert "<html" in html and "<h1>Safety cushion over time</h1>" in html
    # Balances 150, 480, 740 (module docstring); reserve target 550 in every month.
    assert table_rows(html)["Mar 2027"][:2] == ["€740.00", "€550.00"]
    assert other_client.get(url).status_code == 404
    bad = reverse("planning:monthly_table", args=[scenario.pk, "nothing"])
    assert owner_client.get(bad).status_code == 404


def test_monthly_table_follows_the_what_if(owner_client, scenario, hx):
    url = reverse("planning:monthly_table", args=[scenario.pk, "cashflow"])
    # Prices +10 %: writing earns 1,100 a month from Feb.
    html = owner_client.get(url, {"price_pct": "10"}, headers=hx).content.decode()
    assert table_rows(html)["Feb 2027"][0] == "€1,100.00"


@pytest.fixture
def long_plan(owner) -> Scenario:
    return convert.create_scenario(
        owner,
        hand_worked_plan(
            horizon_months=600, reserve=m.ReserveTarget(m.ReserveKind.MONTHS, months=D("1"))
        ),
    )


def test_a_short_plan_has_no_period_toggle(owner_client, scenario, hx):
    html = owner_client.get(reverse("planning:dashboard", args=[scenario.pk]), headers=hx)
    assert 'name="cashflow"' not in html.content.decode()


def test_a_long_plan_shows_years_first_and_months_on_request(owner_client, long_plan, hx):
    url = reverse("planning:dashboard", args=[long_plan.pk])
    html = owner_client.get(url, headers=hx).content.decode()
    cash = figure(html, "cashflow")
    assert cash["data"][0]["x"][:2] == ["2027", "2028"] and len(cash["data"][0]["x"]) == 50
    # Writing: 1,000 a month from Feb 2027, so 11,000 in 2027 and 12,000 in 2028.
    writing = {t["name"]: t for t in cash["data"]}["Writing"]
    assert writing["y"][:2] == [11000, 12000]
    assert 'value="years" class="button button-small"' in html  # the pressed one
    assert 'aria-pressed="true">By year' in html
    headers = {**hx, "HX-Target": "dashboard-results"}
    months = owner_client.get(url, {"cashflow": "months"}, headers=headers).content.decode()
    assert len(figure(months, "cashflow")["data"][0]["x"]) == 600
    assert '<input type="hidden" name="cashflow" value="months" form="what-if">' in months
    # Without JavaScript the buttons submit the what-if form: the dashboard page.
    page = owner_client.get(url, {"cashflow": "months", "sick_days": "10"}).content.decode()
    assert len(figure(page, "cashflow")["data"][0]["x"]) == 600


def test_a_plan_of_five_years_offers_years_but_shows_months(owner, owner_client, hx):
    plan = convert.create_scenario(owner, hand_worked_plan(horizon_months=60))
    html = owner_client.get(reverse("planning:dashboard", args=[plan.pk]), headers=hx)
    html = html.content.decode()
    assert 'aria-pressed="true">By month' in html
    assert len(figure(html, "cashflow")["data"][0]["x"]) == 60


def test_the_dashboard_fragment_after_an_edit_at_600_months_is_under_120_kb(
    owner_client, long_plan, hx
):
    response = owner_client.post(
        reverse("planning:settings", args=[long_plan.pk]),
        {
            "name": "Long",
            "start_month": "2027-01",
            "horizon_months": "600",
            "starting_balance": "2000",
            "living_monthly": "500",
            "living_increase_pct": "0",
            "tax_rate_pct": "20",
            "notes": "",
            "version": str(long_plan.version),  # the form was made from this version
        },
        headers=hx,
    )
    assert response.status_code == 200
    url = reverse("planning:dashboard", args=[long_plan.pk])
    size = len(owner_client.get(url, headers=hx).content)  # uncompressed (no Accept-Encoding)
    print(f"dashboard fragment at 600 months: {size} bytes")
    assert 30_000 < size < 120_000, size


def test_the_csv_is_cached_by_the_scenario_content(owner, owner_client, scenario):
    url = reverse("planning:projection_csv", args=[scenario.pk])
    first = owner_client.get(url).content
    loaded = services.owned_scenario(owner, scenario.pk, with_items=True)
    key = services.content_key(services.plan_of(loaded), "projection-csv")
    assert cache.get(key) == first.decode()
    cache.set(key, "served from the cache\n")
    assert owner_client.get(url).content == b"served from the cache\n"
    CostItem.objects.filter(scenario=scenario, name="Desk").update(amount=D("400.00"))
    fresh = owner_client.get(url).content
    assert fresh != b"served from the cache\n" and fresh.startswith(b"month,")


def test_short_by_an_amount_has_no_minus_and_one_month_is_singular(owner, owner_client, hx):
    # From €0: Jan 2027 = 0 - 300 desk - 50 internet - 500 living (no tax on a loss) = -850,
    # the lowest balance (Feb earns 1,000: -850 + 950 - 120 tax - 500 = -520).
    plan = convert.create_scenario(owner, hand_worked_plan(starting_balance=D("0.00")))
    html = owner_client.get(reverse("planning:dashboard", args=[plan.pk]), headers=hx)
    html = html.content.decode()
    assert kpi(html, "min_balance") == "-€850.00"
    assert "In January 2027 you would be €850.00 short" in html
    page = owner_client.get(plan.get_absolute_url()).content.decode()
    assert "1.0 month of outgoings" in page or "1 month of outgoings" in page
    assert "1 months" not in page and "1.0 months" not in page
