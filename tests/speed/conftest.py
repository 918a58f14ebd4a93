"""Fixtures of the speed tests."""

import pytest

from tests.planning.factories import make_cost, make_income, make_scenario


@pytest.fixture
def scenario(owner):
    """A scenario with one cost and one income stream (the page cache's and the parts' tests)."""
    scenario = make_scenario(owner)
    make_cost(scenario, name="Internet share")
    make_income(scenario, name="Call-center hours")
    return scenario
