"""The starter scenarios shipped in the package: they load, and they make sense as examples."""

from decimal import Decimal
from importlib import resources

import pytest

from ecareer.projection import scenario_file
from ecareer.projection.engine import project
from ecareer.projection.model import Category, Pricing, ReserveKind, YearMonth
from ecareer.starters import STARTERS, Starter, load_starter, starter_text

SLUGS = [starter.slug for starter in STARTERS]


def test_three_starters():
    assert SLUGS == ["online_shop", "call_center", "freelance_writer"]
    assert all(isinstance(starter, Starter) for starter in STARTERS)


def test_every_shipped_file_is_a_starter():
    shipped = {
        entry.name.removesuffix(".json")
        for entry in resources.files("ecareer.starters").iterdir()
        if entry.name.endswith(".json")
    }
    assert shipped == set(SLUGS)


@pytest.mark.parametrize("starter", STARTERS, ids=SLUGS)
def test_title_and_description(starter):
    assert 0 < len(starter.title) <= 120
    # One plain sentence: a capital first, one full stop at the end.
    assert starter.description[0].isupper()
    assert starter.description.endswith(".")
    assert starter.description.count(".") == 1


@pytest.mark.parametrize("slug", SLUGS)
def test_loads_through_the_validator(slug):
    scenario = load_starter(slug)
    assert scenario_file.from_dict(scenario_file.to_dict(scenario)) == scenario
    assert scenario.currency == "EUR"
    assert scenario.start == YearMonth(2027, 1)
    assert scenario.horizon_months == 36
    assert scenario.living_monthly > 0
    assert scenario.tax_rate_pct > 0
    assert scenario.reserve.kind == ReserveKind.MONTHS
    assert scenario.reserve.deadline is not None
    assert scenario.risks.sick_days_per_year == 10
    assert scenario.risks.drought_chance_pct > 0
    assert scenario.risks.paths == 1000
    assert scenario.risks.seed > 0
    assert any(income.performance_based for income in scenario.incomes)
    assert any(cost.category == Category.EQUIPMENT for cost in scenario.costs)


def test_each_starter_has_its_own_shape():
    shop, call_center, writer = (load_starter(slug) for slug in SLUGS)
    assert [i.pricing for i in shop.incomes] == [Pricing.PER_UNIT]
    assert any(c.name == "Goods purchase" and c.category == Category.OTHER for c in shop.costs)
    assert [i.pricing for i in call_center.incomes] == [Pricing.HOURLY]
    assert call_center.incomes[0].ramp_up_months > 0
    assert any(c.category == Category.TRAINING for c in call_center.costs)
    assert {i.pricing for i in writer.incomes} == {Pricing.PER_UNIT, Pricing.FIXED}
    retainer = next(i for i in writer.incomes if i.pricing == Pricing.FIXED)
    assert not retainer.performance_based
    assert {Category.JOURNALS, Category.FAIRS_TRAVEL} <= {c.category for c in writer.costs}


@pytest.mark.parametrize("slug", SLUGS)
def test_a_starter_plan_carries_itself(slug):
    # An example should show a plan that works: it pays the living costs before its end, never
    # runs out of money and reaches its reserve by the deadline.
    scenario = load_starter(slug)
    kpis = project(scenario).kpis.as_dict()
    assert kpis["self_sufficient_month"] is not None
    assert kpis["depletion_month"] is None
    assert kpis["min_balance"] > Decimal(0)
    assert kpis["reserve_reached_month"] is not None
    assert YearMonth.parse(kpis["reserve_reached_month"]) <= scenario.reserve.deadline


def test_unknown_slug():
    with pytest.raises(KeyError):
        load_starter("bakery")
    with pytest.raises(KeyError):
        starter_text("../settings")
