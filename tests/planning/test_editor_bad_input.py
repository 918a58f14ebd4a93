"""Bad input in every editor form: a message at the field, 422, nothing saved, never a 500."""

import re
from decimal import Decimal

import pytest

from ecareer.planning.models import CostItem, IncomeStream
from ecareer.projection import limits
from tests.planning.factories import (
    COST,
    INCOME,
    PAYLOAD,
    RESERVE,
    RISKS,
    SETTINGS,
    changed,
    make_cost,
    make_income,
    make_scenario,
    snapshot,
)

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["", "abc", "NaN", "nan", "1e400", "Infinity", "-Infinity", "1,5", "12 Euro"]
NAME_121 = "x" * 121

COST_CASES = [
    *[("amount", value) for value in [*NOT_NUMBERS, "-1", "-0.01", "1000000000.01", "1.234"]],
    *[("share_pct", value) for value in [*NOT_NUMBERS, "-1", "100.01"]],
    *[("annual_increase_pct", value) for value in [*NOT_NUMBERS, "-50.01", "101"]],
    ("name", ""),
    ("name", "   "),
    ("name", NAME_121),
    ("name", "nul\x00byte"),
    ("category", ""),
    ("category", "rent"),
    ("frequency", "daily"),
    ("start_month", ""),
    ("start_month", "2027-13"),
    ("start_month", "January"),
    ("start_month", "1899-12"),
    ("start_month", "99999-01"),
    ("end_month", "2026-12"),  # before the start 2027-01
    ("end_month", "NaN"),
]
INCOME_CASES = [
    *[("rate", value) for value in ["", "abc", "NaN", "1e400", "Infinity", "-1"]],
    *[("quantity", value) for value in ["", "abc", "NaN", "1e400", "Infinity", "-5"]],
    *[("ramp_up_months", value) for value in ["", "abc", "NaN", "1e400", "-1", "121", "1.5"]],
    ("annual_increase_pct", "Infinity"),
    ("name", ""),
    ("name", NAME_121),
    ("pricing", "barter"),
    ("start_month", "2027-00"),
    ("end_month", "2027-01"),  # before the start 2027-02
]
SETTINGS_CASES = [
    *[("horizon_months", value) for value in ["", "abc", "NaN", "1e400", "0", "601", "-1", "1.5"]],
    *[("starting_balance", value) for value in [*NOT_NUMBERS, "-1000000000.01", "1e10"]],
    *[("living_monthly", value) for value in [*NOT_NUMBERS, "-1"]],
    *[("living_increase_pct", value) for value in ["NaN", "-51", "100.5"]],
    *[("tax_rate_pct", value) for value in ["", "NaN", "Infinity", "-1", "101"]],
    ("name", ""),
    ("name", NAME_121),
    ("start_month", ""),
    ("start_month", "2027-1x"),
    ("notes", "x" * 10_001),
]
RESERVE_CASES = [
    ("kind", ""),
    ("kind", "percent"),
    ("amount", "NaN"),
    ("amount", "-1"),
    ("amount", "1e400"),
    ("amount", ""),  # kind amount needs an amount
    ("deadline", "2028-13"),
]
RESERVE_MONTHS_CASES = [("months", value) for value in ["", "NaN", "Infinity", "-1", "61", "1e400"]]
RISK_CASES = [
    *[("paths", value) for value in ["", "abc", "NaN", "1e400", "0", "10001", "-5", "2.5"]],
    *[("sick_days_per_year", value) for value in ["", "NaN", "-1", "251", "Infinity"]],
    *[("drought_chance_pct", value) for value in ["NaN", "-0.5", "100.01"]],
    *[("drought_length_months", value) for value in ["", "NaN", "0", "0.99", "61"]],
    *[("drought_income_drop_pct", value) for value in ["1e400", "-1", "101"]],
]


@pytest.fixture
def scenario(owner):
    scenario = make_scenario(owner)
    make_cost(scenario)
    make_income(scenario, start_month=scenario.start_month.replace(month=2))
    return scenario


def assert_rejected(response, field_id: str) -> None:
    """A 422 form fragment with the error beside the field, announced, and no change event."""
    assert response.status_code == 422
    assert not changed(response)
    assert f'id="{field_id}_error"' in response.text
    assert re.search(f'aria-describedby="[^"]*{field_id}_error"', response.text)
    assert 'aria-invalid="true"' in response.text
    assert 'role="alert"' in response.text


@pytest.mark.parametrize(("field", "value"), COST_CASES)
def test_bad_cost_item_is_rejected_at_the_field(owner_client, scenario, field, value, hx):
    cost = scenario.costs.get()
    before = snapshot(scenario)
    data = {**COST, field: value}
    edit = owner_client.post(f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/", data, headers=hx)
    assert_rejected(edit, f"costs-{cost.pk}-{field}")
    new = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", data, headers=hx)
    assert_rejected(new, f"costs-new-{field}")
    page = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", data)
    assert page.status_code == 422
    assert f'id="costs-new-{field}_error"' in page.text
    assert snapshot(scenario) == before


@pytest.mark.parametrize(("field", "value"), INCOME_CASES)
def test_bad_income_stream_is_rejected_at_the_field(owner_client, scenario, field, value, hx):
    income = scenario.incomes.get()
    before = snapshot(scenario)
    data = {**INCOME, field: value}
    url = f"/scenarios/{scenario.pk}/incomes/{income.pk}/edit/"
    assert_rejected(owner_client.post(url, data, headers=hx), f"incomes-{income.pk}-{field}")
    new = owner_client.post(f"/scenarios/{scenario.pk}/incomes/new/", data, headers=hx)
    assert_rejected(new, f"incomes-new-{field}")
    assert snapshot(scenario) == before


@pytest.mark.parametrize(
    ("pricing", "missing"), [("fixed", "amount"), ("hourly", "rate"), ("per_unit", "quantity")]
)
def test_income_pricing_needs_its_figures(owner_client, scenario, pricing, missing, hx):
    data = {**INCOME, "pricing": pricing, "amount": "100", missing: ""}
    response = owner_client.post(f"/scenarios/{scenario.pk}/incomes/new/", data, headers=hx)
    assert_rejected(response, f"incomes-new-{missing}")
    assert scenario.incomes.count() == 1


@pytest.mark.parametrize(("field", "value"), SETTINGS_CASES)
def test_bad_settings_are_rejected_at_the_field(owner_client, scenario, field, value, hx):
    before = snapshot(scenario)
    data = {**SETTINGS, field: value}
    response = owner_client.post(f"/scenarios/{scenario.pk}/settings/", data, headers=hx)
    assert_rejected(response, f"settings-{field}")
    page = owner_client.post(f"/scenarios/{scenario.pk}/settings/", data)
    assert page.status_code == 422
    assert f'id="settings-{field}_error"' in page.text
    assert snapshot(scenario) == before


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [(f, v, "amount") for f, v in RESERVE_CASES]
    + [(f, v, "months") for f, v in RESERVE_MONTHS_CASES],
)
def test_bad_reserve_is_rejected_at_the_field(owner_client, scenario, field, value, kind, hx):
    before = snapshot(scenario)
    data = {**RESERVE, "kind": kind, "months": "6", field: value}
    response = owner_client.post(f"/scenarios/{scenario.pk}/reserve/", data, headers=hx)
    assert_rejected(response, f"reserve-{field}")
    assert snapshot(scenario) == before


def test_bad_reserve_saves_nothing_when_the_row_is_missing(owner_client, owner, hx):
    scenario = make_scenario(owner, reserve=False)
    data = {**RESERVE, "amount": "NaN"}
    response = owner_client.post(f"/scenarios/{scenario.pk}/reserve/", data, headers=hx)
    assert response.status_code == 422
    assert not hasattr(type(scenario).objects.get(pk=scenario.pk), "reserve")


@pytest.mark.parametrize(("field", "value"), RISK_CASES)
def test_bad_risks_are_rejected_at_the_field(owner_client, scenario, field, value, hx):
    before = snapshot(scenario)
    data = {**RISKS, field: value}
    response = owner_client.post(f"/scenarios/{scenario.pk}/risks/", data, headers=hx)
    assert_rejected(response, f"risks-{field}")
    assert snapshot(scenario) == before


@pytest.mark.parametrize("card", ["settings", "reserve", "risks"])
def test_empty_post_is_an_invalid_form_not_a_blank_one(owner_client, scenario, card, hx):
    before = snapshot(scenario)
    response = owner_client.post(f"/scenarios/{scenario.pk}/{card}/", {}, headers=hx)
    assert response.status_code == 422
    assert "This field is required." in response.text
    assert snapshot(scenario) == before


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_empty_item_post_is_rejected(owner_client, scenario, kind, hx):
    before = snapshot(scenario)
    response = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/new/", {}, headers=hx)
    assert response.status_code == 422
    assert "This field is required." in response.text
    assert snapshot(scenario) == before


def test_largest_values_within_the_limits_are_saved(owner_client, scenario, hx):
    data = {
        **COST,
        "amount": "1000000000.00",
        "share_pct": "100",
        "annual_increase_pct": "-50",
        "name": "y" * 120,
    }
    response = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", data, headers=hx)
    assert response.status_code == 200
    assert scenario.costs.filter(amount=Decimal("1000000000.00"), name="y" * 120).exists()


# --- the 201st item ------------------------------------------------------------------------------


def fill(scenario, costs: int, incomes: int) -> None:
    start = scenario.start_month
    CostItem.objects.bulk_create(
        CostItem(scenario=scenario, name=f"c{n}", amount=1, start_month=start) for n in range(costs)
    )
    IncomeStream.objects.bulk_create(
        IncomeStream(scenario=scenario, name=f"i{n}", amount=1, start_month=start)
        for n in range(incomes)
    )


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_the_201st_item_is_refused(owner_client, owner, kind, hx):
    scenario = make_scenario(owner)
    fill(scenario, 150, limits.MAX_ITEMS - 150)
    before = snapshot(scenario)
    response = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/new/", PAYLOAD[kind], headers=hx)
    assert response.status_code == 422
    assert not changed(response)
    assert "at most 200 cost items and income streams together" in response.text
    assert 'role="alert"' in response.text
    page = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/new/", PAYLOAD[kind])
    assert page.status_code == 422
    assert "at most 200 cost items and income streams together" in page.text
    assert snapshot(scenario) == before


def test_the_200th_item_is_accepted_and_editing_at_the_limit_works(owner_client, owner, hx):
    scenario = make_scenario(owner)
    fill(scenario, 100, limits.MAX_ITEMS - 101)
    response = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", COST, headers=hx)
    assert response.status_code == 200
    assert scenario.costs.count() + scenario.incomes.count() == limits.MAX_ITEMS
    cost = scenario.costs.first()
    edit = owner_client.post(
        f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/",
        {**COST, "name": "Still fine"},
        headers=hx,
    )
    assert edit.status_code == 200


# --- a stale tab: the item was deleted meanwhile -------------------------------------------------


@pytest.mark.parametrize("kind", ["costs", "incomes"])
@pytest.mark.parametrize(
    ("method", "suffix"), [("get", ""), ("get", "edit/"), ("post", "edit/"), ("post", "delete/")]
)
def test_stale_item_gives_an_explaining_404_fragment(
    owner_client, scenario, kind, method, suffix, hx
):
    item = (scenario.costs if kind == "costs" else scenario.incomes).get()
    item_id = item.pk
    item.delete()
    before = snapshot(scenario)
    url = f"/scenarios/{scenario.pk}/{kind}/{item_id}/{suffix}"
    data = PAYLOAD[kind] if method == "post" else None
    response = getattr(owner_client, method)(url, data, headers=hx)
    assert response.status_code == 404
    assert not changed(response)
    assert response["hx-Retarget"] == f"#{kind}-{item_id}"
    assert response["hx-Reswap"] == "outerHTML"
    assert response.text.lstrip().startswith(f'<tr id="{kind}-{item_id}" class="gone-row">')
    assert "no longer exists" in response.text and "another tab" in response.text
    assert snapshot(scenario) == before


@pytest.mark.parametrize("kind", ["costs", "incomes"])
@pytest.mark.parametrize(
    ("method", "suffix"), [("get", "edit/"), ("post", "edit/"), ("post", "delete/")]
)
def test_stale_item_without_javascript_shows_the_page_with_a_message(
    owner_client, scenario, kind, method, suffix
):
    item = (scenario.costs if kind == "costs" else scenario.incomes).get()
    item_id = item.pk
    item.delete()
    url = f"/scenarios/{scenario.pk}/{kind}/{item_id}/{suffix}"
    response = getattr(owner_client, method)(url, PAYLOAD[kind] if method == "post" else None)
    assert response.status_code == 404
    assert "<html" in response.text
    assert "no longer exists" in response.text
    assert 'id="costs"' in response.text  # the current page, to carry on from
