"""The deterministic projection against examples worked by hand (DESIGN.md, "The planning model").

Each expected number is written out in the test with the hand calculation beside it.
"""

from decimal import Decimal as D

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


# --- occurrences -------------------------------------------------------------------------


def test_every_frequency_across_a_year_boundary():
    # Plan 2027-11 .. 2029-01 (15 months). Index: 0=2027-11, 1=2027-12, 2=2028-01, ...
    plan = project(
        scenario(
            start="2027-11",
            horizon=15,
            costs=(
                cost("10", MONTHLY, "2027-11"),  # every month
                cost(
                    "30", QUARTERLY, "2027-12"
                ),  # 2027-12, 2028-03, -06, -09, -12: 1, 4, 7, 10, 13
                cost("120", YEARLY, "2027-12"),  # 2027-12 and 2028-12: 1 and 13
                cost("50", ONCE, "2028-02"),  # 2028-02: 3
            ),
        )
    )
    assert column(plan, "business_costs") == money(
        10,  # 0  2027-11
        160,  # 1  2027-12  10 + 30 + 120
        10,  # 2  2028-01
        60,  # 3  2028-02  10 + 50
        40,  # 4  2028-03  10 + 30
        10,
        10,
        40,  # 7  2028-06
        10,
        10,
        40,  # 10 2028-09
        10,
        10,
        160,  # 13 2028-12  10 + 30 + 120
        10,  # 14 2029-01
    )


def test_items_starting_before_month_zero():
    plan = project(
        scenario(
            start="2027-01",
            horizon=6,
            costs=(
                # quarterly since 2026-11: 2026-11, 2027-02, 2027-05 -> indices 1 and 4
                cost("30", QUARTERLY, "2026-11"),
                # once in 2026-12: before the plan, never counted
                cost("999", ONCE, "2026-12"),
            ),
            incomes=(
                # monthly since 2026-01 with 10 % a year: 2027-01 is 12 months after the start,
                # so it already earns 1000 x 1.1 = 1100
                income("1000", MONTHLY, "2026-01", growth="10"),
            ),
        )
    )
    assert column(plan, "business_costs") == money(0, 30, 0, 0, 30, 0)
    assert column(plan, "income") == money(1100, 1100, 1100, 1100, 1100, 1100)


def test_end_month_is_inclusive():
    plan = project(scenario(horizon=5, costs=(cost("100", MONTHLY, "2027-02", end="2027-04"),)))
    assert column(plan, "business_costs") == money(0, 100, 100, 100, 0)


def test_growth_after_12_and_24_months():
    plan = project(scenario(horizon=26, costs=(cost("100", MONTHLY, "2027-01", growth="10"),)))
    costs = column(plan, "business_costs")
    assert costs[0] == costs[11] == D("100.00")
    assert costs[12] == costs[23] == D("110.00")  # 100 x 1.1
    assert costs[24] == costs[25] == D("121.00")  # 100 x 1.1^2


def test_yearly_item_grows_per_year_since_its_own_start():
    # yearly from 2027-06, 20 % a year: 2027-06 -> 100, 2028-06 -> 120, 2029-06 -> 144
    plan = project(scenario(horizon=36, costs=(cost("100", YEARLY, "2027-06", growth="20"),)))
    costs = column(plan, "business_costs")
    assert [costs[5], costs[17], costs[29]] == money(100, 120, 144)
    assert sum(costs) == D("364.00")


def test_negative_growth():
    plan = project(scenario(horizon=13, costs=(cost("100", MONTHLY, "2027-01", growth="-50"),)))
    assert column(plan, "business_costs")[12] == D("50.00")


def test_ramp_up():
    plan = project(
        scenario(
            horizon=6,
            incomes=(
                income("1000", MONTHLY, "2027-02", ramp=4),  # 1/4, 2/4, 3/4, 4/4, 4/4
                income("80", ONCE, "2027-01", ramp=4),  # once: never ramped
            ),
        )
    )
    assert column(plan, "income") == money(80, 250, 500, 750, 1000, 1000)


def test_ramp_up_with_quarterly_income_counts_months_since_start():
    # quarterly from 2027-01, R = 6: m - s + 1 = 1, 4 -> 1/6, 4/6 of 600 = 100, 400; then full
    plan = project(scenario(horizon=9, incomes=(income("600", QUARTERLY, "2027-01", ramp=6),)))
    assert column(plan, "income") == money(100, 0, 0, 400, 0, 0, 600, 0, 0)


def test_business_share():
    plan = project(scenario(horizon=2, costs=(cost("200", MONTHLY, "2027-01", share="25"),)))
    assert column(plan, "business_costs") == money(50, 50)  # 200 x 25 %


def test_hourly_and_per_unit_pricing():
    hourly = IncomeStream(
        name="h", pricing=Pricing.HOURLY, frequency=MONTHLY, start=ym("2027-01"),
        rate=D("18.50"), quantity=D("80"),
    )  # fmt: skip
    plan = project(scenario(horizon=1, incomes=(hourly,)))
    assert column(plan, "income") == money(1480)  # 18.50 x 80


# --- taxes -------------------------------------------------------------------------------


def test_year_to_date_tax_with_a_loss_month_and_the_january_reset():
    # 25 % tax. Months 2027-10 .. 2028-02; income 1000 every month; a 1500 cost in 2027-12.
    # profit:  1000, 1000, -500, 1000, 1000
    # YTD 2027: 1000, 2000, 1500 | 2028 restarts: 1000, 2000
    # taxes = 25 % x (max(0, YTD) - max(0, YTD before)):
    #   250, 250, -125 (loss after profit in the same year), 250 (January: previous counts 0), 250
    plan = project(
        scenario(
            start="2027-10",
            horizon=5,
            tax_rate_pct=D(25),
            incomes=(income("1000", MONTHLY, "2027-10"),),
            costs=(cost("1500", ONCE, "2027-12"),),
        )
    )
    assert column(plan, "taxes") == money(250, 250, -125, 250, 250)


def test_losses_earlier_in_the_year_offset_later_profits_but_not_across_years():
    # 10 % tax. 2027-11: -1000 (a cost), 2027-12: +600, 2028-01: +600.
    # YTD: -1000, -400 -> no tax in 2027 (max(0, .) stays 0); 2028 restarts: 600 -> 60.
    plan = project(
        scenario(
            start="2027-11",
            horizon=3,
            tax_rate_pct=D(10),
            incomes=(income("600", MONTHLY, "2027-12"),),
            costs=(cost("1000", ONCE, "2027-11"),),
        )
    )
    assert column(plan, "taxes") == money(0, 0, 60)


def test_month_zero_starts_the_year_to_date_mid_year():
    # A plan starting in July: YTD counts from month 0, not from the January before. The
    # monthly cost of 300 has run since January; counted from then, January to June would be
    # a loss of 1800 and no tax would be due in July and August.
    plan = project(
        scenario(
            start="2027-07",
            horizon=2,
            tax_rate_pct=D(50),
            incomes=(income("400", MONTHLY, "2027-07"),),
            costs=(cost("300", MONTHLY, "2027-01"),),
        )
    )
    assert column(plan, "taxes") == money(50, 50)  # 50 % of a profit of 100 each month


def test_living_costs_round_half_up_from_their_exact_value():
    # 1200 x 1.1424^3 = 1789.104999628... in month 36: below the half cent, so 1789.10.
    plan = project(scenario(horizon=37, living_monthly=D(1200), living_increase_pct=D("14.24")))
    living = column(plan, "living_costs")
    assert living[12] == D("1370.88")  # 1200 x 1.1424
    assert living[24] == D("1566.09")  # 1566.093312
    assert living[36] == D("1789.10")


# --- living costs, balance, outgoings, reserve -------------------------------------------


def test_living_costs_rise_per_plan_year_counted_from_month_zero():
    # Start 2027-07: months 0..11 at 1000; month 12 (2028-07) at 1000 x 1.1 = 1100.
    plan = project(
        scenario(start="2027-07", horizon=14, living_monthly=D(1000), living_increase_pct=D(10))
    )
    living = column(plan, "living_costs")
    assert living[6] == D("1000.00")  # 2028-01: still the first plan year
    assert living[11] == D("1000.00")
    assert living[12] == living[13] == D("1100.00")


def test_net_cash_flow_and_balance():
    # start 500; income 1000, costs 200, tax 10 % of 800 = 80, living 600 -> net 120 a month
    plan = project(
        scenario(
            horizon=3,
            starting_balance=D(500),
            living_monthly=D(600),
            tax_rate_pct=D(10),
            incomes=(income("1000", MONTHLY, "2027-01"),),
            costs=(cost("200", MONTHLY, "2027-01"),),
        )
    )
    assert column(plan, "net_cash_flow") == money(120, 120, 120)
    assert column(plan, "balance") == money(620, 740, 860)


def test_outgoings_count_recurring_costs_active_in_the_month():
    # Monthly equivalents: monthly 100 x1, quarterly 300 / 3 = 100, yearly 1200 x 50 % / 12 = 50,
    # once x 0. The monthly item is active in month 0 only (end 2027-01 inclusive), the quarterly
    # one from month 1 (start 2027-02), so each month counts one of the two 100s.
    plan = project(
        scenario(
            horizon=3,
            living_monthly=D(1000),
            costs=(
                cost("100", MONTHLY, "2027-01", end="2027-01"),
                cost("300", QUARTERLY, "2027-02"),
                cost("1200", YEARLY, "2027-01", share="50"),
                cost("900", ONCE, "2027-01"),
            ),
        )
    )
    # month 0: 1000 + 100 (monthly) + 50; months 1, 2: 1000 + 100 (quarterly) + 50
    assert column(plan, "outgoings") == money(1150, 1150, 1150)


def test_outgoings_apply_growth_of_the_item():
    # monthly 100 with 10 % a year: outgoings in month 12 are 1.1 x 100 = 110
    plan = project(scenario(horizon=13, costs=(cost("100", MONTHLY, "2027-01", growth="10"),)))
    assert column(plan, "outgoings")[12] == D("110.00")


def test_reserve_target_in_months_of_outgoings():
    plan = project(
        scenario(
            horizon=13,
            living_monthly=D(1000),
            living_increase_pct=D(10),
            reserve=ReserveTarget(kind=ReserveKind.MONTHS, months=D("3")),
        )
    )
    target = column(plan, "reserve_target")
    assert target[0] == D("3000.00")  # 3 x 1000
    assert target[12] == D("3300.00")  # 3 x 1100


def test_reserve_target_as_a_fixed_amount():
    plan = project(
        scenario(horizon=2, reserve=ReserveTarget(kind=ReserveKind.AMOUNT, amount=D("5000")))
    )
    assert column(plan, "reserve_target") == money(5000, 5000)


def test_rounding_is_half_up_at_output_only():
    # 3 x 0.335 = 1.005 on paper: each month shows 0.34 (0.335 half-up), the sum 1.01 (1.005 up)
    plan = project(scenario(horizon=3, costs=(cost("0.67", MONTHLY, "2027-01", share="50"),)))
    assert column(plan, "business_costs") == money(0.34, 0.34, 0.34)
    assert column(plan, "balance")[-1] == D("-1.01")


def test_horizon_of_one_and_of_600_months():
    assert len(project(scenario(horizon=1)).rows()) == 1
    rows = project(scenario(horizon=600)).rows()
    assert len(rows) == 600
    assert rows[-1]["month"] == "2076-12"


def test_ramp_up_of_a_stream_started_before_month_zero():
    # monthly 1200 since 2026-12 with R = 4: month 0 (2027-01) is m - s + 1 = 2 -> 2/4 = 600,
    # then 3/4 = 900, then full 1200
    plan = project(scenario(horizon=4, incomes=(income("1200", MONTHLY, "2026-12", ramp=4),)))
    assert column(plan, "income") == money(600, 900, 1200, 1200)


def test_yearly_item_started_before_month_zero_keeps_its_own_month_and_growth():
    # yearly 100 since 2025-03 with 10 %: 2027-03 (index 2) is its 3rd occurrence, 24 months
    # after s -> 100 x 1.1^2 = 121; 2028-03 (index 14) -> 100 x 1.1^3 = 133.10
    plan = project(scenario(horizon=15, costs=(cost("100", YEARLY, "2025-03", growth="10"),)))
    costs = column(plan, "business_costs")
    assert costs[2] == D("121.00")
    assert costs[14] == D("133.10")
    assert sum(costs) == D("254.10")  # nothing in the other 13 months


def test_growth_counts_whole_years_since_the_item_start_not_calendar_years():
    # monthly 100 from 2027-07 with 10 %: 2028-01 is only 6 months in -> still 100;
    # 2028-07 (12 months in) -> 110
    plan = project(scenario(horizon=19, costs=(cost("100", MONTHLY, "2027-07", growth="10"),)))
    costs = column(plan, "business_costs")
    assert [costs[12], costs[17], costs[18]] == money(100, 100, 110)


def test_an_item_ending_before_month_zero_never_counts():
    plan = project(scenario(horizon=3, costs=(cost("100", MONTHLY, "2026-01", end="2026-12"),)))
    assert column(plan, "business_costs") == money(0, 0, 0)
    assert column(plan, "outgoings") == money(0, 0, 0)


def test_income_combines_share_of_pricing_growth_and_ramp():
    # per_unit 12.50 x 40 = 500 a month from 2027-01, R = 2, 20 % a year:
    # month 0: 500 x 1/2 = 250; month 1: 500; month 12: 500 x 1.2 = 600
    stream = IncomeStream(
        name="u", pricing=Pricing.PER_UNIT, frequency=MONTHLY, start=ym("2027-01"),
        rate=D("12.50"), quantity=D("40"), ramp_up_months=2, annual_increase_pct=D("20"),
    )  # fmt: skip
    plan = project(scenario(horizon=13, incomes=(stream,)))
    income_column = column(plan, "income")
    assert [income_column[0], income_column[1], income_column[12]] == money(250, 500, 600)


def test_breakdowns_by_stream_item_category_and_performance():
    plan = project(
        scenario(
            horizon=2,
            incomes=(
                income("100", MONTHLY, "2027-01", performance=True),
                income("40", MONTHLY, "2027-02"),
            ),
            costs=(
                cost("10", MONTHLY, "2027-01", category=Category.SOFTWARE),
                cost("5", MONTHLY, "2027-01", category=Category.SOFTWARE),
                cost("30", ONCE, "2027-02", category=Category.TRAINING),
            ),
        )
    )
    assert [list(s) for s in plan.income_by_stream] == [[100, 100], [0, 40]]
    assert list(plan.performance_income) == [100, 100]  # only the first stream is paid per work
    assert [list(c) for c in plan.costs_by_item] == [[10, 10], [5, 5], [0, 30]]
    assert {k: list(v) for k, v in plan.costs_by_category.items()} == {
        Category.SOFTWARE: [15, 15],  # 10 + 5
        Category.TRAINING: [0, 30],
    }  # categories that never occur are left out
    assert list(plan.profit) == [85, 95]  # 100 - 15; 140 - 45


def test_taxes_on_a_plan_spanning_three_calendar_years():
    # 50 % tax, start 2027-12, income 100 a month, a 250 cost in 2028-02 and in 2029-01.
    # profit:  2027-12: 100 | 2028-01: 100, 02: -150, 03: 100, 04: 100 | ... | 2029-01: -150
    # YTD restarts in 2028-01 and 2029-01; month by month:
    #   2027-12: YTD 100 -> 50
    #   2028-01: YTD 100 (reset) -> 50
    #   2028-02: YTD -50 -> 0.5 x (0 - 100) = -50
    #   2028-03: YTD 50 -> 0.5 x (50 - 0) = 25
    #   2028-04 .. 2028-12: +100 each -> 50
    #   2029-01: YTD -150 (reset, previous counts 0) -> 0
    plan = project(
        scenario(
            start="2027-12",
            horizon=14,
            tax_rate_pct=D(50),
            incomes=(income("100", MONTHLY, "2027-12"),),
            costs=(cost("250", ONCE, "2028-02"), cost("250", ONCE, "2029-01")),
        )
    )
    assert column(plan, "taxes") == money(50, 50, -50, 25, *[50] * 9, 0)


def test_rows_columns_in_order_and_rounded_to_cents():
    # a quarterly cost of 50 at a 0.01 % share: 0.005 in month 0, monthly equivalent 0.005 / 3
    plan = project(
        scenario(
            horizon=1,
            starting_balance=D("10"),
            costs=(cost("50", QUARTERLY, "2027-01", share="0.01"),),
        )
    )
    (row,) = plan.rows()
    assert list(row) == [
        "month", "income", "business_costs", "taxes", "living_costs", "net_cash_flow",
        "balance", "reserve_target", "social_insurance", "taxes_accrued",
        "social_insurance_accrued", "vat_due", "vat_paid", "outgoings",
        "pension_insurance", "grants", "sick_pay", "loan_in", "loan_interest",
        "loan_repayment", "depreciation", "tax_profit",
    ]  # fmt: skip
    assert row["month"] == "2027-01"
    assert row["business_costs"] == D("0.01")  # 50 x 0.01 % = 0.005 -> half-up 0.01
    assert row["net_cash_flow"] == D("-0.01")  # -0.005 -> half-up, away from zero
    assert row["balance"] == D("10.00")  # 10 - 0.005 = 9.995 -> half-up 10.00
    assert row["outgoings"] == D("0.00")  # 0.005 / 3 = 0.00166...
    assert str(row["taxes"]) == "0.00"  # never "-0.00"
