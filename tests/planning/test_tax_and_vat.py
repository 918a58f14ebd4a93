"""The tax card, and the share-of-income and VAT fields of items: htmx and plain-form paths,
bad input at its field with nothing saved, and what the tables show."""

from decimal import Decimal

import pytest

from ecareer.planning.models import CostItem, IncomeStream, Scenario
from tests.html import parse
from tests.planning.factories import (
    COST,
    INCOME,
    SETTINGS,
    TAX,
    changed,
    make_cost,
    make_income,
    make_scenario,
    snapshot,
)

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def scenario(owner):
    return make_scenario(owner)


def _tax_url(scenario) -> str:
    return f"/scenarios/{scenario.pk}/tax/"


# --- the tax card ---------------------------------------------------------------------------


def test_tax_card_shows_the_regime_and_opens_its_form_in_place(owner_client, scenario, hx):
    page = owner_client.get(f"/scenarios/{scenario.pk}/").text
    card = parse(page).find(id="tax")
    assert "One flat rate" in card.text and "25" in card.text
    form = owner_client.get(_tax_url(scenario), headers=hx)
    assert form.status_code == 200
    assert form.text.lstrip().startswith('<section id="tax"')
    assert 'name="trade_tax_multiplier_pct"' in form.text
    assert "Hebesatz" in form.text and "common is 400 %" in form.text
    assert "What the German taxes here leave out" in form.text


def test_tax_settings_save_in_place(owner_client, scenario, hx):
    response = owner_client.post(_tax_url(scenario), TAX, headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert response.text.lstrip().startswith('<section id="tax"')
    assert "a trade; trade-tax multiplier 435" in response.text
    scenario.refresh_from_db()
    assert scenario.tax_regime == "de"
    assert scenario.trade is True and scenario.sick_pay is False
    assert scenario.trade_tax_multiplier_pct == D(435)
    assert scenario.church_tax_pct == D(8)
    assert scenario.health_extra_pct == D("2.5") and scenario.care_pct == D("4.2")
    assert scenario.prepayments == "estimate" and scenario.assessment_delay_months == 14
    assert scenario.vat_status == "registered"


def test_tax_settings_save_without_javascript_redirects(owner_client, scenario):
    response = owner_client.post(_tax_url(scenario), TAX)
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#tax"
    scenario.refresh_from_db()
    assert scenario.tax_regime == "de"


def test_tax_form_without_javascript_is_the_whole_page(owner_client, scenario):
    response = owner_client.get(_tax_url(scenario))
    assert response.status_code == 200
    assert "<html" in response.text and 'name="tax_regime"' in response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("trade_tax_multiplier_pct", "150"),
        ("trade_tax_multiplier_pct", "901"),
        ("church_tax_pct", "10"),
        ("health_extra_pct", "5.5"),
        ("care_pct", "-1"),
        ("assessment_delay_months", "0"),
        ("assessment_delay_months", "25"),
        ("tax_regime", "us"),
        ("vat_status", "exempt"),
        ("health_extra_pct", "NaN"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_tax_bad_input_is_named_at_its_field_and_saves_nothing(
    owner_client, scenario, hx, field, value, htmx
):
    before = snapshot(scenario)
    headers = hx if htmx else {}
    response = owner_client.post(_tax_url(scenario), {**TAX, field: value}, headers=headers)
    assert response.status_code == 422
    assert not changed(response)
    errors = parse(response.text).find(id=f"tax-{field}_error")
    assert errors is not None and errors.text.strip()
    assert snapshot(scenario) == before


def test_switching_the_regime_keeps_the_other_regimes_values(owner_client, scenario, hx):
    # One tab saving one card after another: each save from the version the last one made.
    owner_client.post(_tax_url(scenario), TAX, headers=hx)
    owner_client.post(_tax_url(scenario), {**TAX, "tax_regime": "flat", "version": 2}, headers=hx)
    owner_client.post(f"/scenarios/{scenario.pk}/settings/", {**SETTINGS, "version": 3}, headers=hx)
    scenario.refresh_from_db()
    assert scenario.tax_regime == "flat" and scenario.tax_rate_pct == D(30)
    assert scenario.trade_tax_multiplier_pct == D(435) and scenario.vat_status == "registered"
    owner_client.post(_tax_url(scenario), {**TAX, "version": 4}, headers=hx)
    scenario.refresh_from_db()
    assert scenario.tax_regime == "de" and scenario.tax_rate_pct == D(30)


@pytest.mark.parametrize(
    ("language", "country", "regime"),
    [("en", "other", "flat"), ("de", "de", "de"), ("en", "de", "de"), ("de", "other", "flat")],
)
def test_a_blank_plan_starts_with_the_regime_of_where_the_user_pays_taxes(
    owner_client, owner, language, country, regime
):
    # Issue 25: where the founder pays taxes decides, not the language.
    owner.profile.language = language
    owner.profile.tax_country = country
    owner.profile.save()
    owner_client.post("/scenarios/new/", {"template": "blank"})
    assert Scenario.objects.get(user=owner).tax_regime == regime


# --- item fields ---------------------------------------------------------------------------


def _new_form(client, scenario, kind, hx) -> str:
    return client.get(f"/scenarios/{scenario.pk}/{kind}/new/", headers=hx).text


def test_vat_fields_show_only_in_regime_de(owner_client, owner, hx):
    flat = make_scenario(owner)
    german = make_scenario(owner, tax_regime="de")
    for kind in ("costs", "incomes"):
        assert 'name="vat_rate_pct"' not in _new_form(owner_client, flat, kind, hx)
        assert 'name="vat_rate_pct"' in _new_form(owner_client, german, kind, hx)
    assert 'name="prices_include_vat"' in _new_form(owner_client, german, "incomes", hx)
    assert 'name="basis"' in _new_form(owner_client, flat, "costs", hx)
    # Without JavaScript too: the page with the form row, rendered by the stored regime.
    page = owner_client.get(f"/scenarios/{german.pk}/costs/new/").text
    assert 'name="vat_rate_pct"' in page


def _share_cost(stream, **extra) -> dict:
    return {
        **COST,
        "name": "Goods for resale",
        "category": "goods",
        "basis": "income_share",
        "income": str(stream.pk),
        "amount": "40",
        "frequency": "monthly",
        **extra,
    }


@pytest.mark.parametrize("htmx", [True, False])
def test_a_share_of_income_is_saved_and_shown_with_its_first_year_total(
    owner_client, scenario, hx, htmx
):
    stream = make_income(
        scenario, "Shop sales", pricing="fixed", amount=D(1000), rate=None, quantity=None,
        ramp_up_months=0,
    )  # fmt: skip
    url = f"/scenarios/{scenario.pk}/costs/new/"
    response = owner_client.post(url, _share_cost(stream), headers=hx if htmx else {})
    assert response.status_code == (200 if htmx else 302)
    cost = CostItem.objects.get(scenario=scenario)
    assert cost.basis == "income_share" and cost.income == stream and cost.amount == D(40)
    # Regime flat, 1,000.00 a month from the start: 40 % x 100 % x 1,000.00 x 12 = 4,800.00.
    table = owner_client.get(f"/scenarios/{scenario.pk}/").text
    row = parse(table).find(id=f"costs-{cost.pk}")
    assert "40\u00a0% of Shop sales" in row.text
    assert "first year €4,800.00" in row.text


def test_a_share_of_all_income_names_no_stream(owner_client, scenario, hx):
    make_income(scenario, "A")
    data = {**_share_cost(make_income(scenario, "B")), "income": ""}
    response = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", data, headers=hx)
    assert response.status_code == 200
    cost = CostItem.objects.get(scenario=scenario)
    assert cost.income is None
    page = owner_client.get(f"/scenarios/{scenario.pk}/").text
    assert "40\u00a0% of all income" in parse(page).find(id=f"costs-{cost.pk}").text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"frequency": "yearly"}, "frequency", "A share of income is paid monthly."),
        ({"annual_increase_pct": "2"}, "annual_increase_pct", "grows with the income"),
        ({"amount": "150"}, "amount", "a percentage from 0 to 100"),
        ({"income": "999999"}, "income", "Select a valid choice"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_a_bad_share_of_income_is_named_at_its_field(
    owner_client, scenario, hx, change, field, message, htmx
):
    stream = make_income(scenario, "Shop sales")
    before = snapshot(scenario)
    data = _share_cost(stream, **change)
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/costs/new/", data, headers=hx if htmx else {}
    )
    assert response.status_code == 422
    errors = parse(response.text).find(id=f"costs-new-{field}_error")
    assert errors is not None and message in errors.text
    assert snapshot(scenario) == before
    assert not CostItem.objects.exists()


def test_a_cost_cannot_name_another_users_stream(owner_client, scenario, other, hx):
    theirs = make_income(make_scenario(other), "Their sales")
    data = _share_cost(theirs)
    response = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", data, headers=hx)
    assert response.status_code == 422
    assert not CostItem.objects.filter(scenario=scenario).exists()


def test_income_vat_fields_save_in_regime_de_and_are_kept_in_flat(owner_client, owner, hx):
    german = make_scenario(owner, tax_regime="de")
    data = {**INCOME, "vat_rate_pct": "7", "prices_include_vat": "on"}
    response = owner_client.post(f"/scenarios/{german.pk}/incomes/new/", data, headers=hx)
    assert response.status_code == 200
    stream = IncomeStream.objects.get(scenario=german)
    assert stream.vat_rate_pct == 7 and stream.prices_include_vat is True
    assert "incl. 7 % VAT" in owner_client.get(f"/scenarios/{german.pk}/").text
    german.tax_regime = "flat"
    german.save()
    url = f"/scenarios/{german.pk}/incomes/{stream.pk}/edit/"
    owner_client.post(url, {**INCOME, "vat_rate_pct": "19"}, headers=hx)
    stream.refresh_from_db()
    assert stream.vat_rate_pct == 7 and stream.prices_include_vat is True


@pytest.mark.parametrize("rate", ["5", "", "19.5"])
def test_a_bad_vat_rate_is_named_at_its_field(owner_client, owner, hx, rate):
    german = make_scenario(owner, tax_regime="de")
    data = {**COST, "vat_rate_pct": rate}
    response = owner_client.post(f"/scenarios/{german.pk}/costs/new/", data, headers=hx)
    assert response.status_code == 422
    assert parse(response.text).find(id="costs-new-vat_rate_pct_error") is not None
    assert not CostItem.objects.exists()


def test_a_stream_a_cost_is_a_share_of_is_kept_on_delete(owner_client, scenario, hx):
    stream = make_income(scenario, "Shop sales")
    make_cost(
        scenario, "Goods", basis="income_share", income=stream, amount=D(40), share_pct=D(100)
    )
    url = f"/scenarios/{scenario.pk}/incomes/{stream.pk}/delete/"
    response = owner_client.post(url, headers=hx)
    assert response.status_code == 200
    assert "is kept" in response.text
    assert IncomeStream.objects.filter(pk=stream.pk).exists()
    scenario.delete()  # with its scenario, the stream and the cost go together
    assert not IncomeStream.objects.exists() and not CostItem.objects.exists()


def test_a_named_stream_keeps_a_name_of_its_own(owner_client, scenario, hx):
    stream = make_income(scenario, "Shop sales")
    other = make_income(scenario, "Market stall")
    make_cost(scenario, "Goods", basis="income_share", income=stream, amount=D(40))
    url = f"/scenarios/{scenario.pk}/incomes/{other.pk}/edit/"
    response = owner_client.post(url, {**INCOME, "name": "Shop sales"}, headers=hx)
    assert response.status_code == 422
    assert "choose another name" in response.text
    other.refresh_from_db()
    assert other.name == "Market stall"
