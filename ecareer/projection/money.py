"""Rounding of the engine's float64 results, done only at output (DESIGN.md)."""

import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
# Enough digits for any float64 (up to ~1.8e308) with its cents, so quantize never overflows.
WIDE = 330
SIGNIFICANT = 14


def _exact(value: float) -> Decimal:
    """The value as a Decimal, with the binary float noise of the engine's arithmetic removed.

    The engine adds and multiplies in float64, whose noise is relative (about 1e-16 of the
    numbers involved, more after long sums), so the value is rounded to 14 significant digits,
    and at least to 3 and at most to 9 decimals: 2.67499999... in binary is 2.675 on paper and
    rounds half-up to 2.68, while 1789.1049996 (1200 x 1.1424^3, exactly) stays below the half
    cent and rounds to 1789.10; 0.3 / 0.1 is a runway of 3.0 months, 0.9999999 one of 0.9.
    A value less than a billionth of a cent from a half cent is beyond float64 to tell apart
    and may round either way.
    """
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return Decimal(repr(value))
    digits_before_point = math.floor(math.log10(abs(value))) + 1
    decimals = min(9, max(3, SIGNIFICANT - digits_before_point))
    return Decimal(repr(round(value, decimals)))


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
