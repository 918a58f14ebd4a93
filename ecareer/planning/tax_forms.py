"""The tax card's form: the regime and Germany's settings, with their help in plain words."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import number_formfield
from ecareer.planning.forms import _number_widgets as number_widgets
from ecareer.planning.models import Scenario
from ecareer.planning.tax_models import HealthInsurance, Household
from ecareer.planning.versions import VersionedForm
from ecareer.projection import limits

CARE_WITH_CHILDREN = Decimal("3.6")
CARE_CHILDLESS = Decimal("4.2")  # the surcharge for the childless (DESIGN.md: care_pct)


# "Your situation" (DESIGN.md v3), asked first, as a founder would answer.
SITUATION = (
    "job",
    "household",
    "other_taxable_income",
    "health_insurance",
    "pension",
    "start_grant",
    "grant_benefit",
    "grant_second_phase",
)
HEALTH_CHOICES = [
    (HealthInsurance.STATUTORY, _("voluntary member of the statutory insurance")),
    (HealthInsurance.EMPLOYED, _("through my job")),
    (HealthInsurance.FAMILY, _("through my spouse (family insurance)")),
    (HealthInsurance.KSK, _("artists' social insurance (KSK)")),
    (HealthInsurance.OTHER, _("private")),
]
NEEDS_MAIN_BUSINESS = (HealthInsurance.EMPLOYED, HealthInsurance.FAMILY)


class TaxForm(VersionedForm):
    """Your situation, the tax regime and Germany's settings; all are posted, so a switch keeps
    the others.

    "Do you have children?" sets the care rate (3.6 % with, 4.2 % without); "I enter it myself"
    keeps the rate typed below it (a discount for several children under 25). "Do you keep a job
    alongside?" is not stored: it is read from the insurance and the other income, and checks
    that the answers fit together."""

    job = forms.ChoiceField(
        label=_("Do you keep a job alongside?"),
        required=False,
        choices=[("no", _("No")), ("yes", _("Yes, I stay employed part-time"))],
        help_text=_(
            "With a job above a mini-job you stay insured through it (choose “through my job” "
            "below), and its taxable income goes into the field below."
        ),
    )

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
            "household",
            "other_taxable_income",
            "health_insurance",
            "pension",
            "start_grant",
            "grant_benefit",
            "grant_second_phase",
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
            "other_taxable_income",
            "grant_benefit",
            "trade_tax_multiplier_pct",
            "church_tax_pct",
            "health_extra_pct",
            "care_pct",
        )
        widgets = number_widgets(*localized_fields)
        labels = {
            "household": _("Married and assessed jointly?"),
            "other_taxable_income": _("Taxable income of your job and your spouse a year"),
            "health_insurance": _("How are you health-insured?"),
            "pension": _("Must you pay into the statutory pension?"),
            "start_grant": _("Do you start with the start grant (Gründungszuschuss)?"),
            "grant_benefit": _("Monthly benefit"),
            "grant_second_phase": _("Second phase: EUR 300 a month for nine more months"),
        }
        help_texts = {
            "household": _(
                "Married couples are taxed together (splitting): your spouse's income changes "
                "the tax on your profit."
            ),
            "other_taxable_income": _(
                "Without this business: the “zu versteuerndes Einkommen” on your last tax "
                "assessment (your job's, and your spouse's when married). 0 if you have neither."
            ),
            "pension": _(
                "Teachers and trainers, carers, and those who work for essentially one client "
                "must pay in (a founder may pay half for three years); anyone else may choose "
                "to. Your pension insurer (Deutsche Rentenversicherung) decides."
            ),
            "start_grant": _(
                "Out of work with a right to unemployment benefit and starting a main "
                "business: the job centre pays your benefit plus EUR 300 for six months."
            ),
            "grant_benefit": _(
                "The unemployment benefit (Arbeitslosengeld) a month on your benefit notice; 0 "
                "if you get only the EUR 300."
            ),
            "grant_second_phase": _(
                "Granted on request when your business runs; the benefit notice says so."
            ),
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
                "Statutory: you pay a voluntary member's contribution on your profit. Through "
                "your spouse: free while your profit stays under EUR 565 a month, above it you "
                "pay as a voluntary member. The KSK takes artists and writers and pays half. "
                "Private: put the premium into your living costs."
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
        scenario = self.instance
        care = scenario.care_pct
        answers = {CARE_WITH_CHILDREN: "yes", CARE_CHILDLESS: "no"}
        self.fields["children"].initial = answers.get(care, "own")
        single = scenario.household == Household.SINGLE
        employed = scenario.health_insurance == HealthInsurance.EMPLOYED
        job = employed or (single and scenario.other_taxable_income > 0)
        self.fields["job"].initial = "yes" if job else "no"
        self.fields["household"].choices = [
            (Household.SINGLE, _("No")),
            (Household.MARRIED, _("Yes, married and assessed jointly")),
        ]
        self.fields["health_insurance"].choices = HEALTH_CHOICES
        self.order_fields(SITUATION)

    def groups(self) -> list[tuple[str, list]]:
        """The fields under two headings: your situation, then the taxes."""
        situation = [self[name] for name in SITUATION]
        rest = [f for f in self.visible_fields() if f.name not in SITUATION]
        return [(_("Your situation"), situation), (_("Taxes and insurance"), rest)]

    def clean(self):
        cleaned = super().clean()
        care = {"yes": CARE_WITH_CHILDREN, "no": CARE_CHILDLESS}.get(cleaned.get("children"))
        if care is not None:
            cleaned["care_pct"] = care
            self.errors.pop("care_pct", None)  # the answer sets it, whatever was typed
        self._check_situation(cleaned)
        return cleaned

    def _check_situation(self, cleaned) -> None:
        """The answers must fit together; DESIGN.md's forbidden combinations are refused at
        the field, with the reason."""
        job = cleaned.get("job") == "yes"
        household = cleaned.get("household")
        health = cleaned.get("health_insurance")
        other = cleaned.get("other_taxable_income")
        if health == HealthInsurance.EMPLOYED and not job:
            self.add_error(
                "health_insurance",
                _("“Through my job” needs a job alongside: answer “Yes” to the first question."),
            )
        elif health == HealthInsurance.FAMILY and household == Household.SINGLE:
            self.add_error(
                "health_insurance",
                _("Insurance through your spouse needs a spouse: answer “Yes, married” above."),
            )
        if other is not None and other > 0 and not job and household == Household.SINGLE:
            self.add_error(
                "other_taxable_income",
                _(
                    "This is the income of a job you keep or of your spouse: answer one of the "
                    "two questions above with “Yes”, or enter 0."
                ),
            )
        if cleaned.get("start_grant") and health in NEEDS_MAIN_BUSINESS:
            self.add_error(
                "start_grant",
                _(
                    "The start grant is only for a main business: not while you are insured "
                    "through your job or your spouse."
                ),
            )
        care = cleaned.get("care_pct")
        if health == HealthInsurance.KSK and care is not None and care < limits.KSK_MIN_CARE_PCT:
            self.add_error(
                "care_pct",
                _(
                    "With the KSK the care rate is at least 1.8 %: the KSK pays 1.8 points of "
                    "it for you."
                ),
            )
