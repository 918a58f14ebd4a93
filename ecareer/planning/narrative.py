"""The dashboard's words: KPI cards, chart summaries, chart labels and the comparison's rows.

The scenario page, the shared report, the compare page and the landing page all take their
sentences from here, in the active language; the money in them is the projection's, formatted.
"""

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecareer.planning import tax_words
from ecareer.planning.models import CostItem, Frequency
from ecareer.planning.templatetags.ecareer_format import money, month, number, percent, share
from ecareer.projection import model as plan
from ecareer.projection.breakdown import CategoryCost, first_year_total
from ecareer.projection.engine import Projection
from ecareer.projection.money import to_cents
from ecareer.projection.risk import RiskResult


def chart_words() -> dict[str, str]:
    """The charts' words in the active language."""
    return {
        "cashflow_title": _("Monthly cash flow"),
        "cushion_title": _("Safety cushion over time"),
        "costs_title": _("Where the money goes in the first year"),
        "compare_title": _("Balance of each scenario"),
        "amount_axis": _("Amount ({currency})"),
        "balance_axis": _("Balance ({currency})"),
        "living_costs": _("Living costs"),
        "taxes": _("Taxes"),
        "net_cash_flow": _("Net cash flow"),
        "balance": _("Planned balance"),
        # "%%" and "% {}": a percent sign, which Babel's compiler checks as a format string.
        "band": _("Likely range (10–90 %% of simulations)") % {},
        "p10": _("10 %% of simulations below") % {},
        "p50": _("Middle of simulations"),
        "reserve_target": _("Reserve target"),
        "break_even": _("Set-up costs earned back"),
        "depletion": _("Money runs out"),
        "reserve_reached": _("Reserve reached"),
        "reserve_deadline": _("Reserve deadline"),
        "no_costs": _("No business costs in the first year"),
    }


def category_names() -> dict[plan.Category, str]:
    """The cost categories' names in the active language."""
    return {plan.Category(value): str(label) for value, label in CostItem.Category.choices}


def never() -> str:
    return _("never within the horizon")


def _card(key, title, value, sentence, tone="") -> dict:
    return {"key": key, "title": title, "value": value, "sentence": sentence, "tone": tone}


def kpi_cards(data: plan.Scenario, projection: Projection, risk: RiskResult) -> list[dict]:
    """The eight KPI cards: a title, the figure, one plain sentence, and a tone (good/bad/"")."""
    k, cur = projection.kpis, data.currency
    last_month = projection.months[-1]
    deadline = data.reserve.deadline or last_month
    title = _("Set-up costs earned back")
    if k.break_even_month:
        when = {"month": month(k.break_even_month)}
        text = _("By %(month)s the business has earned back everything it cost, after taxes.")
        cards = [_card("break_even", title, when["month"], text % when, "good")]
    else:
        text = _("Within the %(n)s months of the plan the business does not earn back its costs.")
        cards = [_card("break_even", title, never(), text % {"n": data.horizon_months}, "bad")]
    title = _("The business pays your living")
    if k.self_sufficient_month:
        when = {
            "month": month(k.self_sufficient_month),
            "lost": month(k.self_sufficient_lost_month),
        }
        text = _("From %(month)s one month's profit after taxes covers your living costs.")
        if k.self_sufficient_lost_month:
            text += " " + _("From %(lost)s on it no longer does.")
        cards.append(_card("self_sufficient", title, when["month"], text % when, "good"))
    else:
        text = _("In no month of the plan does the profit after taxes cover your living costs.")
        cards.append(_card("self_sufficient", title, never(), text, "bad"))
    title = _("Runway at start")
    if k.runway_months is None:
        text = _("Nothing goes out in the first month, so there is no runway to count.")
        cards.append(_card("runway", title, "—", text))
    else:
        n = number(k.runway_months, 1)
        value = ngettext("%(n)s month", "%(n)s months", 1 if k.runway_months == 1 else 2)
        text = _(
            "With no income at all, your starting balance of %(amount)s pays %(n)s months "
            "of outgoings."
        ) % {"amount": money(data.starting_balance, cur), "n": n}
        tone = "bad" if k.runway_months < 3 else ""
        cards.append(_card("runway", title, value % {"n": n}, text, tone))
    title = _("Reserve reached")
    if k.reserve_reached_month:
        late = k.reserve_reached_month > deadline
        text = _("Your balance first reaches the safety cushion you want in %(month)s.") % {
            "month": month(k.reserve_reached_month)
        }
        if late:
            text += " " + _("That is after your deadline, %(deadline)s.") % {
                "deadline": month(deadline)
            }
        value = month(k.reserve_reached_month)
        cards.append(_card("reserve", title, value, text, "bad" if late else "good"))
    else:
        text = _("Your balance does not reach the safety cushion you want within the plan.")
        cards.append(_card("reserve", title, never(), text, "bad"))
    low = k.min_balance < 0
    lowest = {"month": month(k.min_balance_month), "amount": money(k.min_balance, cur)}
    if low:
        text = _("In %(month)s you would be %(amount)s short: you need more money than you have.")
    else:
        text = _("Your savings are lowest in %(month)s, at %(amount)s.")
    title = _("Lowest balance")
    cards.append(_card("min_balance", title, lowest["amount"], text % lowest, "bad" if low else ""))
    text = _("What you have at the end of the plan, in %(month)s.") % {"month": month(last_month)}
    tone = "bad" if k.final_balance < 0 else ""
    title = _("Final balance")
    cards.append(_card("final_balance", title, money(k.final_balance, cur), text, tone))
    chances = {"paths": number(risk.paths, 0), "deadline": month(deadline)}
    text = _(
        "In %(share)s of %(paths)s simulated futures with sick days and dry spells of "
        "orders, your money runs out at some point."
    ) % {**chances, "share": share(risk.depletion_probability)}
    tone = "bad" if risk.depletion_probability >= 0.1 else "good"
    title = _("Chance of running out of money")
    cards.append(_card("depletion_chance", title, share(risk.depletion_probability), text, tone))
    text = _(
        "In %(share)s of %(paths)s simulated futures you reach the reserve by %(deadline)s."
    ) % {**chances, "share": share(risk.reserve_probability)}
    tone = "good" if risk.reserve_probability >= 0.9 else ""
    title = _("Chance of reaching the reserve")
    cards.append(_card("reserve_chance", title, share(risk.reserve_probability), text, tone))
    return cards


def summaries(
    data: plan.Scenario, projection: Projection, risk: RiskResult, costs: list[CategoryCost]
) -> dict:
    """One or two plain sentences beside each chart, saying what it shows."""
    k, cur = projection.kpis, data.currency
    positive = int(np.count_nonzero(projection.net_cash_flow > 0))
    if k.self_sufficient_month:
        cashflow = _("From %(month)s the business pays your living.") % {
            "month": month(k.self_sufficient_month)
        }
    else:
        cashflow = _(
            "In no month does the business pay all your living; your savings fill the gap."
        )
    cashflow += " " + ngettext(
        "%(n)s of %(h)s months ends with more money than it started with.",
        "%(n)s of %(h)s months end with more money than they started with.",
        positive,
    ) % {"n": positive, "h": data.horizon_months}

    low = {"amount": money(k.min_balance, cur), "month": month(k.min_balance_month)}
    if k.depletion_month:
        cushion = _("Your money runs out in %(depleted)s and is lowest, %(amount)s, in %(month)s.")
        cushion %= {**low, "depleted": month(k.depletion_month)}
    else:
        cushion = _("Your savings fall to %(amount)s in %(month)s.") % low
    if k.reserve_reached_month:
        cushion += " " + _("They reach the reserve you want in %(month)s.") % {
            "month": month(k.reserve_reached_month)
        }
    else:
        cushion += " " + _("They do not reach the reserve you want within the plan.")
    cushion += " " + _(
        "In 8 of 10 simulated futures the final balance lies between %(low)s and %(high)s."
    ) % {"low": money(to_cents(risk.p10[-1]), cur), "high": money(to_cents(risk.p90[-1]), cur)}

    if costs:
        where = _(
            "In the first year, %(category)s takes the largest share: %(share)s of %(total)s "
            "in business costs."
        ) % {
            "category": category_names()[costs[0].category],
            "share": share(costs[0].share),
            "total": money(first_year_total(costs), cur),
        }
    else:
        where = _("No business costs in the first year.")
    return {"cashflow": cashflow, "cushion": cushion, "costs": where}


def what_if_text(price_pct: int, sick_days: int | None) -> str:
    """A what-if preview in words, e.g. "prices and rates -10 %, 20 sick days a year."."""
    parts = []
    if price_pct:
        # A literal no-break space in the msgid: xgettext reads no \u escapes.
        parts.append(_("prices and rates %(pct)s %%") % {"pct": f"{price_pct:+d}"})
    if sick_days is not None:
        n = sick_days
        parts.append(ngettext("%(n)s sick day a year", "%(n)s sick days a year", n) % {"n": n})
    return ", ".join(parts) + "." if parts else ""


# --- the comparison of scenarios ------------------------------------------------------------


def _reserve(p: plan.Scenario) -> str:
    r = p.reserve
    if r.kind == plan.ReserveKind.MONTHS:
        target = _("%(n)s months of outgoings") % {"n": number(r.months or 0, 1)}
    else:
        target = money(r.amount or 0, p.currency)
    by = month(r.deadline) if r.deadline else _("end of plan")
    return _("%(target)s by %(deadline)s") % {"target": target, "deadline": by}


def setting_rows(plans: list[plan.Scenario]) -> list[dict]:
    """The settings and items that differ between the scenarios, formatted for a table."""
    cur = plans[0].currency
    settings = [
        (_("Start"), lambda p: month(p.start)),
        (_("Horizon (months)"), lambda p: str(p.horizon_months)),
        (_("Starting balance"), lambda p: money(p.starting_balance, cur)),
        (_("Living costs per month"), lambda p: money(p.living_monthly, cur)),
        (_("Yearly increase of living costs"), lambda p: percent(p.living_increase_pct)),
        *tax_words.compare_settings(),
        (_("Reserve"), _reserve),
        (_("Sick days per year"), lambda p: number(p.risks.sick_days_per_year, 0)),
        (_("Chance of a dry spell per month"), lambda p: percent(p.risks.drought_chance_pct)),
        (
            _("Average dry spell length (months)"),
            lambda p: number(p.risks.drought_length_months, 1),
        ),
        (_("Income lost in a dry spell"), lambda p: percent(p.risks.drought_income_drop_pct)),
        (_("Cost items"), lambda p: str(len(p.costs))),
        (_("Income streams"), lambda p: str(len(p.incomes))),
    ]
    rows = [{"label": label, "values": [show(p) for p in plans]} for label, show in settings]
    rows = [row for row in rows if len(set(row["values"])) > 1]
    rows += _item_rows(plans, "costs", _describe_cost, cur)
    rows += _item_rows(plans, "incomes", _describe_income, cur)
    return rows


def _describe_cost(item: plan.CostItem, cur: str) -> str:
    text = _describe(money(item.amount, cur), item)
    if item.share_pct != 100:
        text += ", " + _("%(share)s %% business") % {"share": number(item.share_pct, 0)}
    return text


def _describe_income(item: plan.IncomeStream, cur: str) -> str:
    if item.pricing == plan.Pricing.FIXED:
        price = money(item.amount or 0, cur)
    else:
        price = f"{number(item.quantity or 0, 0)} × {money(item.rate or 0, cur)}"
    return _describe(price, item)


def _describe(price: str, item) -> str:
    """E.g. "€45.00 monthly, from Jan 2027" (a plain string, so makemessages finds it)."""
    often = str(Frequency(item.frequency.value).label)
    return _("%(price)s %(often)s, from %(month)s") % {
        "price": price,
        "often": often,
        "month": month(item.start),
    }


def _item_rows(plans, field, describe, cur) -> list[dict]:
    names = list(dict.fromkeys(item.name for p in plans for item in getattr(p, field)))
    rows = []
    for name in names:
        values = []
        for p in plans:
            found = [describe(item, cur) for item in getattr(p, field) if item.name == name]
            values.append("; ".join(found) or "—")
        if len(set(values)) > 1:
            rows.append({"label": name, "values": values})
    return rows


def compare_kpi_rows(columns: list[tuple[Projection, RiskResult]], currency: str) -> list[dict]:
    """The KPIs of each scenario, one row per KPI."""

    def when(value):
        return month(value) if value else never()

    def runway(k):
        return "—" if k.runway_months is None else number(k.runway_months, 1)

    def lowest(k):
        amount = money(k.min_balance, currency)
        return _("%(amount)s in %(month)s") % {
            "amount": amount,
            "month": month(k.min_balance_month),
        }

    kpi_rows = [
        (_("Set-up costs earned back"), lambda k: when(k.break_even_month)),
        (_("The business pays your living"), lambda k: when(k.self_sufficient_month)),
        (_("Runway at start (months)"), runway),
        (_("Reserve reached"), lambda k: when(k.reserve_reached_month)),
        (_("Lowest balance"), lowest),
        (_("Final balance"), lambda k: money(k.final_balance, currency)),
        (_("Money runs out"), lambda k: when(k.depletion_month)),
    ]
    risk_rows = [
        (_("Chance of running out of money"), lambda r: share(r.depletion_probability)),
        (_("Chance of reaching the reserve"), lambda r: share(r.reserve_probability)),
    ]
    rows = [
        {"label": label, "values": [show(p.kpis) for p, _r in columns]} for label, show in kpi_rows
    ]
    rows += [
        {"label": label, "values": [show(r) for _p, r in columns]} for label, show in risk_rows
    ]
    return rows
