"""Forms of the scenario editor; the limits are the models' validators (from projection.limits)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import MonthField, number_formfield
from ecareer.planning.finance_forms import USEFUL_LIFE_HELP, WrittenOffMixin, check_loans_inside
from ecareer.planning.models import (
    CostItem,
    Frequency,
    IncomeStream,
    ReserveTarget,
    Scenario,
    TaxRegime,
)
from ecareer.planning.versions import VersionedForm
from ecareer.projection import limits

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


class ScenarioSettingsForm(VersionedForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.tax_regime == TaxRegime.DE:  # Germany's taxes use no flat rate
            del self.fields["tax_rate_pct"]

    def clean(self):
        cleaned = super().clean()
        check_loans_inside(self, self.instance, cleaned)
        return cleaned


class ReserveForm(VersionedForm):
    """The safety cushion: months of outgoings or a fixed amount, by an optional deadline."""

    deadline = MonthField(label=_("Deadline"), required=False)

    class Meta:
        model = ReserveTarget
        formfield_callback = number_formfield  # ASCII digits only
        fields = ("kind", "months", "amount", "deadline")
        widgets = _number_widgets("months", "amount")
        localized_fields = tuple(widgets)
        labels = {"months": _("Months of outgoings")}
        help_texts = {
            "months": _(
                "How many months of outgoings to keep: living costs, health insurance and "
                "recurring business costs. 6 keeps half a year; this is a count of months, not "
                "an amount."
            ),
            "amount": _("For a fixed amount: the money to keep."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].help_text = _("Empty: the end of the plan.")
        months = self.initial.get("months")
        if months is not None:  # "6", not "6.00": a count of months, not money
            whole = months == months.to_integral()
            self.initial["months"] = int(months) if whole else months.normalize()

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


def shows_vat(scenario: Scenario | None) -> bool:
    """VAT fields mean something only in regime de; elsewhere the form leaves them as stored."""
    return scenario is not None and scenario.tax_regime == TaxRegime.DE


class CostItemForm(WrittenOffMixin, EndNotBeforeStartMixin, VersionedForm):
    """One cost item of the home office: a fixed amount, or a share of income."""

    start_month = MonthField(label=_("Start"))
    end_month = MonthField(label=_("End"), required=False, help_text=_("Empty: no end."))

    class Meta:
        model = CostItem
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "name",
            "category",
            "amount",
            "basis",
            "income",
            "frequency",
            "start_month",
            "end_month",
            "annual_increase_pct",
            "share_pct",
            "vat_rate_pct",
            "useful_life_years",
        )
        widgets = _number_widgets("amount", "annual_increase_pct", "share_pct")
        localized_fields = tuple(widgets)
        help_texts = {
            "amount": _("For a share of income: the percentage, e.g. 40 for 40 %."),
            "income": _("For a share of income: of which stream; empty: of all income."),
            "useful_life_years": USEFUL_LIFE_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scenario = getattr(self.instance, "scenario", None)
        income = self.fields["income"]
        income.queryset = scenario.incomes.all() if scenario else IncomeStream.objects.none()
        income.empty_label = _("all income")
        self.fields["basis"].required = False  # a form without it means a fixed amount
        if not shows_vat(scenario):
            del self.fields["vat_rate_pct"]

    def clean_basis(self) -> str:
        return self.cleaned_data.get("basis") or CostItem.Basis.FIXED

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("basis") != CostItem.Basis.INCOME_SHARE:
            cleaned["income"] = None  # "of which stream" means nothing for a fixed amount
            return cleaned
        amount, income = cleaned.get("amount"), cleaned.get("income")
        if amount is not None and amount > limits.INCOME_SHARE_PCT.hi:
            self.add_error("amount", _("A share of income is a percentage from 0 to 100."))
        if cleaned.get("frequency") not in (None, Frequency.MONTHLY):
            self.add_error("frequency", _("A share of income is paid monthly."))
        increase = cleaned.get("annual_increase_pct")
        if increase is not None and increase != 0:
            self.add_error(
                "annual_increase_pct", _("A share of income grows with the income: enter 0.")
            )
        if income is not None and income.scenario.incomes.filter(name=income.name).count() > 1:
            self.add_error("income", _("Two income streams have this name; rename one first."))
        return cleaned


class IncomeStreamForm(EndNotBeforeStartMixin, VersionedForm):
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
            "vat_rate_pct",
            "prices_include_vat",
        )
        widgets = _number_widgets("amount", "rate", "quantity", "annual_increase_pct")
        localized_fields = tuple(widgets)
        help_texts = {
            "ramp_up_months": _(
                "A slow start: the income grows in equal steps to its full amount. With 3, a "
                "third in the first month, two thirds in the second, all from the third; 0: all "
                "from the start."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not shows_vat(getattr(self.instance, "scenario", None)):
            del self.fields["vat_rate_pct"]
            del self.fields["prices_include_vat"]

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
        self._check_named_by_costs(cleaned.get("name"))
        return cleaned

    def _check_named_by_costs(self, name: str | None) -> None:
        """A stream that a share-of-income cost names keeps a name of its own in the scenario."""
        scenario = getattr(self.instance, "scenario", None)
        if not name or scenario is None:
            return
        same = scenario.incomes.filter(name=name).exclude(pk=self.instance.pk)
        named = CostItem.objects.filter(scenario=scenario, income__in=same).exists() or (
            self.instance.pk and same.exists() and self.instance.share_costs.exists()
        )
        if named:
            self.add_error(
                "name", _("A cost is a share of a stream with this name; choose another name.")
            )
