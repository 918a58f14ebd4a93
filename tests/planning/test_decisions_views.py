"""The "What you need" panel: answers on request (htmx and without JavaScript), "use this", undo.

The hand-worked plan (tests/planning/test_dashboard_views.py): 3 months from Jan 2027, start
€1,000, living €500, tax 20 % year to date; Desk €300 once and Internet €50 monthly from Jan;
Writing €1,000 monthly from Feb; no risks, so every simulated path is the plan.
"""

import json
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse

from ecareer.planning import convert
from ecareer.planning.models import IncomeStream, Scenario
from ecareer.projection import model as m
from ecareer.sharing.models import ShareLink
from tests.conftest import assert_limited_per_minute, computed
from tests.html import parse
from tests.planning.test_dashboard_views import hand_worked_plan


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scenario(owner) -> Scenario:
    return convert.create_scenario(owner, hand_worked_plan())


def _url(name, scenario):
    return reverse(f"planning:{name}", args=[scenario.pk])


def _answers(html: str) -> str:
    return parse(html).by_id("decisions-results").text


def test_the_dashboard_shows_the_question_but_computes_nothing(owner_client, scenario, hx):
    html = owner_client.get(_url("dashboard", scenario), headers=hx).content.decode()
    panel = parse(html).by_id("decisions")
    assert panel.find(id_="decisions-run") is not None
    assert panel.find(id_="decisions-results") is None


# The answers, by hand:
# - Starting balance: the lowest balance is €150 in Jan at a start of €1,000, so €850 is the
#   least start that never runs out (every path is the plan, so also for <= 5 %).
# - Living costs L: the balance before living costs is 1000 - 350 = 650 after Jan (L <= 650),
#   1410 after Feb (2L <= 1410), 2240 after Mar (3L <= 2240): L = €650.00.
# - Price of Writing, factor k > 0.4 (taxes do not depend on living costs): Feb's tax is
#   0.2 (1000k - 400), Mar's 0.2 (1000k - 50); Feb ends at 800k - 320, Mar at 1600k - 860 >= 0,
#   so k >= 0.5375: on the 0.1 % grid k = 0.538 (0.537 ends Mar at -0.80): €538.00.
EXPECTED = (
    "your lowest price: €538.00 a month (now €1,000.00)",
    "€850.00 instead of €1,000.00",
    "€650.00 a month instead of €500.00",
)


def test_answers_on_request_with_htmx(owner_client, scenario, hx):
    query = {"risk_pct": "5", "income": "Writing"}
    response = computed(owner_client, _url("decisions", scenario), query, headers=hx)
    html = response.content.decode()
    assert "<html" not in html
    text = _answers(html)
    for figure in EXPECTED:
        assert figure in text
    assert "Lowest price of “Writing”" in text


def test_answers_without_javascript_on_a_page_of_their_own(owner_client, scenario):
    query = {"risk_pct": "5", "income": ""}
    html = computed(owner_client, _url("decisions", scenario), query).content.decode()
    assert "<html" in html
    text = _answers(html)
    # All streams: the one stream is all of them, so the price is Writing's, -46.2 %.
    assert EXPECTED[0] in text
    assert EXPECTED[1] in text and EXPECTED[2] in text


def test_a_chance_out_of_range_is_named_at_its_field(owner_client, scenario, hx):
    html = owner_client.get(_url("decisions", scenario), {"risk_pct": "90"}, headers=hx)
    panel = parse(html.content.decode()).by_id("decisions")
    assert panel.find(id_="decisions-results") is None
    assert "less than or equal to 50" in panel.text


def test_use_this_and_undo_with_htmx(owner_client, scenario, hx):
    data = {"what": "starting_balance", "value": "850.00"}
    response = owner_client.post(_url("decision_use", scenario), data, headers=hx)
    assert response.status_code == 200
    assert "scenario-changed" in response["HX-Trigger"]
    assert Scenario.objects.get(pk=scenario.pk).starting_balance == D("850.00")
    assert parse(response.content.decode()).by_id("decisions-undo") is not None
    response = owner_client.post(_url("decision_undo", scenario), headers=hx)
    assert Scenario.objects.get(pk=scenario.pk).starting_balance == D("1000.00")
    assert parse(response.content.decode()).find(id_="decisions-undo") is None


def test_use_a_price_and_undo_without_javascript(owner_client, scenario):
    data = {"what": "price", "income": "Writing", "factor": "0.538"}
    response = owner_client.post(_url("decision_use", scenario), data)
    assert response.status_code == 302
    assert IncomeStream.objects.get(scenario=scenario).amount == D("538.00")
    page = owner_client.get(response["Location"]).content.decode()
    assert parse(page).by_id("decisions-undo") is not None
    owner_client.post(_url("decision_undo", scenario))
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1000.00")


def test_use_this_living_costs_then_the_dashboard_keeps_the_undo(owner_client, scenario, hx):
    data = {"what": "living_costs", "value": "650.00"}
    owner_client.post(_url("decision_use", scenario), data, headers=hx)
    assert Scenario.objects.get(pk=scenario.pk).living_monthly == D("650.00")
    html = owner_client.get(_url("dashboard", scenario), headers=hx).content.decode()
    assert parse(html).by_id("decisions-undo") is not None


@pytest.mark.parametrize(
    "data",
    [
        {"what": "price", "income": "Writing"},
        {"what": "price", "income": "Writing", "factor": "101"},
        {"what": "living_costs", "value": "-5"},
        {"what": "starting_balance", "value": "lots"},
        {"what": "nonsense", "value": "5"},
    ],
)
def test_a_bad_answer_saves_nothing(owner_client, scenario, data):
    response = owner_client.post(_url("decision_use", scenario), data)
    assert response.status_code == 400
    stored = Scenario.objects.get(pk=scenario.pk)
    assert (stored.starting_balance, stored.living_monthly) == (D("1000.00"), D("500.00"))
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1000.00")


def test_undo_with_nothing_to_undo_changes_nothing(owner_client, scenario):
    response = owner_client.post(_url("decision_undo", scenario))
    assert response.status_code == 302
    assert Scenario.objects.get(pk=scenario.pk).starting_balance == D("1000.00")


# --- what matters most ----------------------------------------------------------------------


def test_what_matters_is_a_button_until_asked(owner_client, scenario, hx):
    html = owner_client.get(_url("dashboard", scenario), headers=hx).content.decode()
    section = parse(html).by_id("what-matters")
    assert section.find(id_="what-matters-run") is not None
    assert section.find(id_="chart-matters-balance") is None


def test_what_matters_shows_two_tornado_charts_a_summary_and_a_table(owner_client, scenario, hx):
    # Living costs ±20 % over 3 months: ±100 a month, ∓€300.00 on the final balance (living
    # costs are not deductible). Writing ±20 %: ±200 in Feb and Mar, 80 % after the 20 % tax
    # = ±€320.00, the largest effect, so it comes first.
    response = computed(owner_client, _url("what_matters", scenario), headers=hx)
    html = response.content.decode()
    assert "<html" not in html
    page = parse(html)
    for chart in ("matters-balance", "matters-depletion"):
        figure = json.loads(page.by_id(f"chart-{chart}-data").text)
        assert figure["data"][0]["orientation"] == "h"
    summary = page.by_id("chart-matters-balance-summary").text
    assert "Price of “Writing”" in summary
    assert "-€320.00 and €320.00" in summary
    table = page.find(class_="chart-table").text
    assert "Living costs" in table and "€300.00" in table and "-€300.00" in table


def test_what_matters_without_javascript(owner_client, scenario):
    html = computed(owner_client, _url("what_matters", scenario)).content.decode()
    assert "<html" in html
    assert parse(html).by_id("chart-matters-balance") is not None


# --- compare and the shared report ----------------------------------------------------------


def test_compare_shows_the_three_futures_and_what_each_plan_needs(owner, owner_client, scenario):
    # No risks: the likely and the bad future are the plan. Lean start begins at €0, so its
    # lowest balance is -€850 in Jan: it needs €850 more, a start of €850 like Hand-worked.
    lean = convert.create_scenario(
        owner, hand_worked_plan(name="Lean start", starting_balance=D("0.00"))
    )
    ids = f"{scenario.pk},{lean.pk}"
    html = owner_client.get(reverse("planning:compare"), {"ids": ids}).content.decode()
    table = parse(html).by_id("compare-futures")
    rows = {
        tr.find("th").text: [td.text for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if tr.find("td")
    }
    assert rows["Final balance, likely"] == ["€740.00", "-€260.00"]
    assert rows["Final balance, bad case (1 in 10)"] == ["€740.00", "-€260.00"]
    assert rows["Money runs out in 1 of 10 futures by"] == ["never within the horizon", "Jan 2027"]
    needed = "Starting balance needed (runs out in at most 1 of 20 futures)"
    assert rows[needed] == ["€850.00", "€850.00"]
    assert rows["Living costs affordable (runs out in at most 1 of 20 futures)"][0] == "€650.00"


def test_the_report_shows_what_the_plan_needs_and_its_assumptions(client, scenario):
    link = ShareLink.objects.create(scenario=scenario)
    page = parse(client.get(f"/r/{link.token}/").content.decode())
    assert "€850.00 instead of €1,000.00" in page.by_id("report-decisions").parent.text
    assumptions = page.by_id("report-assumptions-list").text
    assert "Living costs per month€500.00" in assumptions.replace("\n", "")
    assert "Simulated futures200" in assumptions.replace("\n", "")
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    page = parse(client.get(f"/r/{hidden.token}/").content.decode())
    # Hidden amounts: only the required prices, as a change (tests/planning/test_compare_prices).
    assert "€" not in page.by_id("report-decisions").parent.text
    assert "Living costs per month" not in page.by_id("report-assumptions-list").text
    assert page.by_id("kpi-depletion") is not None


# --- what-if: before -> after, the dry-spell slider, undo after saving ------------------------


def _changes(html: str) -> dict[str, list[str]]:
    table = parse(html).by_id("what-if-changes")
    return {
        tr.find("th").text: [td.text for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if tr.find("td")
    }


def test_a_what_if_lists_every_figure_it_changes_before_and_after(owner_client, scenario, hx):
    # Prices -50 % (by hand above, k = 0.5): Mar ends at 1600 x 0.5 - 860 = -€60.00; the profit
    # after tax, 430 in Feb and 360 in Mar, never covers the living costs of 500.
    url = _url("dashboard", scenario)
    html = owner_client.get(url, {"price_pct": "-50"}, headers=hx).content.decode()
    changes = _changes(html)
    assert changes["Final balance"] == ["€740.00", "-€60.00"]
    assert changes["The business pays your living"] == ["Feb 2027", "never within the horizon"]
    assert "Runway at start" not in changes  # the first month has no income either way


@pytest.fixture
def dry(owner) -> Scenario:
    # Writing is paid for work done, so a dry spell takes it; one in Feb or Mar runs out.
    risks = m.RiskSettings(
        paths=200, seed=7, drought_length_months=D("2"), drought_income_drop_pct=D("100")
    )
    writing = m.IncomeStream(
        "Writing",
        m.Pricing.FIXED,
        m.Frequency.MONTHLY,
        m.YearMonth(2027, 2),
        amount=D("1000.00"),
        performance_based=True,
    )
    data = hand_worked_plan(name="Dry", risks=risks, incomes=(writing,))
    return convert.create_scenario(owner, data)


def test_the_dry_spell_slider_previews_and_saves_with_undo(owner_client, dry, hx):
    url = _url("dashboard", dry)
    html = owner_client.get(url, {"drought_chance": "50"}, headers=hx).content.decode()
    assert "a dry spell starting in 50\u00a0% of months" in html.replace(" %", "\u00a0%")
    # Half the months start a dry spell that takes all income: far more than 0 of 200 run out.
    assert "Money runs out, Chance" in _changes(html)
    data = {"price_pct": "0", "sick_days": "0", "drought_chance": "50"}
    owner_client.post(_url("what_if_save", dry), data, headers=hx)
    assert Scenario.objects.get(pk=dry.pk).drought_chance_pct == D("50")
    html = owner_client.get(url, headers=hx).content.decode()
    assert "You saved what-if values" in parse(html).by_id("decisions").text
    owner_client.post(_url("decision_undo", dry), headers=hx)
    assert Scenario.objects.get(pk=dry.pk).drought_chance_pct == D("0")


@pytest.mark.parametrize("name", ["decisions", "what_matters"])
def test_the_costly_answers_are_rate_limited(
    own_rate_limit_cache, still_clock, owner_client, scenario, hx, name
):
    # 30 questions a minute per user; the 31st is refused, with when to try again (the clock held
    # still, so the 30 requests all fall into one of django-ratelimit's fixed windows).
    url = _url(name, scenario) + ("?risk_pct=5" if name == "decisions" else "")
    assert_limited_per_minute(owner_client, url, 30, still_clock, hx)
