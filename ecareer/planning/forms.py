"""Forms of the scenario editor; the limits are the models' validators (from projection.limits)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import MonthField, number_formfield
from ecareer.planning.models import CostItem, IncomeStream, ReserveTarget, Scenario

NUMBER = {"inputmode": "decimal"}


def _number_widgets(*names: str) -> dict:
    """Text inputs with a decimal keyboard; the forms list them in `localized_fields`, so they
    show and read the language's decimal comma or point (99,50 in German; 99.50 also works)."""
    return {name: forms.TextInput(attrs=NUMBER) for name in names}


class EndNotBeforeStartMixin:
    """An end month, when given, must not lie before the start month."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_month"), cleaned.get("end_month")
        if start and end and end < start:
            self.add_error("end_month", _("The end must not be before the start."))
        return cleaned


class ScenarioSettingsForm(forms.ModelForm):
    """Name, start, horizon, starting balance, living costs and tax rate."""

    start_month = MonthField(label=_("Start month"))

    class Meta:
        model = Scenario
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "name",
            "start_month",
            "horizon_months",
            "starting_balance",
            "living_monthly",
            "living_increase_pct",
            "tax_rate_pct",
            "notes",
        )
        localized_fields = (
            "starting_balance",
            "living_monthly",
            "living_increase_pct",
            "tax_rate_pct",
        )
        widgets = {
            **_number_widgets(*localized_fields),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class RiskForm(forms.ModelForm):
    """Sick days, dry spells of orders and the number of simulated paths."""

    class Meta:
        model = Scenario
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "sick_days_per_year",
            "drought_chance_pct",
            "drought_length_months",
            "drought_income_drop_pct",
            "paths",
        )
        widgets = _number_widgets(
            "sick_days_per_year",
            "drought_chance_pct",
            "drought_length_months",
            "drought_income_drop_pct",
        )
        localized_fields = tuple(widgets)


class ReserveForm(forms.ModelForm):
    """The safety cushion: months of outgoings or a fixed amount, by an optional deadline."""

    deadline = MonthField(label=_("Deadline"), required=False)

    class Meta:
        model = ReserveTarget
        formfield_callback = number_formfield  # ASCII digits only
        fields = ("kind", "months", "amount", "deadline")
        widgets = _number_widgets("months", "amount")
        localized_fields = tuple(widgets)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        needed = {
            ReserveTarget.Kind.MONTHS: ("months", _("Enter how many months of outgoings to keep.")),
            ReserveTarget.Kind.AMOUNT: ("amount", _("Enter the amount to keep.")),
        }.get(kind)
        if needed and cleaned.get(needed[0]) is None and needed[0] not in self.errors:
            self.add_error(*needed)
        return cleaned


class CostItemForm(EndNotBeforeStartMixin, forms.ModelForm):
    """One cost item of the home office."""

    start_month = MonthField(label=_("Start"))
    end_month = MonthField(label=_("End"), required=False, help_text=_("Empty: no end."))

    class Meta:
        model = CostItem
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "name",
            "category",
            "amount",
            "frequency",
            "start_month",
            "end_month",
            "annual_increase_pct",
            "share_pct",
        )
        widgets = _number_widgets("amount", "annual_increase_pct", "share_pct")
        localized_fields = tuple(widgets)


class IncomeStreamForm(EndNotBeforeStartMixin, forms.ModelForm):
    """One income stream: a fixed amount, or a rate times a quantity."""

    start_month = MonthField(label=_("Start"))
    end_month = MonthField(label=_("End"), required=False, help_text=_("Empty: no end."))

    class Meta:
        model = IncomeStream
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "name",
            "pricing",
            "amount",
            "rate",
            "quantity",
            "frequency",
            "start_month",
            "end_month",
            "ramp_up_months",
            "annual_increase_pct",
            "performance_based",
        )
        widgets = _number_widgets("amount", "rate", "quantity", "annual_increase_pct")
        localized_fields = tuple(widgets)

    def clean(self):
        cleaned = super().clean()
        pricing = cleaned.get("pricing")
        if pricing == IncomeStream.Pricing.FIXED:
            needed = {"amount": _("Enter the amount per occurrence.")}
        elif pricing in (IncomeStream.Pricing.HOURLY, IncomeStream.Pricing.PER_UNIT):
            needed = {
                "rate": _("Enter the rate."),
                "quantity": _("Enter the quantity per occurrence."),
            }
        else:
            needed = {}
        for field, message in needed.items():
            if cleaned.get(field) is None and field not in self.errors:
                self.add_error(field, message)
        return cleaned
