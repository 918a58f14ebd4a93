"""The deterministic projection of DESIGN.md, "The planning model": month by month, vectorised."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from ecareer.projection import flows
from ecareer.projection.flows import cost_series, growth, income_series  # noqa: F401 (API)
from ecareer.projection.model import (
    Category,
    CostBasis,
    CostItem,
    Frequency,
    ReserveKind,
    Scenario,
    YearMonth,
)
from ecareer.projection.money import to_cents, to_tenths_down

# KPI comparisons (>= 0, < 0, >= target) allow this much float noise, in currency units: sums
# that are equal on paper may differ by ~1e-12 in float64; a millionth of a unit is far below
# a cent (so no shown figure changes) and far above the noise of sums of amounts up to ~1e8.
EPSILON = flows.EPSILON
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
    self_sufficient_lost_month: YearMonth | None = None
    owed_at_end: Decimal = Decimal("0.00")
    reserve_held_month: YearMonth | None = None  # v3: the cushion in place for good from here

    def as_dict(self) -> dict:
        """JSON-ready: months as "YYYY-MM" or None, amounts as Decimal."""

        def month(value):
            return None if value is None else str(value)

        return {
            "break_even_month": month(self.break_even_month),
            "self_sufficient_month": month(self.self_sufficient_month),
            "self_sufficient_lost_month": month(self.self_sufficient_lost_month),
            "depletion_month": month(self.depletion_month),
            "min_balance": self.min_balance,
            "min_balance_month": month(self.min_balance_month),
            "final_balance": self.final_balance,
            "reserve_reached_month": month(self.reserve_reached_month),
            "reserve_held_month": month(self.reserve_held_month),
            "runway_months": self.runway_months,
            "owed_at_end": self.owed_at_end,
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
    social_insurance: np.ndarray | None = None
    taxes_accrued: np.ndarray | None = None
    social_insurance_accrued: np.ndarray | None = None
    vat_due: np.ndarray | None = None
    vat_paid: np.ndarray | None = None
    registered: np.ndarray | None = None  # VAT status per month (bool); None: never registered
    owed_at_end: float = 0.0
    yearly: object | None = None  # regime de: germany.Yearly of the plan (one path)
    # v3 columns (DESIGN.md, "New CSV columns"); each a float array of the horizon's length
    # once the v3 engine fills it, None before (read None as zeros)
    pension_insurance: np.ndarray | None = None
    grants: np.ndarray | None = None
    sick_pay: np.ndarray | None = None
    loan_in: np.ndarray | None = None
    loan_interest: np.ndarray | None = None
    loan_repayment: np.ndarray | None = None
    depreciation: np.ndarray | None = None
    tax_profit: np.ndarray | None = None

    def rows(self, names: tuple[str, ...] | None = None) -> list[dict]:
        """One dict per month, DESIGN.md's columns (or only `names`), amounts as Decimal cents
        (half-up)."""
        columns = (
            ("income", self.income),
            ("business_costs", self.business_costs),
            ("taxes", self.taxes),
            ("living_costs", self.living_costs),
            ("net_cash_flow", self.net_cash_flow),
            ("balance", self.balance),
            ("reserve_target", self.reserve_target),
            ("social_insurance", self.social_insurance),
            ("taxes_accrued", self.taxes_accrued),
            ("social_insurance_accrued", self.social_insurance_accrued),
            ("vat_due", self.vat_due),
            ("vat_paid", self.vat_paid),
            ("outgoings", self.outgoings),
            *((name, getattr(self, name)) for name in V3_COLUMNS),
        )
        if names is not None:
            columns = tuple((name, values) for name, values in columns if name in names)
        lists = [(name, values.tolist()) for name, values in columns]
        return [
            {"month": str(month), **{name: to_cents(values[m]) for name, values in lists}}
            for m, month in enumerate(self.months)
        ]


V3_COLUMNS = (
    "pension_insurance",
    "grants",
    "sick_pay",
    "loan_in",
    "loan_interest",
    "loan_repayment",
    "depreciation",
    "tax_profit",
)


def recurring_series(item: CostItem, origin: YearMonth, horizon: int) -> np.ndarray:
    """A `fixed` item's monthly equivalent in each month it is active (for outgoings)."""
    out = np.zeros(horizon)
    if item.basis == CostBasis.INCOME_SHARE:
        return out
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
        * growth(offsets, item.annual_increase_pct)
    )
    return out


def _first(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if len(hits) else None


def _kpi_cents(value: float) -> Decimal:
    """Cents of a KPI; NaN for an overflowed amount (the caller refuses such a plan as too large:
    services.projection_of checks the balance, the CLI's money() raises ArithmeticError)."""
    return to_cents(value) if math.isfinite(value) else Decimal("NaN")


def _last(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[-1]) if len(hits) else None


def _breakdowns(scenario: Scenario, incomes, fixed, shares, registered):
    """Each stream's and each cost's amounts per month, net of VAT in registered months."""
    reg = None if registered is None else registered[:, 0]

    def net(series, factor):
        return series if reg is None else np.where(reg, series * factor, series)

    income_by_stream = tuple(
        net(series, flows.net_factor(stream))
        for stream, series in zip(scenario.incomes, incomes, strict=True)
    )
    by_name = {stream.name: i for i, stream in enumerate(scenario.incomes)}
    costs_by_item = []
    for item, fixed_series, share in zip(scenario.costs, fixed, shares, strict=True):
        keep = 1.0 / (1.0 + float(item.vat_rate_pct) / 100.0)
        if fixed_series is None:
            named = [by_name[item.income]] if item.income is not None else by_name.values()
            base = np.zeros(scenario.horizon_months)
            for i in named:
                base = base + share * income_by_stream[i]
            fixed_series = base
        costs_by_item.append(net(fixed_series, keep))
    return income_by_stream, tuple(costs_by_item)


def project(scenario: Scenario) -> Projection:
    """The deterministic projection of a scenario (DESIGN.md, "The planning model")."""
    horizon = scenario.horizon_months
    origin = scenario.start
    months = tuple(origin + m for m in range(horizon))
    index = np.arange(horizon)

    incomes, fixed, shares = flows.item_series(scenario, origin, horizon)
    co = flows.coefficients(scenario, incomes, fixed, shares)
    result = flows.run(scenario, co, 1.0, 1)
    registered = result.registered
    shape = (horizon, 1)
    # The same arithmetic as the profit in flows.run, kept apart for the table.
    income = flows._at(co.income_exempt, co.income_registered, 1.0, registered, shape)[:, 0]
    business_costs = flows._at(co.costs_exempt, co.costs_registered, 1.0, registered, shape)[:, 0]
    profit = result.profit[:, 0]
    income_by_stream, costs_by_item = _breakdowns(scenario, incomes, fixed, shares, registered)
    performance = [
        s for s, i in zip(income_by_stream, scenario.incomes, strict=True) if i.performance_based
    ]
    performance_income = np.sum(performance, axis=0) if performance else np.zeros(horizon)
    costs_by_category: dict[Category, np.ndarray] = {}
    for item, series in zip(scenario.costs, costs_by_item, strict=True):
        category = Category(item.category)
        costs_by_category[category] = costs_by_category.get(category, 0) + series

    extra = co.extra
    zeros = np.zeros(horizon)
    loan_interest = extra.loan_interest.copy()
    loan_repayment = extra.loan_repayment.copy()
    depreciation = np.zeros(horizon)
    reg0 = None if registered is None else registered[:, 0]
    for w in extra.write_offs:
        cost = w.gross * (w.keep if reg0 is not None and reg0[w.month] else 1.0)
        depreciation[w.month : w.month + w.months] += cost / w.months
    tax_profit = result.tax_profit[:, 0].copy()
    pension = zeros.copy() if result.pension is None else result.pension[:, 0].copy()
    taxes = result.taxes[:, 0]
    social = result.social_insurance[:, 0]
    taxes_accrued = result.taxes_accrued[:, 0]
    social_accrued = result.social_insurance_accrued[:, 0]
    vat_due = result.vat_due[:, 0]
    vat_paid = result.vat_paid[:, 0]
    living = float(scenario.living_monthly) * (
        1.0 + float(scenario.living_increase_pct) / 100.0
    ) ** (index // 12)
    # flows.run built the net cash flow as the simulation does (risk.path_balances)
    net = result.net.copy()
    net -= living[:, None]
    balance = np.cumsum(net, axis=0)
    balance += float(scenario.starting_balance)
    net, balance = net[:, 0], balance[:, 0]
    recurring = [recurring_series(c, origin, horizon) for c in scenario.costs]
    outgoings = living + social_accrued + (np.sum(recurring, axis=0) if recurring else 0.0)
    if extra.loan_interest.any() or extra.loan_repayment.any():
        outgoings = outgoings + (loan_interest + loan_repayment)
    reserve = scenario.reserve
    if reserve.kind == ReserveKind.MONTHS:
        reserve_target = float(reserve.months or 0) * outgoings
    else:
        reserve_target = np.full(horizon, float(reserve.amount or 0))

    def month_of(m: int | None) -> YearMonth | None:
        return None if m is None else months[m]

    # interest is a business expense for break-even and self-sufficiency (DESIGN.md, "Loans")
    after_tax = (
        profit - taxes_accrued
        if not loan_interest.any()
        else (profit - loan_interest - taxes_accrued)
    )
    # The first month of the lowest balance, float noise aside (as the other month KPIs); a
    # balance that overflowed to NaN matches nothing, and such a plan is refused as too large.
    min_index = _first(balance <= balance.min() + EPSILON)
    if min_index is None:
        min_index = int(np.argmin(balance))
    outgoings_0 = outgoings[0]
    # outgoings are sums of non-negative terms, so exactly 0.0 means "no outgoings at all"
    runway = (
        None
        if outgoings_0 == 0 or not math.isfinite(outgoings_0)
        else to_tenths_down(float(scenario.starting_balance) / outgoings_0)
    )
    self_sufficient = after_tax - social_accrued >= living - EPSILON
    first_sufficient = _first(self_sufficient)
    last_sufficient = _last(self_sufficient)
    lost = None
    if first_sufficient is not None and last_sufficient < horizon - 1:
        lost = last_sufficient + 1
    owed = float(result.owed_at_end[0])
    held = balance >= reserve_target - EPSILON
    last_below = _last(~held)
    held_index = 0 if last_below is None else last_below + 1
    kpis = Kpis(
        break_even_month=month_of(_first(np.cumsum(after_tax) >= -EPSILON)),
        self_sufficient_month=month_of(first_sufficient),
        depletion_month=month_of(_first(balance < -EPSILON)),
        min_balance=_kpi_cents(balance[min_index]),
        min_balance_month=months[min_index],
        final_balance=_kpi_cents(balance[-1]),
        reserve_reached_month=month_of(_first(balance >= reserve_target - EPSILON)),
        runway_months=runway,
        self_sufficient_lost_month=month_of(lost),
        owed_at_end=_kpi_cents(owed),
        reserve_held_month=month_of(held_index if held_index < horizon else None),
    )
    arrays = (income, business_costs, profit, taxes, living, net, balance, outgoings)
    more = (social, taxes_accrued, social_accrued, vat_due, vat_paid)
    v3 = (
        pension,
        extra.grants.copy(),
        zeros,
        extra.loan_in.copy(),
        loan_interest,
        loan_repayment,
        depreciation,
        tax_profit,
    )
    breakdowns = (*income_by_stream, *costs_by_item, *costs_by_category.values())
    for array in (*arrays, *more, *v3, reserve_target, performance_income, *breakdowns):
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
        social_insurance=social,
        taxes_accrued=taxes_accrued,
        social_insurance_accrued=social_accrued,
        vat_due=vat_due,
        vat_paid=vat_paid,
        registered=None if registered is None else registered[:, 0],
        owed_at_end=owed,
        yearly=result.yearly,
        **dict(zip(V3_COLUMNS, v3, strict=True)),
    )
