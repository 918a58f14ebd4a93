"""Monthly equivalents, checked by hand."""

from decimal import Decimal

import pytest

from ecareer.projection.equivalents import monthly_equivalent, monthly_totals, one_off_amount
from ecareer.projection.model import Category, CostBasis, CostItem, Frequency, YearMonth


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


def cost(name, category, amount, frequency, share="100", **fields) -> CostItem:
    return CostItem(
        name=name,
        category=category,
        amount=Decimal(amount),
        frequency=frequency,
        start=YearMonth(2027, 1),
        share_pct=Decimal(share),
        **fields,
    )


@pytest.mark.parametrize(
    ("amount", "frequency", "share", "expected"),
    [
        ("1600.00", Frequency.ONCE, "100", Decimal("1600.00")),
        ("250.01", Frequency.ONCE, "50", Decimal("125.01")),  # 125.005 -> 125.01 half-up
        ("0.00", Frequency.ONCE, "100", Decimal("0.00")),
        ("900.00", Frequency.MONTHLY, "100", None),  # recurring: no one-off amount
        ("900.00", Frequency.YEARLY, "100", None),
    ],
)
def test_one_off_amount(amount, frequency, share, expected):
    assert one_off_amount(cost("x", Category.OTHER, amount, frequency, share)) == expected


def test_one_off_and_monthly_sums_by_category_and_in_all():
    # Worked by hand:
    #   Equipment: desk 1,600.00 once at 100 %   -> once 1,600.00, a month 0.00
    #              chair 250.01 once at 50 %     -> once 125.005 -> 125.01, a month 0.00
    #   Software:  licence 300.00 once at 33 %   -> once 99.00, a month 0.00
    #   Internet:  45.00 monthly at 50 %         -> once none, a month 22.50
    #   Goods:     40 % of the income (a share)  -> once none, a month 0.00 (no outgoing)
    # Equipment 1,725.01 once / 0.00 a month; Software 99.00 / 0.00; Internet 0.00 / 22.50;
    # Goods 0.00 / 0.00. In all 1,824.01 once and 22.50 a month.
    items = [
        cost("Desk", Category.EQUIPMENT, "1600.00", Frequency.ONCE),
        cost("Internet", Category.INTERNET_PHONE, "45.00", Frequency.MONTHLY, "50"),
        cost("Licence", Category.SOFTWARE, "300.00", Frequency.ONCE, "33"),
        cost("Chair", Category.EQUIPMENT, "250.01", Frequency.ONCE, "50"),
        cost("Goods", Category.GOODS, "40", Frequency.MONTHLY, basis=CostBasis.INCOME_SHARE),
    ]
    totals = monthly_totals(items)
    assert totals.once_per_item == (
        Decimal("1600.00"), None, Decimal("99.00"), Decimal("125.01"), None,
    )  # fmt: skip
    assert totals.per_item == tuple(map(Decimal, ["0.00", "22.50", "0.00", "0.00", "0.00"]))
    assert totals.once_by_category == {
        Category.EQUIPMENT: Decimal("1725.01"),
        Category.INTERNET_PHONE: Decimal("0.00"),
        Category.SOFTWARE: Decimal("99.00"),
        Category.GOODS: Decimal("0.00"),
    }
    assert totals.by_category == {
        Category.EQUIPMENT: Decimal("0.00"),
        Category.INTERNET_PHONE: Decimal("22.50"),
        Category.SOFTWARE: Decimal("0.00"),
        Category.GOODS: Decimal("0.00"),
    }
    assert list(totals.once_by_category) == list(totals.by_category)  # the same groups, in order
    assert totals.once_total == Decimal("1824.01")
    assert totals.total == Decimal("22.50")


def test_no_items_sum_to_nothing():
    totals = monthly_totals([])
    assert (totals.by_category, totals.once_by_category) == ({}, {})
    assert (totals.total, totals.once_total) == (Decimal("0.00"), Decimal("0.00"))
