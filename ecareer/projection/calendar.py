"""The payment calendar: every tax, insurance and VAT payment of a plan, with what it is for.

Built from a projection's yearly figures and cash columns (DESIGN.md, "When the money leaves" and
"VAT in regime de"), so that the entries of each month add up, to the cent, to that month's
`taxes`, `social_insurance` and `vat_paid`. Words are the web's business: an entry says what it
is by `what`, `year`, `months` and `period`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from ecareer.projection import flows, germany
from ecareer.projection.engine import Projection
from ecareer.projection.model import TaxRegime, YearMonth
from ecareer.projection.money import to_cents

TAX, INSURANCE, VAT = "tax", "social_insurance", "vat"
LOAN = "loan"  # v3: a loan's monthly interest (and repayment), see `loan_payments`
TRADE_TAX, PENSION = germany.TRADE_TAX, germany.PENSION  # v3: the town's, the pension fund's
# what: for taxes "settlement", "catch_up", "prepayment", "estimate" (regime de) or "ytd" (flat);
# for trade tax (paid to the town) "settlement", "catch_up", "prepayment" or "estimate";
# for insurance "contribution" (a month's) or "settlement" (a year's back-payment or refund);
# for the pension "contribution"; for VAT "quarter" or "month" (the return's period).


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment (negative: a refund) in `month`, of `kind` TAX, INSURANCE or VAT."""

    month: YearMonth
    amount: Decimal
    kind: str
    what: str
    year: int  # the year it is for (the assessed year, the prepayments' year, the VAT's year)
    months: tuple[int, ...] = ()  # catch-up: the prepayment months (1..12) it makes up for
    period: int = 0  # VAT: the quarter (1..4) or month (1..12) of the return; LOAN: the loan's
    # place in the scenario's list (1, 2, ...)
    name: str = ""  # LOAN: the loan's name


@dataclass(frozen=True, slots=True)
class PeakMonth:
    """The month with the most to pay at once, its payments and the balance after them."""

    month: YearMonth
    total: Decimal
    payments: tuple[Payment, ...]
    balance: Decimal


def payments(projection: Projection) -> list[Payment]:
    """Every payment of the plan, month by month; in a month: taxes, insurance, then VAT."""
    raw: list[tuple[int, float, str, str, int, tuple[int, ...], int]] = []
    sc = projection.scenario
    if sc.tax.regime == TaxRegime.DE and projection.yearly is not None:
        raw += _german(projection)
    else:
        for m, amount in enumerate(projection.taxes.tolist()):
            if to_cents(amount) != 0:
                raw.append((m, amount, TAX, "ytd", projection.months[m].year, (), 0))
    raw += _vat(projection)
    return _to_cents(projection, raw)


def loan_payments(projection: Projection) -> list[Payment]:
    """Each loan's payment in each month: `what` "interest" (only interest: the months of
    interest only) or "payment" (interest and repayment), in month order, loans as entered.

    The amounts are `flows.loan_schedule`'s exact cents, whose sums over the loans are the
    projection's `loan_interest` + `loan_repayment` in every month.
    """
    sc = projection.scenario
    out = []
    for order, loan in enumerate(sc.loans):
        _paid, interest, repayment = flows.loan_schedule(loan, sc.start, sc.horizon_months)
        for m, (charged, repaid) in enumerate(zip(interest, repayment, strict=True)):
            if charged or repaid:
                what = "payment" if repaid else "interest"
                month = projection.months[m]
                out.append(
                    (
                        m,
                        order,
                        Payment(
                            month,
                            charged + repaid,
                            LOAN,
                            what,
                            month.year,
                            period=order + 1,
                            name=loan.name,
                        ),
                    )
                )
    return [p for _m, _order, p in sorted(out, key=lambda e: (e[0], e[1]))]


def _german(projection: Projection) -> list[tuple]:
    """Taxes, trade tax and contributions of regime de, as germany.payments makes them."""
    sc = projection.scenario
    lead, _, counts = flows.calendar(sc)
    first = sc.start.year
    log: list[tuple] = []
    germany.payments(
        projection.yearly, counts, first, lead, sc.horizon_months, sc.tax, False, log=log
    )
    return [
        (m, amount, kind, what, first + y, months, 0) for m, amount, kind, what, y, months in log
    ]


def _vat(projection: Projection) -> list[tuple]:
    """VAT returns: each month's vat_paid is the return of the period that ended before it."""
    if projection.vat_paid is None:
        return []
    lead = projection.scenario.start.month - 1
    due = projection.vat_due
    spans = flows.year_spans(lead, len(due))
    out = []
    for m, amount in enumerate(projection.vat_paid.tolist()):
        if m == 0 or to_cents(amount) == 0:
            continue
        last = projection.months[m - 1]  # the period's last month
        i = next(k for k, (a, b) in enumerate(spans) if a <= m - 1 < b)
        # monthly returns in a year after one whose VAT summed above the limit (flows.vat_returns)
        monthly = i > 0 and float(np.sum(due[spans[i - 1][0] : spans[i - 1][1]])) > (
            flows.MONTHLY_RETURNS_ABOVE + flows.EPSILON
        )
        if monthly:
            out.append((m, amount, VAT, "month", last.year, (), last.month))
        else:
            out.append((m, amount, VAT, "quarter", last.year, (), (last.month - 1) // 3 + 1))
    return out


def _to_cents(projection: Projection, raw: list[tuple]) -> list[Payment]:
    """Entries in cents whose sums per month and kind equal the columns, rounded as they are.

    Each entry is rounded half-up; where the rounded parts miss the rounded column by a cent or
    two, the largest entry of that month takes the difference.
    """
    columns = {
        TAX: projection.taxes,
        INSURANCE: projection.social_insurance,
        VAT: projection.vat_paid,
    }
    groups: dict[tuple[int, str], list[list]] = {}
    for m, amount, kind, what, year, months, period in raw:
        entry = [m, to_cents(amount), kind, what, year, months, period]
        groups.setdefault((m, _COLUMN[kind]), []).append(entry)
    result = []
    for (m, kind), entries in sorted(groups.items(), key=lambda g: (g[0][0], _ORDER[g[0][1]])):
        entries.sort(key=lambda e: _KIND_ORDER[e[2]])  # stable: the tax office before the town
        column = float(columns[kind][m])
        wanted = to_cents(column)
        gap = wanted - sum((e[1] for e in entries), Decimal(0))
        # Rounding leaves at most half a cent per entry, and float64's own noise grows with the
        # amount (a few cents near 1e14); a larger gap is a missing payment and stays visible
        # (the tests compare the sums with the columns).
        noise = Decimal(math.ulp(abs(column))) * 8 * len(entries)
        if gap and abs(gap) <= CENT * len(entries) + noise:
            max(entries, key=lambda e: abs(e[1]))[1] += gap
        for e in entries:
            if e[1] != 0:
                month = projection.months[e[0]]
                result.append(Payment(month, e[1], e[2], e[3], e[4], e[5], e[6]))
    return result


_ORDER = {TAX: 0, INSURANCE: 1, VAT: 2}
_COLUMN = {TAX: TAX, TRADE_TAX: TAX, INSURANCE: INSURANCE, PENSION: INSURANCE, VAT: VAT}
_KIND_ORDER = {TAX: 0, TRADE_TAX: 1, INSURANCE: 2, PENSION: 3, VAT: 4}
CENT = Decimal("0.01")


def peak_month(projection: Projection, entries: list[Payment]) -> PeakMonth | None:
    """The month with the largest sum of payments (the first of equal ones), or None."""
    by_month: dict[YearMonth, Decimal] = {}
    for p in entries:
        by_month[p.month] = by_month.get(p.month, Decimal(0)) + p.amount
    if not by_month:
        return None
    month = max(by_month, key=lambda mo: (by_month[mo], -mo.index))
    if by_month[month] <= 0:
        return None
    m = month - projection.scenario.start
    chosen = tuple(p for p in entries if p.month == month and p.amount > 0)
    return PeakMonth(month, by_month[month], chosen, to_cents(float(projection.balance[m])))


@dataclass(frozen=True, slots=True)
class PaymentMonth:
    """One month of the calendar: its payments, their sum and the balance at the month's end."""

    month: YearMonth
    total: Decimal
    payments: tuple[Payment, ...]
    balance: Decimal


def by_month(projection: Projection, entries: list[Payment]) -> list[PaymentMonth]:
    """The payments grouped by month, in month order, each month with its total (the sum of
    its entries as shown, refunds negative) and the plan's balance at the end of it."""
    groups: dict[YearMonth, list[Payment]] = {}
    for p in entries:
        groups.setdefault(p.month, []).append(p)
    start = projection.scenario.start
    return [
        PaymentMonth(
            month,
            sum((p.amount for p in payments), Decimal(0)),
            tuple(payments),
            to_cents(float(projection.balance[month - start])),
        )
        for month, payments in sorted(groups.items(), key=lambda g: g[0].index)
    ]


def largest_months(months: list[PaymentMonth], count: int = 3) -> list[PaymentMonth]:
    """The `count` months with the most to pay (earlier first among equal ones), in month
    order; only months with something beyond the monthly health and pension contributions,
    and a positive total: the settlements, catch-ups, prepayments and VAT returns a founder must
    plan for."""
    big = [
        m
        for m in months
        if m.total > 0
        and any(
            not (p.kind in (INSURANCE, PENSION) and p.what == "contribution") for p in m.payments
        )
    ]
    chosen = sorted(big, key=lambda m: (-m.total, m.month.index))[:count]
    return sorted(chosen, key=lambda m: m.month.index)


def small_business_end(projection: Projection) -> YearMonth | None:
    """The first month the VAT status is registered while the plan chose small business."""
    if projection.registered is None or projection.scenario.tax.vat != "small_business":
        return None
    return projection.months[int(np.argmax(projection.registered))]


# The months with the most to pay at once, for the cash-flow chart's labels: at most this many,
# each at least BIG_PAYMENT_FACTOR times the average month with something to pay.
BIG_PAYMENTS = 3
BIG_PAYMENT_FACTOR = Decimal("1.5")


def big_payment_months(projection: Projection) -> list[tuple[YearMonth, Decimal]]:
    """The largest payment months of the plan (`big_months` of `payments`), largest first."""
    by_month: dict[YearMonth, Decimal] = {}
    for p in payments(projection):
        by_month[p.month] = by_month.get(p.month, Decimal(0)) + p.amount
    return big_months(by_month)


def big_months(by_month) -> list[tuple[YearMonth, Decimal]]:
    """Of the months' payment sums, the (at most BIG_PAYMENTS) largest that are at least
    BIG_PAYMENT_FACTOR times the average of the months with something to pay; the earlier of
    equal ones first."""
    paying = {month: total for month, total in by_month.items() if total > 0}
    if not paying:
        return []
    average = Decimal(sum(paying.values())) / len(paying)
    ranked = sorted(paying.items(), key=lambda item: (-item[1], item[0].index))
    return [item for item in ranked[:BIG_PAYMENTS] if item[1] >= BIG_PAYMENT_FACTOR * average]


def stack_extremes(bars: list[np.ndarray], line: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Stacked bars (relative: positives up, negatives down) and a line: each month's lowest
    bar end, and the highest and lowest point of all (0 included)."""
    above = np.sum([np.clip(y, 0, None) for y in bars], axis=0)
    below = np.sum([np.clip(y, None, 0) for y in bars], axis=0)
    top = max(float(above.max()), float(line.max()), 0.0)
    bottom = min(float(below.min()), float(line.min()), 0.0)
    return below, top, bottom
