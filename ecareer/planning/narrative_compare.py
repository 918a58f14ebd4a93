"""The comparison's words: the settings and items that differ between scenarios, and their KPIs.

The compare page takes its rows from here, in the active language; the money in them is the
projection's, formatted (the KPI cards' words are in `narrative`).
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecareer.planning import tax_words
from ecareer.planning.models import Frequency
from ecareer.planning.narrative import never, reserve_when
from ecareer.planning.narrative_futures import chance_text
from ecareer.planning.narrative_illness import daily_benefit, sick_pay_words
from ecareer.planning.narrative_rows import row as _row
from ecareer.planning.narrative_rows import when as _when
from ecareer.planning.templatetags.ecareer_format import money, month, number, percent, share
from ecareer.projection import model as plan
from ecareer.projection.engine import Projection
from ecareer.projection.futures import Future
from ecareer.projection.risk import RiskResult


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
        (
            _("Chance a year of an illness longer than six weeks"),
            lambda p: percent(p.risks.long_illness_chance_pct),
        ),
        (_("Usual length of a long illness (months)"), lambda p: str(p.risks.long_illness_months)),
        (_("Private daily sickness benefit"), lambda p: daily_benefit(p, cur)),
        (_("Cost items"), lambda p: str(len(p.costs))),
        (_("Income streams"), lambda p: str(len(p.incomes))),
        (_("Loans"), lambda p: str(len(p.loans))),
    ]
    rows = [{"label": label, "values": [show(p) for p in plans]} for label, show in settings]
    rows = [row for row in rows if len(set(row["values"])) > 1]
    rows += _item_rows(plans, "costs", _describe_cost, cur)
    rows += _item_rows(plans, "incomes", _describe_income, cur)
    rows += _item_rows(plans, "loans", _describe_loan, cur)
    return rows


def _describe_loan(loan: plan.Loan, cur: str) -> str:
    """E.g. "€12,000.00 at 6 % from Jan 2027, annuity over 24 months after 3 months of interest
    only"."""
    words = {
        "amount": money(loan.amount, cur),
        "rate": percent(loan.interest_pct),
        "month": month(loan.start),
        "months": loan.repay_months,
    }
    if loan.kind == plan.LoanKind.LINEAR:
        text = _("%(amount)s at %(rate)s from %(month)s, linear over %(months)s months")
    else:
        text = _("%(amount)s at %(rate)s from %(month)s, annuity over %(months)s months")
    text %= words
    if loan.grace_months:
        grace = ngettext(
            "after %(months)s month of interest only",
            "after %(months)s months of interest only",
            loan.grace_months,
        )
        text += ", " + grace % {"months": loan.grace_months}
    return text


def _describe_cost(item: plan.CostItem, cur: str) -> str:
    if item.basis == plan.CostBasis.INCOME_SHARE:
        return share_of_income(item)
    text = _describe(money(item.amount, cur), item)
    if item.share_pct != 100:
        text += ", " + _("%(share)s %% business") % {"share": number(item.share_pct, 0)}
    if item.useful_life_years:
        years = item.useful_life_years
        text += ", " + ngettext(
            "written off over %(years)s year", "written off over %(years)s years", years
        ) % {"years": years}
    return text


def share_of_income(item: plan.CostItem) -> str:
    """A share-of-income cost in words, e.g. "40 % of Shop sales, from Jan 2027" (the amount
    is a percentage, never money)."""
    pct = percent(item.amount)
    if item.income:
        share_text = _("%(pct)s of %(name)s") % {"pct": pct, "name": item.income}
    else:
        share_text = _("%(pct)s of all income") % {"pct": pct}
    text = _("%(share)s, from %(month)s") % {"share": share_text, "month": month(item.start)}
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
    rows.insert(
        3, {"label": _("Reserve in place"), "values": [reserve_when(p) for p, _r in columns]}
    )
    rows += [
        {"label": label, "values": [show(r) for _p, r in columns]} for label, show in risk_rows
    ]
    return rows


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
        (_("Reserve in place, likely"), lambda d, f, a: _when(f["reserve"].likely)),
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
    rows += [_row(label, text) for label, text in tax_words.situation_rows(data, amounts)]
    rows += [
        _row(_("Sick days per year"), number(risks.sick_days_per_year, 0)),
        _row(_("Chance of a dry spell per month"), percent(risks.drought_chance_pct)),
        _row(_("Average dry spell length (months)"), number(risks.drought_length_months, 1)),
        _row(_("Income lost in a dry spell"), percent(risks.drought_income_drop_pct)),
        _row(
            _("Chance a year of an illness longer than six weeks"),
            percent(risks.long_illness_chance_pct),
        ),
    ]
    if risks.long_illness_chance_pct:
        rows.append(
            _row(_("Usual length of a long illness (months)"), str(risks.long_illness_months))
        )
        rows.append(_row(_("Sick pay while ill"), sick_pay_words(data, amounts)))
    rows.append(_row(_("Simulated futures"), number(risks.paths, 0)))
    return rows
