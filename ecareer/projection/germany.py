"""Regime `de` of DESIGN.md: German income tax, trade tax, health and care insurance, and when
the money leaves (prepayments, assessment, settlement). Vectorised over paths.

Yearly amounts are arrays of shape (years, paths); monthly cash arrays are laid out as whole
calendar years (padded index j = month index + start month - 1, so j % 12 is the calendar month
and j // 12 the plan's year), shape (years x 12, paths).
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


def income_tax(x, year: int):
    """ESt by § 32a EStG for taxable income x (whole euros, >= 0), rounded down to euros."""
    k = constants(year)
    x = np.asarray(x, dtype=float)
    y = (x - k.gfb) / 10000.0
    z = (x - k.e2) / 10000.0
    tax = np.where(
        x <= k.gfb,
        0.0,
        np.where(
            x <= k.e2,
            (k.a * y + 1400.0) * y,
            np.where(
                x <= k.e3,
                (k.b * z + 2397.0) * z + k.c,
                np.where(x <= k.e4, 0.42 * x - k.d, 0.45 * x - k.e),
            ),
        ),
    )
    return euros_down(tax)


def solidarity_surcharge(est, year: int):
    """0 up to the exemption limit, then min(5.5 %, 11.9 % of the excess), rounded down to cents."""
    limit = constants(year).soli_limit
    est = np.asarray(est, dtype=float)
    surcharge = np.minimum(0.055 * est, 0.119 * (est - limit))
    return np.where(est <= limit, 0.0, cents_down(surcharge))


def health_rate_pct(tax: TaxSettings) -> float:
    """The statutory contribution rate in percent; 0 with `other` insurance."""
    if tax.health_insurance != HealthInsurance.STATUTORY:
        return 0.0
    general = 14.6 if tax.sick_pay else 14.0
    return general + float(tax.health_extra_pct) + float(tax.care_pct)


def health_base(monthly_profit, year: int):
    """The contribution base per month: profit per month inside minimum and ceiling, in cents."""
    k = constants(year)
    return cents_half_up(np.minimum(k.health_ceiling, np.maximum(k.health_min, monthly_profit)))


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
    rate = health_rate_pct(tax)
    multiplier = float(tax.trade_tax_multiplier_pct)
    church_pct = float(tax.church_tax_pct)
    shape = profit.shape
    out = {name: np.zeros(shape) for name in ("s", "gewst", "est", "soli", "church", "total")}
    carry = np.zeros(shape[1:])
    for i in range(shape[0]):
        year, n, p = first_year + i, float(counts[i]), profit[i]
        s = cents_half_up(rate / 100.0 * health_base(p / n, year)) if rate else np.zeros_like(p)
        used = np.where(p < 0, 0.0, np.minimum(carry, np.maximum(p, 0.0)))
        taxable = np.where(p < 0, 0.0, p - used)
        carry = np.where(p < 0, carry - p, carry - used)
        if tax.trade:
            base = np.maximum(0.0, np.floor(np.round(taxable, 6) / 100.0) * 100.0 - 24500.0)
            m = cents_half_up(0.035 * base)
            gewst = cents_half_up(m * multiplier / 100.0)
        else:
            m = gewst = np.zeros_like(p)
        x = euros_down(np.maximum(0.0, taxable - n * s))
        est = income_tax(x, year)
        credit = np.minimum(np.minimum(4.0 * m, gewst), est)
        est_after = est - credit
        soli = solidarity_surcharge(est_after, year)
        church = cents_down(church_pct / 100.0 * est)
        out["s"][i], out["gewst"][i], out["est"][i] = s, gewst, est_after
        out["soli"][i], out["church"][i] = soli, church
        out["total"][i] = cents_half_up(est_after + soli + church + gewst)
    return Yearly(
        profit=profit,
        contribution=out["s"],
        trade_tax=out["gewst"],
        income_tax=out["est"],
        surcharge=out["soli"],
        church=out["church"],
        total=out["total"],
    )


@dataclass(frozen=True, eq=False)
class Payments:
    """Cash and accruals per padded month (years x 12, paths) and what is owed after the plan."""

    taxes: np.ndarray
    social_insurance: np.ndarray
    taxes_accrued: np.ndarray
    social_insurance_accrued: np.ndarray
    owed_at_end: np.ndarray  # (paths,)


def payments(
    amounts: Yearly, counts: np.ndarray, first_year: int, lead: int, horizon: int, tax: TaxSettings
) -> Payments:
    """When the money leaves (DESIGN.md, "When the money leaves"), for every path at once."""
    years, paths = amounts.total.shape
    padded = years * 12
    end = lead + horizon  # first padded month after the plan
    delay = int(tax.assessment_delay_months)
    total, contribution = amounts.total, amounts.contribution
    counts_f = counts.astype(float)[:, None]

    def month_of_year(values):  # (years, paths) -> (padded, paths), repeated over each year
        return np.repeat(values, 12, axis=0)

    per_month_tax = month_of_year(total / counts_f)
    accrued_si = month_of_year(contribution)
    inside = np.zeros((padded, 1))
    inside[lead:end] = 1.0
    taxes_accrued = per_month_tax * inside
    si_accrued = accrued_si * inside
    del per_month_tax, accrued_si

    def assessment(y: int) -> int:
        return 12 * y + 11 + delay

    def prepayment_months(y: int) -> list[int]:
        return [12 * y + p for p in PREPAYMENT_MONTHS if lead <= 12 * y + p < end]

    taxes = np.zeros((padded, paths))
    owed = np.zeros(paths)
    prepaid = np.zeros((years, paths))
    if tax.prepayments == Prepayments.ESTIMATE:
        si_cash = si_accrued.copy()
        for y in range(years):
            months = prepayment_months(y)
            if months:
                share = total[y] / len(months)
                for j in months:
                    taxes[j] += share
            elif assessment(y) < end:
                taxes[assessment(y)] += total[y]
            else:
                owed += total[y]
        return Payments(taxes, si_cash, taxes_accrued, si_accrued, owed)

    rate = health_rate_pct(tax)
    si_cash = np.zeros((padded, paths))
    provisional = np.zeros((years, paths))
    profit, counts_list = amounts.profit, counts.tolist()
    # (d) provisional contributions: Y' = (j - 11 - delay) // 12 changes once a year, at r.
    if rate:
        r = (11 + delay) % 12
        for y in range(years):
            first, last = max(lead, 12 * y), min(end, 12 * y + 12)
            for lo, hi in ((first, min(last, 12 * y + r)), (max(first, 12 * y + r), last)):
                if lo >= hi:
                    continue
                basis_year = (lo - 11 - delay) // 12
                k = constants(first_year + y)
                if basis_year < 0:
                    base = np.full(paths, k.health_min)
                else:
                    base = health_base(profit[basis_year] / counts_list[basis_year], first_year + y)
                monthly = cents_half_up(rate / 100.0 * base)
                si_cash[lo:hi] = monthly
                provisional[y] += monthly * (hi - lo)
    basis = np.zeros(paths)  # B: the prepayment basis of the latest assessment
    events = sorted(
        {j for y in range(years) for j in prepayment_months(y)}
        | {assessment(y) for y in range(years) if assessment(y) < end}
    )
    for j in events:
        year = j // 12
        assessed = (j - 11 - delay) // 12
        if (j - 11 - delay) % 12 == 0 and 0 <= assessed < years:
            # (a) settlement of the assessed year, tax and health
            taxes[j] += total[assessed] - prepaid[assessed]
            si_cash[j] += counts_list[assessed] * contribution[assessed] - provisional[assessed]
            t = total[assessed]
            basis = np.where(t < MIN_PREPAYMENT_BASIS - 1e-6, 0.0, t)
            # (b) catch-up of this year's prepayment months before j
            k = sum(1 for p in prepayment_months(year) if p < j)
            catch_up = k * basis / 4.0 - prepaid[year]
            taxes[j] += catch_up
            prepaid[year] += catch_up
        if j % 12 in PREPAYMENT_MONTHS:  # (c)
            taxes[j] += basis / 4.0
            prepaid[year] += basis / 4.0
    for y in range(years):
        if assessment(y) >= end:
            owed += total[y] - prepaid[y]
            owed += counts_list[y] * contribution[y] - provisional[y]
    return Payments(taxes, si_cash, taxes_accrued, si_accrued, owed)
