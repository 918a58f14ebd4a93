"""The deterministic projection of DESIGN.md, "The planning model": month by month, vectorised."""

from __future__ import annotations

from dataclasses import dataclass, field
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

# Tolerance for float noise in comparisons of sums that are exactly equal on paper.
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
    costs_by_category: dict[Category, np.ndarray] = field(default_factory=dict)
    kpis: Kpis | None = None

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


def calendar_months(origin: YearMonth, horizon: int) -> np.ndarray:
    """The calendar month (1..12) of each month index."""
    return (origin.month - 1 + np.arange(horizon)) % 12 + 1


def ytd_taxes(profit: np.ndarray, rate_pct: float, january: np.ndarray) -> np.ndarray:
    """Taxes on the year-to-date profit of each calendar year, for one or many paths (last axis).

    `january` marks the months where the year-to-date restarts (every January and month 0).
    """
    year = np.cumsum(january) - 1
    cumulative = np.cumsum(profit, axis=-1)
    starts = np.flatnonzero(january)
    carried = np.zeros((*profit.shape[:-1], len(starts)))  # cumulative profit before each year
    carried[..., 1:] = cumulative[..., starts[1:] - 1]
    ytd = cumulative - carried[..., year]
    previous = np.zeros_like(ytd)
    previous[..., 1:] = ytd[..., :-1]
    previous[..., january] = 0.0
    return rate_pct / 100.0 * (np.maximum(ytd, 0.0) - np.maximum(previous, 0.0))


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
    january = calendar_months(origin, horizon) == 1
    january[0] = True
    taxes = ytd_taxes(profit, float(scenario.tax_rate_pct), january)
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
    min_index = int(np.argmin(balance))
    outgoings_0 = outgoings[0]
    runway = (
        None
        if abs(outgoings_0) < EPSILON
        else to_tenths_down(float(scenario.starting_balance) / outgoings_0)
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
