"""The tax card's form: the regime and Germany's settings, with their help in plain words."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import number_formfield
from ecareer.planning.forms import _number_widgets as number_widgets
from ecareer.planning.models import Scenario
from ecareer.planning.versions import VersionedForm

CARE_WITH_CHILDREN = Decimal("3.6")
CARE_CHILDLESS = Decimal("4.2")  # the surcharge for the childless (DESIGN.md: care_pct)


class TaxForm(VersionedForm):
    """The tax regime and Germany's settings; all are posted, so a switch keeps the others.

    "Do you have children?" sets the care rate (3.6 % with, 4.2 % without); "I enter it myself"
    keeps the rate typed below it (a discount for several children under 25)."""

    children = forms.ChoiceField(
        label=_("Do you have children?"),
        required=False,
        choices=[
            ("yes", _("Yes: care insurance 3.6 %")),
            ("no", _("No: care insurance 4.2 %, the surcharge for the childless")),
            ("own", _("I enter the care rate myself")),
        ],
    )

    class Meta:
        model = Scenario
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "tax_regime",
            "trade",
            "trade_tax_multiplier_pct",
            "church_tax_pct",
            "health_insurance",
            "sick_pay",
            "health_extra_pct",
            "children",
            "care_pct",
            "prepayments",
            "assessment_delay_months",
            "vat_status",
        )
        localized_fields = (
            "trade_tax_multiplier_pct",
            "church_tax_pct",
            "health_extra_pct",
            "care_pct",
        )
        widgets = number_widgets(*localized_fields)
        help_texts = {
            "tax_regime": _(
                "One flat rate on the year's profit works for any country (set it under "
                "Settings). Germany: income tax, trade tax, health insurance and VAT as the tax "
                "office and your insurer charge them."
            ),
            "trade": _(
                "Tick for a trade (Gewerbe) such as a shop or a call-center seat; leave empty "
                "for a liberal profession such as writing. Your trade registration says which."
            ),
            "trade_tax_multiplier_pct": _(
                "The trade-tax multiplier (Hebesatz) of your town, on its website; common is "
                "400 %. Only for a trade."
            ),
            "church_tax_pct": _(
                "If you belong to a church that levies it: 9 % (Bavaria and Baden-Württemberg: "
                "8 %) of the income tax; otherwise 0."
            ),
            "health_insurance": _(
                "Statutory: you pay a voluntary member's contribution on your profit. Other: "
                "private, or through your spouse; put a private premium into living costs."
            ),
            "sick_pay": _("Sick pay from day 43 costs 0.6 points more (14.6 %, without: 14.0 %)."),
            "health_extra_pct": _(
                "Your health insurer's additional contribution (Zusatzbeitrag), on its website; "
                "the average in 2026: 2.9 %."
            ),
            "care_pct": _(
                "Long-term care insurance: 3.6 % with children, 4.2 % without; the answer above "
                "sets it. Lower with two or more children under 25: choose “I enter the care "
                "rate myself”."
            ),
            "prepayments": _(
                "Usually the tax office asks for nothing until your first assessment, then for "
                "the past year, a catch-up and prepayments at once. With a correct estimate on "
                "your registration form you prepay from the start."
            ),
            "assessment_delay_months": _(
                "Months from the end of a year until its tax assessment arrives: 9 means "
                "September of the next year."
            ),
            "vat_status": _(
                "Small business (Kleinunternehmer): no VAT on your prices while your turnover "
                "stays under EUR 25,000 (then EUR 100,000 a year). Registered: you charge VAT "
                "and reclaim the VAT on your costs."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        care = self.instance.care_pct
        answers = {CARE_WITH_CHILDREN: "yes", CARE_CHILDLESS: "no"}
        self.fields["children"].initial = answers.get(care, "own")

    def clean(self):
        cleaned = super().clean()
        care = {"yes": CARE_WITH_CHILDREN, "no": CARE_CHILDLESS}.get(cleaned.get("children"))
        if care is not None:
            cleaned["care_pct"] = care
            self.errors.pop("care_pct", None)  # the answer sets it, whatever was typed
        return cleaned
