"""Monthly equivalents of recurring items, as DESIGN.md's outgoings count them (before growth),
and their sums by category and in total, as the editor's cost table shows them."""

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


@dataclass(frozen=True, slots=True)
class MonthlyTotals:
    """The items' monthly equivalents (in the order given), their sums by category and in all."""

    per_item: tuple[Decimal, ...]
    by_category: dict[Category, Decimal]
    total: Decimal


def monthly_totals(items: Sequence[CostItem]) -> MonthlyTotals:
    """Monthly equivalents and their sums; categories in the order of `Category`, only used ones.

    The sums add the rounded equivalents, so a subtotal is the sum of the rows above it.
    """
    per_item = tuple(monthly_equivalent(item) for item in items)
    by_category: dict[Category, Decimal] = {}
    for category in Category:
        amounts = [m for item, m in zip(items, per_item, strict=True) if item.category == category]
        if amounts:
            by_category[category] = sum(amounts, Decimal(0))
    return MonthlyTotals(per_item, by_category, sum(per_item, Decimal(0)))
