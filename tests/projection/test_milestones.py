"""The plan's milestones (set-up costs earned back, living paid) on every simulated path, by hand.

`milestones.first_months` applies DESIGN.md's break_even_month and self_sufficient_month tests
to each path; `simulate` gives the months by which half (likely) and 90 % (bad case) of the
paths got there.
"""

import dataclasses
from decimal import Decimal as D

import numpy as np
from hypothesis import given, settings

from ecareer.projection import flows
from ecareer.projection import model as m
from ecareer.projection.engine import project
from ecareer.projection.futures import three_futures
from ecareer.projection.milestones import first_months, first_share
from ecareer.projection.risk import simulate
from tests.strategies import v2_scenarios

JAN = m.YearMonth(2027, 1)


def desk_and_work(horizon: int, **fields) -> m.Scenario:
    """A desk of 900 in Jan, 500 a month of work paid for work done, living 100, no balance."""
    fields = {
        "living_monthly": D("100.00"),
        "tax_rate_pct": D("0"),
        "starting_balance": D("0.00"),
        **fields,
    }
    return m.Scenario(
        name="Hand-worked",
        start=JAN,
        horizon_months=horizon,
        costs=(m.CostItem("Desk", m.Category.EQUIPMENT, D("900.00"), m.Frequency.ONCE, JAN),),
        incomes=(
            m.IncomeStream(
                "Work",
                m.Pricing.FIXED,
                m.Frequency.MONTHLY,
                JAN,
                amount=D("500.00"),
                performance_based=True,
            ),
        ),
        **fields,
    )


def run_with(data: m.Scenario, kept: np.ndarray):
    """first_months of `data` for the kept shares given by hand, (H, paths)."""
    incomes, fixed, shares = flows.item_series(data, data.start, data.horizon_months)
    co = flows.coefficients(data, incomes, fixed, shares)
    result = flows.run(data, co, kept, kept.shape[1], arrays=False)
    return first_months(data, co, kept, result)


def test_first_months_of_paths_given_by_hand():
    # Tax 20 % of the profit year to date, living 450; ten paths: five keep all their income,
    # four keep half, one keeps nothing.
    data = desk_and_work(
        4,
        tax_rate_pct=D("20"),
        living_monthly=D("450.00"),
        risks=m.RiskSettings(paths=10),
    )
    kept = np.array([1.0] * 5 + [0.5] * 4 + [0.0])[None, :].repeat(4, axis=0)
    break_even, sufficient = run_with(data, kept)
    # All: profit -400, 500, 500, 500; YTD -400, 100, 600, 1,100; tax 0, 20, 100, 100;
    #   after tax -400, 480, 400, 400, summed -400, 80: earned back in Feb (index 1); 480 >= 450
    #   in Feb pays the living.
    # Half: profit -650, 250, 250, 250; YTD -650, -400, -150, 100; tax 0, 0, 0, 20;
    #   after tax -650, 250, 250, 230, summed -650, -400, -150, 80: Apr (3); 250 < 450: never (4).
    # Nothing: -900, 0, 0, 0: never on both counts.
    assert break_even.tolist() == [1] * 5 + [3] * 4 + [4]
    assert sufficient.tolist() == [1] * 5 + [4] * 5
    # Likely: half the paths (5 of 10) by Feb; bad case: 9 of 10 by Apr; living: 5 by Feb,
    # never 9.
    assert first_share(break_even, 0.5, 4) == 1
    assert first_share(break_even, 0.9, 4) == 3
    assert first_share(sufficient, 0.5, 4) == 1
    assert first_share(sufficient, 0.9, 4) is None


# A dry spell that starts with certainty and lasts one month makes months 0, 2, 4, ... dry on
# every path (risk.dry_spells); with all income lost in them, every path is the same.
ALTERNATE_DRY = m.RiskSettings(
    paths=20,
    seed=5,
    drought_chance_pct=D("100"),
    drought_length_months=D("1"),
    drought_income_drop_pct=D("100"),
)


def test_a_bad_case_that_never_earns_back_the_desk():
    # Plan: after tax -400, 500, 500: summed -400, 100, earned back in Feb; 500 >= 100 in Feb.
    # Every path: income 0, 500, 0: after tax -900, 500, 0, summed -900, -400, -400: never;
    # 500 >= 100 in Feb still pays the living.
    data = desk_and_work(3, risks=ALTERNATE_DRY)
    projection = project(data)
    result = simulate(data, projection)
    assert projection.kpis.break_even_month == JAN + 1
    assert result.break_even_month_p50 is None and result.break_even_month_p90 is None
    assert result.self_sufficient_month_p50 == JAN + 1 == result.self_sufficient_month_p90
    futures = three_futures(projection, simulate(data, projection, keep_paths=True))
    assert futures["break_even"].as_dict() == {
        "kpi": "break_even",
        "plan": "2027-02",
        "likely": None,
        "bad": None,
        "chance": None,
    }
    assert futures["self_sufficient"].as_dict()["bad"] == "2027-02"


def test_a_bad_case_that_earns_back_later():
    # One month more: every path's fourth month brings 500, summed -400 + 500 = 100 in Apr.
    data = desk_and_work(4, risks=ALTERNATE_DRY)
    result = simulate(data, project(data))
    assert result.break_even_month_p50 == JAN + 3 == result.break_even_month_p90


@settings(max_examples=40, deadline=None)
@given(data=v2_scenarios())
def test_without_risks_every_path_meets_the_milestones_with_the_plan(data):
    # Both regimes, VAT and income shares: a riskless path repeats the plan bit for bit.
    riskless = dataclasses.replace(
        data,
        risks=dataclasses.replace(
            data.risks,
            sick_days_per_year=D("0"),
            drought_chance_pct=D("0"),
            paths=min(data.risks.paths, 5),
        ),
    )
    kpis = project(riskless).kpis
    result = simulate(riskless)
    assert result.break_even_month_p50 == kpis.break_even_month == result.break_even_month_p90
    assert result.self_sufficient_month_p50 == kpis.self_sufficient_month
    assert result.self_sufficient_month_p90 == kpis.self_sufficient_month
