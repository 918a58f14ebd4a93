"""v3: the loans of a scenario (DESIGN.md, "Your situation, start grant, pension, long illness,
loans and depreciation"); imported by models.py, so Django sees it as the planning app's."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecareer.planning.tax_models import between
from ecareer.projection import limits

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}


class Loan(models.Model):
    """v3: a start-up loan paid out in its start month, repaid after months of interest only."""

    class Kind(models.TextChoices):
        ANNUITY = "annuity", _("annuity (equal payments)")
        LINEAR = "linear", _("linear (equal repayments)")

    scenario = models.ForeignKey(
        "planning.Scenario", on_delete=models.CASCADE, related_name="loans"
    )
    name = models.CharField(_("name"), max_length=limits.NAME_MAX_LENGTH)
    amount = models.DecimalField(_("amount"), validators=between(*limits.LOAN_AMOUNT), **MONEY)
    start_month = models.DateField(_("paid out in"))
    interest_pct = models.DecimalField(
        _("interest a year (%)"), validators=between(*limits.LOAN_INTEREST_PCT), **PERCENT
    )
    grace_months = models.PositiveSmallIntegerField(
        _("months of interest only"), default=0, validators=between(*limits.LOAN_GRACE_MONTHS)
    )
    repay_months = models.PositiveSmallIntegerField(
        _("repayment months"), validators=between(*limits.LOAN_REPAY_MONTHS)
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ANNUITY)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)  # as entered, so an exported file keeps its order
        constraints = [
            models.CheckConstraint(
                condition=Q(repay_months__gte=1) & Q(repay_months__lte=600),
                name="loan_repay_months_1_600",
            ),
            models.CheckConstraint(condition=Q(grace_months__lte=120), name="loan_grace_0_120"),
            models.CheckConstraint(
                condition=Q(interest_pct__gte=0) & Q(interest_pct__lte=30),
                name="loan_interest_0_30",
            ),
            models.CheckConstraint(condition=Q(kind__in=("annuity", "linear")), name="loan_kind"),
        ]

    def __str__(self) -> str:
        return self.name
