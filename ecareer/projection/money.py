"""Rounding of the engine's float64 results, done only at output (DESIGN.md)."""

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
# Enough digits for any float64 (up to ~1.8e308) with its cents, so quantize never overflows.
WIDE = 330


def _exact(value: float) -> Decimal:
    # Round away float noise first (1e-6 of a cent is far below anything shown), so a value
    # that is 2.675 on paper but 2.67499999... in binary still rounds half-up to 2.68.
    return Decimal(repr(round(float(value), 6)))


def to_cents(value: float) -> Decimal:
    """Money rounded half-up to cents, without a negative zero."""
    with localcontext(prec=WIDE):
        cents = _exact(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return cents if cents != 0 else Decimal("0.00")


def to_tenths_down(value: float) -> Decimal:
    """A count rounded down (towards minus infinity) to one decimal."""
    with localcontext(prec=WIDE):
        tenths = _exact(value).quantize(TENTH, rounding=ROUND_FLOOR)
    return tenths if tenths != 0 else Decimal("0.0")
