"""Regime `de` of DESIGN.md: German income tax, trade tax, health and care insurance, and when
the money leaves (prepayments, assessment, settlement). Vectorised over paths.

Yearly amounts are arrays of shape (years, paths); monthly arrays are (H, paths).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ecareer.projection.model import HealthInsurance, Household, Pension, Prepayments, TaxSettings

PREPAYMENT_MONTHS = (2, 5, 8, 11)  # March, June, September, December (0-based)
TRADE_PREPAYMENT_MONTHS = (1, 4, 7, 10)  # the town's: February, May, August, November
MIN_PREPAYMENT_BASIS = 400.0  # an assessed tax below this sets no prepayments
MIN_TRADE_PREPAYMENT_BASIS = 200.0  # a town sets no quarterly prepayment under 50
FOUNDER_YEARS = 3  # founder_half: the start year and the three calendar years after it
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
    family_limit: float = 0.0  # FL, per month (v3)
    reference: float = 0.0  # Bezugsgröße BG, per month (v3)
    minijob: float = 0.0  # J, per month (v3)
    pension_ceiling: float = 0.0  # BBG_RV, per month (v3)


CONSTANTS = {
    2025: Constants(
        12096, 17443, 68480, 277825, 932.30, 176.64, 1015.13, 10911.92, 19246.67, 19950,
        1248.33, 5512.50, 535, 3745, 556, 8050,
    ),
    2026: Constants(
        12348, 17799, 69878, 277825, 914.51, 173.10, 1034.87, 11135.63, 19470.38, 20350,
        1318.33, 5812.50, 565, 3955, 603, 8450,
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


def solidarity_surcharge(est, year, married: bool = False):
    """0 up to the exemption limit (2F for a married couple), then min(5.5 %, 11.9 % of the
    excess), rounded down to cents."""
    limit = constants(year).soli_limit if np.ndim(year) == 0 else _table(year, "soli_limit")
    if married:
        limit = 2 * limit
    est = np.asarray(est, dtype=float)
    surcharge = np.minimum(0.055 * est, 0.119 * (est - limit))
    return np.where(est <= limit, 0.0, cents_down(surcharge))


def health_rate_pct(tax: TaxSettings) -> float:
    """The statutory contribution rate in percent (`statutory`, and `family` outside a family
    year); 0 with `other` and `employed` insurance and with `ksk` (see `ksk_rate_milli`)."""
    if tax.health_insurance not in (HealthInsurance.STATUTORY, HealthInsurance.FAMILY):
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


def ksk_rate_milli(tax: TaxSettings) -> int:
    """The KSK member's health and care rate, h/2 + extra/2 + care - 1.8, in thousandths of a
    percent (an exact integer: the settings have at most 2 decimals)."""
    from decimal import Decimal

    h = Decimal("14.6") if tax.sick_pay else Decimal("14.0")
    rate = h / 2 + Decimal(tax.health_extra_pct) / 2 + Decimal(tax.care_pct) - Decimal("1.8")
    return int(rate * 1000)


def _cents(value) -> np.ndarray:
    """round_cents of a value that is already a whole number of cents up to float noise, as an
    integer count of cents."""
    return np.rint(np.asarray(value, dtype=float) * 100.0).astype(np.int64)


def _rate_of_cents(base_cents: np.ndarray, numerator: int, denominator: int) -> np.ndarray:
    """round_cents(numerator / denominator x base), base in cents: exact integer half-up."""
    product = base_cents * numerator
    return np.floor_divide(2 * product + denominator, 2 * denominator) / 100.0


def _tariff(x, years, married: bool):
    """tariff_h: the year's tariff of x (single), or 2 x tariff(floor(x / 2)) (splitting)."""
    if married:
        return 2.0 * income_tax(np.floor(np.asarray(x, dtype=float) / 2.0), years)
    return income_tax(x, years)


@dataclass(frozen=True, eq=False)
class Yearly:
    """The yearly amounts of every plan year and path, shape (years, paths), in cents."""

    profit: np.ndarray  # P_Y (the sum of tax_profit)
    contribution: np.ndarray  # S_Y, per month (health and care; with ksk its health part)
    trade_tax: np.ndarray  # GewSt_Y
    income_tax: np.ndarray  # ESt'_Y, after the trade-tax credit (negative: a refund)
    surcharge: np.ndarray  # Soli_Y
    church: np.ndarray  # Church_Y
    total: np.ndarray  # T_Y = I_Y + GewSt_Y
    income_part: np.ndarray | None = None  # I_Y, paid to the tax office
    pension: np.ndarray | None = None  # R_Y, per month (with ksk its pension part)
    family: np.ndarray | None = None  # bool: a family year (health `family`)
    health_basis: np.ndarray | None = None  # (P_Y + GB_Y) / n_Y: the provisional basis
    # v3, long illness: the base S_Y is computed on, per month (base_Y in cents; 0 in a family
    # year; KB_Y with ksk); None with `other` and `employed`
    contribution_base: np.ndarray | None = None


def yearly(
    profit_sums: np.ndarray,
    counts: np.ndarray,
    first_year: int,
    tax: TaxSettings,
    grant_benefit: np.ndarray | None = None,
):
    """Steps 1-6 of regime `de` with v3's household, insurance and pension, for each year,
    carrying both losses forward from year to year. `grant_benefit` is GB_Y per year (years,)."""
    profit = cents_half_up(profit_sums)
    years = first_year + np.arange(profit.shape[0])
    n = counts.astype(float)[:, None]
    insurance = HealthInsurance(tax.health_insurance)
    rate = health_rate_pct(tax)
    monthly = profit / n
    basis = monthly
    if grant_benefit is not None and insurance == HealthInsurance.STATUTORY:
        basis = (profit + grant_benefit[:, None]) / n
    family = None
    pension = None
    contribution_base = None
    # 1. health and care insurance, per month
    if insurance == HealthInsurance.KSK:
        floor_base = _table(years, "reference") / 6.0
        kb = cents_half_up(
            np.minimum(_table(years, "health_ceiling"), np.maximum(floor_base, monthly))
        )
        contribution = _rate_of_cents(_cents(kb), ksk_rate_milli(tax), 100_000)
        rv = cents_half_up(np.minimum(_table(years, "pension_ceiling"), np.maximum(325.0, monthly)))
        pension = _rate_of_cents(_cents(rv), 93, 1000)
        contribution_base = kb
    elif rate:
        contribution_base = health_base(basis, years)
        contribution = cents_half_up(rate / 100.0 * contribution_base)
        if insurance == HealthInsurance.FAMILY:
            family = profit <= _table(years, "family_limit") * n + 1e-6
            contribution = np.where(family, 0.0, contribution)
            contribution_base = np.where(family, 0.0, contribution_base)
    else:
        contribution = np.zeros_like(profit)
    # pension (ignored with ksk, which has its own pension part)
    kind = Pension(tax.pension)
    if insurance != HealthInsurance.KSK and kind != Pension.NONE:
        bg = np.array([constants(int(y)).reference for y in years], dtype=np.int64)
        regular = _rate_of_cents(bg[:, None] * 100, 186, 1000)
        if kind == Pension.REGULAR:
            pension = np.broadcast_to(regular, profit.shape).copy()
        elif kind == Pension.FOUNDER_HALF:
            half = _rate_of_cents(bg[:, None] * 100, 186, 2000)
            founder = (years <= first_year + FOUNDER_YEARS)[:, None]
            pension = np.broadcast_to(np.where(founder, half, regular), profit.shape).copy()
        else:  # income: mini-job-sized businesses are exempt
            base = cents_half_up(np.minimum(_table(years, "pension_ceiling"), monthly))
            exempt = profit <= _table(years, "minijob") * n + 1e-6
            pension = np.where(exempt, 0.0, _rate_of_cents(_cents(base), 186, 1000))
    # 2. two losses carried forward: trade tax's on P_Y, income tax's on E_Y = O + P_Y
    other = float(tax.other_taxable_income)
    taxable = np.zeros_like(profit)
    income_base = np.zeros_like(profit)
    carry = np.zeros(profit.shape[1:])
    carry_income = np.zeros(profit.shape[1:])
    for i in range(profit.shape[0]):
        p = profit[i]
        loss = p < 0
        used = np.minimum(carry, np.maximum(p, 0.0))
        taxable[i] = np.where(loss, 0.0, p - used)
        carry = np.where(loss, carry - p, carry - used)
        if other:
            e = p + other
            loss = e < 0
            used = np.minimum(carry_income, np.maximum(e, 0.0))
            income_base[i] = np.where(loss, 0.0, e - used)
            carry_income = np.where(loss, carry_income - e, carry_income - used)
    if not other:
        income_base = taxable  # with O = 0 both carries are v2's one
    # 3. trade tax
    if tax.trade:
        base = np.maximum(0.0, np.floor(np.round(taxable, 6) / 100.0) * 100.0 - 24500.0)
        m = cents_half_up(0.035 * base)
        trade_tax = cents_half_up(m * float(tax.trade_tax_multiplier_pct) / 100.0)
    else:
        m = trade_tax = np.zeros_like(profit)
    # 4. income tax with the household, the trade-tax credit; the tax O causes is taken as paid
    married = tax.household == Household.MARRIED
    deducted = n * contribution if pension is None else n * contribution + n * pension
    x = euros_down(np.maximum(0.0, income_base - deducted))
    tariff = _tariff(x, years, married)
    x0 = np.full((profit.shape[0], 1), np.floor(other))
    tariff0 = _tariff(x0, years, married) if other else np.zeros_like(x0)
    est = tariff - tariff0 if other else tariff
    credit = np.minimum(np.minimum(4.0 * m, trade_tax), np.maximum(est, 0.0))
    est_after = est - credit
    # 5. solidarity surcharge and church tax, each the household's with less that without
    church_pct = float(tax.church_tax_pct) / 100.0
    if other or married:
        surcharge = solidarity_surcharge(tariff - credit, years, married) - (
            solidarity_surcharge(tariff0, years, married)
        )
        church = cents_down(church_pct * tariff) - cents_down(church_pct * tariff0)
    else:
        surcharge = solidarity_surcharge(est_after, years)
        church = cents_down(church_pct * est)
    # 6. the year's taxes: the tax office's part and the town's
    income_part = cents_half_up(est_after + surcharge + church)
    total = cents_half_up(income_part + trade_tax)
    return Yearly(
        profit,
        contribution,
        trade_tax,
        est_after,
        surcharge,
        church,
        total,
        income_part,
        pension,
        family,
        basis,
        contribution_base,
    )


def provisional_bases(amounts: Yearly, counts: np.ndarray, first_year: int, tax: TaxSettings):
    """(r, [base before r, base from r on]): the bases (years, paths) of the provisional
    contributions (`assessment`, statutory and family) in each plan year.

    (d): Y' = (j - 11 - delay) // 12 changes once a year, at calendar month r; before any
    assessment the base is the year's minimum (and 0 with `family`, as after a family year).
    """
    years = amounts.total.shape[0]
    delay = int(tax.assessment_delay_months)
    r = (11 + delay) % 12
    plan_years = first_year + np.arange(years)
    chosen_basis = amounts.health_basis
    if chosen_basis is None:
        chosen_basis = amounts.profit / counts.astype(float)[:, None]
    low = _table(plan_years, "health_min")
    if HealthInsurance(tax.health_insurance) == HealthInsurance.FAMILY:
        low = np.zeros_like(low)
    bases = []
    for first_month in (0, r):
        basis_year = (12 * np.arange(years) + first_month - 11 - delay) // 12
        chosen = chosen_basis[np.maximum(basis_year, 0)]
        base = np.where((basis_year >= 0)[:, None], health_base(chosen, plan_years), low)
        if amounts.family is not None:
            was_family = amounts.family[np.maximum(basis_year, 0)]
            base = np.where((basis_year >= 0)[:, None] & was_family, 0.0, base)
        bases.append(base)
    return r, bases


SICK_PAY_INSURANCE = (HealthInsurance.STATUTORY, HealthInsurance.FAMILY, HealthInsurance.KSK)


def sick_pay_daily(
    amounts: Yearly, counts: np.ndarray, first_year: int, lead: int, horizon: int, tax: TaxSettings
):
    """Statutory sick pay a day, round_cents(0.7 x base / 30), by runs of plan months:
    a list of (a, b, daily (paths,)) for plan months a..b-1, or None without the option.

    DESIGN.md v3, "Long illness": with `sick_pay` and health insurance `statutory`, `family` (in
    a year of the path that is not a family year) or `ksk`; base = the base of that path's
    contribution of that month: the provisional base with `assessment`, base_Y with
    `estimate`, KB_Y with ksk; 0 (no sick pay) when no contribution is due.
    """
    insurance = HealthInsurance(tax.health_insurance)
    if not tax.sick_pay or insurance not in SICK_PAY_INSURANCE:
        return None
    if amounts.contribution_base is None:
        return None
    years = amounts.total.shape[0]
    end = lead + horizon
    runs = []

    def daily(base):
        return _rate_of_cents(_cents(base), 7, 300)

    if insurance == HealthInsurance.KSK or tax.prepayments == Prepayments.ESTIMATE:
        per_year = daily(amounts.contribution_base)
        for y in range(years):
            a, b = max(lead, 12 * y) - lead, min(end, 12 * y + 12) - lead
            runs.append((a, b, per_year[y]))
        return runs
    r, bases = provisional_bases(amounts, counts, first_year, tax)
    if amounts.family is not None:  # Reading: no sick pay in a family year of the month
        bases = [np.where(amounts.family, 0.0, base) for base in bases]
    dailies = [daily(base) for base in bases]
    for y in range(years):
        a, b = max(lead, 12 * y), min(end, 12 * y + 12)
        split = min(max(12 * y + r, a), b)
        if split > a:
            runs.append((a - lead, split - lead, dailies[0][y]))
        if b > split:
            runs.append((split - lead, b - lead, dailies[1][y]))
    return runs


@dataclass(frozen=True, eq=False)
class Payments:
    """Cash and accruals per plan month (H, paths) and what is owed after the plan (paths,)."""

    taxes: np.ndarray | None  # None when subtracted `into` a net cash flow
    social_insurance: np.ndarray | None
    taxes_accrued: np.ndarray | None
    social_insurance_accrued: np.ndarray | None
    owed_at_end: np.ndarray
    pension: np.ndarray | None = None  # R_Y in each month, with accruals


# Calendar entries (`log`): (plan month, amount, kind, what, plan year index, months)
TAX, TRADE_TAX, INSURANCE, PENSION = "tax", "trade_tax", "social_insurance", "pension"


def payments(
    amounts: Yearly,
    counts: np.ndarray,
    first_year: int,
    lead: int,
    horizon: int,
    tax: TaxSettings,
    accruals: bool = True,
    into: np.ndarray | None = None,
    log: list | None = None,
    columns: bool = False,
) -> Payments:
    """When the money leaves (DESIGN.md, "When the money leaves" and v3's "Trade tax paid to the
    town"), for every path at once.

    Months are counted in calendar terms, j = plan month + lead (j // 12 the plan year, j % 12
    the calendar month); the arrays are indexed by plan month. Without `accruals` (the
    simulation needs only cash), the accrued arrays are None. With `into` (H, paths), the cash
    is subtracted from it in place (the simulation's net cash flow) instead of being returned:
    two arrays of H x paths fewer to fill and to read; with `into` and `columns` (the plan: one
    pass for both) the cash is subtracted from it in the same order and returned as well, so the
    plan's net cash flow is exactly a riskless path's. With `log` (a list; one path), every
    payment is appended as an entry for the payment calendar.
    """
    years, paths = amounts.total.shape
    end = lead + horizon  # first calendar index after the plan
    delay = int(tax.assessment_delay_months)
    total, contribution = amounts.total, amounts.contribution
    income_part = total if amounts.income_part is None else amounts.income_part
    trade = amounts.trade_tax if tax.trade else None
    pension = amounts.pension
    insurance = HealthInsurance(tax.health_insurance)
    counts_list = counts.tolist()

    def month_of_year(values):  # (years, paths) -> (H, paths), each year's value in its months
        return np.repeat(values, counts, axis=0)

    estimate = tax.prepayments == Prepayments.ESTIMATE
    # Contributions paid month by month and final: all with `estimate`, ksk's in both modes
    monthly_health = estimate or insurance == HealthInsurance.KSK
    taxes_accrued = si_accrued = pension_monthly = None
    if accruals:
        taxes_accrued = month_of_year(total / counts.astype(float)[:, None])
    if accruals or monthly_health:
        si_accrued = month_of_year(contribution)
    if pension is not None and accruals:
        pension_monthly = month_of_year(pension)
        si_accrued = si_accrued + pension_monthly

    def assessment(y: int) -> int:
        return 12 * y + 11 + delay

    def months_of(y: int, calendar) -> list[int]:
        return [12 * y + p for p in calendar if lead <= 12 * y + p < end]

    office = [months_of(y, PREPAYMENT_MONTHS) for y in range(years)]
    town = [months_of(y, TRADE_PREPAYMENT_MONTHS) for y in range(years)]

    def prepayment_months(y: int, calendar=PREPAYMENT_MONTHS) -> list[int]:
        return office[y] if calendar is PREPAYMENT_MONTHS else town[y]

    if into is None:
        taxes = np.zeros((horizon, paths))
        si_cash = np.zeros((horizon, paths))

        def pay_tax(rows, amount) -> None:
            taxes[rows] += amount

        def pay_si(rows, amount) -> None:
            si_cash[rows] += amount

    elif columns:  # the plan: the cash columns too, subtracted in the simulation's order
        taxes = np.zeros((horizon, paths))
        si_cash = np.zeros((horizon, paths))

        def pay_tax(rows, amount) -> None:
            into[rows] -= amount
            taxes[rows] += amount

        def pay_si(rows, amount) -> None:
            into[rows] -= amount
            si_cash[rows] += amount

    else:
        taxes = si_cash = None

        def pay_tax(rows, amount) -> None:
            into[rows] -= amount

        pay_si = pay_tax

    def note(m, amount, kind, what, y, months=()) -> None:
        if log is not None:
            log.append((m, float(np.asarray(amount).reshape(-1)[0]), kind, what, y, months))

    def pay_monthly(values, kind) -> None:  # a contribution paid in every month of its year
        for y in range(years):
            a, b = max(lead, 12 * y) - lead, min(end, 12 * y + 12) - lead
            pay_si(slice(a, b), values[y])
            if log is not None:
                for m in range(a, b):
                    note(m, values[y], kind, "contribution", y)

    owed = np.zeros(paths)
    prepaid = np.zeros((years, paths))
    provisional = np.zeros((years, paths))

    def pay_contributions() -> None:
        nonlocal si_cash
        # Health and care: paid as they are, or provisional contributions settled at A(Y)
        rate = health_rate_pct(tax)
        if monthly_health:
            if into is None and log is None:
                si_cash = si_accrued if pension is None else month_of_year(contribution)
            else:
                pay_monthly(contribution, INSURANCE)
            provisional[:] = counts.astype(float)[:, None] * contribution
        elif rate:
            r, bases = provisional_bases(amounts, counts, first_year, tax)
            segments = [cents_half_up(rate / 100.0 * base) for base in bases]
            for y in range(years):
                a, b = max(lead, 12 * y), min(end, 12 * y + 12)
                split = min(max(12 * y + r, a), b)
                pay_si(slice(a - lead, split - lead), segments[0][y])
                pay_si(slice(split - lead, b - lead), segments[1][y])
                provisional[y] = segments[0][y] * (split - a) + segments[1][y] * (b - split)
                if log is not None:
                    for m in range(a - lead, b - lead):
                        amount = segments[0 if m + lead < split else 1][y]
                        note(m, amount, INSURANCE, "contribution", y)
        # The pension: paid in every month of its year, final
        if pension is not None:
            if into is None and log is None and not monthly_health:
                si_cash += (
                    pension_monthly if pension_monthly is not None else month_of_year(pension)
                )
            elif into is None and log is None:
                si_cash = si_cash + month_of_year(pension)
            else:
                pay_monthly(pension, PENSION)

    settle_health = not monthly_health
    if not estimate:
        pay_contributions()  # v2's order: the provisional contributions, then the events
    else:
        for y in range(years):
            months = prepayment_months(y)
            if months:
                share = income_part[y] / len(months)
                for j in months:
                    pay_tax(j - lead, share)
                    if log is not None:
                        note(j - lead, share, TAX, "estimate", y)
            elif assessment(y) < end:
                pay_tax(assessment(y) - lead, income_part[y])
                if log is not None:
                    note(assessment(y) - lead, income_part[y], TAX, "settlement", y)
            else:
                owed += income_part[y]
        if trade is not None:
            for y in range(years):
                months = prepayment_months(y, TRADE_PREPAYMENT_MONTHS)
                if months:
                    share = trade[y] / len(months)
                    for j in months:
                        pay_tax(j - lead, share)
                        if log is not None:
                            note(j - lead, share, TRADE_TAX, "estimate", y)
                elif assessment(y) + 1 < end:
                    pay_tax(assessment(y) + 1 - lead, trade[y])
                    if log is not None:
                        note(assessment(y) + 1 - lead, trade[y], TRADE_TAX, "settlement", y)
                else:
                    owed += trade[y]
        pay_contributions()
        return Payments(taxes, si_cash, taxes_accrued, si_accrued, owed, pension_monthly)

    basis = np.zeros(paths)  # B: the prepayment basis of the latest assessment
    trade_basis = np.zeros(paths)  # B': the town's
    trade_prepaid = np.zeros((years, paths))
    events = sorted(
        {j for y in range(years) for j in prepayment_months(y)}
        | {assessment(y) for y in range(years) if assessment(y) < end}
        | (
            {j for y in range(years) for j in prepayment_months(y, TRADE_PREPAYMENT_MONTHS)}
            | {assessment(y) + 1 for y in range(years) if assessment(y) + 1 < end}
            if trade is not None
            else set()
        )
    )
    for j in events:
        year, m = j // 12, j - lead
        assessed = (j - 11 - delay) // 12
        if (j - 11 - delay) % 12 == 0 and 0 <= assessed < years:
            # (a) settlement of the assessed year, tax and health
            pay_tax(m, income_part[assessed] - prepaid[assessed])
            if log is not None:
                note(m, income_part[assessed] - prepaid[assessed], TAX, "settlement", assessed)
            if settle_health:
                back = counts_list[assessed] * contribution[assessed] - provisional[assessed]
                pay_si(m, back)
                if log is not None:
                    note(m, back, INSURANCE, "settlement", assessed)
            t = income_part[assessed]
            basis = np.where(t < MIN_PREPAYMENT_BASIS - 1e-6, 0.0, t)
            # (b) catch-up of this year's prepayment months before j
            before = [p for p in prepayment_months(year) if p < j]
            catch_up = len(before) * basis / 4.0 - prepaid[year]
            pay_tax(m, catch_up)
            if before and log is not None:
                note(m, catch_up, TAX, "catch_up", year, tuple(p % 12 + 1 for p in before))
            prepaid[year] += catch_up
        if j % 12 in PREPAYMENT_MONTHS:  # (c)
            pay_tax(m, basis / 4.0)
            if log is not None:
                note(m, basis / 4.0, TAX, "prepayment", year)
            prepaid[year] += basis / 4.0
        if trade is None:
            continue
        noticed = (j - 12 - delay) // 12  # the year whose trade-tax notice arrives in j
        if (j - 12 - delay) % 12 == 0 and 0 <= noticed < years:
            pay_tax(m, trade[noticed] - trade_prepaid[noticed])
            if log is not None:
                note(m, trade[noticed] - trade_prepaid[noticed], TRADE_TAX, "settlement", noticed)
            g = trade[noticed]
            trade_basis = np.where(g < MIN_TRADE_PREPAYMENT_BASIS - 1e-6, 0.0, g)
            before = [p for p in prepayment_months(year, TRADE_PREPAYMENT_MONTHS) if p < j]
            catch_up = len(before) * trade_basis / 4.0 - trade_prepaid[year]
            pay_tax(m, catch_up)
            if before:
                months = tuple(p % 12 + 1 for p in before)
                if log is not None:
                    note(m, catch_up, TRADE_TAX, "catch_up", year, months)
            trade_prepaid[year] += catch_up
        if j % 12 in TRADE_PREPAYMENT_MONTHS:
            pay_tax(m, trade_basis / 4.0)
            if log is not None:
                note(m, trade_basis / 4.0, TRADE_TAX, "prepayment", year)
            trade_prepaid[year] += trade_basis / 4.0
    for y in range(years):
        if assessment(y) >= end:
            owed += income_part[y] - prepaid[y]
            if settle_health:
                owed += counts_list[y] * contribution[y] - provisional[y]
        if trade is not None and assessment(y) + 1 >= end:
            owed += trade[y] - trade_prepaid[y]
    return Payments(taxes, si_cash, taxes_accrued, si_accrued, owed, pension_monthly)
