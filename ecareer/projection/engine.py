"""The deterministic projection of DESIGN.md, "The planning model": month by month, vectorised."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from ecareer.projection.model import (
    Category,
    CostItem,
    Frequency,
    IncomeStream,
    ReserveKind,
    Scenario,
    YearMonth,
)
from ecareer.projection.money import to_cents, to_tenths_down

# KPI comparisons (>= 0, < 0, >= target) allow this much float noise, in currency units: sums
# that are equal on paper may differ by ~1e-12 in float64; a millionth of a unit is far below
# a cent (so no shown figure changes) and far above the noise of sums of amounts up to ~1e8.
EPSILON = 1e-6
_STEP = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}
_PER_MONTH = {
    Frequency.ONCE: 0.0,
    Frequency.MONTHLY: 1.0,
    Frequency.QUARTERLY: 1 / 3,
    Frequency.YEARLY: 1 / 12,
}


@dataclass(frozen=True, slots=True)
class Kpis:
    """The headline figures of a projection; months are None when they never happen."""

    break_even_month: YearMonth | None
    self_sufficient_month: YearMonth | None
    depletion_month: YearMonth | None
    min_balance: Decimal
    min_balance_month: YearMonth
    final_balance: Decimal
    reserve_reached_month: YearMonth | None
    runway_months: Decimal | None

    def as_dict(self) -> dict:
        """JSON-ready: months as "YYYY-MM" or None, amounts as Decimal."""

        def month(value):
            return None if value is None else str(value)

        return {
            "break_even_month": month(self.break_even_month),
            "self_sufficient_month": month(self.self_sufficient_month),
            "depletion_month": month(self.depletion_month),
            "min_balance": self.min_balance,
            "min_balance_month": month(self.min_balance_month),
            "final_balance": self.final_balance,
            "reserve_reached_month": month(self.reserve_reached_month),
            "runway_months": self.runway_months,
        }


@dataclass(frozen=True, eq=False)
class Projection:
    """The monthly table of a scenario, its breakdowns and KPIs (float64, rounded on output)."""

    scenario: Scenario
    months: tuple[YearMonth, ...]
    income: np.ndarray
    business_costs: np.ndarray
    profit: np.ndarray
    taxes: np.ndarray
    living_costs: np.ndarray
    net_cash_flow: np.ndarray
    balance: np.ndarray
    outgoings: np.ndarray
    reserve_target: np.ndarray
    performance_income: np.ndarray
    income_by_stream: tuple[np.ndarray, ...]
    costs_by_item: tuple[np.ndarray, ...]
    costs_by_category: dict[Category, np.ndarray]
    kpis: Kpis

    def rows(self) -> list[dict]:
        """One dict per month, DESIGN.md's columns, amounts as Decimal cents (half-up)."""
        columns = (
            ("income", self.income),
            ("business_costs", self.business_costs),
            ("taxes", self.taxes),
            ("living_costs", self.living_costs),
            ("net_cash_flow", self.net_cash_flow),
            ("balance", self.balance),
            ("reserve_target", self.reserve_target),
            ("outgoings", self.outgoings),
        )
        lists = [(name, values.tolist()) for name, values in columns]
        return [
            {"month": str(month), **{name: to_cents(values[m]) for name, values in lists}}
            for m, month in enumerate(self.months)
        ]


def _schedule(
    start: YearMonth, end: YearMonth | None, frequency: Frequency, origin: YearMonth, horizon: int
):
    """Month indices (0..H-1) where an item occurs, and their offsets m - s from its start."""
    s = start - origin
    last = horizon - 1 if end is None else min(horizon - 1, end - origin)
    if frequency == Frequency.ONCE:
        months = np.array([s] if 0 <= s <= last else [], dtype=np.int64)
    else:
        step = _STEP[frequency]
        first = s if s >= 0 else s + (-s + step - 1) // step * step  # first occurrence >= 0
        months = np.arange(first, last + 1, step, dtype=np.int64)
    return months, months - s


def _growth(offsets: np.ndarray, annual_increase_pct: Decimal) -> np.ndarray:
    return (1.0 + float(annual_increase_pct) / 100.0) ** (offsets // 12)


def cost_series(item: CostItem, origin: YearMonth, horizon: int) -> np.ndarray:
    """The item's business costs per month: amount x share x growth."""
    out = np.zeros(horizon)
    months, offsets = _schedule(item.start, item.end, item.frequency, origin, horizon)
    out[months] = (
        float(item.amount)
        * float(item.share_pct)
        / 100.0
        * _growth(offsets, item.annual_increase_pct)
    )
    return out


def income_series(item: IncomeStream, origin: YearMonth, horizon: int) -> np.ndarray:
    """The stream's income per month: base x growth x ramp-up."""
    out = np.zeros(horizon)
    months, offsets = _schedule(item.start, item.end, item.frequency, origin, horizon)
    ramp_months = item.ramp_up_months
    if ramp_months >= 1 and item.frequency != Frequency.ONCE:
        ramp = np.minimum(1.0, (offsets + 1) / ramp_months)
    else:
        ramp = 1.0
    out[months] = float(item.base) * _growth(offsets, item.annual_increase_pct) * ramp
    return out


def recurring_series(item: CostItem, origin: YearMonth, horizon: int) -> np.ndarray:
    """The item's monthly equivalent in each month it is active (for outgoings)."""
    out = np.zeros(horizon)
    per_month = _PER_MONTH[item.frequency]
    if per_month == 0:
        return out
    s = item.start - origin
    last = horizon - 1 if item.end is None else min(horizon - 1, item.end - origin)
    first = max(0, s)
    if first > last:
        return out
    offsets = np.arange(first, last + 1) - s
    out[first : last + 1] = (
        float(item.amount)
        * float(item.share_pct)
        / 100.0
        * per_month
        * _growth(offsets, item.annual_increase_pct)
    )
    return out


def ytd_taxes(profit: np.ndarray, rate_pct: float, first_calendar_month: int) -> np.ndarray:
    """Taxes on the year-to-date profit of each calendar year, for one or many paths (last axis).

    taxes_m = rate x (max(0, YTD_m) - max(0, YTD_{m-1})), with YTD_{m-1} = 0 in January and in
    month 0. The months are laid out as whole calendar years (zeros before month 0 and after
    the horizon), so each year's YTD is a cumsum of that year alone: no noise carried across years.
    """
    lead = first_calendar_month - 1
    horizon = profit.shape[-1]
    years = -(-(lead + horizon) // 12)
    shape = profit.shape[:-1]
    ytd = np.zeros((*shape, years, 12))
    ytd.reshape(*shape, years * 12)[..., lead : lead + horizon] = profit
    np.cumsum(ytd, axis=-1, out=ytd)
    np.maximum(ytd, 0.0, out=ytd)
    taxes = np.empty_like(ytd)
    taxes[..., 0] = ytd[..., 0]
    np.subtract(ytd[..., 1:], ytd[..., :-1], out=taxes[..., 1:])
    del ytd
    taxes *= rate_pct / 100.0
    return taxes.reshape(*shape, years * 12)[..., lead : lead + horizon]


def _first(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if len(hits) else None


def project(scenario: Scenario) -> Projection:
    """The deterministic projection of a scenario (DESIGN.md, "The planning model")."""
    horizon = scenario.horizon_months
    origin = scenario.start
    months = tuple(origin + m for m in range(horizon))
    index = np.arange(horizon)

    costs_by_item = tuple(cost_series(c, origin, horizon) for c in scenario.costs)
    income_by_stream = tuple(income_series(i, origin, horizon) for i in scenario.incomes)
    business_costs = np.sum(costs_by_item, axis=0) if costs_by_item else np.zeros(horizon)
    income = np.sum(income_by_stream, axis=0) if income_by_stream else np.zeros(horizon)
    performance = [
        s for s, i in zip(income_by_stream, scenario.incomes, strict=True) if i.performance_based
    ]
    performance_income = np.sum(performance, axis=0) if performance else np.zeros(horizon)
    costs_by_category: dict[Category, np.ndarray] = {}
    for item, series in zip(scenario.costs, costs_by_item, strict=True):
        category = Category(item.category)
        costs_by_category[category] = costs_by_category.get(category, 0) + series

    profit = income - business_costs
    taxes = ytd_taxes(profit, float(scenario.tax_rate_pct), origin.month)
    living = float(scenario.living_monthly) * (
        1.0 + float(scenario.living_increase_pct) / 100.0
    ) ** (index // 12)
    net = income - business_costs - taxes - living
    balance = float(scenario.starting_balance) + np.cumsum(net)
    recurring = [recurring_series(c, origin, horizon) for c in scenario.costs]
    outgoings = living + (np.sum(recurring, axis=0) if recurring else 0.0)
    reserve = scenario.reserve
    if reserve.kind == ReserveKind.MONTHS:
        reserve_target = float(reserve.months or 0) * outgoings
    else:
        reserve_target = np.full(horizon, float(reserve.amount or 0))

    def month_of(m: int | None) -> YearMonth | None:
        return None if m is None else months[m]

    after_tax = income - business_costs - taxes
    # The first month of the lowest balance, float noise aside (as the other month KPIs); a
    # balance that overflowed to NaN matches nothing, and such a plan is refused as too large.
    min_index = _first(balance <= balance.min() + EPSILON)
    if min_index is None:
        min_index = int(np.argmin(balance))
    outgoings_0 = outgoings[0]
    # outgoings are sums of non-negative terms, so exactly 0.0 means "no outgoings at all"
    runway = (
        None if outgoings_0 == 0 else to_tenths_down(float(scenario.starting_balance) / outgoings_0)
    )
    kpis = Kpis(
        break_even_month=month_of(_first(np.cumsum(after_tax) >= -EPSILON)),
        self_sufficient_month=month_of(_first(after_tax >= living - EPSILON)),
        depletion_month=month_of(_first(balance < -EPSILON)),
        min_balance=to_cents(balance[min_index]),
        min_balance_month=months[min_index],
        final_balance=to_cents(balance[-1]),
        reserve_reached_month=month_of(_first(balance >= reserve_target - EPSILON)),
        runway_months=runway,
    )
    arrays = (income, business_costs, profit, taxes, living, net, balance, outgoings)
    breakdowns = (*income_by_stream, *costs_by_item, *costs_by_category.values())
    for array in (*arrays, reserve_target, performance_income, *breakdowns):
        array.flags.writeable = False  # a projection may be cached and shared: keep it intact
    return Projection(
        scenario=scenario,
        months=months,
        income=income,
        business_costs=business_costs,
        profit=profit,
        taxes=taxes,
        living_costs=living,
        net_cash_flow=net,
        balance=balance,
        outgoings=outgoings,
        reserve_target=reserve_target,
        performance_income=performance_income,
        income_by_stream=income_by_stream,
        costs_by_item=costs_by_item,
        costs_by_category=costs_by_category,
        kpis=kpis,
    )
