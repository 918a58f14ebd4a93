"""Form fields that read only what a person types on an ordinary keyboard.

A month field (`<input type="month">` posting YYYY-MM, stored as the 1st of the month) and the
number fields of every form where people type numbers (`number_formfield` for the model forms).
Python's int() and Decimal() read any Unicode digit ("١٢", "１２"), underscores ("1_000"), a plus
sign and exponents, and Django's IntegerField reads "2.000" as 2; these read numbers as people
write them in the active language (`typed_numbers`: "12.000", "12 000 €", "1.900,-",
"1.234,56"; "1,234.56" in English) and ask back, showing the value they would save, where the
text could mean two numbers. "-0" is read as 0 (no negative zero is stored or shown).
"""

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import formats
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from ecareer.planning import typed_numbers

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")

# The form shows the value it would save in the field and asks once (typed_numbers' rules).
ASK_DECIMAL = _(
    "Did you mean %(value)s? “%(typed)s” is unclear: here %(mark)s separates thousands. The "
    "field now shows %(value)s: save again to keep it, or correct it."
)
ASK_WHOLE = _(
    "Did you mean %(value)s? “%(typed)s” is unclear: here %(mark)s is the decimal mark, and this "
    "field takes whole numbers. The field now shows %(value)s: save again to keep it, or "
    "correct it."
)
MARKS = {".": _("the point"), ",": _("the comma")}


def read_typed(value: str) -> typed_numbers.Reading:
    """The number as a person of the active language means it; ValueError when it is none."""
    return typed_numbers.read(
        value, get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
    )


class _AsksBack:
    """A number field that reads typed numbers and asks back when one could mean two things."""

    asked: str | None = None  # the value it would save, as the field shows it (per form)

    def _read(self, value, whole: bool) -> Decimal | None:
        self.asked = None
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            reading = read_typed(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        number = reading.value
        typed_fraction = whole and number.as_tuple().exponent < 0
        if typed_fraction and number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if reading.ambiguous or typed_fraction:
            shown = number.to_integral_value() if whole else number
            self.asked = formats.localize_input(shown)
            decimal = get_format("DECIMAL_SEPARATOR")
            mark = decimal if whole else get_format("THOUSAND_SEPARATOR")
            raise forms.ValidationError(
                ASK_WHOLE if whole else ASK_DECIMAL,
                code="ambiguous",
                params={"value": self.asked, "typed": value.strip(), "mark": MARKS.get(mark, mark)},
            )
        return number


class PlainDecimalField(_AsksBack, forms.DecimalField):
    """A DecimalField for typed numbers ("1.234,56", "12 000 €"); refuses "1_000", "+5", "1e3"."""

    def to_python(self, value):
        number = self._read(value, whole=False)
        return super().to_python(value) if number is None else number


class PlainIntegerField(_AsksBack, forms.IntegerField):
    """An IntegerField for typed numbers ("2.000" in German is 2000, never 2)."""

    def to_python(self, value):
        number = self._read(value, whole=True)
        return super().to_python(value) if number is None else int(number)


class AsksBackForm:
    """A form mixin: a field that asked back shows the value it would save, ready to send."""

    def full_clean(self):
        super().full_clean()
        asked = {
            self.add_prefix(name): field.asked
            for name, field in self.fields.items()
            if getattr(field, "asked", None) is not None
        }
        if asked and self.is_bound:
            data = self.data.copy()
            for name, shown in asked.items():
                data[name] = shown
            self.data = data


def number_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's `formfield_callback`: number columns get the typed-number fields, as text
    inputs (a browser's type=number would read "2.000" its own way) in the active language."""
    if isinstance(db_field, models.DecimalField | models.IntegerField) and not db_field.choices:
        whole = isinstance(db_field, models.IntegerField)
        mode = "numeric" if whole else "decimal"
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": mode}))
        kwargs["localize"] = True
        form_class = PlainIntegerField if whole else PlainDecimalField
        return db_field.formfield(form_class=form_class, **kwargs)
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
