"""The headline in three futures: the KPI cards' "if nothing goes wrong", "likely" and "bad case".

`narrative.kpi_cards` says what the plan shows; this module puts the simulation's likely and bad
futures beside it and takes back any success the likely or bad case undoes. The words are here
(the rest of the dashboard's words are in `narrative`), the figures are the model's.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecareer.planning.narrative_rows import bad_label, likely_label, milestone_futures, plan_label
from ecareer.planning.narrative_rows import row as _row
from ecareer.planning.narrative_rows import when as _when
from ecareer.planning.templatetags.ecareer_format import (
    figure,
    money,
    month,
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
                ) % {"month": month(depletion.bad)}
    milestone_futures(by_key, futures)
    chance = reserve.chance
    by_key["reserve_chance"]["value"] = chance_text(chance)
    out = [_money_runs_out(depletion)]
    if is_empty(data):  # nothing to earn back: no success card, a word on what is missing
        out[0]["tone"] = ""
        out.append(_nothing_planned())
        cards = [card for card in cards if card["tone"] != "good"]
    return out + [card for card in cards if card["key"] != "depletion_chance"]


def _money_runs_out(depletion: Future) -> dict:
    chance = depletion.chance
    plan_value = _when(depletion.plan)
    if depletion.plan:
        text = _("Even if nothing goes wrong, your money runs out in %(month)s.")
        text %= {"month": plan_value}
    elif depletion.bad:
        text = _("In 1 of 10 simulated futures your money has run out by %(month)s.")
        text %= {"month": month(depletion.bad)}
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


def _nothing_planned() -> dict:
    return {
        "key": "empty",
        "title": _("Nothing planned yet"),
        "value": "—",
        "sentence": _(
            "This plan has no costs and no income yet, so there is nothing to earn back and no "
            "business to pay your living. Add them to see what the plan means."
        ),
        "tone": "",
    }


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


# --- compare and the shared report ----------------------------------------------------------


def at_most(risk_pct: Decimal) -> str:
    """The row labels' chance of running out: "1 of 20 futures" for 5 %, else "2.5 % of futures"."""
    if risk_pct == 5:
        return _("1 of 20 futures")
    return _("%(pct)s %% of futures") % {"pct": number(risk_pct, 1 if risk_pct % 1 else 0)}


def compare_future_rows(
    columns: list[tuple[plan.Scenario, dict[str, Future], dict]], risk_pct: Decimal = Decimal(5)
) -> list[dict]:
    """Per scenario the likely and bad futures and the answers of "What you need" (<= p %).

    `columns` holds each scenario's plan, its futures and `{"starting_balance": Decision,
    "living_costs": Decision}` for the chance `risk_pct`.
    """
    share = {"share": at_most(risk_pct)}

    def amount(value, cur):
        return "—" if value is None else money(value, cur)

    def answer(decision, cur):
        return amount(decision.value, cur) if decision.met else _("not reachable")

    rows = [
        (_("Final balance, likely"), lambda d, f, a: amount(f["final_balance"].likely, d.currency)),
        (
            _("Final balance, bad case (1 in 10)"),
            lambda d, f, a: amount(f["final_balance"].bad, d.currency),
        ),
        (_("Lowest balance, likely"), lambda d, f, a: amount(f["min_balance"].likely, d.currency)),
        (
            _("Lowest balance, bad case (1 in 10)"),
            lambda d, f, a: amount(f["min_balance"].bad, d.currency),
        ),
        (_("Money runs out, chance"), lambda d, f, a: chance_text(f["depletion"].chance)),
        (_("Money runs out in 1 of 10 futures by"), lambda d, f, a: _when(f["depletion"].bad)),
        (_("Reserve reached, likely"), lambda d, f, a: _when(f["reserve"].likely)),
        *_milestone_rows(),
        (
            _("Starting balance needed (runs out in at most %(share)s)") % share,
            lambda d, f, a: answer(a["starting_balance"], d.currency),
        ),
        (
            _("Living costs affordable (runs out in at most %(share)s)") % share,
            lambda d, f, a: answer(a["living_costs"], d.currency),
        ),
    ]
    return [
        {"label": label, "values": [show(d, f, a) for d, f, a in columns]} for label, show in rows
    ]


def _milestone_rows() -> list[tuple]:
    """The milestone cards' likely and bad-case months, or "never within the horizon"."""

    def month_of(key: str, which: str):
        return lambda d, f, a: _when(getattr(f[key], which))

    return [
        (_("Set-up costs earned back, likely"), month_of("break_even", "likely")),
        (_("Set-up costs earned back, bad case (1 in 10)"), month_of("break_even", "bad")),
        (_("The business pays your living, likely"), month_of("self_sufficient", "likely")),
        (
            _("The business pays your living, bad case (1 in 10)"),
            month_of("self_sufficient", "bad"),
        ),
    ]


def assumptions(data: plan.Scenario, amounts: bool = True) -> list[dict]:
    """What an adviser needs to judge the futures: living costs, taxes, risks, futures simulated."""
    risks = data.risks
    rows = []
    if amounts:
        rows.append(_row(_("Living costs per month"), money(data.living_monthly, data.currency)))
    rows.append(_row(_("Yearly increase of living costs"), percent(data.living_increase_pct)))
    if data.tax.regime == plan.TaxRegime.FLAT:
        rows.append(
            _row(
                _("Tax"),
                _("%(rate)s of the profit, year to date") % {"rate": percent(data.tax_rate_pct)},
            )
        )
    else:
        rows.append(_row(_("Tax"), _("German income tax and contributions (regime de)")))
    rows += [
        _row(_("Sick days per year"), number(risks.sick_days_per_year, 0)),
        _row(_("Chance of a dry spell per month"), percent(risks.drought_chance_pct)),
        _row(_("Average dry spell length (months)"), number(risks.drought_length_months, 1)),
        _row(_("Income lost in a dry spell"), percent(risks.drought_income_drop_pct)),
        _row(_("Simulated futures"), number(risks.paths, 0)),
    ]
    return rows


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
