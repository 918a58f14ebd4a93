"""Chart data is rounded as every other output: `cents_array` is `to_cents` of each value."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ecareer.projection.money import cents_array, to_cents


def test_half_cents_round_up_and_away_from_zero():
    # 0.125 and 0.225 are halves on paper; numpy's own rounding gives 0.12 and 0.22
    values = [0.125, 0.125 + 0.1, -0.125, 2.675, 1.005, 0.1 + 0.2, -0.004, 1e20, -0.0]
    assert cents_array(values).tolist() == [0.13, 0.23, -0.13, 2.68, 1.01, 0.3, 0.0, 1e20, 0.0]
    assert math.copysign(1, cents_array([-0.004])[0]) == 1  # no negative zero


def test_inf_and_nan_pass_through():
    out = cents_array([math.inf, -math.inf, math.nan])
    assert out[0] == math.inf and out[1] == -math.inf and math.isnan(out[2])


half_cents = st.builds(
    lambda n, sign: sign * (n + 0.5) / 100, st.integers(0, 10**9), st.sampled_from([1, -1])
)
amounts = st.floats(-1e12, 1e12, allow_nan=False) | half_cents


@given(st.lists(amounts, min_size=1, max_size=20))
def test_each_value_is_to_cents_of_it(values):
    assert cents_array(np.array(values)).tolist() == [float(to_cents(v)) for v in values]
