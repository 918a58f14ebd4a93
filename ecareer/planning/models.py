"""Scenarios and their cost items, income streams, reserve target and risk settings.

Money is Decimal with 2 places; months are stored as the first day of the month. The limits come
from `ecareer.projection.limits`, the same table the scenario file is validated against.
"""

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecareer.projection import limits

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}


def between(lo, hi) -> list:
    """Validators for an inclusive range."""
    return [MinValueValidator(lo), MaxValueValidator(hi)]


def new_seed() -> int:
    """A random simulation seed, kept with the scenario so its report never changes."""
    return secrets.randbelow(2**31)


class Frequency(models.TextChoices):
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


class TaxRegime(models.TextChoices):
    FLAT = "flat", _("one flat rate (any country)")
    DE = "de", _("Germany")


class HealthInsurance(models.TextChoices):
    STATUTORY = "statutory", _("statutory (voluntary member)")
    OTHER = "other", _("private or through someone else")


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


class ScenarioQuerySet(models.QuerySet):
    def for_user(self, user) -> "ScenarioQuerySet":
        """The scenarios this user owns; anyone else's are simply not found."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Scenario(models.Model):
    """One plan of a user: settings, risks and the items below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scenarios"
    )
    name = models.CharField(_("name"), max_length=limits.NAME_MAX_LENGTH)
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    start_month = models.DateField(_("start month"))
    horizon_months = models.PositiveSmallIntegerField(
        _("horizon (months)"), default=36, validators=between(*limits.HORIZON_MONTHS)
    )
    starting_balance = models.DecimalField(
        _("starting balance"), default=0, validators=between(*limits.STARTING_BALANCE), **MONEY
    )
    living_monthly = models.DecimalField(
        _("living costs per month"), default=0, validators=between(*limits.MONEY), **MONEY
    )
    living_increase_pct = models.DecimalField(
        _("yearly increase of living costs (%)"),
        default=0,
        validators=between(*limits.ANNUAL_INCREASE_PCT),
        **PERCENT,
    )
    tax_rate_pct = models.DecimalField(
        _("tax rate (%)"), default=0, validators=between(*limits.PERCENT), **PERCENT
    )
    # Tax settings (DESIGN.md, "Tax regime flat", "Tax regime de", "VAT in regime de"): the de
    # values are kept while the regime is flat, so switching back and forth loses nothing.
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
    # Risk settings (DESIGN.md, "Risk simulation").
    sick_days_per_year = models.DecimalField(
        _("sick days per year"), default=0, validators=between(*limits.SICK_DAYS), **PERCENT
    )
    drought_chance_pct = models.DecimalField(
        _("chance of a dry spell per month (%)"),
        default=0,
        validators=between(*limits.PERCENT),
        **PERCENT,
    )
    drought_length_months = models.DecimalField(
        _("average dry spell length (months)"),
        default=1,
        validators=between(*limits.DROUGHT_LENGTH_MONTHS),
        **PERCENT,
    )
    drought_income_drop_pct = models.DecimalField(
        _("income lost in a dry spell (%)"),
        default=0,
        validators=between(*limits.PERCENT),
        **PERCENT,
    )
    paths = models.PositiveIntegerField(
        _("simulated paths"), default=limits.PATHS_DEFAULT, validators=between(*limits.PATHS)
    )
    seed = models.BigIntegerField(_("random seed"), default=new_seed)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ("-updated_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(horizon_months__gte=1) & Q(horizon_months__lte=600),
                name="scenario_horizon_1_600",
            ),
            models.CheckConstraint(
                condition=Q(paths__gte=1) & Q(paths__lte=10_000), name="scenario_paths_1_10000"
            ),
            models.CheckConstraint(
                condition=Q(tax_regime__in=TaxRegime.values), name="scenario_tax_regime_valid"
            ),
            models.CheckConstraint(
                condition=Q(trade_tax_multiplier_pct__gte=200)
                & Q(trade_tax_multiplier_pct__lte=900),
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
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planning:detail", args=[self.pk])


class ReserveTarget(models.Model):
    """The safety cushion wanted: N months of outgoings, or a fixed amount, by a deadline."""

    class Kind(models.TextChoices):
        MONTHS = "months", _("months of outgoings")
        AMOUNT = "amount", _("fixed amount")

    scenario = models.OneToOneField(Scenario, on_delete=models.CASCADE, related_name="reserve")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MONTHS)
    months = models.DecimalField(
        _("months of outgoings"),
        null=True,
        blank=True,
        validators=between(*limits.RESERVE_MONTHS),
        **PERCENT,
    )
    amount = models.DecimalField(
        _("amount"), null=True, blank=True, validators=between(*limits.MONEY), **MONEY
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="amount") | Q(months__isnull=False),
                name="reserve_months_needs_months",
            ),
            models.CheckConstraint(
                condition=Q(kind="months") | Q(amount__isnull=False),
                name="reserve_amount_needs_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.scenario})"


class ScenarioItem(models.Model):
    """What cost items and income streams share: a name, a schedule and growth."""

    name = models.CharField(_("name"), max_length=limits.NAME_MAX_LENGTH)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    start_month = models.DateField(_("start"))
    end_month = models.DateField(_("end"), null=True, blank=True)
    annual_increase_pct = models.DecimalField(
        _("yearly increase (%)"),
        default=0,
        validators=between(*limits.ANNUAL_INCREASE_PCT),
        **PERCENT,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CostItem(ScenarioItem):
    """Something the home office costs, once or recurring, with its business share."""

    class Category(models.TextChoices):
        EQUIPMENT = "equipment", _("Equipment")
        ROOM = "room", _("Room")
        UTILITIES = "utilities", _("Utilities")
        INTERNET_PHONE = "internet_phone", _("Internet and phone")
        SOFTWARE = "software", _("Software")
        INSURANCE = "insurance", _("Insurance")
        JOURNALS = "journals", _("Trade journals")
        FAIRS_TRAVEL = "fairs_travel", _("Trade fairs and travel")
        ADVERTISING = "advertising", _("Advertising")
        TRAINING = "training", _("Training")
        GOODS = "goods", _("Goods for resale")
        FEES = "fees", _("Payment and platform fees")
        OTHER = "other", _("Other")

    class Basis(models.TextChoices):
        FIXED = "fixed", _("fixed amount")
        INCOME_SHARE = "income_share", _("share of income")

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="costs")
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    amount = models.DecimalField(_("amount"), validators=between(*limits.MONEY), **MONEY)
    share_pct = models.DecimalField(
        _("business share (%)"), default=100, validators=between(*limits.PERCENT), **PERCENT
    )
    # Basis income_share: `amount` is the percentage of the named stream's income (or of all).
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices, default=Basis.FIXED)
    # RESTRICT: a stream a cost names can't be deleted alone, but goes with its scenario.
    income = models.ForeignKey(
        "IncomeStream",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="share_costs",
        verbose_name=_("of income stream"),
    )
    vat_rate_pct = models.PositiveSmallIntegerField(
        _("VAT rate"), choices=VatRate.choices, default=VatRate.STANDARD
    )

    class Meta:
        ordering = ("id",)  # as entered, so an exported file keeps its order
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=models.F("start_month")),
                name="cost_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(basis="fixed", income__isnull=True)
                | Q(
                    basis="income_share",
                    amount__lte=100,
                    frequency="monthly",
                    annual_increase_pct=0,
                ),
                name="cost_income_share_monthly_0_100",
            ),
            models.CheckConstraint(
                condition=Q(vat_rate_pct__in=VatRate.values), name="cost_vat_rate_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IncomeStream(ScenarioItem):
    """What the business earns: a fixed amount, or a rate times a quantity."""

    class Pricing(models.TextChoices):
        FIXED = "fixed", _("fixed amount")
        HOURLY = "hourly", _("hourly rate")
        PER_UNIT = "per_unit", _("price per unit")

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="incomes")
    pricing = models.CharField(
        _("pricing"), max_length=10, choices=Pricing.choices, default=Pricing.FIXED
    )
    amount = models.DecimalField(
        _("amount"), null=True, blank=True, validators=between(*limits.MONEY), **MONEY
    )
    rate = models.DecimalField(
        _("rate"), null=True, blank=True, validators=between(*limits.MONEY), **MONEY
    )
    quantity = models.DecimalField(
        _("quantity"), null=True, blank=True, validators=between(*limits.MONEY), **MONEY
    )
    ramp_up_months = models.PositiveSmallIntegerField(
        _("ramp-up (months)"), default=0, validators=between(*limits.RAMP_UP_MONTHS)
    )
    performance_based = models.BooleanField(
        _("paid for work done"),
        default=True,
        help_text=_("Lost on sick days and in dry spells of orders."),
    )
    vat_rate_pct = models.PositiveSmallIntegerField(
        _("VAT rate"), choices=VatRate.choices, default=VatRate.STANDARD
    )
    prices_include_vat = models.BooleanField(
        _("prices include VAT (consumers)"),
        default=False,
        help_text=_("Yes for consumers: the price is what they pay, VAT included."),
    )

    class Meta:
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=models.F("start_month")),
                name="income_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(vat_rate_pct__in=VatRate.values), name="income_vat_rate_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def first_of_month(value: date) -> date:
    """The first day of the month of `value`."""
    return value.replace(day=1)
