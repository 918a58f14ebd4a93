"""Monthly equivalents of recurring items, as DESIGN.md's outgoings count them (before growth)."""

from decimal import Decimal

from ecareer.projection.model import CostItem, Frequency

# Monthly x1, quarterly /3, yearly /12; a one-off cost is no recurring outgoing.
PER_MONTH = {
    Frequency.ONCE: Decimal(0),
    Frequency.MONTHLY: Decimal(1),
    Frequency.QUARTERLY: Decimal(1) / Decimal(3),
    Frequency.YEARLY: Decimal(1) / Decimal(12),
}
CENT = Decimal("0.01")


def monthly_equivalent(item: CostItem) -> Decimal:
    """The item's business share per month in its first year, rounded to cents (half-up)."""
    value = item.amount * item.share_pct / Decimal(100) * PER_MONTH[Frequency(item.frequency)]
    return value.quantize(CENT, rounding="ROUND_HALF_UP")
