"""The Monte Carlo simulation: properties, a hand-checkable chain, and the sick-day statistics."""

import dataclasses
import math
from decimal import Decimal as D

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ecareer.projection.engine import project
from ecareer.projection.model import (
    Category,
    CostItem,
    Frequency,
    IncomeStream,
    Pricing,
    ReserveKind,
    ReserveTarget,
    RiskSettings,
    Scenario,
    YearMonth,
)
from ecareer.projection.risk import simulate, simulate_paths

START = YearMonth(2027, 1)
money_values = st.integers(0, 5000).map(D)
months = st.integers(-6, 30).map(lambda offset: START + offset)
ANY_BOOL = st.booleans()


@st.composite
def cost_items(draw):
    return CostItem(
        name="c",
        category=draw(st.sampled_from(list(Category))),
        amount=draw(money_values),
        frequency=draw(st.sampled_from(list(Frequency))),
        start=draw(months),
        annual_increase_pct=D(draw(st.integers(-50, 100))),
        share_pct=D(draw(st.integers(0, 100))),
    )


@st.composite
def income_streams(draw, performance=ANY_BOOL):
    return IncomeStream(
        name="i",
        pricing=Pricing.FIXED,
        amount=draw(money_values),
        frequency=draw(st.sampled_from(list(Frequency))),
        start=draw(months),
        ramp_up_months=draw(st.integers(0, 6)),
        annual_increase_pct=D(draw(st.integers(-50, 100))),
        performance_based=draw(performance),
    )


@st.composite
def scenarios(draw, performance=ANY_BOOL):
    return Scenario(
        name="s",
        start=START,
        horizon_months=draw(st.integers(1, 36)),
        starting_balance=D(draw(st.integers(-5000, 20000))),
        living_monthly=draw(money_values),
        living_increase_pct=D(draw(st.integers(-50, 100))),
        tax_rate_pct=D(draw(st.integers(0, 100))),
        costs=tuple(draw(st.lists(cost_items(), max_size=4))),
        incomes=tuple(draw(st.lists(income_streams(performance), max_size=4))),
        reserve=ReserveTarget(kind=ReserveKind.MONTHS, months=D(draw(st.integers(0, 6)))),
        risks=RiskSettings(paths=50, seed=draw(st.integers(0, 2**32))),
    )


def with_risks(scenario: Scenario, **risks) -> Scenario:
    return dataclasses.replace(scenario, risks=dataclasses.replace(scenario.risks, **risks))


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_balance_is_starting_balance_plus_the_sum_of_net_cash_flows(scenario):
    plan = project(scenario)
    expected = float(scenario.starting_balance) + np.cumsum(plan.net_cash_flow)
    np.testing.assert_allclose(plan.balance, expected, rtol=0, atol=1e-6)
    rows = plan.rows()
    for m, row in enumerate(rows):
        # rounded output: each month's balance is within half a cent per month of the sum
        total = scenario.starting_balance + sum(r["net_cash_flow"] for r in rows[: m + 1])
        assert abs(row["balance"] - total) <= D("0.005") * (m + 1) + D("0.01")


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_without_risks_every_path_equals_the_plan(scenario):
    plan = project(scenario)
    paths = simulate_paths(scenario, plan)
    assert paths.shape == (50, scenario.horizon_months)
    np.testing.assert_allclose(paths, np.broadcast_to(plan.balance, paths.shape), atol=1e-6)
    result = simulate(scenario, plan)
    np.testing.assert_allclose(result.p50, plan.balance, atol=1e-6)
    assert result.depletion_probability == (1.0 if plan.kpis.depletion_month else 0.0)


@settings(max_examples=40, deadline=None)
@given(
    scenarios(),
    st.integers(0, 100),
    st.integers(1, 150),
    st.integers(0, 50),
    st.integers(0, 100),
)
def test_more_sick_days_never_raise_p50_or_lower_the_depletion_chance(
    scenario, days, more, drought_chance, drop
):
    base = with_risks(
        scenario,
        drought_chance_pct=D(drought_chance),
        drought_length_months=D(2),
        drought_income_drop_pct=D(drop),
    )
    fewer = simulate(with_risks(base, sick_days_per_year=D(days)))
    worse = simulate(with_risks(base, sick_days_per_year=D(days + more)))
    # Taxes can give back at most the tax share of a loss, so balances never rise with more
    # sick days; allow float noise only.
    assert np.all(worse.p50 <= fewer.p50 + 1e-6)
    assert worse.depletion_probability >= fewer.depletion_probability


@settings(max_examples=40, deadline=None)
@given(scenarios(performance=st.just(False)))
def test_income_not_paid_for_work_done_is_never_hit(scenario):
    risky = with_risks(
        scenario,
        sick_days_per_year=D(250),
        drought_chance_pct=D(100),
        drought_length_months=D(60),
        drought_income_drop_pct=D(100),
    )
    plan = project(risky)
    np.testing.assert_allclose(
        simulate_paths(risky, plan),
        np.broadcast_to(plan.balance, (50, plan.balance.size)),
        atol=1e-6,
    )


def hourly_plan(horizon=12, paths=4000, seed=7, **risks) -> Scenario:
    work = IncomeStream(
        name="work",
        pricing=Pricing.FIXED,
        amount=D(2100),
        frequency=Frequency.MONTHLY,
        start=START,
        performance_based=True,
    )
    return Scenario(
        name="s",
        start=START,
        horizon_months=horizon,
        incomes=(work,),
        risks=RiskSettings(paths=paths, seed=seed, **risks),
    )


def test_a_dry_spell_chain_that_always_starts_and_always_ends():
    # chance 100 %: every normal month turns dry; length 1: every dry month ends the next month.
    # So months 0, 2, 4, ... are dry and lose all income (drop 100 %), months 1, 3, ... keep it.
    scenario = hourly_plan(
        horizon=4,
        paths=3,
        drought_chance_pct=D(100),
        drought_length_months=D(1),
        drought_income_drop_pct=D(100),
    )
    balances = simulate_paths(scenario)
    # income 2100 in months 1 and 3 only, no costs: 0, 2100, 2100, 4200
    np.testing.assert_allclose(balances, [[0, 2100, 2100, 4200]] * 3)


def test_half_income_lost_in_dry_spells():
    scenario = hourly_plan(
        horizon=2,
        paths=2,
        drought_chance_pct=D(100),
        drought_length_months=D(60),
        drought_income_drop_pct=D(50),
    )
    # month 0 turns dry (1050); month 1 stays dry unless the 1/60 chance ends it
    balances = simulate_paths(scenario)
    assert np.all(balances[:, 0] == 1050)


def test_mean_loss_from_sick_days_is_days_over_252():
    # Each month loses k/21 with k ~ Poisson(d/12), so the expected share lost is d/12/21 = d/252
    # (the cap at 21 days is negligible for these d). Over P paths x H months the mean of the
    # per-month loss share has a standard error of sqrt(Var(k))/21/sqrt(P*H) = sqrt(d/12)/21/
    # sqrt(P*H); the test allows 5 standard errors, so it fails by chance about once in 3.5 million.
    for days in (10, 60):
        scenario = hourly_plan(horizon=12, paths=4000, sick_days_per_year=D(days))
        balances = simulate_paths(scenario)
        income = np.diff(balances, axis=1, prepend=0.0)
        share_lost = 1 - income / 2100
        expected = days / 252
        standard_error = math.sqrt(days / 12) / 21 / math.sqrt(share_lost.size)
        assert abs(share_lost.mean() - expected) < 5 * standard_error, days


def test_same_seed_same_paths_other_seed_other_paths():
    risky = {
        "sick_days_per_year": D(20),
        "drought_chance_pct": D(10),
        "drought_length_months": D(3),
    }
    risky["drought_income_drop_pct"] = D(50)
    a = simulate_paths(hourly_plan(paths=200, seed=1, **risky))
    b = simulate_paths(hourly_plan(paths=200, seed=1, **risky))
    c = simulate_paths(hourly_plan(paths=200, seed=2, **risky))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def reserve_scenario(deadline, amount=D(2100)) -> Scenario:
    # balance: 2100, 4200, 6300, ... without risk; target 4200 is reached in month 1
    scenario = hourly_plan(horizon=6, paths=10)
    reserve = ReserveTarget(kind=ReserveKind.AMOUNT, amount=amount * 2, deadline=deadline)
    return dataclasses.replace(scenario, reserve=reserve)


def test_reserve_probability_counts_months_up_to_the_deadline():
    assert simulate(reserve_scenario(None)).reserve_probability == 1.0
    assert simulate(reserve_scenario(START + 1)).reserve_probability == 1.0  # reached in time
    assert simulate(reserve_scenario(START)).reserve_probability == 0.0  # deadline too early
    assert simulate(reserve_scenario(START + (-3))).reserve_probability == 0.0  # before the plan


def test_depletion_probability_with_certain_loss():
    # starting balance 0, living 1050, all income lost every other month -> runs out in month 0
    scenario = dataclasses.replace(
        hourly_plan(
            horizon=4,
            paths=5,
            drought_chance_pct=D(100),
            drought_length_months=D(1),
            drought_income_drop_pct=D(100),
        ),
        living_monthly=D(1050),
    )
    result = simulate(scenario)
    assert result.depletion_probability == 1.0
    assert project(scenario).kpis.depletion_month is None  # the plan itself never runs out


def test_the_largest_scenario_inside_the_limits_projects_and_simulates():
    # 100 incomes of 1e9 x 1e9 and 100 costs of 1e9, doubling every year for 50 years
    big = D(1_000_000_000)
    incomes = tuple(
        IncomeStream(
            name="i", pricing=Pricing.HOURLY, rate=big, quantity=big, frequency=Frequency.MONTHLY,
            start=START, annual_increase_pct=D(100), performance_based=True,
        )
        for _ in range(100)
    )  # fmt: skip
    costs = tuple(
        CostItem(
            name="c", category=Category.OTHER, amount=big, frequency=Frequency.MONTHLY,
            start=START, annual_increase_pct=D(100),
        )
        for _ in range(100)
    )  # fmt: skip
    scenario = Scenario(
        name="max",
        start=START,
        horizon_months=600,
        starting_balance=-big,
        living_monthly=big,
        living_increase_pct=D(100),
        tax_rate_pct=D(100),
        costs=costs,
        incomes=incomes,
        risks=RiskSettings(sick_days_per_year=D(250), paths=10, seed=1),
    )
    plan = project(scenario)
    rows = plan.rows()
    assert rows[-1]["income"] > D("1e32")  # 100 x 1e18 x 2^49
    assert simulate(scenario, plan).as_dict()["p50"][-1].is_finite()
