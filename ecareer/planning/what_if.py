"""The dashboard's what-if controls: the form and the values it asks the planning model for."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy

from ecareer.planning.narrative import what_if_text
from ecareer.planning.narrative_futures import dry_spell_text
from ecareer.projection import limits
from ecareer.projection import model as plan
from ecareer.projection.whatif import apply_what_if

PRICE_PCT = (-50, 50)


class WhatIfForm(forms.Form):
    """What if prices and rates changed by some percent, or you were ill more or fewer days?"""

    price_pct = forms.IntegerField(
        label=gettext_lazy("Change of all prices and rates (%)"),
        min_value=PRICE_PCT[0],
        max_value=PRICE_PCT[1],
        required=False,
    )
    sick_days = forms.IntegerField(
        label=gettext_lazy("Sick days per year"),
        min_value=0,
        max_value=int(limits.SICK_DAYS.hi),
        required=False,
    )
    drought_chance = forms.IntegerField(
        label=gettext_lazy("Chance of a dry spell per month (%)"),
        min_value=0,
        max_value=int(limits.PERCENT.hi),
        required=False,
    )


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The values of a what-if preview; `None` keeps the scenario's own value."""

    price_pct: int = 0
    sick_days: int | None = None
    drought_chance: int | None = None

    @property
    def active(self) -> bool:
        return self.price_pct != 0 or self.sick_days is not None or self.drought_chance is not None

    def describe(self) -> str:
        text = what_if_text(self.price_pct, self.sick_days).removesuffix(".")
        if self.drought_chance is not None:
            text = ", ".join(filter(None, [text, dry_spell_text(self.drought_chance)]))
        return text + "." if text else ""

    def applied_to(self, data: plan.Scenario) -> plan.Scenario:
        """The planning-model input with these values in place of the saved ones."""
        return apply_what_if(data, self.price_pct, self.sick_days, self.drought_chance)


def read_what_if(query, data: plan.Scenario) -> tuple[WhatIf, WhatIfForm]:
    """The what-if values of a request; invalid or unchanged values mean "as saved"."""
    form = WhatIfForm(query or None)
    if not form.is_bound or not form.is_valid():
        return WhatIf(), form
    price_pct = form.cleaned_data.get("price_pct") or 0
    sick_days = form.cleaned_data.get("sick_days")
    if sick_days is not None and Decimal(sick_days) == data.risks.sick_days_per_year:
        sick_days = None
    drought = form.cleaned_data.get("drought_chance")
    if drought is not None and Decimal(drought) == data.risks.drought_chance_pct:
        drought = None
    return WhatIf(price_pct=price_pct, sick_days=sick_days, drought_chance=drought), form


# One count of what-if previews per user, whichever URL computes one: the dashboard fragment,
# the scenario page and the monthly tables all read the same query string.
WHAT_IF_GROUP = "what-if"


def asks_what_if(request) -> bool:
    """Whether the request asks for a what-if preview (the costly part the rate limit counts)."""
    return any(request.GET.get(name) for name in WhatIfForm.base_fields)
