"""Versioned edits through the test client: a stale save shows the current values and changes
nothing; an edit of a deleted row is "no longer exists", never a re-insert (htmx and no-JS)."""

from decimal import Decimal

import pytest

from ecareer.planning.models import CostItem, IncomeStream, ReserveTarget, Scenario
from ecareer.projection import limits
from tests.html import parse
from tests.planning.factories import (
    COST,
    INCOME,
    RESERVE,
    RISKS,
    SETTINGS,
    TAX,
    make_cost,
    make_income,
    make_scenario,
)

pytestmark = pytest.mark.django_db

CONFLICT_EN = "Changed in another window meanwhile: here are the current values."
CONFLICT_DE = "Inzwischen in einem anderen Fenster geändert: Hier sind die aktuellen Werte."


@pytest.fixture
def scenario(owner) -> Scenario:
    scenario = make_scenario(owner)
    make_cost(scenario, amount=Decimal("1600"))
    make_income(scenario)
    return scenario


def hidden_version(html: str) -> str:
    """The version the shown form was made from (its hidden field)."""
    field = parse(html).find("input", name="version")
    assert field is not None and field.attrs["type"] == "hidden"
    return field.attrs["value"]


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_stale_cost_edit_changes_nothing_and_shows_the_current_values(
    owner_client, scenario, hx, htmx
):
    # Tab A and tab B open the form on version 1; A saves amount 111, then B a new name.
    cost = scenario.costs.get()
    url = f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/"
    assert hidden_version(owner_client.get(url, headers=hx).text) == "1"
    first = owner_client.post(url, {**COST, "amount": "111", "version": "1"}, headers=hx)
    assert first.status_code == 200
    headers = hx if htmx else {}
    stale = owner_client.post(
        url, {**COST, "name": "Renamed in B", "version": "1"}, headers=headers
    )

    assert stale.status_code == 409
    assert CONFLICT_EN in stale.text
    assert "scenario-changed" not in stale.headers.get("HX-Trigger", "")
    form = parse(stale.text).find("form", class_="item-form")
    assert form.find("input", name="amount").attrs["value"] == "111.00"
    assert form.find("input", name="name").attrs["value"] == "Desk and chair"  # A's name
    assert form.find("input", name="version").attrs["value"] == "2"
    if htmx:
        assert "<html" not in stale.text
    cost.refresh_from_db()
    assert (cost.name, cost.amount, cost.version) == ("Desk and chair", Decimal("111"), 2)

    # Made again from the values shown, B's change is saved.
    again = owner_client.post(
        url, {**COST, "amount": "111", "name": "Renamed in B", "version": "2"}
    )
    assert again.status_code == 302
    cost.refresh_from_db()
    assert (cost.name, cost.amount, cost.version) == ("Renamed in B", Decimal("111"), 3)


def test_a_stale_income_edit_is_refused_too(owner_client, scenario, hx):
    income = scenario.incomes.get()
    url = f"/scenarios/{scenario.pk}/incomes/{income.pk}/edit/"
    assert owner_client.post(url, {**INCOME, "rate": "90"}, headers=hx).status_code == 200
    stale = owner_client.post(url, {**INCOME, "name": "Stale"}, headers=hx)
    assert stale.status_code == 409 and CONFLICT_EN in stale.text
    income.refresh_from_db()
    assert (income.name, income.rate, income.version) == ("Articles", Decimal("90"), 2)


@pytest.mark.parametrize(
    ("card", "data", "changed", "stale_change"),
    [
        ("settings", SETTINGS, {"living_monthly": "2222"}, {"name": "Stale name"}),
        ("risks", RISKS, {"paths": "700"}, {"sick_days_per_year": "3"}),
        ("reserve", RESERVE, {"amount": "7000"}, {"deadline": "2029-01"}),
        ("tax", TAX, {"church_tax_pct": "9"}, {"care_pct": "3.6"}),
    ],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_stale_card_save_changes_nothing(
    owner_client, scenario, hx, card, data, changed, stale_change, htmx
):
    url = f"/scenarios/{scenario.pk}/{card}/"
    assert owner_client.post(url, {**data, **changed}, headers=hx).status_code == 200
    stored = ReserveTarget.objects.get(scenario=scenario) if card == "reserve" else None
    stored = stored or Scenario.objects.get(pk=scenario.pk)
    before = {f.name: getattr(stored, f.name) for f in type(stored)._meta.fields}
    headers = hx if htmx else {}
    stale = owner_client.post(url, {**data, **stale_change}, headers=headers)

    assert stale.status_code == 409
    assert CONFLICT_EN in stale.text
    form = parse(stale.text).find("section", id_=card).find("form")
    ((field, value),) = changed.items()
    shown = form.find("input", name=field).attrs["value"]
    assert Decimal(shown) == Decimal(value)
    assert form.find("input", name="version").attrs["value"] == "2"
    stored.refresh_from_db()
    assert {f.name: getattr(stored, f.name) for f in type(stored)._meta.fields} == before


def test_the_conflict_message_in_german(owner, owner_client, scenario, hx):
    owner.profile.language = "de"
    owner.profile.save()
    url = f"/scenarios/{scenario.pk}/risks/"
    assert owner_client.post(url, RISKS, headers=hx).status_code == 200
    stale = owner_client.post(url, RISKS, headers=hx)
    assert stale.status_code == 409 and CONFLICT_DE in stale.text


def test_an_edit_without_its_version_is_refused_at_the_form(owner_client, scenario, hx):
    cost = scenario.costs.get()
    url = f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/"
    data = {key: value for key, value in COST.items() if key != "version"}
    response = owner_client.post(url, {**data, "amount": "5"}, headers=hx)
    assert response.status_code == 422
    cost.refresh_from_db()
    assert cost.amount == Decimal("1600")


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_an_edit_of_a_deleted_item_says_so_and_inserts_nothing(
    owner_client, scenario, hx, kind, htmx
):
    model = CostItem if kind == "costs" else IncomeStream
    item = model.objects.get(scenario=scenario)
    url = f"/scenarios/{scenario.pk}/{kind}/{item.pk}/edit/"
    form_data = {"costs": COST, "incomes": INCOME}[kind]
    assert owner_client.post(url.replace("edit/", "delete/"), headers=hx).status_code == 200
    response = owner_client.post(url, {**form_data, "name": "Back?"}, headers=hx if htmx else {})
    assert response.status_code == 404
    assert "no longer exists" in response.text
    assert not model.objects.filter(scenario=scenario).exists()


def test_a_card_save_on_a_deleted_scenario_is_no_longer_exists(owner_client, scenario, hx):
    url = f"/scenarios/{scenario.pk}/reserve/"
    Scenario.objects.filter(pk=scenario.pk).delete()
    response = owner_client.post(url, RESERVE, headers=hx)
    assert response.status_code == 404 and "no longer exists" in response.text
    assert not ReserveTarget.objects.exists()


def test_the_first_reserve_of_an_old_scenario_is_made_once(owner, owner_client, hx):
    # Two tabs show "no reserve target yet" (version 0): the first save makes it, the second
    # is stale.
    scenario = make_scenario(owner, reserve=False)
    url = f"/scenarios/{scenario.pk}/reserve/"
    assert hidden_version(owner_client.get(url, headers=hx).text) == "0"
    first = owner_client.post(url, {**RESERVE, "version": "0"}, headers=hx)
    assert first.status_code == 200
    stale = owner_client.post(url, {**RESERVE, "amount": "1", "version": "0"}, headers=hx)
    assert stale.status_code == 409
    reserve = ReserveTarget.objects.get(scenario=scenario)
    assert (reserve.amount, reserve.version) == (Decimal("5000"), 1)


def test_the_item_limit_is_counted_when_saving(owner_client, owner, hx):
    scenario = make_scenario(owner)
    CostItem.objects.bulk_create(
        CostItem(scenario=scenario, name=f"c{i}", amount=1, start_month=scenario.start_month)
        for i in range(limits.MAX_ITEMS - 1)
    )
    url = f"/scenarios/{scenario.pk}/incomes/new/"
    assert owner_client.post(url, INCOME, headers=hx).status_code == 200
    refused = owner_client.post(url, INCOME, headers=hx)
    assert refused.status_code == 422
    assert f"at most {limits.MAX_ITEMS} cost items" in refused.text
    assert scenario.costs.count() + scenario.incomes.count() == limits.MAX_ITEMS


def test_a_rename_from_the_list_makes_an_open_settings_form_stale(owner_client, scenario, hx):
    url = f"/scenarios/{scenario.pk}/rename/"
    assert owner_client.post(url, {"name": "Renamed"}, headers=hx).status_code == 200
    stale = owner_client.post(f"/scenarios/{scenario.pk}/settings/", SETTINGS, headers=hx)
    assert stale.status_code == 409
    assert Scenario.objects.get(pk=scenario.pk).name == "Renamed"


def test_a_rename_of_a_deleted_scenario_does_not_bring_it_back(owner_client, scenario, hx):
    url = f"/scenarios/{scenario.pk}/rename/"
    Scenario.objects.filter(pk=scenario.pk).delete()
    assert owner_client.post(url, {"name": "Back?"}, headers=hx).status_code == 404
    assert not Scenario.objects.exists()


def test_saving_a_what_if_makes_open_forms_of_what_it_changed_stale(owner_client, scenario, hx):
    income = scenario.incomes.get()
    url = f"/scenarios/{scenario.pk}/what-if/"
    assert (
        owner_client.post(url, {"price_pct": "10", "sick_days": "3"}, headers=hx).status_code == 200
    )
    stale_risks = owner_client.post(f"/scenarios/{scenario.pk}/risks/", RISKS, headers=hx)
    edit = f"/scenarios/{scenario.pk}/incomes/{income.pk}/edit/"
    stale_income = owner_client.post(edit, INCOME, headers=hx)
    assert (stale_risks.status_code, stale_income.status_code) == (409, 409)
    assert Scenario.objects.get(pk=scenario.pk).sick_days_per_year == 3
