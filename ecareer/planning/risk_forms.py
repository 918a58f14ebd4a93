"""The risk card's form: sick days, dry spells of orders, long illness and simulated futures."""

from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import number_formfield
from ecareer.planning.forms import _number_widgets
from ecareer.planning.models import Scenario
from ecareer.planning.versions import VersionedForm


class RiskForm(VersionedForm):
    """Sick days, dry spells of orders, long illness and the number of simulated paths."""

    class Meta:
        model = Scenario
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "sick_days_per_year",
            "drought_chance_pct",
            "drought_length_months",
            "drought_income_drop_pct",
            "long_illness_chance_pct",
            "long_illness_months",
            "private_sick_pay_daily",
            "private_sick_pay_from_day",
            "paths",
        )
        labels = {"paths": _("Simulated futures")}  # the glossary's one word for them
        widgets = _number_widgets(
            "sick_days_per_year",
            "drought_chance_pct",
            "drought_length_months",
            "drought_income_drop_pct",
            "long_illness_chance_pct",
            "private_sick_pay_daily",
        )
        localized_fields = tuple(widgets)
        help_texts = {
            "long_illness_chance_pct": _(
                "How likely you are to be ill for more than six weeks in a year, after an "
                "accident or a burn-out say: 5 to 10 % is a fair guess; 0 leaves it out."
            ),
            "long_illness_months": _(
                "How long such an illness usually lasts: 3 months when you do not know."
            ),
            "private_sick_pay_daily": _(
                "The daily benefit on your private sickness insurance policy "
                "(Krankentagegeld), paid for each day of illness; 0 when you have none."
            ),
            "private_sick_pay_from_day": _(
                "The day of illness from which that policy pays, as it says on the policy: "
                "often day 22, 29 or 43 (day 43 is when statutory sick pay starts)."
            ),
            "drought_income_drop_pct": _(
                "How much of the income paid for work done a dry spell takes (50 %, when you "
                "do not know); with 0 % nothing changes in a dry spell."
            ),
        }

    def dry_spells_do_nothing(self) -> bool:
        """Dry spells are likely but take no income: the chance then changes nothing."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else self.initial
        chance, drop = data.get("drought_chance_pct"), data.get("drought_income_drop_pct")
        return bool(chance) and not drop
