"""The founder's financial plan (DESIGN.md, "The founder's financial plan (Finanzplan)").

Six parts, for the start year and the two calendar years after it, assembled from one
`Projection` alone: its monthly arrays and breakdowns are rounded to cents here (each figure on
its own, as the CSV rounds them), and sums are sums of those cents. Nothing is computed again
from the scenario's inputs; the only inputs read are names, categories, the loans' amounts and
which one-off costs are written off.

Lines carry a `key` (what they are: "sales", a cost category, ...) and, for lines that stand
for something the user named (an income stream, a loan), that `name`; the web turns keys into
words in the user's language. Pure Python + numpy: nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from ecareer.projection.engine import Projection
from ecareer.projection.model import Category, Frequency, HealthInsurance, TaxRegime, YearMonth
from ecareer.projection.money import to_cents

FIRST_MONTHS = 12  # "a typical month of the first 12 months", capital needs of the first 12
PLAN_YEARS = 3  # the start year ("Rumpfjahr") and two calendar years after it
ZERO = Decimal("0.00")
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Line:
    """One row: its values (one per column: a month, a year, or a single amount)."""

    key: str
    values: tuple[Decimal, ...]
    name: str = ""  # a user-entered name (income stream, loan) where the line stands for one
    total: bool = False  # a sum or result line
    shares: tuple[Decimal | None, ...] = ()  # profitability: each value in % of sales


@dataclass(frozen=True, slots=True)
class Group:
    """A titled set of lines inside a part ("in", "out", ...); key "" for no title."""

    key: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class FinancialPlan:
    currency: str
    regime: TaxRegime
    months: tuple[YearMonth, ...]  # the plan's months in the financial plan's period
    years: tuple[int, ...]  # the calendar years of those months
    first_months: int  # how many months "the first 12 months" has (a shorter plan: fewer)
    full_period: bool  # the plan covers the start year and two more in full
    living: tuple[Line, ...]  # one value each: a typical month
    capital: tuple[Group, ...]  # one value each
    financing: tuple[Group, ...]  # one value each
    financing_covered: bool  # own funds and loans reach the capital needs
    sales_monthly: tuple[Line, ...]  # one value per month
    sales_yearly: tuple[Line, ...]  # one value per year
    profitability: tuple[Line, ...]  # one value per year, with shares
    liquidity: tuple[Group, ...]  # one value per month
    without_grant: tuple[Line, ...]  # one value per month; empty when the plan has no grant
    notes: tuple[str, ...] = field(default=())  # keys of what the plan leaves out


def _column(projection: Projection, name: str) -> np.ndarray:
    """A v3 column, or zeros where the engine does not fill it (None)."""
    values = getattr(projection, name, None)
    if values is None:
        return np.zeros(len(projection.months))
    return np.asarray(values, dtype=float)


def _cents(values) -> tuple[Decimal, ...]:
    return tuple(to_cents(float(v)) for v in values)


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def _by_year(cents: tuple[Decimal, ...], years_of_months: list[int], years) -> tuple:
    """The cents of each month summed per calendar year."""
    return tuple(
        _sum(v for v, y in zip(cents, years_of_months, strict=True) if y == year) for year in years
    )


def _average(cents: tuple[Decimal, ...]) -> Decimal:
    if not cents:
        return ZERO
    value = (_sum(cents) / len(cents)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return value if value != 0 else ZERO


def period_length(start: YearMonth, horizon: int) -> int:
    """Months from the start to the December two calendar years on, cut to the horizon."""
    return min(horizon, 12 - (start.month - 1) + 12 * (PLAN_YEARS - 1))


def _trade_tax_by_year(projection: Projection, years: int) -> np.ndarray:
    """GewSt_Y of the plan's calendar years (0 without trade tax or in regime flat)."""
    yearly = projection.yearly
    trade = getattr(yearly, "trade_tax", None)
    if trade is None:
        return np.zeros(years)
    values = np.asarray(trade, dtype=float).reshape(len(trade), -1)[:, 0]
    out = np.zeros(years)
    out[: min(years, len(values))] = values[:years]
    return out


def _written_off(projection: Projection) -> list[bool]:
    """Which cost items are one-off costs written off over years (their cost is depreciation).

    Only where the engine fills the depreciation column: before it does, it deducts them
    when paid, and so does this plan."""
    if projection.depreciation is None:
        return [False] * len(projection.scenario.costs)
    return [item.useful_life_years > 0 for item in projection.scenario.costs]


def build(projection: Projection) -> FinancialPlan:
    """The six parts of the financial plan of one projection."""
    scenario = projection.scenario
    horizon = len(projection.months)
    length = period_length(scenario.start, horizon)
    months = projection.months[:length]
    month_years = [m.year for m in months]
    years = tuple(sorted(set(month_years)))
    first = min(FIRST_MONTHS, horizon)
    regime = scenario.tax.regime
    lead = scenario.start.month - 1

    pension = _column(projection, "pension_insurance")
    grants = _column(projection, "grants")
    loan_in = _column(projection, "loan_in")
    interest = _column(projection, "loan_interest")
    repayment = _column(projection, "loan_repayment")
    depreciation = _column(projection, "depreciation")
    sick_pay = _column(projection, "sick_pay")
    tax_profit = (
        projection.profit if projection.tax_profit is None else np.asarray(projection.tax_profit)
    )
    social_accrued = _column(projection, "social_insurance_accrued")
    social = _column(projection, "social_insurance")

    # Trade tax accrued per month, GewSt_Y / n_Y (the accrued taxes hold it with the income tax).
    plan_years = (lead + horizon + 11) // 12
    trade_years = _trade_tax_by_year(projection, plan_years)
    index_years = np.array([(lead + m) // 12 for m in range(horizon)])
    counts = np.bincount(index_years, minlength=plan_years).astype(float)
    trade_accrued = trade_years[index_years] / counts[index_years]

    # 1. Private living costs: a typical month of the first 12 months.
    span = slice(0, first)
    typical = {
        "living_costs": _average(_cents(projection.living_costs[span])),
        "health_care": _average(_cents((social_accrued - pension)[span])),
        "pension": _average(_cents(pension[span])),
        "income_tax" if regime == TaxRegime.DE else "flat_tax": _average(
            _cents((_column(projection, "taxes_accrued") - trade_accrued)[span])
        ),
    }
    living = [Line(key, (value,)) for key, value in typical.items()]
    living.append(Line("minimum_profit", (_sum(typical.values()),), total=True))

    # 2. Capital needs: the one-off costs of the first 12 months by category, working capital,
    # the reserve target at the start.
    one_off = np.zeros(horizon)
    by_category: dict[Category, np.ndarray] = {}
    for item, series in zip(scenario.costs, projection.costs_by_item, strict=True):
        if item.frequency != Frequency.ONCE:
            continue
        category = Category(item.category)
        by_category[category] = by_category.get(category, 0) + series
        one_off = one_off + series
    investment_lines = []
    for category in Category:
        if category in by_category:
            amount = to_cents(float(np.sum(by_category[category][span])))
            if amount != 0:
                investment_lines.append(Line(category.value, (amount,)))
    investments = _sum(line.values[0] for line in investment_lines)
    operating = projection.net_cash_flow + one_off - loan_in + interest + repayment - grants
    deepest = float(np.min(np.cumsum(operating[span]))) if first else 0.0
    working_capital = to_cents(max(0.0, -deepest))
    reserve = to_cents(float(projection.reserve_target[0])) if horizon else ZERO
    capital_total = investments + working_capital + reserve
    capital = (
        Group(
            "investments",
            (*investment_lines, Line("investments_total", (investments,), total=True)),
        ),
        Group(
            "",
            (
                Line("working_capital", (working_capital,)),
                Line("reserve", (reserve,)),
                Line("capital_total", (capital_total,), total=True),
            ),
        ),
    )

    # 3. Financing: own funds and each loan paid out in the period; the grant apart.
    own = to_cents(scenario.starting_balance)
    loans = [
        Line("loan", (to_cents(loan.amount),), name=loan.name)
        for loan in scenario.loans
        if 0 <= loan.start - scenario.start < length
    ]
    funds = own + _sum(line.values[0] for line in loans)
    gap = funds - capital_total
    financing = (
        Group(
            "",
            (
                Line("own_funds", (own,)),
                *loans,
                Line("financing_total", (funds,), total=True),
                Line("capital_total", (capital_total,)),
                Line("covered" if gap >= 0 else "short", (abs(gap),), total=True),
            ),
        ),
        Group("not_counted", (Line("start_grant", (to_cents(float(np.sum(grants[:length]))),)),)),
    )

    # 4. Sales plan: each income stream by month (net of VAT), and the year's sums.
    period = slice(0, length)
    stream_cents = [_cents(series[period]) for series in projection.income_by_stream]
    income_cents = _cents(projection.income[period])
    sales_monthly = (
        *(
            Line("stream", cents, name=stream.name)
            for stream, cents in zip(scenario.incomes, stream_cents, strict=True)
        ),
        Line("sales_total", income_cents, total=True),
    )
    sales_yearly = tuple(
        Line(line.key, _by_year(line.values, month_years, years), name=line.name, total=line.total)
        for line in sales_monthly
    )

    # 5. Profitability by calendar year.
    written_off = _written_off(projection)

    def yearly(values) -> tuple[Decimal, ...]:
        return _by_year(_cents(np.asarray(values)[period]), month_years, years)

    category_costs: dict[Category, np.ndarray] = {}
    items = zip(scenario.costs, projection.costs_by_item, written_off, strict=True)
    for item, series, off in items:
        if not off:
            category = Category(item.category)
            category_costs[category] = category_costs.get(category, 0) + series
    sales = yearly(projection.income)
    goods = yearly(category_costs.get(Category.GOODS, np.zeros(horizon)))
    gross = tuple(s - g for s, g in zip(sales, goods, strict=True))
    others = [
        (category.value, yearly(category_costs[category]))
        for category in Category
        if category != Category.GOODS and category in category_costs
    ]
    operating_result = yearly(tax_profit)
    first_year = scenario.start.year
    trade_tax = tuple(to_cents(float(trade_years[year - first_year])) for year in years)
    before_own = tuple(r - t for r, t in zip(operating_result, trade_tax, strict=True))
    rows = [
        ("sales", sales, True),
        ("goods", goods, False),
        ("gross_profit", gross, True),
        *((key, values, False) for key, values in others if any(values)),
        ("depreciation", yearly(depreciation), False),
        ("interest", yearly(interest), False),
        ("operating_result", operating_result, True),
        ("trade_tax", trade_tax, False),
        ("result_before_own", before_own, True),
    ]
    profitability = tuple(
        Line(key, values, total=total, shares=_shares(values, sales))
        for key, values, total in rows
        if total or any(values) or key in ("goods", "depreciation", "interest")
    )

    # 6. Liquidity plan by month.
    balance = _cents(projection.balance[period])
    opening = (to_cents(scenario.starting_balance), *balance[:-1])
    by_cat = projection.costs_by_category
    ins = [
        ("sales", projection.income),
        ("vat_due", _column(projection, "vat_due")),
        ("start_grant", grants),
        ("loan_in", loan_in),
        ("sick_pay", sick_pay),
    ]
    outs = [(c.value, by_cat[c]) for c in Category if c in by_cat]
    outs += [
        ("vat_paid", _column(projection, "vat_paid")),
        ("taxes", projection.taxes),
        ("health_care", social - pension),
        ("pension", pension),
        ("interest", interest),
        ("repayment", repayment),
        ("private_withdrawals", projection.living_costs),
    ]
    kept = ("sales", "private_withdrawals")
    in_lines = [Line(k, _cents(v[period])) for k, v in ins]
    out_lines = [Line(k, _cents(v[period])) for k, v in outs]
    in_lines = [line for line in in_lines if line.key in kept or any(line.values)]
    out_lines = [line for line in out_lines if line.key in kept or any(line.values)]

    def total(key, lines):
        return Line(key, tuple(_sum(c) for c in zip(*(ln.values for ln in lines), strict=True)))

    liquidity = (
        Group("", (Line("opening", opening),)),
        Group("in", (*in_lines, replace(total("total_in", in_lines), total=True))),
        Group("out", (*out_lines, replace(total("total_out", out_lines), total=True))),
        Group("", (Line("closing", balance, total=True),)),
    )
    received = np.cumsum(grants)[period]
    without_grant: tuple[Line, ...] = ()
    if np.any(grants[period] != 0):
        without_grant = (
            Line("grant_so_far", _cents(received)),
            Line("closing_without_grant", _cents(projection.balance[period] - received), True),
        )

    notes = ["personnel", "insurances", "private_pension" if not any(pension) else ""]
    notes += ["flat_tax" if regime == TaxRegime.FLAT else ""]
    other_health = regime == TaxRegime.DE and scenario.tax.health_insurance == HealthInsurance.OTHER
    notes += ["health_other" if other_health else ""]
    notes += ["short_plan" if length < period_length(scenario.start, 10**6) else ""]
    notes += ["no_grant" if not without_grant else ""]
    return FinancialPlan(
        currency=scenario.currency,
        regime=regime,
        months=months,
        years=years,
        first_months=first,
        full_period=length == period_length(scenario.start, 10**6),
        living=tuple(living),
        capital=capital,
        financing=financing,
        financing_covered=gap >= 0,
        sales_monthly=sales_monthly,
        sales_yearly=sales_yearly,
        profitability=profitability,
        liquidity=liquidity,
        without_grant=without_grant,
        notes=tuple(n for n in notes if n),
    )


def _shares(values: tuple[Decimal, ...], sales: tuple[Decimal, ...]) -> tuple[Decimal | None, ...]:
    """Each value in percent of the year's sales, one decimal; None where there are no sales."""
    return tuple(
        (v / s * 100).quantize(_TENTH, rounding=ROUND_HALF_UP) if s != 0 else None
        for v, s in zip(values, sales, strict=True)
    )
