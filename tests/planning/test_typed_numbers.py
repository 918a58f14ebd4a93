"""Issue 25: every form reads numbers as people type them, and asks back where one is unclear.

German: "12.000", "12 000 €", "1.900,-" and "1.234,56"; English: "1,234.56". A German "1.5" (a
point before no group of three) and an English "1,5" ask back, showing the value they would
save; "2.000" is never silently saved as 2.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ecareer.planning import typed_numbers
from ecareer.planning.fields import read_typed
from ecareer.planning.models import ReserveTarget
from ecareer.planning.typed_numbers import NotANumber
from tests.planning.factories import (
    COST,
    INCOME,
    RESERVE,
    RISKS,
    SETTINGS,
    TAX,
    changed,
    make_cost,
    make_income,
    make_scenario,
    snapshot,
)

pytestmark = pytest.mark.django_db


def speaking(user, language: str):
    user.profile.language = language
    user.profile.save()
    return user


def post(client, url: str, data: dict, hx: dict):
    return client.post(url, data, headers=hx)


def in_german(data: dict) -> dict:
    """The factories' values as a German types them: "-500.50" is "-500,50"."""
    return {k: re.sub(r"^(-?[0-9]+)\.([0-9]+)$", r"\1,\2", v) for k, v in data.items()}


# (form, field, typed in German, typed in English, saved)
FORMS = [
    ("settings", "starting_balance", "12.000", "12,000", Decimal("12000.00")),
    ("settings", "starting_balance", "12 000 €", "€12,000", Decimal("12000.00")),
    ("settings", "living_monthly", "1.900,-", "1,900", Decimal("1900.00")),
    ("settings", "horizon_months", "48", "48", 48),
    ("costs", "amount", "1.234,56", "1,234.56", Decimal("1234.56")),
    ("costs", "amount", "1.400", "1,400", Decimal("1400.00")),
    ("incomes", "rate", "1.234,5", "1,234.5", Decimal("1234.50")),
    ("incomes", "quantity", "2.000", "2,000", Decimal("2000.00")),
    ("tax", "trade_tax_multiplier_pct", "435", "435", Decimal("435.00")),
    ("tax", "health_extra_pct", "2,5", "2.5", Decimal("2.50")),
    ("risks", "paths", "2.000", "2,000", 2000),
    ("risks", "drought_income_drop_pct", "50 %", "50%", Decimal("50.00")),
    ("reserve", "amount", "12.000", "12,000", Decimal("12000.00")),
]
DATA = {
    "settings": SETTINGS,
    "costs": COST,
    "incomes": INCOME,
    "tax": TAX,
    "risks": RISKS,
    "reserve": RESERVE,
}


def form_url(scenario, form: str) -> str:
    if form in ("costs", "incomes"):
        item = scenario.costs.get() if form == "costs" else scenario.incomes.get()
        return reverse("planning:item_edit", args=[scenario.pk, form, item.pk])
    return reverse(f"planning:{form}", args=[scenario.pk])


def stored(scenario, form: str, field: str):
    if form == "costs":
        return getattr(scenario.costs.get(), field)
    if form == "incomes":
        return getattr(scenario.incomes.get(), field)
    if form == "reserve":
        return getattr(ReserveTarget.objects.get(scenario=scenario), field)
    scenario.refresh_from_db()
    return getattr(scenario, field)


@pytest.fixture
def plan(owner):
    scenario = make_scenario(owner)
    make_cost(scenario)
    make_income(scenario)
    return scenario


@pytest.mark.parametrize(("form", "field", "german", "english", "saved"), FORMS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_form_reads_numbers_as_people_type_them(
    owner_client, owner, plan, hx, form, field, german, english, saved, language
):
    speaking(owner, language)
    typed = german if language == "de" else english
    data = in_german(DATA[form]) if language == "de" else DATA[form]
    data = {**data, field: typed}
    response = post(owner_client, form_url(plan, form), data, hx)
    assert response.status_code == 200, response.text[:2000]
    assert changed(response)
    assert stored(plan, form, field) == saved


ASKED = [
    # language, typed, shown again (the value it would save), saved after sending that
    ("de", "1.5", "1,5", Decimal("1.50")),
    ("de", "99.50", "99,50", Decimal("99.50")),
    ("de", "0.25", "0,25", Decimal("0.25")),
    ("en", "1,5", "1.5", Decimal("1.50")),
    ("en", "99,50", "99.50", Decimal("99.50")),
]


@pytest.mark.parametrize(("language", "typed", "shown", "saved"), ASKED)
def test_a_number_that_could_mean_two_things_asks_back_with_the_value_it_would_save(
    owner_client, owner, plan, hx, language, typed, shown, saved
):
    speaking(owner, language)
    cost = plan.costs.get()
    url = form_url(plan, "costs")
    before = snapshot(plan)
    asked = post(owner_client, url, {**COST, "amount": typed}, hx)
    assert asked.status_code == 422
    assert not changed(asked)
    assert snapshot(plan) == before
    error = re.search(rf'id="costs-{cost.pk}-amount_error"[^>]*>(.*?)</', asked.text, re.S)
    assert error, asked.text[:3000]
    question = {"de": f"Meinten Sie {shown}?", "en": f"Did you mean {shown}?"}[language]
    assert question in error[1]
    assert f'name="amount" value="{shown}"' in asked.text
    again = post(owner_client, url, {**COST, "amount": shown}, hx)
    assert again.status_code == 200
    assert plan.costs.get().amount == saved


@pytest.mark.parametrize(
    ("language", "typed", "shown"), [("en", "2.000", "2"), ("en", "2.0", "2"), ("de", "2,000", "2")]
)
def test_a_count_is_never_silently_cut_at_its_decimal_mark(
    owner_client, owner, plan, hx, language, typed, shown
):
    # Django's IntegerField reads "2.000" as 2: 2 simulated futures instead of two thousand.
    speaking(owner, language)
    before = snapshot(plan)
    url = form_url(plan, "risks")
    asked = post(owner_client, url, {**RISKS, "paths": typed}, hx)
    assert asked.status_code == 422
    assert snapshot(plan) == before
    assert f'name="paths" value="{shown}"' in asked.text
    assert ("Meinten Sie" if language == "de" else "Did you mean") in asked.text
    assert "ganze Zahlen" in asked.text if language == "de" else "whole numbers" in asked.text


@pytest.mark.parametrize("language", ["en", "de"])
def test_number_fields_are_text_inputs_so_the_browser_does_not_read_them_its_own_way(
    owner_client, owner, plan, hx, language
):
    speaking(owner, language)
    forms = "".join(
        owner_client.get(form_url(plan, form), headers=hx).text
        for form in ("settings", "tax", "risks", "reserve", "costs", "incomes")
    )
    assert 'type="number"' not in forms
    for field in ("paths", "horizon_months", "ramp_up_months", "assessment_delay_months"):
        assert re.search(rf'<input type="text" name="{field}"[^>]*inputmode="numeric"', forms)
    for field in ("starting_balance", "amount", "rate", "quantity", "health_extra_pct"):
        assert re.search(rf'<input type="text" name="{field}"[^>]*inputmode="decimal"', forms)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_decisions_chance_reads_the_languages_decimal_mark(
    owner_client, owner, plan, hx, language
):
    speaking(owner, language)
    typed = {"de": "2,5", "en": "2.5"}[language]
    url = reverse("planning:decisions", args=[plan.pk])
    answer = owner_client.get(url, {"risk_pct": typed}, headers=hx)
    assert answer.status_code == 200
    assert f'name="risk_pct" value="{typed}"' in answer.text
    assert 'type="number"' not in answer.text


@pytest.mark.parametrize(
    ("thousands", "decimal", "text", "number"),
    [
        (".", ",", "12.000", Decimal(12000)),
        (".", ",", "12\u00a0000\u00a0€", Decimal(12000)),  # as Babel prints it
        (".", ",", "1.900,-", Decimal(1900)),
        (".", ",", "1.234,56 €", Decimal("1234.56")),
        (".", ",", "EUR 1.234.567,8", Decimal("1234567.8")),
        (".", ",", "\u22125", Decimal(-5)),  # a typographic minus
        (",", ".", "1,234.56", Decimal("1234.56")),
        (",", ".", "$1,900", Decimal(1900)),
        (",", ".", "1.234,56", Decimal("1234.56")),  # only one reading: German marks
    ],
)
def test_the_reading_of_typed_numbers(thousands, decimal, text, number):
    reading = typed_numbers.read(text, thousands, decimal)
    assert (reading.value, reading.ambiguous) == (number, False)


@pytest.mark.parametrize(
    "text", ["1.23,4", "12 00", "1 2345", "€", "1,-5", "EURO 5", "5 %%", "5 € €"]
)
def test_what_is_no_number_stays_refused(text):
    with pytest.raises(NotANumber):
        read_typed(text)


def test_numbers_with_choices_stay_a_choice(owner_client, owner, hx):
    # The VAT rate is one of 0, 7 and 19: a select, not a text field.
    scenario = make_scenario(owner, tax_regime="de")
    form = owner_client.get(reverse("planning:item_new", args=[scenario.pk, "costs"]), headers=hx)
    assert re.search(r'<select name="vat_rate_pct"', form.text)
