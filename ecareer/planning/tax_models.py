"""The scenario's tax settings (DESIGN.md, "Tax regime flat", "Tax regime de", "VAT in regime
de") and the VAT choices of its items; the limits come from `ecareer.projection.limits`."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecareer.projection import limits

PERCENT = {"max_digits": 6, "decimal_places": 2}


def between(lo, hi) -> list:
    """Validators for an inclusive range."""
    return [MinValueValidator(lo), MaxValueValidator(hi)]


class TaxRegime(models.TextChoices):
    FLAT = "flat", _("One flat rate (any country)")
    DE = "de", _("Germany")


class HealthInsurance(models.TextChoices):
    STATUTORY = "statutory", _("statutory (voluntary member)")
    EMPLOYED = "employed", _("through my job")
    FAMILY = "family", _("through my spouse (family insurance)")
    KSK = "ksk", _("artists' social insurance (KSK)")
    OTHER = "other", _("private or through someone else")


class Household(models.TextChoices):
    SINGLE = "single", _("single")
    MARRIED = "married", _("married, assessed jointly")


class Pension(models.TextChoices):
    NONE = "none", _("no")
    FOUNDER_HALF = "founder_half", _("yes, the founder's half for three years")
    REGULAR = "regular", _("yes, the regular contribution")
    INCOME = "income", _("yes, on my profit")


class Prepayments(models.TextChoices):
    ASSESSMENT = "assessment", _("after the first assessment (usual for founders)")
    ESTIMATE = "estimate", _("from the start, on a correct estimate")


class VatStatus(models.TextChoices):
    SMALL_BUSINESS = "small_business", _("small business (no VAT while small)")
    REGISTERED = "registered", _("registered for VAT")


class VatRate(models.IntegerChoices):
    STANDARD = 19, _("19 %")
    REDUCED = 7, _("7 % (e.g. books, licences of texts)")
    NONE = 0, _("0 % (no VAT)")


class TaxSettings(models.Model):
    """The regime and Germany's settings; the de values are kept while the regime is flat, so
    switching back and forth loses nothing."""

    tax_regime = models.CharField(
        _("tax regime"), max_length=10, choices=TaxRegime.choices, default=TaxRegime.FLAT
    )
    trade = models.BooleanField(_("trade business"), default=False)
    trade_tax_multiplier_pct = models.DecimalField(
        _("trade-tax multiplier (Hebesatz, %)"),
        default=400,
        validators=between(*limits.TRADE_TAX_MULTIPLIER_PCT),
        **PERCENT,
    )
    church_tax_pct = models.DecimalField(
        _("church tax (%)"), default=0, validators=between(*limits.CHURCH_TAX_PCT), **PERCENT
    )
    health_insurance = models.CharField(
        _("health insurance"),
        max_length=10,
        choices=HealthInsurance.choices,
        default=HealthInsurance.STATUTORY,
    )
    sick_pay = models.BooleanField(_("sick pay from day 43"), default=True)
    health_extra_pct = models.DecimalField(
        _("additional health contribution (%)"),
        default=Decimal("2.9"),
        validators=between(*limits.HEALTH_EXTRA_PCT),
        **PERCENT,
    )
    care_pct = models.DecimalField(
        _("long-term care insurance (%)"),
        default=Decimal("3.6"),
        validators=between(*limits.CARE_PCT),
        **PERCENT,
    )
    prepayments = models.CharField(
        _("tax prepayments"),
        max_length=10,
        choices=Prepayments.choices,
        default=Prepayments.ASSESSMENT,
    )
    assessment_delay_months = models.PositiveSmallIntegerField(
        _("months until the tax assessment"),
        default=9,
        validators=between(*limits.ASSESSMENT_DELAY_MONTHS),
    )
    vat_status = models.CharField(
        _("VAT"), max_length=20, choices=VatStatus.choices, default=VatStatus.SMALL_BUSINESS
    )
    # v3, "Your situation" (DESIGN.md): household, other taxable income, pension, start grant.
    household = models.CharField(
        _("household"), max_length=10, choices=Household.choices, default=Household.SINGLE
    )
    other_taxable_income = models.DecimalField(
        _("other taxable income a year"),
        default=0,
        validators=between(*limits.OTHER_TAXABLE_INCOME),
        max_digits=14,
        decimal_places=2,
    )
    pension = models.CharField(
        _("statutory pension"), max_length=20, choices=Pension.choices, default=Pension.NONE
    )
    start_grant = models.BooleanField(_("start grant"), default=False)
    grant_benefit = models.DecimalField(
        _("monthly benefit"),
        default=0,
        validators=between(*limits.GRANT_BENEFIT),
        max_digits=14,
        decimal_places=2,
    )
    grant_second_phase = models.BooleanField(_("second phase (EUR 300 for 9 months)"), default=True)

    class Meta:
        abstract = True


TAX_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(tax_regime__in=TaxRegime.values), name="scenario_tax_regime_valid"
    ),
    models.CheckConstraint(
        condition=Q(trade_tax_multiplier_pct__gte=200) & Q(trade_tax_multiplier_pct__lte=900),
        name="scenario_trade_tax_multiplier_200_900",
    ),
    models.CheckConstraint(
        condition=Q(church_tax_pct__gte=0) & Q(church_tax_pct__lte=9),
        name="scenario_church_tax_0_9",
    ),
    models.CheckConstraint(
        condition=Q(health_extra_pct__gte=0) & Q(health_extra_pct__lte=5),
        name="scenario_health_extra_0_5",
    ),
    models.CheckConstraint(
        condition=Q(care_pct__gte=0) & Q(care_pct__lte=5), name="scenario_care_0_5"
    ),
    models.CheckConstraint(
        condition=Q(assessment_delay_months__gte=1) & Q(assessment_delay_months__lte=24),
        name="scenario_assessment_delay_1_24",
    ),
    models.CheckConstraint(
        condition=Q(health_insurance__in=HealthInsurance.values),
        name="scenario_health_insurance_valid",
    ),
    models.CheckConstraint(
        condition=Q(prepayments__in=Prepayments.values),
        name="scenario_prepayments_valid",
    ),
    models.CheckConstraint(
        condition=Q(vat_status__in=VatStatus.values), name="scenario_vat_status_valid"
    ),
    models.CheckConstraint(
        condition=Q(household__in=Household.values), name="scenario_household_valid"
    ),
    models.CheckConstraint(condition=Q(pension__in=Pension.values), name="scenario_pension_valid"),
    models.CheckConstraint(
        condition=Q(other_taxable_income__gte=0) & Q(other_taxable_income__lte=10_000_000),
        name="scenario_other_taxable_income_0_10m",
    ),
    models.CheckConstraint(
        condition=Q(grant_benefit__gte=0) & Q(grant_benefit__lte=1_000_000_000),
        name="scenario_grant_benefit_range",
    ),
    # The combinations DESIGN.md forbids (v3): a start grant needs a main business, and the
    # KSK pays the care share above 1.8 % itself.
    models.CheckConstraint(
        condition=~(Q(start_grant=True) & Q(health_insurance__in=["employed", "family"])),
        name="scenario_grant_needs_main_business",
    ),
    models.CheckConstraint(
        condition=~(Q(health_insurance="ksk") & Q(care_pct__lt=Decimal("1.8"))),
        name="scenario_ksk_care_at_least_1_8",
    ),
]
