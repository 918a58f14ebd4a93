"""Monthly flows summed by calendar year, for long plans shown year by year.

Each month is rounded to cents first (`money.cents_array`), so a year's sum is the sum of the
monthly table's cells and the CSV's rows; a plan that starts or ends inside a year gets that
year's months only.
"""

from collections.abc import Sequence

import numpy as np

from ecareer.projection.model import YearMonth
from ecareer.projection.money import cents_array


def years_of(months: Sequence[YearMonth]) -> list[int]:
    """The calendar years the months fall in, in order, each once."""
    return sorted({m.year for m in months})


def yearly_sums(months: Sequence[YearMonth], values) -> np.ndarray:
    """The cent-rounded monthly values summed per calendar year (one entry per `years_of`)."""
    monthly = cents_array(np.asarray(values, dtype=float))
    if not len(months):
        return monthly
    years = np.array([m.year for m in months])
    starts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    # Sums of cents in float64 gather tiny binary fractions; round them back to cents.
    return np.round(np.add.reduceat(monthly, starts), 2)
