"""The deterministic projection against examples worked by hand (DESIGN.md, "The planning model").

Each expected number is written out in the test with the hand calculation beside it.
"""

from decimal import Decimal as D

import pytest

from ecareer.projection.engine import project
from ecareer.projection.model import (
    Category,
    CostItem,
    Frequency,
    IncomeStream,
    Pricing,
    ReserveKind,
    ReserveTarget,
    Scenario,
    YearMonth,
)

ONCE, MONTHLY, QUARTERLY, YEARLY = (
    Frequency.ONCE,
    Frequency.MONTHLY,
    Frequency.QUARTERLY,
    Frequency.YEARLY,
)


def ym(text: str) -> YearMonth:
    return YearMonth.parse(text)


def cost(amount, frequency, start, end=None, growth="0", share="100", category=Category.OTHER):
    return CostItem(
        name="c",
        category=category,
        amount=D(amount),
        frequency=frequency,
        start=ym(start),
        end=ym(end) if end else None,
        annual_increase_pct=D(growth),
        share_pct=D(share),
    )


def income(amount, frequency, start, end=None, growth="0", ramp=0, performance=False):
    return IncomeStream(
        name="i",
        pricing=Pricing.FIXED,
        amount=D(amount),
        frequency=frequency,
        start=ym(start),
        end=ym(end) if end else None,
        ramp_up_months=ramp,
        annual_increase_pct=D(growth),
        performance_based=performance,
    )


def scenario(start="2027-01", horizon=12, **fields) -> Scenario:
    return Scenario(name="t", start=ym(start), horizon_months=horizon, **fields)


def column(projection, name) -> list[D]:
    return [row[name] for row in projection.rows()]


def money(*values) -> list[D]:
    return [D(str(v)).quantize(D("0.01")) for v in values]


# --- KPIs --------------------------------------------------------------------------------


def shop_scenario(**fields) -> Scenario:
    # start 1000; a 2400 desk once in month 0; income 1000 a month from 2027-02; living 500.
    # after-tax business result: -2400, 1000, 1000, 1000, ... -> cumulative -2400, -1400, -400, 600
    # balance: 1000 - 2400 - 500 = -1900, -1400, -900, -400, 100, 600
    defaults = {
        "horizon": 6,
        "starting_balance": D(1000),
        "living_monthly": D(500),
        "costs": (cost("2400", ONCE, "2027-01"),),
        "incomes": (income("1000", MONTHLY, "2027-02"),),
        "reserve": ReserveTarget(kind=ReserveKind.AMOUNT, amount=D("0")),
    }
    return scenario(**{**defaults, **fields})


def test_kpis_of_a_hand_worked_plan():
    kpis = project(shop_scenario()).kpis
    assert kpis.break_even_month == ym("2027-04")  # cumulative -400 -> +600 in month 3
    assert kpis.self_sufficient_month == ym("2027-02")  # 1000 >= 500 from month 1
    assert kpis.depletion_month == ym("2027-01")  # -1900 in month 0
    assert kpis.min_balance == D("-1900.00")
    assert kpis.min_balance_month == ym("2027-01")
    assert kpis.final_balance == D("600.00")
    assert kpis.reserve_reached_month == ym("2027-05")  # first balance >= 0 is 100 in month 4
    assert kpis.runway_months == D("2.0")  # 1000 / 500


def test_kpis_that_never_happen_are_none():
    kpis = project(
        shop_scenario(
            incomes=(income("100", MONTHLY, "2027-02"),),
            reserve=ReserveTarget(kind=ReserveKind.AMOUNT, amount=D("99999")),
            starting_balance=D(100000),
        )
    ).kpis
    assert kpis.break_even_month is None  # -2400 + 5 x 100 stays below 0
    assert kpis.self_sufficient_month is None  # 100 < 500
    assert kpis.depletion_month is None  # 100000 never runs out in 6 months
    assert kpis.reserve_reached_month is None  # balance stays below 99999 after month 0


def test_min_balance_month_is_the_first_month_the_minimum_is_reached():
    # living 0, costs 100 in months 0 and 2, income 100 in month 1: balance -100, 0, -100
    plan = project(
        scenario(
            horizon=3,
            costs=(cost("100", ONCE, "2027-01"), cost("100", ONCE, "2027-03")),
            incomes=(income("100", ONCE, "2027-02"),),
        )
    )
    assert plan.kpis.min_balance == D("-100.00")
    assert plan.kpis.min_balance_month == ym("2027-01")


def test_min_balance_month_ignores_float_noise_between_equal_balances():
    # Cash flows -0.20, +0.60, +0.70, -0.70, -0.60 from 0: balances -0.20, 0.40, 1.10, 0.40,
    # -0.20. The minimum -0.20 is first reached in 2027-01, though in float64 the second -0.2
    # comes out a hair lower (-0.20000000000000018).
    plan = project(
        scenario(
            horizon=5,
            costs=(
                cost("0.20", ONCE, "2027-01"),
                cost("0.70", ONCE, "2027-04"),
                cost("0.60", ONCE, "2027-05"),
            ),
            incomes=(income("0.60", ONCE, "2027-02"), income("0.70", ONCE, "2027-03")),
        )
    )
    assert column(plan, "balance") == money(-0.2, 0.4, 1.1, 0.4, -0.2)
    assert plan.kpis.min_balance == D("-0.20")
    assert plan.kpis.min_balance_month == ym("2027-01")


def test_break_even_counts_a_month_that_reaches_exactly_zero():
    # -300 in month 0, then +100 a month: cumulative -300, -200, -100, 0 -> month 3
    plan = project(
        scenario(
            horizon=5,
            costs=(cost("300", ONCE, "2027-01"),),
            incomes=(income("100", MONTHLY, "2027-02"),),
        )
    )
    assert plan.kpis.break_even_month == ym("2027-04")


@pytest.mark.parametrize(
    ("balance", "living", "expected"),
    [
        ("8000", "1500", "5.3"),  # 5.333...
        ("5390", "1000", "5.3"),  # 5.39 rounds down, not to 5.4
        ("5999.99", "1000", "5.9"),  # 5.99999
        ("99999.99", "100000", "0.9"),  # 0.9999999: a ten-millionth short of 1.0 is still 0.9
        ("2999999.99", "1000000", "2.9"),  # 2.99999999
        ("3000", "1000", "3.0"),
        ("-1000", "1500", "-0.7"),  # -0.666... rounds down (towards minus infinity)
        ("0", "1000", "0.0"),
    ],
)
def test_runway_is_rounded_down_to_one_decimal(balance, living, expected):
    plan = project(scenario(horizon=1, starting_balance=D(balance), living_monthly=D(living)))
    assert plan.kpis.runway_months == D(expected)


def test_runway_counts_recurring_costs_in_outgoings():
    # outgoings_0 = living 1000 + monthly cost 250 = 1250; 5000 / 1250 = 4.0
    plan = project(
        scenario(
            horizon=1,
            starting_balance=D(5000),
            living_monthly=D(1000),
            costs=(cost("250", MONTHLY, "2027-01"),),
        )
    )
    assert plan.kpis.runway_months == D("4.0")


def test_runway_is_none_without_outgoings():
    plan = project(scenario(horizon=1, starting_balance=D(5000)))
    assert plan.kpis.runway_months is None


def test_self_sufficiency_counts_taxes():
    # income 1000, tax 50 % -> 500 after tax per month; living 500 is met (>=) only without the
    # 100 cost of month 0: month 0: 900 - 450 = 450 < 500; month 1: 1000 - 500 = 500 >= 500
    plan = project(
        scenario(
            horizon=3,
            living_monthly=D(500),
            tax_rate_pct=D(50),
            incomes=(income("1000", MONTHLY, "2027-01"),),
            costs=(cost("100", ONCE, "2027-01"),),
        )
    )
    assert plan.kpis.self_sufficient_month == ym("2027-02")


def test_a_balance_of_exactly_zero_is_not_depleted():
    # start 1000, living 500: balance 500, 0, -500 -> depleted in month 2, not month 1
    plan = project(scenario(horizon=3, starting_balance=D(1000), living_monthly=D(500)))
    assert column(plan, "balance") == money(500, 0, -500)
    assert plan.kpis.depletion_month == ym("2027-03")
    assert plan.kpis.min_balance == D("-500.00")
    assert plan.kpis.final_balance == D("-500.00")


def test_reserve_reached_against_a_target_in_months_of_growing_outgoings():
    # living 100 rising 100 % a year, 2 months of outgoings: target 200 in months 0..11, 400 from
    # month 12. Income 50 a month, start 0, no costs: balance -50, -100, ... falls; start 500
    # instead: balance 450, 400, ..., 500 - 50 x (m + 1) in the first year -> first >= 200 is
    # month 0 (450). A start of 150: balance 100, 50, ... never reaches 200.
    def plan(start):
        return project(
            scenario(
                horizon=14,
                starting_balance=D(start),
                living_monthly=D(100),
                living_increase_pct=D(100),
                incomes=(income("50", MONTHLY, "2027-01"),),
                reserve=ReserveTarget(kind=ReserveKind.MONTHS, months=D(2)),
            )
        )

    assert column(plan(500), "reserve_target")[11:13] == money(200, 400)
    assert plan(500).kpis.reserve_reached_month == ym("2027-01")
    assert plan(150).kpis.reserve_reached_month is None


def test_reserve_reached_late_with_a_fixed_amount():
    # start 0, income 300 a month, living 100: balance 200, 400, 600; target 500 -> month 2
    plan = project(
        scenario(
            horizon=3,
            living_monthly=D(100),
            incomes=(income("300", MONTHLY, "2027-01"),),
            reserve=ReserveTarget(kind=ReserveKind.AMOUNT, amount=D(500)),
        )
    )
    assert plan.kpis.reserve_reached_month == ym("2027-03")


def test_break_even_is_the_first_month_not_a_later_one():
    # cumulative business result: +100 in month 0 already (income 100, no costs)
    plan = project(scenario(horizon=3, incomes=(income("100", MONTHLY, "2027-01"),)))
    assert plan.kpis.break_even_month == ym("2027-01")


def test_break_even_with_decimal_noise_that_is_zero_on_paper():
    # cost 0.10 once, income 0.01 a month: cumulative -0.09, -0.08, ..., 0.00 in month 9 on
    # paper; in float64 it is -1.04e-17 there, which the KPI's tolerance absorbs -> month 9
    plan = project(
        scenario(
            horizon=12,
            costs=(cost("0.10", ONCE, "2027-01"),),
            incomes=(income("0.01", MONTHLY, "2027-01"),),
        )
    )
    assert plan.kpis.break_even_month == ym("2027-10")


def test_kpis_as_dict():
    kpis = project(shop_scenario()).kpis.as_dict()
    assert kpis == {
        "break_even_month": "2027-04",
        "self_sufficient_month": "2027-02",
        "depletion_month": "2027-01",
        "min_balance": D("-1900.00"),
        "min_balance_month": "2027-01",
        "final_balance": D("600.00"),
        "reserve_reached_month": "2027-05",
        "reserve_held_month": "2027-05",  # 100 then 600 stay >= 0 to the end
        "runway_months": D("2.0"),
        "self_sufficient_lost_month": None,  # 1000 >= 500 still in the last month, 2027-06
        "owed_at_end": D("0.00"),  # regime flat
    }
    never = project(shop_scenario(starting_balance=D(0), living_monthly=D(0))).kpis.as_dict()
    assert never["runway_months"] is None  # no outgoings in month 0: no runway
