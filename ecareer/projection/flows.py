"""The money of a plan or of many simulated paths at once: income, costs, VAT, taxes, balance.

Every income stream's path income is its plan income times 1 (not performance-based) or the
path's kept share k[m, p] (performance-based). So each monthly figure of a path is
a[m] x k[m, p] + b[m] with plan-level series a and b: one pair for an exempt month and one for a
registered month (VAT). `Coefficients` holds these pairs, built once from the items; `run`
evaluates them for a (H, paths) array of kept shares, decides the VAT status path by path,
and applies the tax regime. The plan is the one path with k = 1, so a riskless path repeats the
plan's arithmetic bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

import numpy as np

from ecareer.projection import deadline, germany
from ecareer.projection.model import (
    CostBasis,
    CostItem,
    Frequency,
    IncomeStream,
    Loan,
    LoanKind,
    Scenario,
    StartGrant,
    TaxRegime,
    VatStatus,
    YearMonth,
)

EPSILON = 1e-6
FOUNDING_LIMIT = 25_000.0
LATER_LIMIT = 100_000.0
MONTHLY_RETURNS_ABOVE = 9_000.0
_STEP = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


def schedule(
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


def growth(offsets: np.ndarray, annual_increase_pct) -> np.ndarray:
    """(1 + increase) ** floor(offset / 12), one power per year rather than one per month."""
    if annual_increase_pct == 0:
        return np.ones(len(offsets))
    years = offsets // 12
    if len(years) == 0:
        return np.zeros(0)
    first = int(years[0])
    factors = (1.0 + float(annual_increase_pct) / 100.0) ** np.arange(first, int(years[-1]) + 1)
    return factors[years - first]


def cost_series(item: CostItem, origin: YearMonth, horizon: int) -> np.ndarray:
    """A `fixed` item's costs per month as entered: amount x share x growth."""
    out = np.zeros(horizon)
    months, offsets = schedule(item.start, item.end, item.frequency, origin, horizon)
    out[months] = (
        float(item.amount)
        * float(item.share_pct)
        / 100.0
        * growth(offsets, item.annual_increase_pct)
    )
    return out


def share_series(item: CostItem, origin: YearMonth, horizon: int) -> np.ndarray:
    """An `income_share` item's fraction of its income in each month of [s, e] in the horizon."""
    out = np.zeros(horizon)
    s = item.start - origin
    last = horizon - 1 if item.end is None else min(horizon - 1, item.end - origin)
    if max(0, s) <= last:
        out[max(0, s) : last + 1] = float(item.amount) / 100.0 * float(item.share_pct) / 100.0
    return out


def income_series(item: IncomeStream, origin: YearMonth, horizon: int) -> np.ndarray:
    """The stream's income per month as entered: base x growth x ramp-up."""
    out = np.zeros(horizon)
    months, offsets = schedule(item.start, item.end, item.frequency, origin, horizon)
    ramp_months = item.ramp_up_months
    if ramp_months >= 1 and item.frequency != Frequency.ONCE:
        ramp = np.minimum(1.0, (offsets + 1) / ramp_months)
    else:
        ramp = 1.0
    out[months] = float(item.base) * growth(offsets, item.annual_increase_pct) * ramp
    return out


def net_factor(item: IncomeStream) -> float:
    """Net income per unit entered in a registered month."""
    rate = float(item.vat_rate_pct)
    return 1.0 / (1.0 + rate / 100.0) if item.prices_include_vat else 1.0


def output_vat_factor(item: IncomeStream) -> float:
    rate = float(item.vat_rate_pct)
    return rate / (100.0 + rate) if item.prices_include_vat else rate / 100.0


class _Pair:
    """a x k + b, with a and b plan-level series (a: performance-based income's part)."""

    def __init__(self, horizon: int) -> None:
        self.a = np.zeros(horizon)
        self.b = np.zeros(horizon)

    def add(self, series: np.ndarray, performance_based: bool) -> None:
        if performance_based:
            self.a += series
        else:
            self.b += series

    def at(self, kept):
        """The path values, (H, paths) for kept (H, paths), (H, 1) for kept 1.0."""
        out = np.multiply(self.a[:, None], kept)
        out += self.b[:, None]
        return out

    def minus(self, other: _Pair) -> _Pair:
        pair = _Pair(len(self.a))
        pair.a = self.a - other.a
        pair.b = self.b - other.b
        return pair


_CENT = Decimal("0.01")
GRANT_TOP_UP = Decimal(300)  # the start grant's 300 a month for social insurance
GRANT_FIRST_MONTHS = 6
GRANT_SECOND_MONTHS = 9


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=256)
def loan_schedule(loan: Loan, origin, horizon: int) -> tuple[tuple[Decimal, ...], ...]:
    """(paid out, interest, repayment) of one loan in each plan month, exact cents in Decimal.

    DESIGN.md, "Loans": interest_m = round_cents(outstanding after m-1 x i) in each month after
    the payout; in the k-th of the repay months after the grace months an annuity pays a fixed
    round_cents(amount x i / (1 - (1 + i) ** -n)) (amount / n without interest) and a linear loan
    round_cents(amount / n) plus interest; the last month repays the rest, and no month more
    than is outstanding. Months past the horizon are left out.
    """
    zero = Decimal("0.00")
    paid_out, interest, repayment = [zero] * horizon, [zero] * horizon, [zero] * horizon
    s = loan.start - origin
    if not 0 <= s < horizon:
        return tuple(paid_out), tuple(interest), tuple(repayment)
    with localcontext(prec=40):
        amount = Decimal(loan.amount)
        i = Decimal(loan.interest_pct) / 1200
        n = int(loan.repay_months)
        if i == 0:
            annuity = round_cents(amount / n)
        else:
            annuity = round_cents(amount * i / (1 - (1 + i) ** -n))
        linear = round_cents(amount / n)
        paid_out[s] = round_cents(amount)
        outstanding = round_cents(amount)
        for m in range(s + 1, horizon):
            if outstanding <= 0:
                break
            charged = round_cents(outstanding * i)
            k = m - s - int(loan.grace_months)
            repaid = zero
            if k >= n:
                repaid = outstanding
            elif k >= 1:
                repaid = annuity - charged if loan.kind == LoanKind.ANNUITY else linear
                repaid = min(max(repaid, zero), outstanding)
            interest[m] = charged
            repayment[m] = repaid
            outstanding -= repaid
    return tuple(paid_out), tuple(interest), tuple(repayment)


def grant_series(grant: StartGrant | None, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """grants_m (benefit + 300 in months 0..5, 300 in 6..14 with the second phase) and the
    benefit part alone, (H,) each."""
    grants, benefit = np.zeros(horizon), np.zeros(horizon)
    if grant is None:
        return grants, benefit
    first = min(horizon, GRANT_FIRST_MONTHS)
    benefit[:first] = float(grant.benefit)
    grants[:first] = float(grant.benefit + GRANT_TOP_UP)
    if grant.second_phase:
        grants[first : min(horizon, GRANT_FIRST_MONTHS + GRANT_SECOND_MONTHS)] = float(GRANT_TOP_UP)
    return grants, benefit


@dataclass(frozen=True, eq=False)
class WriteOff:
    """A `once` fixed cost written off over `months` from plan month `month` on."""

    month: int
    gross: float  # the cost as entered (business share applied)
    keep: float  # net / gross in a registered month
    months: int

    def weights(self, horizon: int) -> np.ndarray:
        """capitalised - depreciation per unit of cost, (H,)."""
        w = np.zeros(horizon)
        w[self.month : self.month + self.months] -= 1.0 / self.months
        w[self.month] += 1.0
        return w


@dataclass(frozen=True, eq=False)
class Extras:
    """v3's money outside income and costs, the same on every path (H,) each: the start grant,
    loans, and what tax_profit adds to profit (write-offs, interest)."""

    grants: np.ndarray
    grant_benefit: np.ndarray
    loan_in: np.ndarray
    loan_interest: np.ndarray
    loan_repayment: np.ndarray
    cash: np.ndarray | None  # grants + loan_in - interest - repayment; None when all 0
    write_offs: tuple[WriteOff, ...] = ()
    adjust: np.ndarray | None = None  # tax_profit - profit in exempt months; None when 0
    has_grant: bool = False

    def correction(self, registered: np.ndarray | None):
        """The write-offs' change (H, paths) where the cost month is registered (net of VAT),
        or None."""
        if registered is None or not self.write_offs:
            return None
        horizon, paths = registered.shape
        out = np.zeros((horizon, paths))
        for w in self.write_offs:
            delta = np.where(registered[w.month], w.gross * (w.keep - 1.0), 0.0)
            if delta.any():
                rows = slice(w.month, w.month + w.months)
                out[rows] += w.weights(horizon)[rows, None] * delta[None, :]
        return out

    def correction_years(self, registered: np.ndarray | None, lead: int):
        """The same change summed over each calendar year's plan months, (years, paths), or
        None: one row per year instead of one per month, for the many paths."""
        if registered is None or not self.write_offs:
            return None
        horizon = registered.shape[0]
        out = None
        for w in self.write_offs:
            delta = np.where(registered[w.month], w.gross * (w.keep - 1.0), 0.0)
            if delta.any():
                weights = year_sums(w.weights(horizon)[:, None], lead)
                part = weights * delta[None, :]
                out = part if out is None else out + part
        return out


def extras(scenario: Scenario, origin: YearMonth, horizon: int) -> Extras:
    """The grant, loan and write-off series of a scenario (DESIGN.md v3)."""
    grants, benefit = grant_series(scenario.start_grant, horizon)
    loan_in, interest, repayment = np.zeros(horizon), np.zeros(horizon), np.zeros(horizon)
    for loan in scenario.loans:
        paid, charged, repaid = loan_schedule(loan, origin, horizon)
        loan_in += np.array(paid, dtype=float)
        interest += np.array(charged, dtype=float)
        repayment += np.array(repaid, dtype=float)
    cash = None
    if scenario.start_grant is not None or scenario.loans:
        cash = grants + loan_in - interest - repayment
    write_offs = []
    adjust = -interest if scenario.loans and interest.any() else None
    for item in scenario.costs:
        years = int(item.useful_life_years)
        if years <= 0 or item.frequency != Frequency.ONCE or item.basis != CostBasis.FIXED:
            continue
        o = item.start - origin
        if not 0 <= o < horizon or (item.end is not None and item.end < item.start):
            continue
        gross = float(item.amount) * float(item.share_pct) / 100.0
        keep = 1.0 / (1.0 + float(item.vat_rate_pct) / 100.0)
        w = WriteOff(o, gross, keep, 12 * years)
        write_offs.append(w)
        adjust = (np.zeros(horizon) if adjust is None else adjust) + gross * w.weights(horizon)
    return Extras(
        grants,
        benefit,
        loan_in,
        interest,
        repayment,
        cash,
        tuple(write_offs),
        adjust,
        scenario.start_grant is not None,
    )


@dataclass(frozen=True, eq=False)
class Coefficients:
    """The plan-level series that make every path's figures (see the module docstring)."""

    horizon: int
    income_exempt: _Pair
    income_registered: _Pair
    costs_exempt: _Pair
    costs_registered: _Pair
    vat_registered: _Pair  # output VAT - input VAT
    rated_exempt: _Pair  # income of streams with a VAT rate above 0, as entered
    rated_registered: _Pair  # the same, net
    has_performance: bool
    extra: Extras | None = field(default=None)

    @property
    def profit_exempt(self) -> _Pair:
        return self.income_exempt.minus(self.costs_exempt)

    @property
    def profit_registered(self) -> _Pair:
        return self.income_registered.minus(self.costs_registered)


def coefficients(
    scenario: Scenario,
    incomes: tuple[np.ndarray, ...],
    fixed_costs: tuple[np.ndarray | None, ...],
    shares: tuple[np.ndarray | None, ...],
) -> Coefficients:
    """Sum the items into the pairs; `fixed_costs`/`shares` hold each cost's series by basis."""
    horizon = scenario.horizon_months
    pairs = [_Pair(horizon) for _ in range(7)]
    inc_e, inc_r, cost_e, cost_r, vat_r, rated_e, rated_r = pairs
    by_name = {stream.name: i for i, stream in enumerate(scenario.incomes)}
    for stream, series in zip(scenario.incomes, incomes, strict=True):
        perf = stream.performance_based
        net = series * net_factor(stream)
        inc_e.add(series, perf)
        inc_r.add(net, perf)
        vat_r.add(series * output_vat_factor(stream), perf)
        if stream.vat_rate_pct > 0:
            rated_e.add(series, perf)
            rated_r.add(net, perf)
    # Costs are summed by VAT rate first (and income-share costs by the income they follow),
    # so each rate's split into net and VAT is done once.
    fixed_by_rate: dict[float, np.ndarray] = {}
    share_by_rate: dict[float, dict[int | None, np.ndarray]] = {}
    for item, fixed, share in zip(scenario.costs, fixed_costs, shares, strict=True):
        rate = float(item.vat_rate_pct)
        if fixed is not None:
            if rate in fixed_by_rate:
                fixed_by_rate[rate] += fixed
            else:
                fixed_by_rate[rate] = fixed.copy()
            continue
        followed = share_by_rate.setdefault(rate, {})
        key = None if item.income is None else by_name[item.income]
        if key in followed:
            followed[key] += share
        else:
            followed[key] = share.copy()
    for rate, fixed in fixed_by_rate.items():
        cost_e.add(fixed, False)
        cost_r.add(fixed / (1.0 + rate / 100.0), False)
        vat_r.add(-fixed * (rate / (100.0 + rate)), False)
    all_gross = {False: np.zeros(horizon), True: np.zeros(horizon)}
    all_net = {False: np.zeros(horizon), True: np.zeros(horizon)}
    if any(None in followed for followed in share_by_rate.values()):
        for stream, series in zip(scenario.incomes, incomes, strict=True):
            all_gross[stream.performance_based] += series
            all_net[stream.performance_based] += series * net_factor(stream)
    for rate, followed in share_by_rate.items():
        keep = 1.0 / (1.0 + rate / 100.0)
        vat_part = rate / (100.0 + rate)
        for key, share in followed.items():
            if key is None:
                parts = [(all_gross[perf], all_net[perf], perf) for perf in (False, True)]
            else:
                stream, series = scenario.incomes[key], incomes[key]
                parts = [(series, series * net_factor(stream), stream.performance_based)]
            for gross_income, net_income, perf in parts:
                cost_e.add(share * gross_income, perf)
                net = share * net_income
                cost_r.add(net * keep, perf)
                vat_r.add(-net * vat_part, perf)
    return Coefficients(
        horizon,
        inc_e,
        inc_r,
        cost_e,
        cost_r,
        vat_r,
        rated_e,
        rated_r,
        any(stream.performance_based for stream in scenario.incomes),
        extras(scenario, scenario.start, horizon),
    )


def item_series(scenario: Scenario, origin: YearMonth, horizon: int):
    """Each income's series, and each cost's fixed series or share series (the other None)."""
    incomes = tuple(income_series(i, origin, horizon) for i in scenario.incomes)
    fixed, shares = [], []
    for item in scenario.costs:
        if item.basis == CostBasis.INCOME_SHARE:
            fixed.append(None)
            shares.append(share_series(item, origin, horizon))
        else:
            fixed.append(cost_series(item, origin, horizon))
            shares.append(None)
    return incomes, tuple(fixed), tuple(shares)


def calendar(scenario: Scenario):
    """(lead, years, counts): months before the start in its year, plan years, months in each."""
    lead = scenario.start.month - 1
    horizon = scenario.horizon_months
    years = -(-(lead + horizon) // 12)
    j = np.arange(years * 12)
    inside = (j >= lead) & (j < lead + horizon)
    counts = inside.reshape(years, 12).sum(axis=1)
    return lead, years, counts


def year_spans(lead: int, horizon: int) -> list[tuple[int, int]]:
    """The plan months (a, b) of each calendar year, as index ranges a..b-1 of the plan."""
    spans, a = [], 0
    while a < horizon:
        b = min(horizon, a + 12 - (a + lead) % 12)
        spans.append((a, b))
        a = b
    return spans


def year_sums(values: np.ndarray, lead: int) -> np.ndarray:
    """(H, paths) -> (years, paths): the sum over each calendar year's plan months."""
    starts = [a for a, _ in year_spans(lead, values.shape[0])]
    return np.add.reduceat(values, starts, axis=0)


def _rows(pair: _Pair, kept, a: int, b: int, paths: int) -> np.ndarray:
    """The pair's values in plan months a..b-1, (b - a, paths)."""
    part = kept if np.ndim(kept) == 0 else kept[a:b]
    out = np.multiply(pair.a[a:b, None], part)
    out += pair.b[a:b, None]
    return np.broadcast_to(out, (b - a, paths))


def vat_status(scenario: Scenario, co: Coefficients, kept, paths: int) -> np.ndarray | None:
    """Registered months per path (H, paths) bool; None when no month is registered."""
    tax = scenario.tax
    horizon = scenario.horizon_months
    if tax.regime != TaxRegime.DE:
        return None
    if tax.vat == VatStatus.REGISTERED:
        return np.ones((horizon, paths), dtype=bool)
    if not (co.rated_exempt.a > 0).any() and not (co.rated_exempt.b > 0).any():
        return None
    status = np.zeros((horizon, paths), dtype=bool)
    before = np.zeros(paths)  # turnover of the previous plan year
    for y, (a, b) in enumerate(year_spans(scenario.start.month - 1, horizon)):
        rated = _rows(co.rated_exempt, kept, a, b, paths)
        running = np.cumsum(rated, axis=0)
        if y == 0:
            np.greater(running, FOUNDING_LIMIT + EPSILON, out=status[a:b])
        else:
            np.greater(running, LATER_LIMIT + EPSILON, out=status[a:b])
            status[a:b] |= before > FOUNDING_LIMIT + EPSILON
        net = _rows(co.rated_registered, kept, a, b, paths)
        before = np.where(status[a:b], net, rated).sum(axis=0)
    return status if status.any() else None


def vat_returns(scenario: Scenario, vat_due: np.ndarray):
    """vat_paid per month (H, paths) and the part paid after the horizon (paths,).

    Each period's VAT is paid in the month after it ends: calendar quarters, or months in a year
    after one whose VAT summed above 9,000 (per path). A period cut by the plan's end, or paid
    after it, is owed at the end.
    """
    horizon, paths = vat_due.shape
    lead = scenario.start.month - 1
    paid = np.zeros((horizon + 1, paths))  # the extra row collects what is paid after the plan
    owed = np.zeros(paths)
    monthly = np.zeros(paths, dtype=bool)
    for a, b in year_spans(lead, horizon):
        due = vat_due[a:b]
        paid[a + 1 : b + 1] += np.where(monthly, due, 0.0)
        starts = [m for m in range(a, b) if m == a or (m + lead) % 3 == 0]
        quarters = np.where(monthly, 0.0, np.add.reduceat(due, [m - a for m in starts], axis=0))
        for q in range(len(starts)):
            last = starts[q + 1] - 1 if q + 1 < len(starts) else b - 1
            if (last + lead) % 3 == 2:  # the quarter's last month: paid in the next one
                paid[last + 1] += quarters[q]
            else:  # the plan ends inside the quarter
                owed += quarters[q]
        monthly = due.sum(axis=0) > MONTHLY_RETURNS_ABOVE + EPSILON
    owed += paid[horizon]
    return paid[:horizon], owed


def ytd_taxes(
    profit: np.ndarray, rate_pct: float, lead: int, adjust: np.ndarray | None = None
) -> np.ndarray:
    """Regime flat: rate x (max(0, YTD_m) - max(0, YTD_{m-1})) per calendar year, (H, paths),
    on tax_profit = profit + adjust (adjust (H,): write-offs and interest; None = 0)."""
    taxes = np.empty_like(profit)
    for a, b in year_spans(lead, profit.shape[0]):
        ytd = np.cumsum(profit[a:b], axis=0)
        if adjust is not None:
            ytd += np.cumsum(adjust[a:b])[:, None]
        np.maximum(ytd, 0.0, out=ytd)
        taxes[a] = ytd[0]
        np.subtract(ytd[1:], ytd[:-1], out=taxes[a + 1 : b])
    taxes *= rate_pct / 100.0
    return taxes


@dataclass(frozen=True, eq=False)
class Flows:
    """What the balance needs, (H, paths) each (the plan: paths = 1).

    `net` = profit + vat_due - vat_paid - taxes - social_insurance, before living costs. The
    simulation asks for `net` alone (arrays=False): the other monthly arrays are then None.
    """

    registered: np.ndarray | None
    net: np.ndarray
    owed_at_end: np.ndarray  # (paths,)
    yearly: germany.Yearly | None = None
    profit: np.ndarray | None = None
    taxes: np.ndarray | None = None
    social_insurance: np.ndarray | None = None
    taxes_accrued: np.ndarray | None = None
    social_insurance_accrued: np.ndarray | None = None
    vat_due: np.ndarray | None = None
    vat_paid: np.ndarray | None = None
    tax_profit: np.ndarray | None = None
    pension: np.ndarray | None = None
    # The sick pay of all paths together in each month, (H,); None: nobody fell ill (the plan)
    # or no sick pay is due (no statutory sick pay, no private benefit).
    sick_pay_total: np.ndarray | None = None


def tax_profit_of(profit: np.ndarray, extra: Extras | None, registered) -> np.ndarray:
    """tax_profit (H, paths): profit - loan interest + capitalised - depreciation."""
    if extra is None or extra.adjust is None:
        return profit
    out = profit + extra.adjust[:, None]
    correction = extra.correction(registered)
    if correction is not None:
        out += correction
    return out


def tax_profit_years(profit: np.ndarray, extra: Extras | None, registered, lead: int):
    """The sums of tax_profit over each calendar year's plan months, (years, paths)."""
    sums = year_sums(profit, lead)
    if extra is None or extra.adjust is None:
        return sums
    sums = sums + year_sums(extra.adjust[:, None], lead)
    correction = extra.correction_years(registered, lead)
    if correction is not None:
        sums += correction
    return sums


def _at(pair_exempt: _Pair, pair_registered: _Pair, kept, registered, shape):
    """The exempt pair's values, replaced by the registered pair's in registered months."""
    out = pair_exempt.at(kept)
    if out.shape != shape:
        out = np.array(np.broadcast_to(out, shape))
    if registered is not None:
        np.copyto(out, pair_registered.at(kept), where=registered)
    return out


def add_sick_pay(
    scenario: Scenario,
    places: np.ndarray,
    net: np.ndarray,
    amounts: germany.Yearly | None,
    counts: np.ndarray,
    lead: int,
) -> np.ndarray | None:
    """Add every path's sick pay to its net cash flow, in place (DESIGN.md v3, "Long illness");
    return the sick pay of all paths together in each month, (H,), or None when none is due.

    `places` (H, paths) is the place j = 1, 2, ... of each month in its path's illness (0:
    well). Statutory sick pay pays d_j = max(0, min(30, 30 j - 42)) days (day 43 on) of
    `germany.sick_pay_daily`; a private daily benefit d'_j = max(0, min(30, 30 j - (from_day -
    1))) days of its amount. Both are 0 in a well month (j = 0). Cash only: not profit, no VAT,
    not in a contribution base (the taxes were computed before).
    """
    horizon = places.shape[0]
    risks = scenario.risks
    private = float(risks.private_sick_pay_daily)
    runs = None
    if amounts is not None:
        runs = germany.sick_pay_daily(
            amounts, counts, scenario.start.year, lead, horizon, scenario.tax
        )
    if runs is None and not private:
        return None
    # Ill months are few (a few percent of a path's months): work on them alone.
    months, paths = np.nonzero(places)
    if not len(months):
        return np.zeros(horizon)
    j30 = places[months, paths].astype(np.int64) * 30
    pay = np.zeros(len(months))
    if private:
        waiting = int(risks.private_sick_pay_from_day) - 1
        pay += np.clip(j30 - waiting, 0, 30) * private
    if runs is not None:
        run_of_month = np.empty(horizon, dtype=np.int64)
        for k, (a, b, _) in enumerate(runs):
            run_of_month[a:b] = k
        daily = np.stack([np.broadcast_to(d, (places.shape[1],)) for _, _, d in runs])
        pay += np.clip(j30 - 42, 0, 30) * daily[run_of_month[months], paths]
    net[months, paths] += pay
    return np.bincount(months, weights=pay, minlength=horizon)


def run(
    scenario: Scenario,
    co: Coefficients,
    kept,
    paths: int,
    arrays: bool = True,
    places: np.ndarray | None = None,
) -> Flows:
    """Profit, VAT, taxes and net cash flow of every path; `kept` is (H, paths), 1.0 for the plan.

    The net cash flow is built in one array, in the same order of operations with or without
    `arrays`, so a riskless simulated path repeats the plan bit for bit. `places` (H, paths):
    each month's place in its path's long illness (0: well; `risk.illness_places`), whose sick
    pay the net cash flow adds; None: nobody falls ill (the plan).
    """
    deadline.check()  # a safe point: the long computations run this once per variant or step
    horizon = scenario.horizon_months
    shape = (horizon, paths)
    lead, _, counts = calendar(scenario)
    registered = vat_status(scenario, co, kept, paths)
    profit = _at(co.profit_exempt, co.profit_registered, kept, registered, shape)
    de = scenario.tax.regime == TaxRegime.DE
    extra = co.extra
    if de:
        grant = None
        if extra is not None and extra.has_grant:
            grant = year_sums(extra.grant_benefit[:, None], lead)[:, 0]
        sums = tax_profit_years(profit, extra, registered, lead)
        amounts = germany.yearly(sums, counts, scenario.start.year, scenario.tax, grant)
        taxes = None
    else:
        amounts = None
        adjust = None if extra is None else extra.adjust
        taxes = ytd_taxes(profit, float(scenario.tax_rate_pct), lead, adjust)
    net = profit.copy() if arrays else profit
    vat_owed = np.zeros(paths)
    vat_due = vat_paid = None
    if registered is not None:
        vat_due = np.where(registered, co.vat_registered.at(kept), 0.0)
        vat_paid, vat_owed = vat_returns(scenario, vat_due)
        net += vat_due
        net -= vat_paid
        if not arrays:
            del vat_due, vat_paid
            vat_due = vat_paid = None
    extra_cash = None if extra is None else extra.cash
    if not de:
        net -= taxes
        if extra_cash is not None:
            net += extra_cash[:, None]
        sick = None if places is None else add_sick_pay(scenario, places, net, None, counts, lead)
        zeros = np.broadcast_to(np.zeros(1), shape)
        if not arrays:
            return Flows(registered, net, vat_owed, sick_pay_total=sick)
        if vat_due is None:
            vat_due = vat_paid = zeros
        return Flows(
            registered,
            net,
            vat_owed,
            None,
            profit,
            taxes,
            zeros,
            taxes,
            zeros,
            vat_due,
            vat_paid,
            tax_profit_of(profit, extra, registered),
        )
    tax, year = scenario.tax, scenario.start.year
    if not arrays:
        cash = germany.payments(amounts, counts, year, lead, horizon, tax, False, into=net)
        if extra_cash is not None:
            net += extra_cash[:, None]
        sick = None
        if places is not None:
            sick = add_sick_pay(scenario, places, net, amounts, counts, lead)
        return Flows(registered, net, cash.owed_at_end + vat_owed, amounts, sick_pay_total=sick)
    # The plan: one pass gives the columns and pays them out of the net cash flow, in the
    # simulation's order (a second pass `into` it took a third of a plan's time)
    shown = germany.payments(
        amounts, counts, year, lead, horizon, tax, True, into=net, columns=True
    )
    if extra_cash is not None:
        net += extra_cash[:, None]
    if places is not None:
        add_sick_pay(scenario, places, net, amounts, counts, lead)
    owed = shown.owed_at_end + vat_owed
    if vat_due is None:
        vat_due = vat_paid = np.broadcast_to(np.zeros(1), shape)
    return Flows(
        registered,
        net,
        owed,
        amounts,
        profit,
        shown.taxes,
        shown.social_insurance,
        shown.taxes_accrued,
        shown.social_insurance_accrued,
        vat_due,
        vat_paid,
        tax_profit_of(profit, extra, registered),
        shown.pension,
    )
