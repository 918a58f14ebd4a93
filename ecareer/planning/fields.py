"""Form fields that read only what a person types on an ordinary keyboard.

A month field (`<input type="month">` posting YYYY-MM, stored as the 1st of the month) and the
number fields of the editor's model forms (`number_formfield`). Python's int() and Decimal()
read any Unicode digit ("١٢", "１２"), underscores ("1_000"), a plus sign and exponents; these take
ASCII digits 0-9, one optional leading minus and the language's decimal separator (or a point),
like the scenario file, and the language's thousands separators where unambiguous. "-0" is read
as 0 (no negative zero is stored or shown).
"""

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.db import models
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_NUMBER = r"-?(?:[0-9]+(?:[{sep}][0-9]+)?|[{sep}][0-9]+)"


def ungrouped(value: str) -> str:
    """The number without the language's thousands separators, where they can mean only that.

    "1,234.56" and "1,234" in English, "1.234,56" and "1.234.567" in German. A German "1.234"
    stays as typed: the point is also read as a decimal point there, so it could be 1.234.
    """
    text = value.strip()
    thousands, decimal = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
    if not thousands or thousands == decimal:
        return value
    groups = rf"-?[0-9]{{1,3}}(?:{re.escape(thousands)}[0-9]{{3}})+"
    if re.fullmatch(rf"{groups}(?:{re.escape(decimal)}[0-9]+)?", text) is None:
        return value
    if thousands == "." and decimal not in text and text.count(".") < 2:
        return value  # "1.234": a decimal point as well
    return text.replace(thousands, "")


def _plain_number(value: str) -> bool:
    """ASCII digits, an optional leading minus, at most one decimal point or comma."""
    separators = re.escape("." + get_format("DECIMAL_SEPARATOR"))
    return re.fullmatch(_NUMBER.format(sep=separators), value.strip()) is not None


class PlainDecimalField(forms.DecimalField):
    """A DecimalField that refuses non-ASCII digits, "1_000", "+5" and "1e3"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = ungrouped(value)
        if isinstance(value, str) and value.strip() and not _plain_number(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        number = super().to_python(value)
        return number.copy_abs() if isinstance(number, Decimal) and number.is_zero() else number


class PlainIntegerField(forms.IntegerField):
    """An IntegerField that refuses non-ASCII digits, "1_000" and "+5"."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not _plain_number(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def number_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's `formfield_callback`: number columns get the plain number fields."""
    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=PlainDecimalField, **kwargs)
    if isinstance(db_field, models.IntegerField):
        return db_field.formfield(form_class=PlainIntegerField, **kwargs)
    return db_field.formfield(**kwargs)


class MonthInput(forms.DateInput):
    """A native month picker; browsers without one show a text box that takes YYYY-MM."""

    input_type = "month"

    def __init__(self, attrs=None):
        # No placeholder: HTML does not allow one on type="month"; the error names YYYY-MM.
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """Reads YYYY-MM (ASCII digits, years 1900-2999) into the first day of that month."""

    widget = MonthInput
    default_error_messages = {
        "invalid": _("Enter a month as YYYY-MM, e.g. 2027-01."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = _MONTH.fullmatch(str(value).strip())
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match[1]), int(match[2])
        if not (1900 <= year <= 2999 and 1 <= month <= 12):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date(year, month, 1)
