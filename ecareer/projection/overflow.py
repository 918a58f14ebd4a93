"""Whether a plan inside every limit still outgrows float64 (decades of steep growth)."""

from datetime import date

import numpy as np

from ecareer.projection.engine import Projection
from ecareer.projection.model import YearMonth

# Inside the limits an item adds at most 1e9 x 1e9 (rate x quantity) a month, growing at most
# 100 % a year: 200 items over 600 months, times a 60-month reserve, stay below 7.2e24 x 2^Y
# after Y years of growth, which is finite (< 1.8e308) for any Y below about 940.
SAFE_GROWTH_YEARS = 900


def may_overflow(
    start: YearMonth | date, horizon_months: int, first_start: YearMonth | date
) -> bool:
    """Only a plan whose earliest item (or start) lies SAFE_GROWTH_YEARS before its end can
    overflow; any other is known to be finite without projecting it."""
    end_year = start.year + (horizon_months + 11) // 12
    return end_year - first_start.year >= SAFE_GROWTH_YEARS


def is_finite(projection: Projection) -> bool:
    """Every amount of the projection is a number (no inf, no NaN)."""
    # Every shown series is a sum of the others or feeds the balance: an inf or a NaN anywhere
    # (inf - inf) leaves the balance, the outgoings or the reserve target not finite.
    return bool(
        np.isfinite(projection.balance).all()
        and np.isfinite(projection.outgoings).all()
        and np.isfinite(projection.reserve_target).all()
    )
