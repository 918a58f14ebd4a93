"""Monthly flows summed by calendar year, checked by hand and by property."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ecareer.projection.by_year import yearly_sums, years_of
from ecareer.projection.model import YearMonth


def months(start: YearMonth, count: int) -> list[YearMonth]:
    return [start + i for i in range(count)]


def test_a_plan_from_november_to_february_splits_into_two_years():
    # Nov 2027 10.004 -> 10.00, Dec 2027 0.005 -> 0.01 (half-up): 2027 = 10.01;
    # Jan 2028 -3.335 -> -3.34 (half away from zero), Feb 2028 1.00: 2028 = -2.34.
    span = months(YearMonth(2027, 11), 4)
    assert years_of(span) == [2027, 2028]
    assert yearly_sums(span, [10.004, 0.005, -3.335, 1.0]).tolist() == [10.01, -2.34]


def test_thirty_months_of_100_from_july():
    # Jul-Dec 2027: 6 x 100 = 600; 2028: 12 x 100 = 1,200; Jan-Dec 2029: 12 x 100 = 1,200.
    span = months(YearMonth(2027, 7), 30)
    assert years_of(span) == [2027, 2028, 2029]
    assert yearly_sums(span, np.full(30, 100.0)).tolist() == [600.0, 1200.0, 1200.0]


@given(
    st.integers(1, 12),
    st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=130),
)
def test_the_years_add_up_to_the_months(start_month, cents):
    # Whole cents in, so each month is exact: the years' total is the months' total.
    span = months(YearMonth(2030, start_month), len(cents))
    sums = yearly_sums(span, np.array(cents) / 100)
    assert len(sums) == len(years_of(span))
    assert round(sum(sums), 2) == round(sum(cents) / 100, 2)
