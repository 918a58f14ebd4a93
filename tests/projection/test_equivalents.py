"""Monthly equivalents, checked by hand."""

from decimal import Decimal

import pytest

from ecareer.projection.equivalents import monthly_equivalent
from ecareer.projection.model import Category, CostItem, Frequency, YearMonth


@pytest.mark.parametrize(
    ("amount", "frequency", "share", "expected"),
    [
        ("100.00", Frequency.MONTHLY, "100", "100.00"),
        ("100.00", Frequency.MONTHLY, "40", "40.00"),  # 100 x 40 %
        ("300.00", Frequency.QUARTERLY, "100", "100.00"),  # 300 / 3
        ("100.00", Frequency.QUARTERLY, "100", "33.33"),  # 33.333...
        ("1200.00", Frequency.YEARLY, "50", "50.00"),  # 1200 x 50 % / 12
        ("0.50", Frequency.YEARLY, "100", "0.04"),  # 0.041666 -> 0.04
        ("0.30", Frequency.YEARLY, "100", "0.03"),  # 0.025 -> 0.03 half-up
        ("900.00", Frequency.ONCE, "100", "0.00"),  # one-off: no recurring outgoing
    ],
)
def test_monthly_equivalent(amount, frequency, share, expected):
    item = CostItem(
        name="x",
        category=Category.OTHER,
        amount=Decimal(amount),
        frequency=frequency,
        start=YearMonth(2027, 1),
        share_pct=Decimal(share),
    )
    assert monthly_equivalent(item) == Decimal(expected)
