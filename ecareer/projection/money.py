"""Rounding of the engine's float64 results, done only at output (DESIGN.md)."""

import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

import numpy as np

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


def to_cents(value: float | Decimal) -> Decimal:
    """Money rounded half-up to cents, without a negative zero: the one rounding of every output.

    A Decimal (entered amounts and sums of them) is rounded as it is; a float (the engine's
    results) first loses its binary noise (`_exact`).
    """
    with localcontext(prec=WIDE):
        exact = value if isinstance(value, Decimal) else _exact(value)
        cents = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    return cents if cents != 0 else Decimal("0.00")


# Below this size a float's noise and `_exact`'s rounding move a value by far less than a
# hundredth of a cent, so only values that near a half cent can round differently.
_FAST_BELOW = 1e9
_NEAR_HALF = 0.01  # of a cent


def cents_array(values) -> np.ndarray:
    """`to_cents` of every value of an array, as floats (for chart data); inf and NaN kept.

    Values away from a half cent are rounded by numpy (any rounding gives the same cent there);
    the rest, and the very large, go through `to_cents` itself, so each equals
    `float(to_cents(value))`.
    """
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * 100
        fraction = scaled - np.floor(scaled)
        out = np.floor(scaled + 0.5) / 100
        exact = np.isfinite(values) & (
            (np.abs(values) >= _FAST_BELOW) | (np.abs(fraction - 0.5) < _NEAR_HALF)
        )
    out = np.where(np.isfinite(values), out, values)
    for i in np.flatnonzero(exact):
        out.flat[i] = float(to_cents(float(values.flat[i])))
    return out + 0.0  # no -0.0


def to_tenths_down(value: float) -> Decimal:
    """A count rounded down (towards minus infinity) to one decimal."""
    with localcontext(prec=WIDE):
        tenths = _exact(value).quantize(TENTH, rounding=ROUND_FLOOR)
    return tenths if tenths != 0 else Decimal("0.0")
