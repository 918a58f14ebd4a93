"""Scenarios and their cost items, income streams, reserve target and risk settings.

Money is Decimal with 2 places; months are stored as the first day of the month. The limits come
from `ecareer.projection.limits`, the same table the scenario file is validated against.
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecareer.planning.choices import CostCategory, Frequency
from ecareer.planning.loan_models import Loan  # noqa: F401 (v3; a model of this app)
from ecareer.planning.risk_models import LONG_ILLNESS_CONSTRAINTS, LongIllnessSettings
from ecareer.planning.tax_models import (  # noqa: F401 (the choices belong to the models)
    TAX_CONSTRAINTS,
    HealthInsurance,
    Prepayments,
    TaxRegime,
    TaxSettings,
    VatRate,
    VatStatus,
    between,
)
from ecareer.projection import limits

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}


def new_seed() -> int:
    """A random simulation seed, kept with the scenario so its report never changes."""
    return secrets.randbelow(2**31)


class ScenarioQuerySet(models.QuerySet):
    def for_user(self, user) -> "ScenarioQuerySet":
        """The scenarios this user owns; anyone else's are simply not found."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Scenario(TaxSettings, LongIllnessSettings):
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
    version = models.PositiveIntegerField(default=1, editable=False)  # see versions.py
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
            *LONG_ILLNESS_CONSTRAINTS,
            *TAX_CONSTRAINTS,
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
    version = models.PositiveIntegerField(default=1, editable=False)

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
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CostItem(ScenarioItem):
    """Something the home office costs, once or recurring, with its business share."""

    Category = CostCategory  # the choices live in choices.py

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
    useful_life_years = models.PositiveSmallIntegerField(  # v3: 0 = deducted when paid
        _("written off over (years)"), default=0, validators=between(*limits.USEFUL_LIFE_YEARS)
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
            models.CheckConstraint(
                condition=Q(useful_life_years=0)
                | Q(useful_life_years__lte=50, frequency="once", basis="fixed"),
                name="cost_useful_life_once_fixed",
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
