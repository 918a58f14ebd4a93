"""The starter scenarios shipped in the package: they load, and they make sense as examples."""

from decimal import Decimal
from importlib import resources

import pytest

from ecareer.projection import scenario_file
from ecareer.projection.engine import project
from ecareer.projection.model import (
    Category,
    CostBasis,
    Pricing,
    ReserveKind,
    TaxRegime,
    VatStatus,
    YearMonth,
)
from ecareer.starters import PEOPLE, STARTERS, Starter, load_starter, starter_text

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
    assert shipped == set(SLUGS) | {starter.slug for starter in PEOPLE}


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
    goods = next(c for c in shop.costs if c.category == Category.GOODS)
    assert goods.basis == CostBasis.INCOME_SHARE and goods.income == "Shop sales"
    assert any(
        c.category == Category.FEES and c.basis == CostBasis.INCOME_SHARE for c in shop.costs
    )
    assert [i.pricing for i in call_center.incomes] == [Pricing.HOURLY]
    assert call_center.incomes[0].ramp_up_months > 0
    assert any(c.category == Category.TRAINING for c in call_center.costs)
    assert {i.pricing for i in writer.incomes} == {Pricing.PER_UNIT, Pricing.FIXED}
    retainer = next(i for i in writer.incomes if i.pricing == Pricing.FIXED)
    assert not retainer.performance_based
    assert {Category.JOURNALS, Category.FAIRS_TRAVEL} <= {c.category for c in writer.costs}


def test_english_starters_are_flat_and_german_ones_count_germanys_taxes():
    for slug in SLUGS:
        assert load_starter(slug).tax.regime == TaxRegime.FLAT
        assert load_starter(slug, "de").tax.regime == TaxRegime.DE
        assert load_starter(slug, "de").tax.vat == VatStatus.SMALL_BUSINESS
    shop, call_center, writer = (load_starter(slug, "de") for slug in SLUGS)
    # The shop: a trade selling to consumers, goods and fees a share of its (German) sales.
    assert shop.tax.trade and shop.incomes[0].prices_include_vat
    assert {c.income for c in shop.costs if c.basis == CostBasis.INCOME_SHARE} == {"Shop-Umsatz"}
    # The call-center seat: a trade billing a business, VAT on top once registered.
    assert call_center.tax.trade and not call_center.incomes[0].prices_include_vat
    # The writer: a liberal profession, 7 % on licences of texts.
    assert not writer.tax.trade
    assert {i.vat_rate_pct for i in writer.incomes} == {Decimal(7)}


def test_the_german_shop_outgrows_the_small_business_status_in_its_first_year():
    # 34.90 x 180 = 6,282 a month at full speed, ramping up over 6 months: the turnover passes
    # 25,000 within 2027, so the founding year's small-business status ends there.
    projection = project(load_starter("online_shop", "de"))
    assert projection.registered is not None
    first = projection.months[int(projection.registered.argmax())]
    assert first.year == 2027


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("slug", SLUGS)
def test_a_starter_plan_carries_itself(slug, language):
    # An example should show a plan that works: it pays the living costs before its end, never
    # runs out of money and reaches its reserve by the deadline (with either regime).
    scenario = load_starter(slug, language)
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
