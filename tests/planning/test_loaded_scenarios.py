"""services.loaded_scenarios (issue 26): the scenarios with their items read by plain SQL must be
the very objects prefetch_related gave, and a loaded manager must stay limited to its scenario."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from ecareer.planning import convert, services
from ecareer.planning.models import CostItem
from ecareer.projection import scenario_file
from tests.planning.factories import make_cost, make_full_scenario, make_income, make_scenario
from tests.planning.test_loans_file import FILE

pytestmark = pytest.mark.django_db


def stored(row) -> tuple:
    return tuple(getattr(row, f.attname) for f in row._meta.concrete_fields)


def shape(scenario) -> tuple:
    """Every stored field of the scenario, its reserve, costs, incomes and loans, in order."""
    try:
        reserve = stored(scenario.reserve)
    except scenario._meta.model.reserve.RelatedObjectDoesNotExist:
        reserve = None
    return (
        stored(scenario),
        reserve,
        [stored(c) for c in scenario.costs.all()],
        [stored(i) for i in scenario.incomes.all()],
        [stored(loan) for loan in scenario.loans.all()],
    )


def test_the_same_rows_as_prefetch_related_in_the_same_order(owner, other):
    make_full_scenario(owner, costs=7, incomes=3, name="Full")
    convert.create_scenario(owner, scenario_file.from_dict(FILE))  # with loans and write-offs
    make_scenario(owner, name="No reserve", reserve=False)
    make_full_scenario(other, costs=2, incomes=1, name="Someone else's")
    expected = [shape(s) for s in services.scenarios_with_items(owner)]
    loaded = services.loaded_scenarios(owner)
    assert [shape(s) for s in loaded] == expected
    assert len(expected) == 3 and all(s.user_id == owner.pk for s in loaded)
    for scenario in loaded:  # one scenario by its key: the same again
        (alone,) = services.loaded_scenarios(owner, scenario.pk)
        assert shape(alone) == shape(scenario)
        assert services.plan_of(alone) == services.plan_of(scenario)


def test_reading_the_loaded_items_asks_the_database_nothing(owner):
    scenario = make_full_scenario(owner, costs=5, incomes=2)
    with CaptureQueriesContext(connection) as queries:
        (loaded,) = services.loaded_scenarios(owner, scenario.pk)
    assert len(queries) == 4  # scenario with reserve, costs, incomes, loans
    with CaptureQueriesContext(connection) as queries:
        shape(loaded)
        services.plan_of(loaded)
        assert all(cost.scenario is loaded for cost in loaded.costs.all())
    assert len(queries) == 0


def test_a_query_on_a_loaded_manager_stays_within_its_scenario(owner, other):
    mine = make_scenario(owner)
    make_cost(mine, name="Mine")
    theirs = make_scenario(other)
    make_cost(theirs, name="Theirs")
    make_income(theirs)
    (loaded,) = services.loaded_scenarios(owner, mine.pk)
    assert [c.name for c in loaded.costs.filter(category=CostItem.Category.INTERNET_PHONE)] == [
        "Mine"
    ]
    assert loaded.incomes.count() == 0 and not loaded.incomes.exists()


def test_another_users_scenario_is_not_found(owner, other):
    theirs = make_scenario(other)
    assert services.loaded_scenarios(owner, theirs.pk) == []
    with pytest.raises(Http404):
        services.owned_scenario(owner, theirs.pk, with_items=True)
