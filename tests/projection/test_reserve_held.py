"""reserve_held_month (DESIGN.md, KPIs, v3): the first month from which the balance stays at or
above the reserve target up to the end of the plan; null when the last month is below."""

from decimal import Decimal

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

START = YearMonth(2027, 1)


def plan(*, incomes=(), costs=(), amount="1000", horizon=6, balance="0"):
    return Scenario(
        name="held",
        start=START,
        horizon_months=horizon,
        starting_balance=Decimal(balance),
        incomes=tuple(incomes),
        costs=tuple(costs),
        reserve=ReserveTarget(kind=ReserveKind.AMOUNT, amount=Decimal(amount)),
    )


def once(month: int, amount: str) -> CostItem:
    return CostItem("bill", Category.OTHER, Decimal(amount), Frequency.ONCE, START + month)


def monthly_income(amount: str) -> IncomeStream:
    return IncomeStream("work", Pricing.FIXED, Frequency.MONTHLY, START, amount=Decimal(amount))


def test_touched_then_lost_then_held_again():
    # Balances: 600, 1200 (reached), 300 (a 1,500 bill: lost), 900, 1500, 2100 -> held from
    # month 4 (2027-05), while "reached" stays month 1 (2027-02).
    projection = plan(incomes=[monthly_income("600")], costs=[once(2, "1500")])
    kpis = project(projection)
    assert [float(b) for b in kpis.balance] == [600, 1200, 300, 900, 1500, 2100]
    assert kpis.kpis.reserve_reached_month == YearMonth(2027, 2)
    assert kpis.kpis.reserve_held_month == YearMonth(2027, 5)


def test_reached_but_lost_at_the_end_is_never_held():
    # 600, 1200, 1800, 2400, 3000, then a bill in the last month: with 2,600 the last balance
    # is 1000 (exactly the target: still held from February); with 2,700 it is 900: never.
    held = project(plan(incomes=[monthly_income("600")], costs=[once(5, "2600")]))
    assert held.kpis.reserve_held_month == YearMonth(2027, 2)
    lost = project(plan(incomes=[monthly_income("600")], costs=[once(5, "2700")]))
    assert lost.kpis.reserve_reached_month == YearMonth(2027, 2)
    assert lost.kpis.reserve_held_month is None


def test_held_from_the_first_month():
    # A starting balance of 5,000 never falls: held from month 0.
    kpis = project(plan(balance="5000")).kpis
    assert kpis.reserve_held_month == START
    assert kpis.reserve_reached_month == START
