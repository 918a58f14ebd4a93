"""The words of the "What you need" panel: each answer in the unit of what it changes.

E.g. "€38.90 per hour instead of €32.00". The figures are the model's (`decisions`), formatted.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money, number, share
from ecareer.projection.decisions import Decision


def _target(decision: Decision) -> str:
    if decision.target == "plan":
        return _("so that the money never runs out if nothing goes wrong")
    return _("so that the money runs out in at most %(pct)s %% of the simulated futures") % {
        "pct": number(decision.risk_pct, 1 if decision.risk_pct % 1 else 0)
    }


def _price_unit(decision: Decision) -> str:
    if decision.unit == "rate":
        return _("per hour") if decision.pricing == "hourly" else _("per unit")
    return _("each time")


def _factor_change(factor: Decimal) -> str:
    """A factor on all prices as a change in percent, e.g. "+21.6 %"."""
    points = (factor - 1) * 100
    return f"{'+' if points > 0 else ''}{number(points, 1)}\u00a0%"


def answer(decision: Decision, currency: str) -> dict:
    """One answer: its heading, the figure, the sentence and whether "use this" applies."""
    if decision.what == "price":
        heading = (
            _("Price of “%(name)s”") % {"name": decision.income}
            if decision.income
            else _("All prices and rates")
        )
    elif decision.what == "starting_balance":
        heading = _("Starting balance")
    else:
        heading = _("Living costs you can afford")
    if not decision.met:
        return {
            "heading": heading,
            "figure": _("not reachable"),
            "sentence": _("No value within the limits reaches this target.")
            + " "
            + _target(decision),
            "use": None,
        }
    if decision.what == "price" and decision.value is None:
        figure = _("prices and rates %(change)s") % {"change": _factor_change(decision.factor)}
    elif decision.what == "price":
        figure = _("%(new)s %(unit)s instead of %(old)s") % {
            "new": money(decision.value, currency),
            "unit": _price_unit(decision),
            "old": money(decision.current, currency),
        }
    elif decision.what == "starting_balance":
        figure = _("%(new)s instead of %(old)s") % {
            "new": money(decision.value, currency),
            "old": money(decision.current, currency),
        }
    else:
        figure = _("%(new)s a month instead of %(old)s") % {
            "new": money(decision.value, currency),
            "old": money(decision.current, currency),
        }
    sentence = _target(decision).capitalize() + "."
    if decision.depletion_probability is not None:
        sentence += " " + _("Checked: the money runs out in %(share)s of the futures.") % {
            "share": share(decision.depletion_probability)
        }
    if decision.threshold:
        sentence += " " + _(
            "Prices just above this earn less: they end the small-business VAT status."
        )
    same = decision.factor == 1 if decision.what == "price" else decision.value == decision.current
    return {
        "heading": heading,
        "figure": figure,
        "sentence": sentence,
        "use": None if same else decision,
    }
