"""Chart builders against a small scenario worked by hand (numbers written out, not recomputed).

The scenario: start 2027-01, 3 months, €1,000 saved, living €500 a month, tax 20 %.
Desk €300 once in Jan (equipment), internet €50 a month (internet_phone), writing €1,000 a month
from Feb. Reserve: 1 month of outgoings (living 500 + internet 50 = 550).

    month    income  costs  profit  YTD    taxes             living  net    balance
    2027-01  0       350    -350    -350   0                 500     -850   150
    2027-02  1000    50     950     600    0.2*600 = 120     500     330    480
    2027-03  1000    50     950     1550   0.2*950 = 190     500     260    740

Break-even (cumulative profit after tax >= 0): -350, 480 -> Feb. Reserve reached (balance >= 550):
Mar. First-year costs: equipment 300 (2/3), internet and phone 150 (1/3).
"""

import json
from decimal import Decimal as D

import pytest

from ecareer.charts import figures, palette
from ecareer.charts.locale import ChartLocale
from ecareer.projection import model as m
from ecareer.projection.breakdown import first_year_costs
from ecareer.projection.engine import project
from ecareer.projection.risk import simulate

JAN = m.YearMonth(2027, 1)
EN = ChartLocale("en", "EUR")
DE = ChartLocale("de", "EUR")


def hand_worked(**changes) -> m.Scenario:
    fields = {
        "name": "Hand-worked",
        "start": JAN,
        "horizon_months": 3,
        "starting_balance": D("1000"),
        "living_monthly": D("500"),
        "tax_rate_pct": D("20"),
        "costs": (
            m.CostItem("Desk", m.Category.EQUIPMENT, D("300"), m.Frequency.ONCE, JAN),
            m.CostItem("Internet", m.Category.INTERNET_PHONE, D("50"), m.Frequency.MONTHLY, JAN),
        ),
        "incomes": (
            m.IncomeStream(
                "Writing", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN + 1, amount=D("1000")
            ),
        ),
        "reserve": m.ReserveTarget(m.ReserveKind.MONTHS, months=D("1"), deadline=JAN + 2),
    }
    fields.update(changes)
    return m.Scenario(**fields)


@pytest.fixture
def projection():
    return project(hand_worked())


def by_name(figure: dict) -> dict[str, dict]:
    return {trace["name"]: trace for trace in figure["data"]}


def test_cashflow_traces_names_colours_and_data(projection):
    figure = figures.cashflow_figure(projection, EN)
    traces = figure["data"]
    assert [t["name"] for t in traces] == [
        "Writing",
        "Equipment",
        "Internet and phone",
        "Taxes",
        "Living costs",
        "Net cash flow",
    ]
    assert [t["type"] for t in traces] == ["bar"] * 5 + ["scatter"]
    assert figure["layout"]["barmode"] == "relative"
    t = by_name(figure)
    assert t["Writing"]["x"] == ["2027-01", "2027-02", "2027-03"]
    assert t["Writing"]["y"] == [0, 1000, 1000]
    assert t["Writing"]["marker"]["color"] == "#009E73"
    # Costs below zero; the hover shows the positive amount.
    assert t["Equipment"]["y"] == [-300, 0, 0]
    assert t["Equipment"]["customdata"] == [300, 0, 0]
    assert t["Equipment"]["marker"]["color"] == "#E69F00"
    assert t["Internet and phone"]["y"] == [-50, -50, -50]
    assert t["Internet and phone"]["marker"]["color"] == "#CC79A7"
    assert t["Taxes"]["y"] == [0, -120, -190]
    assert t["Living costs"]["y"] == [-500, -500, -500]
    assert t["Net cash flow"]["y"] == [-850, 330, 260]
    assert t["Net cash flow"]["mode"] == "lines+markers"
    assert t["Net cash flow"]["line"]["color"] == "#000000"


def test_cashflow_axis_and_hover_in_the_users_currency(projection):
    figure = figures.cashflow_figure(projection, EN)
    layout = figure["layout"]
    assert layout["yaxis"]["title"]["text"] == "Amount (EUR)"
    assert layout["yaxis"]["tickformat"] == "$,.0f"
    assert figure["config"]["locales"]["en"]["format"]["currency"] == ["€", ""]
    assert layout["separators"] == ".,"
    assert by_name(figure)["Writing"]["hovertemplate"] == (
        "%{fullData.name}: %{y:$,.2f}<extra></extra>"
    )
    assert by_name(figure)["Equipment"]["hovertemplate"] == (
        "%{fullData.name}: %{customdata:$,.2f}<extra></extra>"
    )

    german = figures.cashflow_figure(projection, DE, text={"amount_axis": "Betrag ({currency})"})
    assert german["layout"]["separators"] == ",."
    assert german["config"]["locales"]["de"]["format"]["currency"] == ["", "\u00a0€"]
    assert german["layout"]["yaxis"]["title"]["text"] == "Betrag (EUR)"
    assert by_name(german)["Writing"]["hovertemplate"] == (
        "%{fullData.name}: %{y:$,.2f}<extra></extra>"
    )
    locale = german["config"]["locales"]["de"]["format"]
    assert locale["months"][0] == "Januar"
    assert locale["shortMonths"][2] == "März"
    assert german["config"]["locale"] == "de"


def test_config_keeps_png_download_and_is_responsive(projection):
    config = figures.cashflow_figure(projection, EN)["config"]
    assert config["responsive"] is True
    assert config["toImageButtonOptions"]["format"] == "png"
    assert "toImage" not in config["modeBarButtonsToRemove"]
    assert config["locale"] == "en"


def test_cushion_balance_band_reserve_zero_and_markers(projection):
    risk = simulate(projection.scenario, projection)  # no risks: every path is the plan
    figure = figures.cushion_figure(projection, risk, EN)
    t = by_name(figure)
    assert list(t) == [
        "10 % of simulations below",
        "Likely range (10–90 % of simulations)",
        "Middle of simulations",
        "Reserve target",
        "Planned balance",
        "Set-up costs earned back",
        "Reserve in place for good",
    ]
    assert t["Planned balance"]["y"] == [150, 480, 740]
    assert t["Planned balance"]["line"]["color"] == "#0072B2"
    assert t["10 % of simulations below"]["y"] == [150, 480, 740]
    band = t["Likely range (10–90 % of simulations)"]
    assert band["y"] == [150, 480, 740]
    assert band["fill"] == "tonexty"
    assert band["fillcolor"] == palette.BAND
    assert t["Middle of simulations"]["y"] == [150, 480, 740]
    assert t["Middle of simulations"]["line"]["dash"] == "dash"
    assert t["Reserve target"]["y"] == [550, 550, 550]
    assert t["Reserve target"]["line"]["color"] == "#E69F00"
    assert t["Set-up costs earned back"]["x"] == ["2027-02"]
    assert t["Set-up costs earned back"]["y"] == [480]
    assert t["Set-up costs earned back"]["marker"]["color"] == "#009E73"
    assert t["Reserve in place for good"]["x"] == ["2027-03"]
    assert t["Reserve in place for good"]["y"] == [740]
    shapes = {shape["name"]: shape for shape in figure["layout"]["shapes"]}
    assert shapes["zero"]["y0"] == shapes["zero"]["y1"] == 0
    assert shapes["reserve_deadline"]["x0"] == "2027-03"
    # March is the last of the plan's three months: its label ends at the line (room on the left).
    assert shapes["reserve_deadline"]["label"]["xanchor"] == "right"


def test_reserve_deadline_label_sits_on_the_side_with_room():
    # A deadline in January, the first of three months: the label starts at the line and runs
    # right, into the plot (left of it is the plot's edge).
    reserve = m.ReserveTarget(m.ReserveKind.MONTHS, months=D("1"), deadline=JAN)
    scenario = hand_worked(reserve=reserve)
    projection = project(scenario)
    figure = figures.cushion_figure(projection, simulate(scenario, projection), EN)
    shapes = {shape["name"]: shape for shape in figure["layout"]["shapes"]}
    assert shapes["reserve_deadline"]["x0"] == "2027-01"
    assert shapes["reserve_deadline"]["label"]["xanchor"] == "left"


def test_cushion_marks_the_month_the_money_runs_out():
    # €100 saved, living €500, nothing else: -400 in Jan, -900 in Feb.
    scenario = m.Scenario(
        "Broke", JAN, 2, starting_balance=D("100"), living_monthly=D("500"), tax_rate_pct=D(0)
    )
    projection = project(scenario)
    figure = figures.cushion_figure(projection, simulate(scenario, projection), EN)
    t = by_name(figure)
    assert t["Money runs out"]["x"] == ["2027-01"]
    assert t["Money runs out"]["y"] == [-400]
    assert t["Money runs out"]["marker"]["color"] == "#D55E00"
    assert "Set-up costs earned back" in t  # no costs: earned back at once
    assert (
        "Reserve in place for good" not in t
    )  # a target of 0, but the balance is below it throughout


def test_first_year_costs_and_donut(projection):
    costs = first_year_costs(projection)
    assert [(c.category, c.amount) for c in costs] == [
        (m.Category.EQUIPMENT, 300.0),
        (m.Category.INTERNET_PHONE, 150.0),
    ]
    assert costs[0].share == pytest.approx(2 / 3)
    assert costs[1].share == pytest.approx(1 / 3)
    figure = figures.costs_figure(projection, EN)
    (pie,) = figure["data"]
    assert pie["type"] == "pie"
    assert pie["labels"] == ["Equipment", "Internet and phone"]
    assert pie["values"] == [300, 150]
    assert pie["marker"]["colors"] == ["#E69F00", "#CC79A7"]
    assert pie["hovertemplate"] == "%{label}<br>%{value:$,.2f}<br>%{customdata}<extra></extra>"
    # 300 of 450 and 150 of 450, written as the page's tables write shares
    assert pie["customdata"] == ["67\u00a0%", "33\u00a0%"]
    # Issue 26: the shares outside the (hatched) slices, written on white.
    assert pie["texttemplate"] == "%{text}"
    assert pie["text"] == ["67\u00a0%", "33\u00a0%"]
    assert pie["textposition"] == "outside"


def test_donut_writes_no_share_under_three_percent():
    # 970 + 30 = 1,000 of equipment and internet: 97 % and 3 % are written; 2.9 % would not be.
    items = (
        m.CostItem("Desk", m.Category.EQUIPMENT, D("970"), m.Frequency.ONCE, JAN),
        m.CostItem("Router", m.Category.INTERNET_PHONE, D("30"), m.Frequency.ONCE, JAN),
        m.CostItem("Cable", m.Category.UTILITIES, D("29"), m.Frequency.ONCE, JAN),
    )
    (pie,) = figures.costs_figure(project(hand_worked(costs=items)), EN)["data"]
    # 970 / 1,029 = 94.3 % -> "94 %"; 30 / 1,029 = 2.92 % -> none; 29 / 1,029 = 2.82 % -> none
    assert pie["text"] == ["94\u00a0%", "", ""]
    assert pie["customdata"] == ["94\u00a0%", "3\u00a0%", "3\u00a0%"]  # the hover keeps them


def test_big_payment_months_are_the_largest_well_above_the_average():
    jan, feb, mar, apr, may = (m.YearMonth(2027, n) for n in range(1, 6))
    # 100, 100, 700, 100 and a refund: the paying months average (100+100+700+100)/4 = 250;
    # 1.5 x 250 = 375, so only March's 700 is labelled.
    assert figures.big_months({jan: 100, feb: 100, mar: 700, apr: 100, may: -50}) == [(mar, 700)]
    # Five months of 100, 900, 800, 700, 600: average 620, 1.5 x = 930: none stands out.
    flat = {jan: 100, feb: 900, mar: 800, apr: 700, may: 600}
    assert figures.big_months(flat) == []
    # 10, 10, 10, 400, 400: average 166, 1.5 x = 249: both 400s, the earlier first.
    assert figures.big_months({jan: 10, feb: 10, mar: 10, apr: 400, may: 400}) == [
        (apr, 400),
        (may, 400),
    ]
    assert figures.big_months({}) == []


def test_first_year_is_the_first_twelve_months():
    # €10 a month software for 14 months: the first year holds 12 of them.
    item = m.CostItem("App", m.Category.SOFTWARE, D("10"), m.Frequency.MONTHLY, JAN)
    projection = project(m.Scenario("Long", JAN, 14, costs=(item,)))
    (software,) = first_year_costs(projection)
    assert software.amount == 120.0
    assert software.share == 1.0


def test_donut_without_costs_says_so():
    projection = project(m.Scenario("Empty", JAN, 3))
    figure = figures.costs_figure(projection, EN)
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "No business costs in the first year"


def test_compare_one_line_per_scenario(projection):
    other = project(hand_worked(starting_balance=D("0")))
    figure = figures.compare_figure([("A", projection), ("B", other)], EN)
    a, b = figure["data"]
    assert (a["name"], a["y"], a["line"]["color"]) == ("A", [150, 480, 740], "#0072B2")
    assert (b["name"], b["y"], b["line"]["color"]) == ("B", [-850, -520, -260], "#E69F00")
    assert b["line"]["dash"] == "dash"


def test_figures_carry_no_plotly_py_theme(projection):
    assert "template" not in figures.cashflow_figure(projection, EN)["layout"]


def _every_figure(projection) -> list:
    from ecareer.charts.relative import cushion_share_figure
    from ecareer.starters import load_starter

    shop = load_starter("online_shop")
    shop_projection = project(shop)
    shop_risk = simulate(shop, shop_projection)
    risk = simulate(projection.scenario, projection)
    return [
        figures.cashflow_figure(projection, EN),
        figures.cashflow_figure(shop_projection, DE),
        figures.cushion_figure(projection, risk, EN),
        figures.cushion_figure(shop_projection, shop_risk, DE),
        figures.costs_figure(projection, EN),
        figures.costs_figure(shop_projection, DE),
        figures.compare_figure([("A", projection), ("B", shop_projection)], EN),
        cushion_share_figure(shop_projection, shop_risk, DE),
    ]


def test_figures_are_the_same_with_plotlys_checks_on(projection, monkeypatch):
    # The pages build figures without plotly.py's property checks (charts/objects.py); with the
    # checks on, every builder must run (no invalid property) and give the same JSON.
    from ecareer.charts import objects

    unchecked = _every_figure(projection)
    monkeypatch.setattr(objects, "CHECK", True)
    checked = _every_figure(projection)
    assert json.dumps(checked, sort_keys=True) == json.dumps(unchecked, sort_keys=True)


def test_plotlys_checks_catch_a_misspelt_property(monkeypatch):
    from ecareer.charts import objects

    monkeypatch.setattr(objects, "CHECK", True)
    with pytest.raises(ValueError, match="colour"):
        objects.Bar(marker={"colour": "#000000"})


def test_no_chart_offers_to_send_its_data_anywhere(projection):
    for figure in _every_figure(projection):
        config = figure["config"]
        assert config["showSendToCloud"] is False
        assert config["showEditInChartStudio"] is False
        assert {"sendDataToCloud", "editInChartStudio"} <= set(config["modeBarButtonsToRemove"])


def test_user_names_reach_plotly_as_literal_text():
    link = '<a href="https://example.com">x</a> & co'
    income = m.IncomeStream(link, m.Pricing.FIXED, m.Frequency.MONTHLY, JAN, amount=D("1000"))
    projection = project(hand_worked(incomes=(income,)))
    escaped = '&lt;a href="https://example.com"&gt;x&lt;/a&gt; &amp; co'
    assert escaped in by_name(figures.cashflow_figure(projection, EN))
    assert by_name(figures.compare_figure([(link, projection)], EN)) == {
        escaped: figures.compare_figure([(link, projection)], EN)["data"][0]
    }
    # Translated words pass the same way (a translator's "&" or "<" shows as written).
    risk = simulate(projection.scenario, projection)
    figure = figures.cushion_figure(projection, risk, EN, {"balance": "A<B"})
    assert "A&lt;B" in by_name(figure)
    assert json.dumps(figure).count("<a ") == 0


def test_the_cash_flow_labels_its_big_payment_months():
    from ecareer.projection import scenario_file
    from ecareer.starters import starter_text

    shop = project(scenario_file.loads(starter_text("online_shop")))  # German taxes
    big = figures.big_payment_months(shop)
    assert 1 <= len(big) <= figures.BIG_PAYMENTS
    layout = figures.cashflow_figure(shop, DE)["layout"]
    notes = [a for a in layout["annotations"] if a.get("name") == "big_payment"]
    assert sorted(a["x"] for a in notes) == sorted(str(month) for month, _ in big)
    assert all(a["text"].endswith("\u00a0€ to pay") for a in notes)  # DE money, English words
    # Room below the lowest bar for the labels: the axis reaches past it.
    lowest = min(a["y"] for a in notes)
    assert layout["yaxis"]["range"][0] < lowest
    # By year there is no month to point at.
    assert "annotations" not in figures.cashflow_figure(shop, DE, period="years")["layout"]
    # A plan without taxes, insurance or VAT has none.
    assert (
        "annotations"
        not in figures.cashflow_figure(project(hand_worked(tax_rate_pct=D("0"))), EN)["layout"]
    )


def test_tornado_has_no_plotly_title_and_writes_money_as_the_app():
    from ecareer.charts.tornado import tornado_figure
    from ecareer.projection.sensitivity import sensitivity

    rows = sensitivity(hand_worked(horizon_months=12)).rows
    figure = tornado_figure(rows, [str(n) for n in range(len(rows))], DE, "balance")
    assert "title" not in figure["layout"]
    assert figure["layout"]["xaxis"]["tickformat"] == "$,.0f"
    assert figure["layout"]["xaxis"]["title"]["text"] == "Change of the final balance (EUR)"
    assert figure["layout"]["separators"] == ",."


def test_the_chart_without_amounts_names_the_reserve_target_in_its_legend():
    # Issue 26: the label at the 100 % line's end sat on the balance line of a plan ending near
    # its target. The target is a legend entry at 100 % in every month, as with amounts.
    from ecareer.charts.relative import cushion_share_figure
    from ecareer.starters import load_starter

    shop = load_starter("online_shop")
    shop_projection = project(shop)
    figure = cushion_share_figure(shop_projection, simulate(shop, shop_projection), DE)
    target = [t for t in figure["data"] if t.get("name") == "Reserve target"]
    assert len(target) == 1 and target[0].get("showlegend", True)
    assert set(target[0]["y"]) == {100} and len(target[0]["y"]) == len(shop_projection.months)
    assert not [s for s in figure["layout"]["shapes"] if s.get("label")]
