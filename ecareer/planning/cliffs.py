"""Warnings ahead of the cliffs of a founder's situation, each once, in the founder's words with
the month and the amount (DESIGN.md v3; issue 23): the family insurance ends and a year is
charged at once, the start grant drops or ends, the founder's half of the pension ends, a loan's
repayments start.

Every figure comes from the projection (its columns, its yearly amounts and the payment
calendar built from them); nothing is computed a second time here. A warning is a function
`(data, projection) -> list[Cliff]` in WARNINGS: add one there (the loans part adds "loan
repayments start").
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money, month_long
from ecareer.projection import calendar, germany
from ecareer.projection.engine import Projection
from ecareer.projection.model import HealthInsurance, Pension, Scenario, TaxRegime, YearMonth
from ecareer.projection.money import to_cents


@dataclass(frozen=True, slots=True)
class Cliff:
    """One warning: `key` names its kind (the list item's id), `month` orders the list."""

    key: str
    month: YearMonth
    text: str


def _cents(value: float) -> Decimal:
    return to_cents(float(value))


def family_insurance_ends(data: Scenario, projection: Projection) -> list[Cliff]:
    """`family`: the first year whose average monthly profit is above the limit, and the month
    the insurer charges that year at once (its settlement in the payment calendar)."""
    tax = data.tax
    yearly = projection.yearly
    if tax.regime != TaxRegime.DE or tax.health_insurance != HealthInsurance.FAMILY:
        return []
    if yearly is None or yearly.family is None:
        return []
    family = yearly.family[:, 0].tolist()
    if all(family):
        return []
    y = family.index(False)
    year = data.start.year + y
    first = max(data.start, YearMonth(year, 1))
    cur = data.currency
    values = {
        "year": year,
        "limit": money(Decimal(str(germany.constants(year).family_limit)), cur),
        "monthly": money(_cents(yearly.contribution[y, 0]), cur),
    }
    settlement = next(
        (
            p
            for p in calendar.payments(projection)
            if p.kind == calendar.INSURANCE and p.what == "settlement" and p.year == year
        ),
        None,
    )
    if settlement is not None and settlement.amount > 0:
        text = _(
            "From %(year)s your profit is above %(limit)s a month: you insure yourself. In "
            "%(month)s the insurer charges %(year)s at once: %(amount)s."
        ) % {
            **values,
            "month": month_long(settlement.month),
            "amount": money(settlement.amount, cur),
        }
    else:
        text = (
            _(
                "From %(year)s your profit is above %(limit)s a month: you insure yourself and pay "
                "%(monthly)s a month for %(year)s."
            )
            % values
        )
    return [Cliff("family-insurance-ends", first, text)]


def start_grant_drops(data: Scenario, projection: Projection) -> list[Cliff]:
    """Each month the start grant falls: from benefit + 300 to 300, and from 300 to 0."""
    grants = projection.grants
    if data.start_grant is None or grants is None:
        return []
    cur = data.currency
    cliffs = []
    values = [_cents(v) for v in grants.tolist()]
    for m in range(1, len(values)):
        before, after = values[m - 1], values[m]
        if after >= before:
            continue
        when = projection.months[m]
        words = {
            "month": month_long(when),
            "before": money(before, cur),
            "after": money(after, cur),
        }
        if after > 0:
            text = _("In %(month)s the start grant drops from %(before)s to %(after)s a month.")
            cliffs.append(Cliff("start-grant-drops", when, text % words))
        else:
            text = _("In %(month)s the start grant ends: %(before)s a month less.")
            cliffs.append(Cliff("start-grant-ends", when, text % words))
    return cliffs


def founder_half_ends(data: Scenario, projection: Projection) -> list[Cliff]:
    """`founder_half`: the month the pension contribution rises to the regular one."""
    tax = data.tax
    column = projection.pension_insurance
    if (
        tax.regime != TaxRegime.DE
        or tax.pension != Pension.FOUNDER_HALF
        or tax.health_insurance == HealthInsurance.KSK  # the KSK has its own pension part
        or column is None
    ):
        return []
    values = [_cents(v) for v in column.tolist()]
    for m in range(1, len(values)):
        when = projection.months[m]
        if when.year == data.start.year + 4 and when.month == 1 and values[m] > values[m - 1]:
            text = _(
                "From %(month)s the founder's half ends: your pension contribution rises from "
                "%(before)s to %(after)s a month."
            ) % {
                "month": month_long(when),
                "before": money(values[m - 1], data.currency),
                "after": money(values[m], data.currency),
            }
            return [Cliff("founder-half-ends", when, text)]
    return []


def loan_repayments_start(data: Scenario, projection: Projection) -> list[Cliff]:
    """Each loan's first month of repayment inside the plan, with that month's payment (and
    the interest paid before it, after months of interest only): the payment calendar's."""
    found: dict[int, tuple[calendar.Payment | None, calendar.Payment]] = {}
    before: dict[int, calendar.Payment] = {}
    for p in calendar.loan_payments(projection):  # p.period: the loan's place in the list
        if p.what == "interest":
            before[p.period] = p
        elif p.period not in found:
            found[p.period] = (before.get(p.period), p)
    cliffs = []
    for n, (interest, first) in sorted(found.items()):
        words = {
            "name": first.name,
            "month": month_long(first.month),
            "amount": money(first.amount, data.currency),
        }
        if interest is None:
            text = _("From %(month)s you repay “%(name)s”: %(amount)s in the first month.")
        else:
            words["before"] = money(interest.amount, data.currency)
            text = _(
                "In %(month)s the repayments of “%(name)s” start: %(amount)s that month, after "
                "%(before)s a month of interest only."
            )
        cliffs.append(Cliff(f"loan-repayments-start-{n}", first.month, text % words))
    return cliffs


WARNINGS: tuple[Callable[[Scenario, Projection], list[Cliff]], ...] = (
    family_insurance_ends,
    start_grant_drops,
    founder_half_ends,
    loan_repayments_start,
)


def cliffs(data: Scenario, projection: Projection) -> list[Cliff]:
    """Every warning of the plan, each once, in the order of their months."""
    found: list[Cliff] = []
    for warning in WARNINGS:
        for cliff in warning(data, projection):
            if cliff not in found:
                found.append(cliff)
    return sorted(found, key=lambda c: c.month)
