"""A month form field: `<input type="month">` posting YYYY-MM, stored as the 1st of the month."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthInput(forms.DateInput):
    """A native month picker; browsers without one show a text box that takes YYYY-MM."""

    input_type = "month"

    def __init__(self, attrs=None):
        # Translators: the shape of a month typed by hand, shown where no month picker exists.
        placeholder = _("YYYY-MM")
        super().__init__(attrs={"placeholder": placeholder, **(attrs or {})}, format="%Y-%m")


class MonthField(forms.DateField):
    """Reads YYYY-MM (years 1900-2999) into the first day of that month."""

    widget = MonthInput
    default_error_messages = {
        "invalid": _("Enter a month as YYYY-MM, e.g. 2027-01."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = _MONTH.match(str(value))
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match[1]), int(match[2])
        if not (1900 <= year <= 2999 and 1 <= month <= 12):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date(year, month, 1)
