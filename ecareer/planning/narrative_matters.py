"""The words of "What matters most": each moved input's name, how far it moves, the data table
and the summary of the two tornado charts (`ecareer.projection.sensitivity`), formatted."""

from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money, number
from ecareer.projection.model import Category
from ecareer.projection.sensitivity import Sensitivity, SensitivityRow


def sensitivity_label(row: SensitivityRow, categories: dict) -> str:
    """The moved input's name, e.g. "Price of “Shop sales”" or "Costs: Room"."""
    params = row.params
    if row.key == "income_price":
        return _("Price of “%(name)s”") % {"name": params.get("income", "")}
    if row.key == "cost_category":
        name = categories.get(Category(params["category"]), params["category"])
        return _("Costs: %(category)s") % {"category": name}
    names = {
        "living_costs": _("Living costs"),
        "tax_rate": _("Tax rate"),
        "trade_tax_multiplier": _("Trade-tax multiplier"),
        "sick_days": _("Sick days"),
        "drought_chance": _("Chance of a dry spell"),
        "long_illness": _("Long illness"),
    }
    return names.get(row.key, row.key)


def sensitivity_step(row: SensitivityRow) -> str:
    """How far the input moves each way, e.g. "±20 %" or "±5 points"."""
    if row.step_unit == "points":
        return _("±%(n)s points") % {"n": number(row.step, 0)}
    return f"±{number(row.step, 0)}\u00a0%"


def _points(change: float) -> str:
    """A change of a chance in percentage points, signed, e.g. "+3.5 points"."""
    return _("%(n)s points") % {"n": f"{'+' if change > 0 else ''}{number(change * 100, 1)}"}


def sensitivity_rows(result: Sensitivity, categories: dict, currency: str) -> list[dict]:
    """The data table of the tornado charts, one row per input, largest effect first."""
    return [
        {
            "label": sensitivity_label(row, categories),
            "step": sensitivity_step(row),
            "balance_low": money(row.final_balance_low, currency),
            "balance_high": money(row.final_balance_high, currency),
            "depletion_low": _points(row.depletion_low),
            "depletion_high": _points(row.depletion_high),
            "measure": _measure(row),
        }
        for row in result.rows
    ]


def _measure(row: SensitivityRow) -> str:
    """Whose final balance a row moves: the plan's, or the bad case's for a risk."""
    return _("the bad case (1 in 10)") if row.measure == "bad_case" else _("the plan")


def sensitivity_summary(result: Sensitivity, categories: dict, currency: str) -> str:
    """One or two sentences: what moves the final balance and the chance most."""
    if not result.rows:
        return _("Nothing in this plan can be moved yet: add costs or income.")
    first = result.rows[0]
    if first.measure == "bad_case":
        text = _(
            "The final balance of the bad case (1 in 10) depends most on %(input)s: moved by "
            "%(step)s it changes by %(low)s and %(high)s."
        )
    else:
        text = _(
            "The final balance depends most on %(input)s: moved by %(step)s it changes by "
            "%(low)s and %(high)s."
        )
    text %= {
        "input": sensitivity_label(first, categories),
        "step": sensitivity_step(first),
        "low": money(first.final_balance_low, currency),
        "high": money(first.final_balance_high, currency),
    }
    risky = result.by_depletion()[0]
    if risky.depletion_swing > 0:
        text += " " + _("The chance of running out depends most on %(input)s.") % {
            "input": sensitivity_label(risky, categories)
        }
    else:
        text += " " + _("No single input moves the chance of running out.")
    if any(row.measure == "bad_case" for row in result.rows):
        text += " " + _(
            "Illness and dry spells are not in the plan, so they are measured by the bad case: "
            "the final balance that 1 in 10 simulated futures falls below."
        )
    return text


def tornado_words() -> dict[str, str]:
    """The tornado charts' words in the active language."""
    return {
        "balance_title": _("What moves the final balance most"),
        "depletion_title": _("What moves the chance of running out most"),
        "low": _("Input lower"),
        "high": _("Input higher"),
        "balance_axis": _("Change of the final balance ({currency})"),
        "depletion_axis": _("Change of the chance of running out (points)"),
    }
