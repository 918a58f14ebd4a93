"""Long illness in words (issue 22): the private daily benefit and what a long illness pays,
for compare's settings and the report's assumptions."""

from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money
from ecareer.projection import model as plan


def daily_benefit(data: plan.Scenario, currency: str) -> str:
    """The private daily sickness benefit, e.g. "€80.00 a day from day 29", or "none"."""
    risks = data.risks
    if not risks.private_sick_pay_daily:
        return _("none")
    return _("%(amount)s a day from day %(day)s") % {
        "amount": money(risks.private_sick_pay_daily, currency),
        "day": risks.private_sick_pay_from_day,
    }


def sick_pay_words(data: plan.Scenario, amounts: bool) -> str:
    """What a long illness pays in the simulation: statutory sick pay and a private benefit."""
    tax = data.tax
    statutory = (
        tax.regime == plan.TaxRegime.DE
        and tax.sick_pay
        and tax.health_insurance
        in (plan.HealthInsurance.STATUTORY, plan.HealthInsurance.KSK, plan.HealthInsurance.FAMILY)
    )
    if not statutory:
        parts = [_("no statutory sick pay")]
    elif tax.health_insurance == plan.HealthInsurance.FAMILY:  # only when contributions are due
        parts = [_("statutory sick pay from day 43 in years the family insurance ends")]
    else:
        parts = [_("statutory sick pay from day 43")]
    if data.risks.private_sick_pay_daily:
        if amounts:
            parts.append(daily_benefit(data, data.currency))
        else:
            parts.append(
                _("a private daily benefit from day %(day)s")
                % {"day": data.risks.private_sick_pay_from_day}
            )
    return "; ".join(parts)
