"""The words of the "What you need" panel: each answer in the unit of what it changes.

E.g. "€38.90 per hour instead of €32.00". The figures are the model's (`decisions`), formatted.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money, number, share
from ecareer.projection.decisions import Decision, apply_price_factor
from ecareer.projection.model import Category, IncomeStream, Pricing, Scenario
from ecareer.projection.sensitivity import Sensitivity, SensitivityRow


def _target(decision: Decision) -> str:
    if decision.target == "plan":
        return _("so that the money never runs out if nothing goes wrong")
    return _("so that the money runs out in at most %(pct)s %% of the simulated futures") % {
        "pct": number(decision.risk_pct, 1 if decision.risk_pct % 1 else 0)
    }


def _price_unit(decision: Decision) -> str:
    return _unit_of(decision.pricing if decision.unit == "rate" else "fixed")


def _unit_of(pricing: str | None) -> str:
    """The unit of a price: "per hour", "per unit" or "each time" (a fixed amount)."""
    if pricing == "hourly":
        return _("per hour")
    if pricing == "per_unit":
        return _("per unit")
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
            "sentence": _("No value within the limits does this: %(target)s.")
            % {"target": _target(decision)},
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


def price_result(decision: Decision, data: Scenario, amounts: bool = True) -> dict:
    """A required price of every stream (compare's cell, the report): `answer` with the figure
    in each stream's own unit, e.g. "€38.90 per hour instead of €32.00", one line per stream
    below a change in percent when there are several. Without `amounts` only the change."""
    result = answer(decision, data.currency)
    result["streams"] = []
    if not decision.met:
        return result
    change = {"change": _factor_change(decision.factor)}
    if not amounts:
        result["figure"] = _("prices and rates %(change)s") % change
        result["use"] = None
        return result
    new = apply_price_factor(data, decision.factor, decision.income)
    lines = [
        (
            before.name,
            _("%(new)s %(unit)s instead of %(old)s")
            % {
                "new": money(_price(after), data.currency),
                "unit": _unit_of(str(after.pricing)),
                "old": money(_price(before), data.currency),
            },
        )
        for before, after in zip(data.incomes, new.incomes, strict=True)
        if decision.income in (None, before.name)
    ]
    if len(lines) == 1:
        result["figure"] = lines[0][1]
    else:
        result["streams"] = [
            _("%(name)s: %(price)s") % {"name": name, "price": line} for name, line in lines
        ]
    return result


def _price(stream: IncomeStream) -> Decimal:
    """The price a factor scales: the amount of a fixed stream, else the rate."""
    return (stream.amount if stream.pricing == Pricing.FIXED else stream.rate) or Decimal(0)


# --- what matters most (the sensitivity) ---------------------------------------------------


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
        }
        for row in result.rows
    ]


def sensitivity_summary(result: Sensitivity, categories: dict, currency: str) -> str:
    """One or two sentences: what moves the final balance and the chance most."""
    if not result.rows:
        return _("Nothing in this plan can be moved yet: add costs or income.")
    first = result.rows[0]
    text = _(
        "The final balance depends most on %(input)s: moved by %(step)s it changes by %(low)s "
        "and %(high)s."
    ) % {
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
