"""The scenario's long-illness settings (DESIGN.md v3, "Long illness"): the chance a year of an
illness longer than six weeks, its usual length, and a private daily sickness benefit from its
day. An abstract model the Scenario inherits, as it inherits its tax settings."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecareer.planning.tax_models import between
from ecareer.projection import limits

PERCENT = {"max_digits": 6, "decimal_places": 2}
MONEY = {"max_digits": 14, "decimal_places": 2}


class LongIllnessSettings(models.Model):
    """The four long-illness risk settings of a scenario."""

    long_illness_chance_pct = models.DecimalField(
        _("chance a year of an illness longer than six weeks (%)"),
        default=0,
        validators=between(*limits.LONG_ILLNESS_CHANCE_PCT),
        **PERCENT,
    )
    long_illness_months = models.PositiveSmallIntegerField(
        _("usual length of such an illness (months)"),
        default=3,
        validators=between(*limits.LONG_ILLNESS_MONTHS),
    )
    private_sick_pay_daily = models.DecimalField(
        _("private daily sickness benefit (a day)"),
        default=0,
        validators=between(*limits.PRIVATE_SICK_PAY_DAILY),
        **MONEY,
    )
    private_sick_pay_from_day = models.PositiveSmallIntegerField(
        _("private daily benefit from day"),
        default=43,
        validators=between(*limits.PRIVATE_SICK_PAY_FROM_DAY),
    )

    class Meta:
        abstract = True


LONG_ILLNESS_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(long_illness_chance_pct__gte=0) & Q(long_illness_chance_pct__lte=100),
        name="scenario_long_illness_chance_0_100",
    ),
    models.CheckConstraint(
        condition=Q(long_illness_months__gte=2) & Q(long_illness_months__lte=24),
        name="scenario_long_illness_months_2_24",
    ),
    models.CheckConstraint(
        condition=Q(private_sick_pay_daily__gte=0) & Q(private_sick_pay_daily__lte=10_000),
        name="scenario_private_sick_pay_daily_0_10000",
    ),
    models.CheckConstraint(
        condition=Q(private_sick_pay_from_day__gte=1) & Q(private_sick_pay_from_day__lte=365),
        name="scenario_private_sick_pay_from_day_1_365",
    ),
]
