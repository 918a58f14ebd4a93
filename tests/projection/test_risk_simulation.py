"""The Monte Carlo simulation: hand-checkable chains, inverse-CDF sick days, statistics, seeds."""

import dataclasses
import math
from decimal import Decimal as D

import numpy as np

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
from ecareer.projection.risk import sick_days, sick_kept, simulate, simulate_paths

START = YearMonth(2027, 1)


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


def test_each_path_pays_taxes_on_its_own_profit():
    # Start 2027-12, income 1000 a month paid for work done, a cost of 200 a month, tax 50 %,
    # and a dry spell that always starts and always ends after a month with all income lost:
    # months 0 and 2 are dry. Profits -200, 800, -200; year to date -200 (2027), then 800 and
    # 600 in 2028: taxes 0, 400, -100; net -200, 400, -100; balances -200, 200, 100.
    # (The plan's own taxes, on profits of 800 each month, would give -600, -200, -800.)
    scenario = dataclasses.replace(
        hourly_plan(
            horizon=3,
            paths=3,
            drought_chance_pct=D(100),
            drought_length_months=D(1),
            drought_income_drop_pct=D(100),
        ),
        start=YearMonth(2027, 12),
        tax_rate_pct=D(50),
        incomes=(
            IncomeStream(
                name="work",
                pricing=Pricing.FIXED,
                amount=D(1000),
                frequency=Frequency.MONTHLY,
                start=YearMonth(2027, 12),
                performance_based=True,
            ),
        ),
        costs=(
            CostItem(
                name="software",
                category=Category.SOFTWARE,
                amount=D(200),
                frequency=Frequency.MONTHLY,
                start=YearMonth(2027, 12),
            ),
        ),
    )
    np.testing.assert_allclose(simulate_paths(scenario), [[-200, 200, 100]] * 3)


def test_percentiles_are_the_10th_50th_and_90th_of_the_paths():
    # Sick days make the paths differ. Per month, 10 % of the paths lie at or below p10 and
    # 90 % at or below p90 (linear interpolation between the sorted paths, as numpy's default).
    scenario = hourly_plan(horizon=6, paths=1001, sick_days_per_year=D(30))
    paths = simulate_paths(scenario)
    result = simulate(scenario)
    ordered = np.sort(paths, axis=0)  # 1001 paths: ranks 100, 500 and 900 are the percentiles
    np.testing.assert_array_equal(result.p10, ordered[100])
    np.testing.assert_array_equal(result.p50, ordered[500])
    np.testing.assert_array_equal(result.p90, ordered[900])
    assert np.all(result.p10 < result.p50) and np.all(result.p50 < result.p90)


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


def test_sick_days_by_inverse_cdf_of_poisson():
    # rate 12/12 = 1: F(0) = e^-1 = 0.3679, F(1) = 2e^-1 = 0.7358, F(2) = 2.5e^-1 = 0.9197,
    # F(3) = 8/3 e^-1 = 0.9810; k = number of F(j) below U
    uniforms = np.array([0.0, 0.3, 0.37, 0.5, 0.9, 0.95, 0.99])
    assert sick_days(uniforms, 12).tolist() == [0, 0, 1, 1, 2, 3, 4]
    # no sick days: always 0, even for U close to 1
    assert sick_days(np.array([0.0, 0.999999]), 0).tolist() == [0, 0]


def test_sick_days_are_capped_at_21_working_days():
    # rate 250/12 = 20.8: F(20) is about 0.5, so U = 0.99 lies above all of F(0..20) -> 21
    assert sick_days(np.array([0.99, 0.999999]), 250).tolist() == [21, 21]


def test_sick_days_by_inverse_cdf_are_monotone_in_the_rate():
    uniforms = np.random.default_rng(3).random(10_000)
    previous = sick_days(uniforms, 0)
    for days in (1, 5, 10, 30, 60, 120, 250):
        current = sick_days(uniforms, days)
        assert np.all(current >= previous), days
        previous = current


def test_zero_sick_days_still_draw_so_dry_spells_stay_coupled():
    # sick days 0 vs 0.01 a year (P(k >= 1) = 1 - e^(-0.01/12) = 0.08 % per month): the dry
    # months (all income lost, drop 100 %) must be the same months on the same seed, which holds
    # only if the sick-day uniforms are drawn even when there are no sick days
    risky = {
        "drought_chance_pct": D(30),
        "drought_length_months": D(2),
        "drought_income_drop_pct": D(100),
    }
    none = simulate_paths(hourly_plan(paths=300, seed=5, sick_days_per_year=D(0), **risky))
    few = simulate_paths(hourly_plan(paths=300, seed=5, sick_days_per_year=D("0.01"), **risky))
    dry_none = np.diff(none, axis=1, prepend=0.0) == 0
    dry_few = np.diff(few, axis=1, prepend=0.0) == 0
    assert dry_none.any()
    np.testing.assert_array_equal(dry_none, dry_few)


def test_month_zero_can_already_be_dry():
    # The chain starts normal before month 0 and steps at the start of month 0, so month 0 is
    # dry with the drought chance 30 %. Over 4000 paths the share has a standard error of
    # sqrt(0.3 x 0.7 / 4000) = 0.0072; 5 standard errors = 0.036.
    scenario = hourly_plan(
        horizon=1,
        paths=4000,
        drought_chance_pct=D(30),
        drought_length_months=D(3),
        drought_income_drop_pct=D(100),
    )
    dry_share = (simulate_paths(scenario)[:, 0] == 0).mean()
    assert abs(dry_share - 0.3) < 0.036


def test_dry_spells_last_length_months_on_average():
    # A spell ends with chance 1/L each month, so months 1.. after a start stay dry with
    # chance (1 - 1/L) each. With chance 100 % and L = 4 month 0 is dry on every path and
    # month 1 on a share 3/4 (standard error sqrt(0.75 x 0.25 / 4000) = 0.0068, 5 x = 0.034).
    scenario = hourly_plan(
        horizon=2,
        paths=4000,
        drought_chance_pct=D(100),
        drought_length_months=D(4),
        drought_income_drop_pct=D(100),
    )
    income = np.diff(simulate_paths(scenario), axis=1, prepend=0.0)
    assert np.all(income[:, 0] == 0)
    assert abs((income[:, 1] == 0).mean() - 0.75) < 0.034


def test_outside_its_range_a_higher_dry_spell_chance_can_lower_the_loss():
    # Why the monotone property is only claimed for chance <= 1 - 1/length: with length 1,
    # chance 100 % makes month 0 dry and month 1 never dry; chance 50 % makes month 1 dry
    # whenever month 0 was normal (1/2 x 1/2 = 1/4 of the paths). No coupling can avoid that.
    def month_1_dry_share(chance):
        scenario = hourly_plan(
            horizon=2,
            paths=2000,
            drought_chance_pct=D(chance),
            drought_length_months=D(1),
            drought_income_drop_pct=D(100),
        )
        return (np.diff(simulate_paths(scenario), axis=1)[:, 0] == 0).mean()

    assert month_1_dry_share(100) == 0.0
    assert month_1_dry_share(50) > 0.2  # about 0.25, standard error 0.0097


def test_sick_kept_counts_the_same_days_as_the_inverse_cdf():
    # sick_kept counts CDF values below u by comparisons; sick_days by binary search: the same k,
    # so the kept share is 1 - k/21 for every uniform, at low and high rates.
    uniforms = np.random.default_rng(9).random((50, 400))
    for rate in (0.5, 10, 60, 250):
        expected = 1.0 - sick_days(uniforms, rate) / 21.0
        np.testing.assert_array_equal(sick_kept(uniforms, rate), expected)
