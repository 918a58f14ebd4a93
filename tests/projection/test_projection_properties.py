"""Properties of the projection and the risk simulation, on small random scenarios (hypothesis)."""

import dataclasses
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
from ecareer.projection.risk import dry_spells, simulate, simulate_paths
from tests.projection.reference import reference

START = YearMonth(2027, 1)
money_values = st.decimals(0, 5000, places=2)
percentages = st.decimals(-50, 100, places=2)
shares = st.decimals(0, 100, places=2)
months = st.integers(-6, 30).map(lambda offset: START + offset)
ANY_BOOL = st.booleans()


@st.composite
def cost_items(draw):
    return CostItem(
        name="c",
        category=draw(st.sampled_from(list(Category))),
        amount=draw(money_values),
        frequency=draw(st.sampled_from(list(Frequency))),
        start=(start := draw(months)),
        end=draw(st.none() | st.integers(0, 24).map(lambda n: start + n)),
        annual_increase_pct=draw(percentages),
        share_pct=draw(shares),
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
        annual_increase_pct=draw(percentages),
        performance_based=draw(performance),
    )


@st.composite
def reserves(draw):
    deadline = draw(st.none() | st.integers(-3, 40).map(lambda offset: START + offset))
    if draw(st.booleans()):
        return ReserveTarget(
            ReserveKind.MONTHS, months=D(draw(st.integers(0, 6))), deadline=deadline
        )
    return ReserveTarget(
        ReserveKind.AMOUNT, amount=D(draw(st.integers(0, 30000))), deadline=deadline
    )


@st.composite
def scenarios(draw, performance=ANY_BOOL):
    return Scenario(
        name="s",
        start=START,
        horizon_months=draw(st.integers(1, 36)),
        starting_balance=draw(st.decimals(-5000, 20000, places=2)),
        living_monthly=draw(money_values),
        living_increase_pct=draw(percentages),
        tax_rate_pct=draw(shares),
        costs=tuple(draw(st.lists(cost_items(), max_size=4))),
        incomes=tuple(draw(st.lists(income_streams(performance), max_size=4))),
        reserve=draw(reserves()),
        risks=RiskSettings(paths=50, seed=draw(st.integers(0, 2**32))),
    )


def with_risks(scenario: Scenario, **risks) -> Scenario:
    return dataclasses.replace(scenario, risks=dataclasses.replace(scenario.risks, **risks))


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_balance_is_starting_balance_plus_the_sum_of_net_cash_flows(scenario):
    # On the rounded output: net cash flow = income - business costs - taxes - living costs, and
    # balance = starting balance + the net cash flows so far, each within the rounding of its
    # terms (half a cent per rounded term).
    rows = project(scenario).rows()
    total = scenario.starting_balance
    for m, row in enumerate(rows, start=1):
        parts = row["income"] - row["business_costs"] - row["taxes"] - row["living_costs"]
        assert abs(row["net_cash_flow"] - parts) <= D("0.025")
        total += row["net_cash_flow"]
        assert abs(row["balance"] - total) <= D("0.005") * (m + 1)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_the_projection_agrees_with_an_exact_reading_of_design_md(scenario):
    # tests/projection/reference.py computes the same plan from DESIGN.md in exact Decimal.
    # Every amount agrees to the cent; a value within a billionth of a cent of a half cent may
    # round the other way in float64, so one cent of difference is allowed.
    plan = project(scenario)
    rows, kpis = reference(scenario)
    for got, want in zip(plan.rows(), rows, strict=True):
        assert got["month"] == want["month"]
        for name, value in want.items():
            if name != "month":
                assert abs(got[name] - value) <= D("0.01"), (got["month"], name)
    got_kpis = plan.kpis.as_dict()
    for name in (
        "break_even_month",
        "self_sufficient_month",
        "depletion_month",
        "min_balance_month",
        "reserve_reached_month",
        "runway_months",
    ):
        assert got_kpis[name] == kpis[name], name
    for name in ("min_balance", "final_balance"):
        assert abs(got_kpis[name] - kpis[name]) <= D("0.01"), name


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_without_risks_every_path_equals_the_plan(scenario):
    plan = project(scenario)
    paths = simulate_paths(scenario, plan)
    assert paths.shape == (50, scenario.horizon_months)
    # exact: a riskless path repeats the plan's arithmetic operation for operation
    np.testing.assert_array_equal(paths, np.broadcast_to(plan.balance, paths.shape))
    result = simulate(scenario, plan)
    np.testing.assert_array_equal(result.p50, plan.balance)
    np.testing.assert_array_equal(result.p10, plan.balance)
    assert result.depletion_probability == (1.0 if plan.kpis.depletion_month else 0.0)
    deadline = scenario.reserve.deadline
    reached = plan.kpis.reserve_reached_month
    in_time = reached is not None and (deadline is None or reached <= deadline)
    assert result.reserve_probability == (1.0 if in_time else 0.0)


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


@settings(max_examples=40, deadline=None)
@given(
    scenarios(),
    st.integers(0, 60),
    st.integers(1, 60),
    st.integers(2, 12),
    st.integers(1, 100),
    st.integers(0, 30),
)
def test_a_higher_dry_spell_chance_never_raises_p50_or_lowers_the_depletion_chance(
    scenario, chance, more, length, drop, sick
):
    # Monotone only where a spell is at least as likely to go on as to begin (see dry_spells):
    # chance + more <= 100 x (1 - 1/length).
    higher = min(chance + more, 100 * (length - 1) // length)
    base = with_risks(
        scenario,
        sick_days_per_year=D(sick),
        drought_length_months=D(length),
        drought_income_drop_pct=D(drop),
    )
    lower_risk = with_risks(base, drought_chance_pct=D(min(chance, higher)))
    higher_risk = with_risks(base, drought_chance_pct=D(higher))
    lower_paths = simulate_paths(lower_risk)
    higher_paths = simulate_paths(higher_risk)
    assert np.all(higher_paths <= lower_paths + 1e-6)  # path by path
    lower, worse = simulate(lower_risk), simulate(higher_risk)
    assert np.all(worse.p50 <= lower.p50 + 1e-6)
    assert worse.depletion_probability >= lower.depletion_probability


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 2**32),
    st.integers(1, 24),
    st.integers(1, 60),
    st.floats(0, 100),
    st.floats(0, 100),
)
def test_dry_months_of_a_higher_chance_are_a_superset(seed, horizon, length, chance, other):
    ceiling = 100 * (1 - 1 / length)  # the coupling's range, see dry_spells
    low, high = sorted((min(chance, ceiling), min(other, ceiling)))

    def spells(pct):
        rng = np.random.default_rng(seed)
        draws = rng.random((horizon, 20))
        return np.array([d.copy() for d in dry_spells(draws, pct, length)])

    assert np.all(spells(high) >= spells(low))
