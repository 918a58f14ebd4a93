"""Number and month fields read ASCII digits with the language's separator, nothing else."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from ecareer.planning.fields import MonthField, PlainDecimalField, PlainIntegerField
from ecareer.planning.models import Scenario
from tests.planning.factories import SETTINGS, make_scenario, snapshot
from tests.planning.test_editor_bad_input import assert_rejected

# Each of these int() or Decimal() would read as a number.
NOT_PLAIN = [
    "1_000",
    "١٢٣",  # Arabic-Indic digits
    "۱۲۳",  # Extended Arabic-Indic (Persian) digits
    "１２３",  # full-width digits
    "१२३",  # Devanagari digits
    "+5",
    "1e3",
    "--5",
    "5-",
    "1.2.3",
    "1,2.3",
]


def decimal_field() -> PlainDecimalField:
    return PlainDecimalField(localize=True, max_digits=14, decimal_places=2)


@pytest.mark.parametrize("value", NOT_PLAIN)
@pytest.mark.parametrize("language", ["en", "de"])
def test_number_fields_refuse_what_is_not_ascii_digits(value, language):
    with translation.override(language):
        for field in (decimal_field(), PlainIntegerField(localize=True)):
            with pytest.raises(forms.ValidationError):
                field.clean(value)


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("en", "1234.5", Decimal("1234.5")),
        ("en", " 99.50 ", Decimal("99.50")),
        ("en", "-5", Decimal(-5)),
        ("en", ".5", Decimal("0.5")),
        ("de", "99,50", Decimal("99.50")),
        ("de", "-1234,5", Decimal("-1234.5")),
    ],
)
def test_number_fields_read_the_languages_separator(language, text, number):
    with translation.override(language):
        assert decimal_field().clean(text) == number


@pytest.mark.parametrize(
    ("language", "text", "shown"),
    [
        ("en", "99,50", "99.50"),
        ("en", "1,5", "1.5"),
        ("de", "99.50", "99,50"),
        ("de", "1.5", "1,5"),
    ],
)
def test_the_other_languages_decimal_mark_asks_back_with_the_value_it_would_save(
    language, text, shown
):
    # "1.5" in German: the point separates thousands, but "5" is no group of three, so a
    # decimal point is meant, or "1.500" was mistyped: asked once, showing the value it saves.
    with translation.override(language):
        field = decimal_field()
        with pytest.raises(forms.ValidationError) as raised:
            field.clean(text)
        assert raised.value.code == "ambiguous"
        assert field.asked == shown
        assert field.clean(shown) == Decimal(shown.replace(",", "."))


@pytest.mark.parametrize("text", ["-0", "-0,00", "-,0"])
def test_minus_zero_is_read_as_zero_without_a_sign(text):
    with translation.override("de"):
        value = decimal_field().clean(text)
    assert value == 0 and not value.is_signed()
    assert PlainIntegerField().clean("-0") == 0


@pytest.mark.parametrize(
    "text", ["2026-1", "२०२६-०१", "２０２６-０１", "2026-001", "+2026-01", "2026/01"]
)
def test_month_fields_take_yyyy_mm_in_ascii_digits_only(text):
    with pytest.raises(forms.ValidationError):
        MonthField().clean(text)


def test_month_field_reads_yyyy_mm():
    assert str(MonthField().clean(" 2026-01 ")) == "2026-01-01"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starting_balance", "1_000"),
        ("starting_balance", "+5"),
        ("living_monthly", "١٢٣"),
        ("tax_rate_pct", "３０"),
        ("horizon_months", "1_2"),
        ("horizon_months", "٤٨"),
        ("start_month", "२०२७-०३"),
        ("start_month", "2027-3"),
    ],
)
def test_the_settings_form_refuses_them_at_the_field(owner_client, owner, field, value, hx):
    scenario = make_scenario(owner)
    before = snapshot(scenario)
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/settings/", {**SETTINGS, field: value}, headers=hx
    )
    assert_rejected(response, f"settings-{field}")
    assert snapshot(scenario) == before


@pytest.mark.django_db
def test_a_negative_starting_balance_stays_valid_and_minus_zero_is_stored_as_zero(
    owner_client, owner, hx
):
    scenario = make_scenario(owner)
    data = {**SETTINGS, "starting_balance": "-5", "living_increase_pct": "-0"}
    response = owner_client.post(f"/scenarios/{scenario.pk}/settings/", data, headers=hx)
    assert response.status_code == 200
    saved = Scenario.objects.get(pk=scenario.pk)
    assert saved.starting_balance == Decimal(-5)
    assert saved.living_increase_pct == 0 and not saved.living_increase_pct.is_signed()


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("en", "1,234.56", Decimal("1234.56")),
        ("en", "1,234", Decimal(1234)),
        ("en", "-12,345,678.9", Decimal("-12345678.9")),
        ("de", "1.234,56", Decimal("1234.56")),  # as the app prints it: 1.234,56 €
        ("de", "1.234.567", Decimal(1234567)),  # two points: only thousands
        ("de", "1.234", Decimal(1234)),  # issue 25: a German "1.900" is 1900
    ],
)
def test_thousands_separators_where_unambiguous(language, text, number):
    field = PlainDecimalField(localize=True, max_digits=14, decimal_places=3)
    with translation.override(language):
        assert field.clean(text) == number


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "1,23.4"), ("en", "12,34"), ("de", "1.23,4"), ("de", "1.2345,6"), ("en", "1,234,5")],
)
def test_misplaced_thousands_separators_are_refused(language, text):
    with translation.override(language), pytest.raises(forms.ValidationError):
        decimal_field().clean(text)
