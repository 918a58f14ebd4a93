"""The words of the "What you need" panel: each answer in the unit of what it changes.

E.g. "your lowest price: €38.90 per hour (now €32.00)". The figures are the model's
(`decisions`), formatted.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money, number, percent, share
from ecareer.projection.decisions import Decision, apply_price_factor, sick_pay_cost_a_year
from ecareer.projection.model import IncomeStream, Pricing, Scenario


def _target(decision: Decision) -> str:
    if decision.target == "plan":
        return _("so that the money never runs out if nothing goes wrong")
    return _("so that the money runs out in at most %(pct)s %% of the simulated futures") % {
        "pct": number(decision.risk_pct, 1 if decision.risk_pct % 1 else 0)
    }


def _unit_of(stream: IncomeStream | None) -> str:
    """The unit of a stream's price: "per hour", "per unit", or for a fixed amount how often it
    is paid ("a month", "a quarter", "a year", "once")."""
    pricing = None if stream is None else str(stream.pricing)
    if pricing == "hourly":
        return _("per hour")
    if pricing == "per_unit":
        return _("per unit")
    often = None if stream is None else str(stream.frequency)
    return {
        "monthly": _("a month"),
        "quarterly": _("a quarter"),
        "yearly": _("a year"),
        "once": _("once"),
    }.get(often, _("each time"))


def _factor_change(factor: Decimal) -> str:
    """A factor on all prices as a change in percent, e.g. "+21.6 %"."""
    points = (factor - 1) * 100
    return f"{'+' if points > 0 else ''}{number(points, 1)}\u00a0%"


def first_upper(text: str) -> str:
    """The text with its first letter capitalised and the rest as it is (str.capitalize would
    lower every German noun after the first word)."""
    return text[:1].upper() + text[1:]


def _floor(factor: Decimal) -> str:
    """What a lowest price means: a floor to stay above, never advice to lower a price."""
    if factor < 1:
        return _(
            "This is a floor, not advice to lower your prices: below it the plan no longer "
            "holds; what you charge above it is your margin."
        )
    if factor > 1:
        return _("This is a floor: today's prices are below it, so charge at least this.")
    return _("This is a floor: today's prices are just enough.")


def _streams(data: Scenario | None) -> dict[str, IncomeStream]:
    return {} if data is None else {stream.name: stream for stream in data.incomes}


def lowest_price_lines(decision: Decision, data: Scenario) -> list[tuple[str, str]]:
    """Each stream the decision prices: its name and "EUR 22.17 per unit (now EUR 34.90)"."""
    new = apply_price_factor(data, decision.factor, decision.income)
    return [
        (
            before.name,
            _("%(new)s %(unit)s (now %(old)s)")
            % {
                "new": money(_price(after), data.currency),
                "unit": _unit_of(before),
                "old": money(_price(before), data.currency),
            },
        )
        for before, after in zip(data.incomes, new.incomes, strict=True)
        if decision.income in (None, before.name)
    ]


def answer(decision: Decision, currency: str, data: Scenario | None = None) -> dict:
    """One answer: its heading, the figure, the sentence and whether "use this" applies.

    A price is the lowest price of each stream in its own unit (with `data`, every stream of
    "all streams" on its own line), framed as a floor; "use this" is offered for a price only
    where it raises today's.
    """
    if decision.what == "price":
        heading = (
            _("Lowest price of “%(name)s”") % {"name": decision.income}
            if decision.income
            else _("Lowest prices of all income streams")
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
            "streams": [],
        }
    streams = []
    if decision.what == "price" and data is not None and data.incomes:
        lines = lowest_price_lines(decision, data)
        if len(lines) == 1:
            figure = _("your lowest price: %(price)s") % {"price": lines[0][1]}
        else:
            figure = _("your lowest prices:")
            streams = [_("%(name)s: %(price)s") % {"name": n, "price": p} for n, p in lines]
    elif decision.what == "price" and decision.value is None:
        figure = _("your lowest prices: %(change)s from today's") % {
            "change": _factor_change(decision.factor)
        }
    elif decision.what == "price":
        stream = _streams(data).get(decision.income)
        figure = _("your lowest price: %(price)s") % {
            "price": _("%(new)s %(unit)s (now %(old)s)")
            % {
                "new": money(decision.value, currency),
                "unit": _unit_of(stream) if stream else _pricing_unit(decision.pricing),
                "old": money(decision.current, currency),
            }
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
    sentence = first_upper(_target(decision)) + "."
    if decision.what == "price":
        sentence += " " + _floor(decision.factor)
    if decision.depletion_probability is not None:
        sentence += " " + _("Checked: the money runs out in %(share)s of the futures.") % {
            "share": share(decision.depletion_probability)
        }
    if decision.threshold:
        sentence += " " + _(
            "Prices just above this earn less: they end the small-business VAT status."
        )
    if decision.what == "price":
        use = decision if decision.factor > 1 else None
    else:
        use = None if decision.value == decision.current else decision
    return {
        "heading": heading,
        "figure": figure,
        "sentence": sentence,
        "use": use,
        "streams": streams,
    }


def _pricing_unit(pricing: str | None) -> str:
    """A unit from the pricing alone (no stream at hand): per hour, per unit, each time."""
    if pricing == "hourly":
        return _("per hour")
    if pricing == "per_unit":
        return _("per unit")
    return _("each time")


def price_result(decision: Decision, data: Scenario, amounts: bool = True) -> dict:
    """A lowest price of every stream (compare's cell, the report): `answer` with each stream's
    lowest price in its own unit, one line per stream when there are several. Without
    `amounts` only the change in percent."""
    if not amounts or not decision.met:
        result = answer(decision, data.currency)
        if decision.met:
            result["figure"] = _("your lowest prices: %(change)s from today's") % {
                "change": _factor_change(decision.factor)
            }
        result["use"] = None
        result["streams"] = []
        return result
    return answer(decision, data.currency, data)


def sick_pay_answer(choice: dict, data: Scenario) -> dict:
    """ "Sick pay: worth it?" in the founder's words: what the option costs a year, what it does
    to the chance of running out and to a bad future, and the other choice to "use"."""
    currency = data.currency
    with_, without = choice["with"], choice["without"]
    cost = sick_pay_cost_a_year(choice, data.horizon_months)
    rows = [
        (
            _("Chance of running out"),
            share(with_["depletion_probability"]),
            share(without["depletion_probability"]),
        ),
        (
            _("Lowest balance in a bad future (1 in 10 is worse)"),
            money(with_["min_balance_p10"], currency),
            money(without["min_balance_p10"], currency),
        ),
        (
            _("Final balance in the middle future"),
            money(with_["final_balance_p50"], currency),
            money(without["final_balance_p50"], currency),
        ),
    ]
    sentences = [
        _(
            "The option costs about %(cost)s a year more for health insurance. In an illness "
            "it pays, from day 43, 70 %% of the income your contribution is based on."
        )
        % {"cost": money(cost, currency)}
    ]
    chance_with = with_["depletion_probability"]
    chance_without = without["depletion_probability"]
    if chance_with < chance_without:
        sentences.append(
            _("With it, the money runs out in %(with)s of the futures instead of %(without)s.")
            % {"with": share(chance_with), "without": share(chance_without)}
        )
    elif chance_with > chance_without:
        sentences.append(
            _(
                "With it, the money runs out in %(with)s of the futures instead of %(without)s: "
                "its cost weighs more than what it pays."
            )
            % {"with": share(chance_with), "without": share(chance_without)}
        )
    else:
        sentences.append(
            _("It does not change the chance of running out (%(with)s).")
            % {"with": share(chance_with)}
        )
    if not data.risks.long_illness_chance_pct:
        sentences.append(
            _(
                "Your risks have no long illness yet, so sick pay is never paid here: enter the "
                "chance of an illness longer than six weeks under Risks."
            )
        )
    now = data.tax.sick_pay
    return {
        "heading": _("Sick pay: worth it?"),
        "rows": rows,
        "sentence": " ".join(sentences),
        "cost": cost,
        "now_with": now,
        # "use this" offers the choice the plan does not have yet
        "use": "without" if now else "with",
        "use_label": _("Use this: without sick pay") if now else _("Use this: with sick pay"),
    }


def undo_text(changes: list[list], currency: str, what: str) -> str:
    """What undo puts back, e.g. "You used an answer in the scenario: the starting balance
    from €1,000.00 to €850.00." `changes` as use_and_undo records them: [row, field, old, new,
    stream name]; `what`: "what_if" or the answer's. Empty when there is nothing to name."""
    parts = []
    for _row, field, old, new, name in changes:
        if field == "sick_pay":
            parts.append(
                _("the sick-pay option taken")
                if new == "True"
                else _("the sick-pay option left out")
            )
            continue
        if old is None or new is None:
            continue
        old, new = Decimal(old), Decimal(new)
        values = {"old": money(old, currency), "new": money(new, currency), "name": name}
        if field == "starting_balance":
            parts.append(_("the starting balance from %(old)s to %(new)s") % values)
        elif field == "living_monthly":
            parts.append(_("the living costs from %(old)s to %(new)s a month") % values)
        elif field == "sick_days_per_year":
            values = {"old": number(old, 0), "new": number(new, 0)}
            parts.append(_("the sick days per year from %(old)s to %(new)s") % values)
        elif field == "drought_chance_pct":
            values = {"old": percent(old), "new": percent(new)}
            parts.append(_("the chance of a dry spell from %(old)s to %(new)s") % values)
        else:
            parts.append(_("the price of “%(name)s” from %(old)s to %(new)s") % values)
    if not parts:
        return ""
    joined = parts[0]
    if len(parts) > 1:
        joined = _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    if what == "what_if":
        return _("You saved what-if values in the scenario: %(changes)s.") % {"changes": joined}
    return _("You used an answer in the scenario: %(changes)s.") % {"changes": joined}


def _price(stream: IncomeStream) -> Decimal:
    """The price a factor scales: the amount of a fixed stream, else the rate."""
    return (stream.amount if stream.pricing == Pricing.FIXED else stream.rate) or Decimal(0)
