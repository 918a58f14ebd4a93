"""The limits table and its field checks, value by value."""

from decimal import Decimal

import pytest

from ecareer.projection import limits
from ecareer.projection.limits import FieldError
from ecareer.projection.model import Frequency, YearMonth


def test_the_table_says_what_design_md_says():
    table = {name: getattr(limits, name) for name in TABLE}
    assert table == TABLE


TABLE = {
    "HORIZON_MONTHS": (1, 600),
    "MONEY": (Decimal(0), Decimal(1_000_000_000)),
    "QUANTITY": (Decimal(0), Decimal(1_000_000_000)),
    "STARTING_BALANCE": (Decimal(-1_000_000_000), Decimal(1_000_000_000)),
    "ANNUAL_INCREASE_PCT": (Decimal(-50), Decimal(100)),
    "PERCENT": (Decimal(0), Decimal(100)),
    "SICK_DAYS": (Decimal(0), Decimal(250)),
    "DROUGHT_LENGTH_MONTHS": (Decimal(1), Decimal(60)),
    "RAMP_UP_MONTHS": (0, 120),
    "RESERVE_MONTHS": (Decimal(0), Decimal(60)),
    "PATHS": (1, 10_000),
    "PATHS_DEFAULT": 1_000,
    "NAME_MAX_LENGTH": 120,
    "MAX_ITEMS": 200,
    "DECIMAL_PLACES": 2,
}


def test_bounds_unpack_as_lo_hi():
    lo, hi = limits.PERCENT
    assert (lo, hi) == (limits.PERCENT.lo, limits.PERCENT.hi) == (0, 100)


def test_field_error_names_the_field():
    error = FieldError("costs[2].amount", "must be a number between 0 and 1000000000")
    assert isinstance(error, ValueError)
    assert error.field == "costs[2].amount"
    assert error.message == "must be a number between 0 and 1000000000"
    assert str(error) == "costs[2].amount: must be a number between 0 and 1000000000"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", Decimal("0.00")),
        ("1000000000", Decimal("1000000000.00")),
        ("1000000000.00", Decimal("1000000000")),
        ("12.5", Decimal("12.50")),
        ("1.000", Decimal("1.00")),  # trailing zeros are no extra precision
        (7, Decimal("7.00")),
        (0.1, Decimal("0.10")),  # through its shortest text, not its binary value
        (Decimal("1E+3"), Decimal("1000.00")),
    ],
)
def test_check_decimal_accepts(value, expected):
    result = limits.check_decimal(value, "amount", *limits.MONEY)
    assert result == expected
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    "value",
    [
        "-0.01",
        "1000000000.01",
        "abc",
        "",
        " 1",
        "1e3",  # no exponents in text
        "1,5",
        "1_000",
        "Infinity",
        "NaN",
        float("nan"),
        float("inf"),
        float("-inf"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("1E+400"),
        True,
        False,
        None,
        [1],
        {"a": 1},
    ],
)
def test_check_decimal_rejects(value):
    with pytest.raises(FieldError) as info:
        limits.check_decimal(value, "costs[0].amount", *limits.MONEY)
    assert info.value.field == "costs[0].amount"
    assert info.value.message == "must be a number between 0 and 1000000000"


@pytest.mark.parametrize("value", ["1.005", Decimal("0.001"), 0.125, "1." + "0" * 40 + "1"])
def test_check_decimal_rejects_a_third_decimal_place(value):
    with pytest.raises(FieldError) as info:
        limits.check_decimal(value, "rate", *limits.MONEY)
    assert str(info.value) == "rate: must have at most 2 decimal places"


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        (limits.STARTING_BALANCE, "must be a number between -1000000000 and 1000000000"),
        (limits.ANNUAL_INCREASE_PCT, "must be a number between -50 and 100"),
        (limits.DROUGHT_LENGTH_MONTHS, "must be a number between 1 and 60"),
    ],
)
def test_check_decimal_message_shows_the_bounds(bounds, message):
    with pytest.raises(FieldError) as info:
        limits.check_decimal("-2000000000", "x", *bounds)
    assert info.value.message == message


def test_check_decimal_bounds_are_inclusive():
    assert limits.check_decimal("-50", "x", *limits.ANNUAL_INCREASE_PCT) == Decimal(-50)
    assert limits.check_decimal("100", "x", *limits.ANNUAL_INCREASE_PCT) == Decimal(100)
    with pytest.raises(FieldError):
        limits.check_decimal("-50.01", "x", *limits.ANNUAL_INCREASE_PCT)


@pytest.mark.parametrize("value", [1, 600])
def test_check_int_accepts(value):
    assert limits.check_int(value, "horizon_months", *limits.HORIZON_MONTHS) == value


@pytest.mark.parametrize("value", [0, 601, -1, "36", 36.0, Decimal(36), True, None])
def test_check_int_rejects(value):
    with pytest.raises(FieldError) as info:
        limits.check_int(value, "horizon_months", *limits.HORIZON_MONTHS)
    assert str(info.value) == "horizon_months: must be a whole number between 1 and 600"


@pytest.mark.parametrize("value", ["x", "x" * 120, " Shop ", "Büro – Miete"])
def test_check_name_accepts(value):
    assert limits.check_name(value, "name") == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("x" * 121, "must be at most 120 characters"),
        (None, "must be a text of 1 to 120 characters"),
        (12, "must be a text of 1 to 120 characters"),
        ("a\x00b", "must not contain NUL or unpaired surrogate characters"),
        ("a\ud800", "must not contain NUL or unpaired surrogate characters"),
    ],
)
def test_check_name_rejects(value, message):
    with pytest.raises(FieldError) as info:
        limits.check_name(value, "costs[0].name")
    assert str(info.value) == f"costs[0].name: {message}"


def test_check_text():
    assert limits.check_text(None, "notes") == ""
    assert limits.check_text("x" * limits.NOTES_MAX_LENGTH, "notes")
    with pytest.raises(FieldError, match="notes: must be at most 10000 characters"):
        limits.check_text("x" * (limits.NOTES_MAX_LENGTH + 1), "notes")
    with pytest.raises(FieldError, match="notes: must be a text"):
        limits.check_text(5, "notes")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-01", YearMonth(2027, 1)),
        ("1900-01", YearMonth(1900, 1)),
        ("2999-12", YearMonth(2999, 12)),
    ],
)
def test_check_month_accepts(value, expected):
    assert limits.check_month(value, "start") == expected


@pytest.mark.parametrize(
    "value", ["2027-1", "2027-13", "2027-00", "27-01", "2027-01-01", "2027-01\n", "", None, 202701]
)
def test_check_month_rejects_other_shapes(value):
    with pytest.raises(FieldError) as info:
        limits.check_month(value, "costs[1].start")
    assert str(info.value) == "costs[1].start: must be a month in the form YYYY-MM"


@pytest.mark.parametrize("value", ["1899-12", "3000-01", "0001-01"])
def test_check_month_rejects_years_outside_the_range(value):
    with pytest.raises(FieldError) as info:
        limits.check_month(value, "start")
    assert info.value.message == "must be a month between 1900-01 and 2999-12"


def test_check_not_before():
    start = YearMonth(2027, 5)
    limits.check_not_before(None, start, "end")
    limits.check_not_before(start, start, "end")  # a one-month item ends where it starts
    with pytest.raises(FieldError) as info:
        limits.check_not_before(YearMonth(2027, 4), start, "incomes[0].end")
    assert str(info.value) == "incomes[0].end: must not be before start"


def test_check_choice():
    assert limits.check_choice("yearly", "frequency", Frequency) is Frequency.YEARLY
    with pytest.raises(FieldError) as info:
        limits.check_choice("weekly", "costs[0].frequency", Frequency)
    assert str(info.value) == "costs[0].frequency: must be one of: once, monthly, quarterly, yearly"
    with pytest.raises(FieldError):
        limits.check_choice(None, "frequency", Frequency)


@pytest.mark.parametrize("value", ["eur", "EURO", "EU", "", "€", 978, None])
def test_check_currency_rejects(value):
    with pytest.raises(FieldError) as info:
        limits.check_currency(value, "currency")
    assert info.value.field == "currency"


def test_check_currency_accepts():
    assert limits.check_currency("CHF", "currency") == "CHF"


def test_check_bool():
    assert limits.check_bool(True, "x") is True
    for value in (1, "true", None):
        with pytest.raises(FieldError, match="x: must be true or false"):
            limits.check_bool(value, "x")


def test_check_item_count():
    limits.check_item_count(200, "costs")
    with pytest.raises(FieldError) as info:
        limits.check_item_count(201, "costs")
    assert str(info.value) == "costs: at most 200 items per scenario"
