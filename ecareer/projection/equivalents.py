"""Monthly equivalents of recurring items, as DESIGN.md's outgoings count them (before growth),
the business share of one-off items, and their sums by category and in total, as the editor's
cost table shows them."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ecareer.projection.model import Category, CostBasis, CostItem, Frequency
from ecareer.projection.money import to_cents

# Monthly x1, quarterly /3, yearly /12; a one-off cost is no recurring outgoing.
PER_MONTH = {
    Frequency.ONCE: Decimal(0),
    Frequency.MONTHLY: Decimal(1),
    Frequency.QUARTERLY: Decimal(1) / Decimal(3),
    Frequency.YEARLY: Decimal(1) / Decimal(12),
}


def monthly_equivalent(item: CostItem) -> Decimal:
    """The item's business share per month in its first year, rounded to cents (half-up).

    A share of income is no outgoing (it stops when the income stops): 0 here.
    """
    if item.basis == CostBasis.INCOME_SHARE:
        return Decimal("0.00")
    value = item.amount * item.share_pct / Decimal(100) * PER_MONTH[Frequency(item.frequency)]
    return to_cents(value)


def one_off_amount(item: CostItem) -> Decimal | None:
    """A one-off cost's business share, paid once in its start month, rounded to cents (half-up);
    None for a recurring cost (a share of income is always monthly, so never one-off)."""
    if Frequency(item.frequency) != Frequency.ONCE or item.basis == CostBasis.INCOME_SHARE:
        return None
    return to_cents(item.amount * item.share_pct / Decimal(100))


@dataclass(frozen=True, slots=True)
class MonthlyTotals:
    """The items' monthly equivalents and one-off amounts (in the order given; None for a
    recurring item), and the sums of each by category and in all."""

    per_item: tuple[Decimal, ...]
    by_category: dict[Category, Decimal]
    total: Decimal
    once_per_item: tuple[Decimal | None, ...]
    once_by_category: dict[Category, Decimal]
    once_total: Decimal


def _by_category(items: Sequence[CostItem], amounts: Sequence[Decimal]) -> dict[Category, Decimal]:
    sums: dict[Category, Decimal] = {}
    for category in Category:
        found = [a for item, a in zip(items, amounts, strict=True) if item.category == category]
        if found:
            sums[category] = sum(found, Decimal("0.00"))
    return sums


def share_average(first_year_total: Decimal, horizon_months: int) -> Decimal:
    """A share-of-income cost per month as its first year's average: the plan's first 12 months
    (or a shorter horizon) of it, divided by their number, rounded to cents (half-up)."""
    return to_cents(first_year_total / Decimal(max(1, min(12, horizon_months))))


def monthly_totals(
    items: Sequence[CostItem], share_averages: Sequence[Decimal | None] | None = None
) -> MonthlyTotals:
    """Monthly equivalents, one-off amounts and their sums; categories in the order of
    `Category`, only used ones (a category without one-off costs sums to 0.00 of them).

    `share_averages` (one per item, None for the others) gives a share of income its first
    year's average per month, so that the totals count it (the editor's table; the outgoings
    of DESIGN.md do not). The sums add the rounded amounts, so a subtotal is the sum of the
    rows above it.
    """
    averages = share_averages or [None] * len(items)
    per_item = tuple(
        average
        if average is not None and item.basis == CostBasis.INCOME_SHARE
        else monthly_equivalent(item)
        for item, average in zip(items, averages, strict=True)
    )
    once_per_item = tuple(one_off_amount(item) for item in items)
    once = [Decimal("0.00") if amount is None else amount for amount in once_per_item]
    return MonthlyTotals(
        per_item=per_item,
        by_category=_by_category(items, per_item),
        total=sum(per_item, Decimal("0.00")),
        once_per_item=once_per_item,
        once_by_category=_by_category(items, once),
        once_total=sum(once, Decimal("0.00")),
    )
