"""Regime `de` of DESIGN.md: German income tax, trade tax, health and care insurance, and when
the money leaves (prepayments, assessment, settlement). Vectorised over paths.

Yearly amounts are arrays of shape (years, paths); monthly arrays are (H, paths).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ecareer.projection.model import HealthInsurance, Prepayments, TaxSettings

PREPAYMENT_MONTHS = (2, 5, 8, 11)  # March, June, September, December (0-based)
MIN_PREPAYMENT_BASIS = 400.0  # an assessed tax below this sets no prepayments
# Float sums of cents can miss a whole number by ~1e-12; rounding to this many decimals first
# puts a value that is whole (or a whole cent) on paper back onto it before floor or half-up.
_NOISE_DECIMALS = 6


@dataclass(frozen=True, slots=True)
class Constants:
    """One year's figures (DESIGN.md's table)."""

    gfb: float
    e2: float
    e3: float
    e4: float
    a: float
    b: float
    c: float
    d: float
    e: float
    soli_limit: float
    health_min: float
    health_ceiling: float


CONSTANTS = {
    2025: Constants(
        12096, 17443, 68480, 277825, 932.30, 176.64, 1015.13, 10911.92, 19246.67, 19950,
        1248.33, 5512.50,
    ),
    2026: Constants(
        12348, 17799, 69878, 277825, 914.51, 173.10, 1034.87, 11135.63, 19470.38, 20350,
        1318.33, 5812.50,
    ),
}  # fmt: skip


def constants(year: int) -> Constants:
    """A year before 2025 uses 2025's figures, a year after 2026 uses 2026's."""
    return CONSTANTS[min(max(year, 2025), 2026)]


def cents_half_up(value):
    """Round to cents, half away from zero (Decimal's ROUND_HALF_UP), float noise removed."""
    scaled = np.round(np.asarray(value, dtype=float) * 100.0, 4)
    return np.copysign(np.floor(np.abs(scaled) + 0.5), scaled) / 100.0


def cents_down(value):
    """Round down to cents (towards minus infinity), float noise removed."""
    return np.floor(np.round(np.asarray(value, dtype=float) * 100.0, 4)) / 100.0


def euros_down(value):
    """Round down to whole euros, float noise removed."""
    return np.floor(np.round(np.asarray(value, dtype=float), _NOISE_DECIMALS))


def _table(years, name: str) -> np.ndarray:
    """One constant for each year in `years`, as a column (years, 1) to broadcast over paths."""
    return np.array([getattr(constants(int(y)), name) for y in np.atleast_1d(years)])[:, None]


def income_tax(x, year):
    """ESt by § 32a EStG for taxable income x (whole euros, >= 0), rounded down to euros.

    `year` is one calendar year, or an array of years, one for each row of x.
    """
    x = np.asarray(x, dtype=float)
    scalar = np.ndim(year) == 0
    if scalar:
        x = np.atleast_1d(x)[None, ...] if x.ndim < 2 else x[None, ...]
    k = {name: _table(year, name) for name in ("gfb", "e2", "e3", "e4", "a", "b", "c", "d", "e")}
    if x.ndim > 2:
        k = {name: value.reshape(-1, *([1] * (x.ndim - 1))) for name, value in k.items()}
    y = (x - k["gfb"]) / 10000.0
    z = (x - k["e2"]) / 10000.0
    tax = np.where(
        x <= k["gfb"],
        0.0,
        np.where(
            x <= k["e2"],
            (k["a"] * y + 1400.0) * y,
            np.where(
                x <= k["e3"],
                (k["b"] * z + 2397.0) * z + k["c"],
                np.where(x <= k["e4"], 0.42 * x - k["d"], 0.45 * x - k["e"]),
            ),
        ),
    )
    tax = euros_down(tax)
    return tax[0].reshape(np.shape(np.asarray(x)[0])) if scalar else tax


def solidarity_surcharge(est, year):
    """0 up to the exemption limit, then min(5.5 %, 11.9 % of the excess), rounded down to cents."""
    limit = constants(year).soli_limit if np.ndim(year) == 0 else _table(year, "soli_limit")
    est = np.asarray(est, dtype=float)
    surcharge = np.minimum(0.055 * est, 0.119 * (est - limit))
    return np.where(est <= limit, 0.0, cents_down(surcharge))


def health_rate_pct(tax: TaxSettings) -> float:
    """The statutory contribution rate in percent; 0 with `other` insurance."""
    if tax.health_insurance != HealthInsurance.STATUTORY:
        return 0.0
    general = 14.6 if tax.sick_pay else 14.0
    return general + float(tax.health_extra_pct) + float(tax.care_pct)


def health_base(monthly_profit, year):
    """The contribution base per month: profit per month inside minimum and ceiling, in cents."""
    if np.ndim(year) == 0:
        low, high = constants(year).health_min, constants(year).health_ceiling
    else:
        low, high = _table(year, "health_min"), _table(year, "health_ceiling")
    return cents_half_up(np.minimum(high, np.maximum(low, monthly_profit)))


@dataclass(frozen=True, eq=False)
class Yearly:
    """The yearly amounts of every plan year and path, shape (years, paths), in cents."""

    profit: np.ndarray  # P_Y
    contribution: np.ndarray  # S_Y, per month
    trade_tax: np.ndarray  # GewSt_Y
    income_tax: np.ndarray  # ESt'_Y, after the trade-tax credit
    surcharge: np.ndarray
    church: np.ndarray
    total: np.ndarray  # T_Y


def yearly(profit_sums: np.ndarray, counts: np.ndarray, first_year: int, tax: TaxSettings):
    """Steps 1-6 of regime `de` for each year, carrying losses forward from year to year."""
    profit = cents_half_up(profit_sums)
    years = first_year + np.arange(profit.shape[0])
    n = counts.astype(float)[:, None]
    rate = health_rate_pct(tax)
    # 1. health and care insurance, per month
    if rate:
        contribution = cents_half_up(rate / 100.0 * health_base(profit / n, years))
    else:
        contribution = np.zeros_like(profit)
    # 2. losses carried forward: the only step that runs year after year
    taxable = np.zeros_like(profit)
    carry = np.zeros(profit.shape[1:])
    for i in range(profit.shape[0]):
        p = profit[i]
        loss = p < 0
        used = np.minimum(carry, np.maximum(p, 0.0))
        taxable[i] = np.where(loss, 0.0, p - used)
        carry = np.where(loss, carry - p, carry - used)
    # 3. trade tax
    if tax.trade:
        base = np.maximum(0.0, np.floor(np.round(taxable, 6) / 100.0) * 100.0 - 24500.0)
        m = cents_half_up(0.035 * base)
        trade_tax = cents_half_up(m * float(tax.trade_tax_multiplier_pct) / 100.0)
    else:
        m = trade_tax = np.zeros_like(profit)
    # 4. income tax with the trade-tax credit
    x = euros_down(np.maximum(0.0, taxable - n * contribution))
    est = income_tax(x, years)
    est_after = est - np.minimum(np.minimum(4.0 * m, trade_tax), est)
    # 5. solidarity surcharge and church tax
    surcharge = solidarity_surcharge(est_after, years)
    church = cents_down(float(tax.church_tax_pct) / 100.0 * est)
    # 6. the year's taxes
    total = cents_half_up(est_after + surcharge + church + trade_tax)
    return Yearly(profit, contribution, trade_tax, est_after, surcharge, church, total)


@dataclass(frozen=True, eq=False)
class Payments:
    """Cash and accruals per plan month (H, paths) and what is owed after the plan (paths,)."""

    taxes: np.ndarray | None  # None when subtracted `into` a net cash flow
    social_insurance: np.ndarray | None
    taxes_accrued: np.ndarray | None
    social_insurance_accrued: np.ndarray | None
    owed_at_end: np.ndarray


def payments(
    amounts: Yearly,
    counts: np.ndarray,
    first_year: int,
    lead: int,
    horizon: int,
    tax: TaxSettings,
    accruals: bool = True,
    into: np.ndarray | None = None,
) -> Payments:
    """When the money leaves (DESIGN.md, "When the money leaves"), for every path at once.

    Months are counted in calendar terms, j = plan month + lead (j // 12 the plan year, j % 12
    the calendar month); the arrays are indexed by plan month. Without `accruals` (the
    simulation needs only cash), the accrued arrays are None. With `into` (H, paths), the cash
    is subtracted from it in place (the simulation's net cash flow) instead of being returned:
    two arrays of H x paths fewer to fill and to read.
    """
    years, paths = amounts.total.shape
    end = lead + horizon  # first calendar index after the plan
    delay = int(tax.assessment_delay_months)
    total, contribution = amounts.total, amounts.contribution
    counts_list = counts.tolist()

    def month_of_year(values):  # (years, paths) -> (H, paths), each year's value in its months
        return np.repeat(values, counts, axis=0)

    estimate = tax.prepayments == Prepayments.ESTIMATE
    taxes_accrued = si_accrued = None
    if accruals:
        taxes_accrued = month_of_year(total / counts.astype(float)[:, None])
    if accruals or estimate:
        si_accrued = month_of_year(contribution)

    def assessment(y: int) -> int:
        return 12 * y + 11 + delay

    def prepayment_months(y: int) -> list[int]:
        return [12 * y + p for p in PREPAYMENT_MONTHS if lead <= 12 * y + p < end]

    if into is None:
        taxes = np.zeros((horizon, paths))
        si_cash = np.zeros((horizon, paths))

        def pay_tax(rows, amount) -> None:
            taxes[rows] += amount

        def pay_si(rows, amount) -> None:
            si_cash[rows] += amount

    else:
        taxes = si_cash = None

        def pay_tax(rows, amount) -> None:
            into[rows] -= amount

        pay_si = pay_tax

    owed = np.zeros(paths)
    prepaid = np.zeros((years, paths))
    if estimate:
        for y in range(years):
            months = prepayment_months(y)
            if months:
                share = total[y] / len(months)
                for j in months:
                    pay_tax(j - lead, share)
            elif assessment(y) < end:
                pay_tax(assessment(y) - lead, total[y])
            else:
                owed += total[y]
        # estimate: the right contributions, paid month by month
        if into is None:
            si_cash = si_accrued
        else:
            for y in range(years):
                a, b = max(lead, 12 * y) - lead, min(end, 12 * y + 12) - lead
                pay_si(slice(a, b), contribution[y])
        return Payments(taxes, si_cash, taxes_accrued, si_accrued, owed)

    rate = health_rate_pct(tax)
    provisional = np.zeros((years, paths))
    profit = amounts.profit
    # (d) provisional contributions: Y' = (j - 11 - delay) // 12 changes once a year, at calendar
    # month r; before any assessment the base is the year's minimum.
    if rate:
        r = (11 + delay) % 12
        plan_years = first_year + np.arange(years)
        monthly_profit = profit / counts.astype(float)[:, None]
        low = _table(plan_years, "health_min")
        segments = []
        for first_month in (0, r):
            basis_year = (12 * np.arange(years) + first_month - 11 - delay) // 12
            chosen = monthly_profit[np.maximum(basis_year, 0)]
            base = np.where((basis_year >= 0)[:, None], health_base(chosen, plan_years), low)
            segments.append(cents_half_up(rate / 100.0 * base))
        for y in range(years):
            a, b = max(lead, 12 * y), min(end, 12 * y + 12)
            split = min(max(12 * y + r, a), b)
            pay_si(slice(a - lead, split - lead), segments[0][y])
            pay_si(slice(split - lead, b - lead), segments[1][y])
            provisional[y] = segments[0][y] * (split - a) + segments[1][y] * (b - split)
    basis = np.zeros(paths)  # B: the prepayment basis of the latest assessment
    events = sorted(
        {j for y in range(years) for j in prepayment_months(y)}
        | {assessment(y) for y in range(years) if assessment(y) < end}
    )
    for j in events:
        year, m = j // 12, j - lead
        assessed = (j - 11 - delay) // 12
        if (j - 11 - delay) % 12 == 0 and 0 <= assessed < years:
            # (a) settlement of the assessed year, tax and health
            pay_tax(m, total[assessed] - prepaid[assessed])
            pay_si(m, counts_list[assessed] * contribution[assessed] - provisional[assessed])
            t = total[assessed]
            basis = np.where(t < MIN_PREPAYMENT_BASIS - 1e-6, 0.0, t)
            # (b) catch-up of this year's prepayment months before j
            k = sum(1 for p in prepayment_months(year) if p < j)
            catch_up = k * basis / 4.0 - prepaid[year]
            pay_tax(m, catch_up)
            prepaid[year] += catch_up
        if j % 12 in PREPAYMENT_MONTHS:  # (c)
            pay_tax(m, basis / 4.0)
            prepaid[year] += basis / 4.0
    for y in range(years):
        if assessment(y) >= end:
            owed += total[y] - prepaid[y]
            owed += counts_list[y] * contribution[y] - provisional[y]
    return Payments(taxes, si_cash, taxes_accrued, si_accrued, owed)
