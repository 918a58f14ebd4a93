"""Rounding to cents at output: half-up, no float noise, no negative zero."""

from decimal import Decimal as D

import pytest

from ecareer.projection.money import to_cents, to_tenths_down


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.675, "2.68"),  # stored as 2.67499999999999982236431605997495353221893310546875
        (1.005, "1.01"),  # stored as 1.00499999999999989341858963598497211933135986328125
        (0.1 + 0.2, "0.30"),  # 0.30000000000000004
        (-2.675, "-2.68"),  # half-up rounds halves away from zero
        (-0.004, "0.00"),  # no "-0.00"
        (-0.0, "0.00"),
        (1234.5, "1234.50"),
        (1e32, "100000000000000000000000000000000.00"),  # huge amounts don't overflow Decimal
        (1200 * 1.1424**3, "1789.10"),  # 1789.1049996288 on paper: just below the half cent
        (4799.63499976, "4799.63"),
        (-12.22499976, "-12.22"),
        (14763434.904989647, "14763434.90"),  # a large balance keeps its thousandths
    ],
)
def test_to_cents(value, expected):
    assert str(to_cents(value)) == expected


def test_a_sum_that_is_2675_on_paper_rounds_up():
    # 0.535 x 5 = 2.675 on paper, 2.6750000000000003 in float64; 2.68 either way
    assert to_cents(0.535 * 5) == D("2.68")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (8000 / 1500, "5.3"),
        (5.39, "5.3"),
        (0.3 / 0.1, "3.0"),
        (-1000 / 1500, "-0.7"),
        (0, "0.0"),
        (99999.99 / 100000, "0.9"),  # 0.9999999 is short of 1.0, not noise
    ],
)
def test_to_tenths_down(value, expected):
    # 0.3 / 0.1 is 2.9999999999999996 in float64: noise, not a smaller runway
    assert str(to_tenths_down(value)) == expected
