"""The dashboard's words: KPI cards, chart summaries, chart labels and the comparison's rows.

The scenario page, the shared report, the compare page and the landing page all take their
sentences from here, in the active language; the money in them is the projection's, formatted.
"""

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecareer.planning.models import CostItem
from ecareer.planning.templatetags.ecareer_format import money, month, month_long, number, share
from ecareer.projection import model as plan
from ecareer.projection.breakdown import CategoryCost, first_year_total, reserve_lost_month
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
        "reserve_reached": _("Reserve in place for good"),
        "reserve_deadline": _("Reserve deadline"),
        "no_costs": _("No business costs in the first year"),
    }


def column_words() -> dict[str, str]:
    """The cash-flow table's column headings in the active language."""
    return {
        "income": _("Income"),
        "business_costs": _("Business costs"),
        "taxes": _("Taxes"),
        "living_costs": _("Living costs"),
        "social_insurance": _("Health and care insurance"),
        "vat_due": _("VAT collected"),
        "vat_paid": _("VAT paid to the tax office"),
        "pension_insurance": _("of which pension insurance"),
        "grants": _("Start grant"),
        "loan_in": _("Loan paid out"),
        "loan_interest": _("Loan interest"),
        "loan_repayment": _("Loan repayment"),
        "net_cash_flow": _("Net cash flow"),
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
        when = {"month": month_long(k.break_even_month)}
        text = _("By %(month)s the business has earned back everything it cost, after taxes.")
        cards = [_card("break_even", title, month(k.break_even_month), text % when, "good")]
    else:
        text = _("Within the %(n)s months of the plan the business does not earn back its costs.")
        cards = [_card("break_even", title, never(), text % {"n": data.horizon_months}, "bad")]
    title = _("The business pays your living")
    if k.self_sufficient_month:
        when = {
            "month": month_long(k.self_sufficient_month),
            "lost": month_long(k.self_sufficient_lost_month),
        }
        text = _("From %(month)s one month's profit after taxes covers your living costs.")
        if k.self_sufficient_lost_month:
            text += " " + _("From %(lost)s on it no longer does.")
        value = month(k.self_sufficient_month)
        cards.append(_card("self_sufficient", title, value, text % when, "good"))
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
    cards.append(reserve_card(data, projection))
    low = k.min_balance < 0  # then "€50.00 short", never "-€50.00 short"
    lowest = {"month": month_long(k.min_balance_month), "amount": money(abs(k.min_balance), cur)}
    if low:
        text = _("In %(month)s you would be %(amount)s short: you need more money than you have.")
    else:
        text = _("Your savings are lowest in %(month)s, at %(amount)s.")
    title = _("Lowest balance")
    value = money(k.min_balance, cur)
    cards.append(_card("min_balance", title, value, text % lowest, "bad" if low else ""))
    text = _("What you have at the end of the plan, in %(month)s.") % {
        "month": month_long(last_month)
    }
    tone = "bad" if k.final_balance < 0 else ""
    title = _("Final balance")
    cards.append(_card("final_balance", title, money(k.final_balance, cur), text, tone))
    chances = {"paths": number(risk.paths, 0), "deadline": month_long(deadline)}
    if data.risks.long_illness_chance_pct:
        text = _(
            "In %(share)s of %(paths)s simulated futures with sick days, long illnesses and "
            "dry spells of orders, your money runs out at some point."
        )
    else:
        text = _(
            "In %(share)s of %(paths)s simulated futures with sick days and dry spells of "
            "orders, your money runs out at some point."
        )
    text %= {**chances, "share": share(risk.depletion_probability)}
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


def reserve_card(data: plan.Scenario, projection: Projection) -> dict:
    """The reserve card: when the cushion is in place for good (DESIGN.md reserve_held_month),
    and, when the balance touches it and falls below it again, when that happened.

    It is green only when the cushion is in place for good by the deadline: a target reached
    and then undone by a later bill is no success.
    """
    k = projection.kpis
    deadline = data.reserve.deadline or projection.months[-1]
    reached, held, lost = (
        k.reserve_reached_month,
        k.reserve_held_month,
        reserve_lost_month(projection),
    )
    title = _("Reserve in place")
    words = {"reached": month_long(reached), "lost": month_long(lost), "held": month_long(held)}
    if held is not None and lost is None:
        text = _(
            "Your balance reaches the safety cushion you want in %(held)s and stays above it "
            "to the end of the plan."
        )
    elif held is not None:
        text = _("Reached in %(reached)s, lost again in %(lost)s, in place for good from %(held)s.")
    elif reached is not None:
        text = _(
            "Reached in %(reached)s, lost again in %(lost)s: at the end of the plan your balance "
            "is below the safety cushion you want."
        )
        return _card("reserve", title, _("never held"), text % words, "bad")
    else:
        text = _("Your balance does not reach the safety cushion you want within the plan.")
        return _card("reserve", title, never(), text, "bad")
    text %= words
    late = held > deadline
    if late:
        text += " " + _("That is after your deadline, %(deadline)s.") % {
            "deadline": month_long(deadline)
        }
    return _card("reserve", title, month(held), text, "bad" if late else "good")


def reserve_when(projection: Projection) -> str:
    """The reserve in a table cell (compare, the scenario list): in place for good from when,
    and when it was first reached and lost again, if it was."""
    k = projection.kpis
    reached, held, lost = (
        k.reserve_reached_month,
        k.reserve_held_month,
        reserve_lost_month(projection),
    )
    words = {"reached": month(reached), "lost": month(lost), "held": month(held)}
    if reached is None:
        return never()
    if held is None:
        return _("never held (reached %(reached)s, lost again %(lost)s)") % words
    if lost is None:
        return month(held)
    return _("%(held)s (reached %(reached)s, lost again %(lost)s)") % words


def summaries(
    data: plan.Scenario, projection: Projection, risk: RiskResult, costs: list[CategoryCost]
) -> dict:
    """One or two plain sentences beside each chart, saying what it shows."""
    k, cur = projection.kpis, data.currency
    positive = int(np.count_nonzero(projection.net_cash_flow > 0))
    if k.self_sufficient_month:
        cashflow = _("From %(month)s the business pays your living.") % {
            "month": month_long(k.self_sufficient_month)
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

    low = {"amount": money(k.min_balance, cur), "month": month_long(k.min_balance_month)}
    if k.depletion_month:
        cushion = _("Your money runs out in %(depleted)s and is lowest, %(amount)s, in %(month)s.")
        cushion %= {**low, "depleted": month_long(k.depletion_month)}
    else:
        cushion = _("Your savings fall to %(amount)s in %(month)s.") % low
    lost = reserve_lost_month(projection)
    if k.reserve_held_month and lost is None:
        cushion += " " + _("They reach the reserve you want in %(month)s.") % {
            "month": month_long(k.reserve_held_month)
        }
    elif k.reserve_held_month:
        cushion += " " + _(
            "They reach the reserve you want in %(reached)s, fall below it in %(lost)s and "
            "keep it for good from %(held)s."
        ) % {
            "reached": month_long(k.reserve_reached_month),
            "lost": month_long(lost),
            "held": month_long(k.reserve_held_month),
        }
    elif k.reserve_reached_month:
        cushion += " " + _(
            "They reach the reserve you want in %(reached)s, but fall below it again in "
            "%(lost)s and end the plan below it."
        ) % {"reached": month_long(k.reserve_reached_month), "lost": month_long(lost)}
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
