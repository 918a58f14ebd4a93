"""The headline in three futures: the KPI cards' "if nothing goes wrong", "likely" and "bad case".

`narrative.kpi_cards` says what the plan shows; this module puts the simulation's likely and bad
futures beside it and takes back any success the likely or bad case undoes. The words are here
(the rest of the dashboard's words are in `narrative`), the figures are the model's.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecareer.planning.narrative_rows import bad_label, likely_label, milestone_futures, plan_label
from ecareer.planning.narrative_rows import row as _row
from ecareer.planning.narrative_rows import when as _when
from ecareer.planning.templatetags.ecareer_format import (
    figure,
    money,
    month,
    month_long,
    number,
    percent,
    share,
)
from ecareer.projection import model as plan
from ecareer.projection.engine import Projection
from ecareer.projection.futures import Chance, Future
from ecareer.projection.money import to_cents
from ecareer.projection.risk import RiskResult

# The cards that speak of a success; they lose their green when the plan or bad case undoes it.
_SUCCESS = ("break_even", "self_sufficient", "reserve")


def chance_text(chance: Chance) -> str:
    """A simulated chance with its 95 % interval, e.g. "7 % (5–9 %)"."""
    return _("%(share)s (%(low)s–%(high)s)") % {
        "share": share(chance.share),
        "low": _points(chance.low),
        "high": _points(chance.high) + "\u00a0%",
    }


def _points(chance: float) -> str:
    """A share in percent points: one decimal below 1 % (a 0 % chance is up to 0.4 %), else none."""
    points = chance * 100
    return number(points, 1 if 0 < points < 1 else 0)


def futures_text(chance: Chance) -> str:
    """The number of simulated futures, e.g. "of 1,000 simulated futures"."""
    return ngettext("of %(n)s simulated future", "of %(n)s simulated futures", chance.n) % {
        "n": number(chance.n, 0)
    }


def is_empty(data: plan.Scenario) -> bool:
    """A plan with no costs and no income: nothing to earn back and no business to pay a living."""
    return not data.costs and not data.incomes


def reserve_target_text(data: plan.Scenario, projection: Projection) -> str:
    """The reserve target in money (at the deadline) and, for a target in months, in months."""
    last = len(projection.months) - 1
    deadline = data.reserve.deadline
    index = last if deadline is None else max(0, min(last, deadline - data.start))
    amount = money(to_cents(projection.reserve_target[index]), data.currency)
    if data.reserve.kind == plan.ReserveKind.MONTHS:
        months = data.reserve.months or 0
        return ngettext(
            "The reserve target is %(amount)s, %(n)s month of outgoings.",
            "The reserve target is %(amount)s, %(n)s months of outgoings.",
            1 if months == 1 else 2,
        ) % {"amount": amount, "n": figure(months)}
    return _("The reserve target is %(amount)s.") % {"amount": amount}


def with_futures(
    cards: list[dict],
    data: plan.Scenario,
    projection: Projection,
    risk: RiskResult,
    futures: dict[str, Future],
    amounts: bool = True,
) -> list[dict]:
    """The plan's cards with the likely and bad futures beside them, and "Money runs out".

    With `amounts` False (a shared report that hides them) no sentence gains an amount.
    """
    by_key = {card["key"]: card for card in cards}
    cur = data.currency
    depletion = futures["depletion"]
    for key in ("final_balance", "min_balance"):
        future, card = futures[key], by_key[key]
        card["futures"] = [
            _row(plan_label(), card["value"]),
            _row(likely_label(), money(future.likely, cur) if future.likely is not None else "—"),
            _row(bad_label(), money(future.bad, cur)),
        ]
        if future.bad is not None and future.bad < 0 and card["tone"] != "bad":
            card["tone"] = ""
            card["sentence"] += " " + _("In 1 of 10 futures it falls below zero.")
    reserve = futures["reserve"]
    card = by_key["reserve"]
    card["futures"] = [
        _row(plan_label(), card["value"]),
        _row(likely_label(), _when(reserve.likely)),
        _row(_("Chance by the deadline"), chance_text(reserve.chance)),
    ]
    if amounts:
        card["sentence"] += " " + reserve_target_text(data, projection)
    if reserve.plan and not reserve.likely:
        card["tone"] = "bad"
        card["sentence"] += " " + _("In the likely future you do not reach it within the plan.")
    if futures["self_sufficient_lost"].plan:  # the sentence says until when; no green for it
        by_key["self_sufficient"]["tone"] = ""
    if depletion.bad:
        for key in _SUCCESS:
            if by_key[key]["tone"] == "good":
                by_key[key]["tone"] = ""
                by_key[key]["sentence"] += " " + _(
                    "But in 1 of 10 futures your money runs out by %(month)s."
                ) % {"month": month_long(depletion.bad)}
    milestone_futures(by_key, futures)
    chance = reserve.chance
    by_key["reserve_chance"]["value"] = chance_text(chance)
    out = [_money_runs_out(depletion)]
    if data.risks.long_illness_chance_pct:  # say that the futures hold long illnesses too
        out[0]["sentence"] += " " + long_illness_text(data)
    if is_empty(data):  # nothing to earn back: no success card, no red, a word on what is missing
        out.append(_nothing_planned(data, projection))
        cards = [card for card in cards if card["tone"] != "good"]
        for card in (*out, *cards):
            card["tone"] = ""
    return out + [card for card in cards if card["key"] != "depletion_chance"]


def long_illness_text(data: plan.Scenario) -> str:
    """What the simulated futures assume of long illness, in one short line the headline card
    has room for, e.g. "Long illness included: 8 % a year, 3 months as a rule."."""
    risks = data.risks
    return ngettext(
        "Long illness included: %(pct)s a year, %(n)s month as a rule.",
        "Long illness included: %(pct)s a year, %(n)s months as a rule.",
        risks.long_illness_months,
    ) % {"pct": percent(risks.long_illness_chance_pct), "n": risks.long_illness_months}


def _money_runs_out(depletion: Future) -> dict:
    chance = depletion.chance
    plan_value = _when(depletion.plan)
    if depletion.plan:
        text = _("Even if nothing goes wrong, your money runs out in %(month)s.")
        text %= {"month": month_long(depletion.plan)}
    elif depletion.bad:
        text = _("In 1 of 10 simulated futures your money has run out by %(month)s.")
        text %= {"month": month_long(depletion.bad)}
    else:
        text = _("In fewer than 1 of 10 simulated futures does your money run out.")
    tone = "bad" if depletion.plan or depletion.bad else ("good" if chance.share < 0.05 else "")
    return {
        "key": "depletion",
        "title": _("Money runs out"),
        "value": plan_value,
        "sentence": text,
        "tone": tone,
        "futures": [
            _row(plan_label(), plan_value),
            _row(_("Chance"), f"{chance_text(chance)} {futures_text(chance)}"),
            _row(bad_label(), _when(depletion.bad)),
        ],
    }


def _nothing_planned(data: plan.Scenario, projection: Projection) -> dict:
    """The empty plan's card: what is missing, and why its money still runs out (the living
    costs and, in Germany, the statutory health insurance on its minimum income)."""
    text = _(
        "This plan has no costs and no income yet, so there is nothing to earn back and no "
        "business to pay your living. Add them to see what the plan means."
    )
    depleted = projection.kpis.depletion_month
    if depleted is not None:
        values = {
            "month": month(depleted),
            "living": money(data.living_monthly, data.currency),
            "health": money(to_cents(projection.social_insurance[0]), data.currency),
        }
        health = data.tax.regime == plan.TaxRegime.DE and projection.social_insurance[0] > 0
        if health and data.living_monthly:
            why = _(
                "Your money still runs out in %(month)s: your living costs of %(living)s a "
                "month and the statutory health and care insurance, %(health)s a month on the "
                "minimum income it counts for the self-employed, go out while nothing comes in."
            )
        elif health:
            why = _(
                "Your money still runs out in %(month)s: the statutory health and care "
                "insurance asks the self-employed for %(health)s a month on a minimum income, "
                "even while nothing comes in. Enter your savings and your income to see the "
                "real plan."
            )
        else:
            why = _(
                "Your money still runs out in %(month)s: your living costs of %(living)s a "
                "month go out while nothing comes in."
            )
        text += " " + why % values
    return {"key": "empty", "title": _("Nothing planned yet"), "value": "—", "sentence": text}


def depletion_cell(depletion: Future) -> dict:
    """The scenario list's "money runs out": the plan's month, else the chance and the bad case."""
    if depletion.plan:
        return {"text": month(depletion.plan), "bad": True}
    if not depletion.chance or not depletion.chance.k:
        return {"text": _("never"), "bad": False}
    text = _("never if nothing goes wrong; %(chance)s chance") % {
        "chance": chance_text(depletion.chance)
    }
    if depletion.bad:
        text += "; " + _("1 in 10 by %(month)s") % {"month": month(depletion.bad)}
    return {"text": text, "bad": bool(depletion.bad)}


def kpi_changes(before: list[dict], after: list[dict]) -> list[dict]:
    """What a what-if changes: every card figure and future whose words differ, before -> after."""
    old = {card["key"]: card for card in before}
    changes = []
    for card in after:
        was = old.get(card["key"])
        if was is None:
            continue
        if was["value"] != card["value"]:
            changes.append({"what": card["title"], "before": was["value"], "after": card["value"]})
        rows = {row["label"]: row["value"] for row in was.get("futures", ())}
        for row in card.get("futures", ()):
            if (
                row["label"] != plan_label()
                and rows.get(row["label"], row["value"]) != row["value"]
            ):
                what = _("%(kpi)s, %(future)s") % {"kpi": card["title"], "future": row["label"]}
                changes.append({"what": what, "before": rows[row["label"]], "after": row["value"]})
    return changes


def dry_spell_text(drought_chance: int) -> str:
    """The what-if's dry-spell part, e.g. "a dry spell starting in 30 % of months"."""
    return _("a dry spell starting in %(pct)s %% of months") % {"pct": drought_chance}
