"""The dashboard of a scenario: KPI cards and charts (live fragment), what-if preview, CSV, compare.

Views load the user's scenario through `services`, take the projection and simulation from its
cache and hand them to the chart builders; no money is computed here. A what-if preview changes
the planning-model input (`dataclasses.replace`) and never the database until "Save".
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from ecareer.charts import figures
from ecareer.charts.locale import ChartLocale
from ecareer.planning import editor, services
from ecareer.planning.models import CostItem, Frequency, IncomeStream, Scenario
from ecareer.planning.templatetags.ecareer_format import money, month, number, percent, share
from ecareer.projection import limits
from ecareer.projection import model as plan
from ecareer.projection.breakdown import first_year_costs
from ecareer.projection.cli import write_csv
from ecareer.projection.engine import Projection
from ecareer.projection.money import to_cents
from ecareer.projection.risk import RiskResult

TEMPLATE = "planning/dashboard.html"
COMPARE = "planning/compare.html"
COMPARE_MIN, COMPARE_MAX = 2, 4
# Bump when the KPI cards or charts change shape, so cached HTML is not reused after a release.
BODY_VERSION = "1"
PRICE_PCT = (-50, 50)
SICK_DAYS_MAX = 60  # the slider's end; a scenario that plans more keeps its own value as the end


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


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The values of a what-if preview; `None` keeps the scenario's own value."""

    price_pct: int = 0
    sick_days: int | None = None

    @property
    def active(self) -> bool:
        return self.price_pct != 0 or self.sick_days is not None

    def describe(self) -> str:
        """The preview in words, e.g. "prices and rates -10 %, 20 sick days a year."."""
        parts = []
        if self.price_pct:
            # A literal no-break space in the msgid: xgettext reads no \u escapes.
            pct = {"pct": f"{self.price_pct:+d}"}
            parts.append(_("prices and rates %(pct)s %%") % pct)
        if self.sick_days is not None:
            n = self.sick_days
            parts.append(ngettext("%(n)s sick day a year", "%(n)s sick days a year", n) % {"n": n})
        return ", ".join(parts) + "." if parts else ""


def read_what_if(query, data: plan.Scenario) -> tuple[WhatIf, WhatIfForm]:
    """The what-if values of a request; invalid or unchanged values mean "as saved"."""
    form = WhatIfForm(query or None)
    if not form.is_bound or not form.is_valid():
        return WhatIf(), form
    price_pct = form.cleaned_data.get("price_pct") or 0
    sick_days = form.cleaned_data.get("sick_days")
    if sick_days is not None and Decimal(sick_days) == data.risks.sick_days_per_year:
        sick_days = None
    return WhatIf(price_pct=price_pct, sick_days=sick_days), form


def scaled(value: Decimal | None, price_pct: int) -> Decimal | None:
    """A price or rate changed by `price_pct` percent, in cents as the editor would store it."""
    if value is None or price_pct == 0:
        return value
    changed = value * (100 + price_pct) / 100
    return min(changed, limits.MONEY.hi).quantize(limits.CENT, rounding=ROUND_HALF_UP)


def scaled_income(stream: plan.IncomeStream, price_pct: int) -> plan.IncomeStream:
    """An income stream at changed prices: the fixed amount, or the rate per hour or unit."""
    if stream.pricing == plan.Pricing.FIXED:
        return dataclasses.replace(stream, amount=scaled(stream.amount, price_pct))
    return dataclasses.replace(stream, rate=scaled(stream.rate, price_pct))


def apply_what_if(data: plan.Scenario, what_if: WhatIf) -> plan.Scenario:
    """The planning-model input with the what-if values in place of the saved ones."""
    if what_if.price_pct:
        incomes = tuple(scaled_income(s, what_if.price_pct) for s in data.incomes)
        data = dataclasses.replace(data, incomes=incomes)
    if what_if.sick_days is not None:
        risks = dataclasses.replace(data.risks, sick_days_per_year=Decimal(what_if.sick_days))
        data = dataclasses.replace(data, risks=risks)
    return data


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
    return {plan.Category(value): str(label) for value, label in CostItem.Category.choices}


def dashboard_figures(data: plan.Scenario, projection: Projection, risk: RiskResult) -> dict:
    """The three figures of a scenario in the active language."""
    locale = ChartLocale(translation.get_language() or "en", data.currency)
    words, names = chart_words(), category_names()
    return {
        "cashflow": figures.cashflow_figure(projection, locale, words, names),
        "cushion": figures.cushion_figure(projection, risk, locale, words),
        "costs": figures.costs_figure(projection, locale, words, names),
    }


def _never() -> str:
    return _("never within the horizon")


def kpi_cards(data: plan.Scenario, projection: Projection, risk: RiskResult) -> list[dict]:
    """The eight KPI cards: a title, the figure, one plain sentence, and a tone (good/bad/"")."""
    k = projection.kpis
    cur = data.currency
    horizon = data.horizon_months
    last_month = projection.months[-1]
    deadline = data.reserve.deadline or last_month
    cards = []

    def card(key, title, value, sentence, tone=""):
        cards.append(
            {"key": key, "title": title, "value": value, "sentence": sentence, "tone": tone}
        )

    if k.break_even_month:
        card(
            "break_even",
            _("Set-up costs earned back"),
            month(k.break_even_month),
            _("By %(month)s the business has earned back everything it cost, after taxes.")
            % {"month": month(k.break_even_month)},
            "good",
        )
    else:
        card(
            "break_even",
            _("Set-up costs earned back"),
            _never(),
            _("Within the %(n)s months of the plan the business does not earn back its costs.")
            % {"n": horizon},
            "bad",
        )
    if k.self_sufficient_month:
        card(
            "self_sufficient",
            _("The business pays your living"),
            month(k.self_sufficient_month),
            _("From %(month)s one month's profit after taxes covers your living costs.")
            % {"month": month(k.self_sufficient_month)},
            "good",
        )
    else:
        card(
            "self_sufficient",
            _("The business pays your living"),
            _never(),
            _("In no month of the plan does the profit after taxes cover your living costs."),
            "bad",
        )
    if k.runway_months is None:
        card(
            "runway",
            _("Runway at start"),
            "—",
            _("Nothing goes out in the first month, so there is no runway to count."),
        )
    else:
        card(
            "runway",
            _("Runway at start"),
            ngettext("%(n)s month", "%(n)s months", 1 if k.runway_months == 1 else 2)
            % {"n": number(k.runway_months, 1)},
            _(
                "With no income at all, your starting balance of %(amount)s pays %(n)s months "
                "of outgoings."
            )
            % {"amount": money(data.starting_balance, cur), "n": number(k.runway_months, 1)},
            "bad" if k.runway_months < 3 else "",
        )
    if k.reserve_reached_month:
        late = k.reserve_reached_month > deadline
        sentence = _("Your balance first reaches the safety cushion you want in %(month)s.") % {
            "month": month(k.reserve_reached_month)
        }
        if late:
            sentence += " " + _("That is after your deadline, %(deadline)s.") % {
                "deadline": month(deadline)
            }
        card(
            "reserve",
            _("Reserve reached"),
            month(k.reserve_reached_month),
            sentence,
            "bad" if late else "good",
        )
    else:
        card(
            "reserve",
            _("Reserve reached"),
            _never(),
            _("Your balance does not reach the safety cushion you want within the plan."),
            "bad",
        )
    low = k.min_balance < 0
    card(
        "min_balance",
        _("Lowest balance"),
        money(k.min_balance, cur),
        (
            _("In %(month)s you would be %(amount)s short: you need more money than you have.")
            if low
            else _("Your savings are lowest in %(month)s, at %(amount)s.")
        )
        % {"month": month(k.min_balance_month), "amount": money(k.min_balance, cur)},
        "bad" if low else "",
    )
    card(
        "final_balance",
        _("Final balance"),
        money(k.final_balance, cur),
        _("What you have at the end of the plan, in %(month)s.") % {"month": month(last_month)},
        "bad" if k.final_balance < 0 else "",
    )
    card(
        "depletion_chance",
        _("Chance of running out of money"),
        share(risk.depletion_probability),
        _(
            "In %(share)s of %(paths)s simulated futures with sick days and dry spells of "
            "orders, your money runs out at some point."
        )
        % {"share": share(risk.depletion_probability), "paths": number(risk.paths, 0)},
        "bad" if risk.depletion_probability >= 0.1 else "good",
    )
    card(
        "reserve_chance",
        _("Chance of reaching the reserve"),
        share(risk.reserve_probability),
        _("In %(share)s of %(paths)s simulated futures you reach the reserve by %(deadline)s.")
        % {
            "share": share(risk.reserve_probability),
            "paths": number(risk.paths, 0),
            "deadline": month(deadline),
        },
        "good" if risk.reserve_probability >= 0.9 else "",
    )
    return cards


def summaries(data: plan.Scenario, projection: Projection, risk: RiskResult, costs) -> dict:
    """One or two plain sentences beside each chart, saying what it shows."""
    k = projection.kpis
    cur = data.currency
    positive = int((projection.net_cash_flow > 0).sum())
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
        total = sum(c.amount for c in costs)
        top = costs[0]
        where = _(
            "In the first year, %(category)s takes the largest share: %(share)s of %(total)s "
            "in business costs."
        ) % {
            "category": category_names()[top.category],
            "share": share(top.share),
            "total": money(round(total, 2), cur),
        }
    else:
        where = _("No business costs in the first year.")
    return {"cashflow": cashflow, "cushion": cushion, "costs": where}


CASH_COLUMNS = ("income", "business_costs", "taxes", "living_costs", "net_cash_flow")
CUSHION_COLUMNS = ("balance", "reserve_target", "p10", "p50", "p90")


def _cells(values) -> str:
    return mark_safe("".join(f"<td>{escape(value)}</td>" for value in values))  # noqa: S308


@functools.lru_cache(maxsize=4096)
def _month_label(value: plan.YearMonth, language: str) -> str:
    return month(value)


def monthly_table(data: plan.Scenario, projection: Projection, risk: RiskResult) -> list[dict]:
    """The rows of the two monthly tables, amounts in cents as in the CSV, formatted as cells.

    A long plan has thousands of amounts; they are formatted by one checked pattern and joined
    here rather than by a filter per cell, which keeps an uncached page within its time.
    """
    language = translation.get_language() or "en"
    fmt = ChartLocale(language, data.currency).money_formatter()
    risk_rows = risk.as_dict()
    rows = []
    for i, row in enumerate(projection.rows()):
        row["p10"], row["p50"], row["p90"] = (risk_rows[p][i] for p in ("p10", "p50", "p90"))
        rows.append(
            {
                "label": _month_label(projection.months[i], language),
                "cash": _cells(fmt(row[key]) for key in CASH_COLUMNS),
                "cushion": _cells(fmt(row[key]) for key in CUSHION_COLUMNS),
            }
        )
    return rows


def body_context(data: plan.Scenario, projection: Projection, risk: RiskResult) -> dict:
    """What the KPI cards, charts, summaries and tables show."""
    costs = first_year_costs(projection)
    names = category_names()
    return {
        "currency": data.currency,
        "cards": kpi_cards(data, projection, risk),
        "figures": dashboard_figures(data, projection, risk),
        "summaries": summaries(data, projection, risk, costs),
        "rows": monthly_table(data, projection, risk),
        "costs": [{"name": names[c.category], "amount": c.amount, "share": c.share} for c in costs],
    }


def dashboard_body(data: plan.Scenario) -> str:
    """The KPI cards and charts as HTML, cached by the scenario's content and the language.

    They hold nothing of the request (no URL, no token), so a cached copy serves every view of
    an unchanged scenario without touching the projection, the figures or the formatting.
    """
    language = translation.get_language() or "en"
    key = services.content_key(data, f"dashboard-body:{BODY_VERSION}:{language}")
    html = cache.get(key)
    if html is None:
        try:
            projection = services.projection_of(data)
        except services.TooLarge:  # a what-if preview can push a plan past any number
            return format_html('<p class="message message-error">{}</p>', services.TOO_LARGE)
        risk = services.risk_of(data, projection)
        html = render_to_string(f"{TEMPLATE}#body", body_context(data, projection, risk))
        cache.set(key, html, services.CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own template, escaped there)


def dashboard_context(request: HttpRequest, scenario: Scenario) -> dict:
    """The dashboard section: the what-if controls, the preview banner and the cached body."""
    saved = services.plan_of(scenario, request.user.profile.currency)
    what_if, form = read_what_if(request.GET, saved)
    data = apply_what_if(saved, what_if)
    sick_saved = int(saved.risks.sick_days_per_year)
    return {
        "scenario": scenario,
        "what_if": what_if,
        "what_if_form": form,
        "what_if_text": what_if.describe(),
        "price_pct": what_if.price_pct,
        "sick_days": what_if.sick_days if what_if.sick_days is not None else sick_saved,
        "sick_days_max": max(SICK_DAYS_MAX, sick_saved),
        "has_rates": bool(saved.incomes),
        "body": dashboard_body(data),
    }


def _owned_with_items(request: HttpRequest, pk: int) -> Scenario:
    """The signed-in user's scenario with its items, or 404 for anyone else's."""
    return get_object_or_404(services.scenarios_with_items(request.user), pk=pk)


@login_required
@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """KPIs and charts: the htmx fragment (whole section, or only the results for a what-if)."""
    scenario = _owned_with_items(request, pk)
    context = dashboard_context(request, scenario)
    if request.htmx:
        part = "results" if request.htmx.target == "dashboard-results" else "dashboard"
        return render(request, f"{TEMPLATE}#{part}", context)
    return render(request, TEMPLATE, context)


def render_dashboard(request: HttpRequest, scenario: Scenario) -> str:
    """The dashboard section as HTML, for the scenario page to include."""
    return render_to_string(f"{TEMPLATE}#dashboard", dashboard_context(request, scenario), request)


@login_required
@require_POST
def what_if_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the previewed prices and sick days the scenario's own, then refresh the dashboard."""
    scenario = _owned_with_items(request, pk)
    what_if, form = read_what_if(request.POST, services.plan_of(scenario))
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("These what-if values can't be saved."), status=400)
    try:
        with services.kept_if_projectable(scenario):
            _save_what_if(scenario, what_if)
    except services.TooLarge:
        if request.htmx:  # nothing saved; the page's status area says why
            return editor.message(request, services.TOO_LARGE, "error")
        messages.error(request, services.TOO_LARGE)
        return redirect(scenario)
    if request.htmx:
        return editor.what_if_saved(request, scenario)
    messages.success(request, _("The what-if values are saved in the scenario."))
    return redirect(scenario)


def _save_what_if(scenario: Scenario, what_if: WhatIf) -> None:
    """Scale the income streams' prices and set the sick days as previewed."""
    if what_if.price_pct:
        for stream in IncomeStream.objects.filter(scenario=scenario):
            if stream.pricing == IncomeStream.Pricing.FIXED:
                stream.amount = scaled(stream.amount, what_if.price_pct)
            else:
                stream.rate = scaled(stream.rate, what_if.price_pct)
            stream.save(update_fields=["amount", "rate", "updated_at"])
    if what_if.sick_days is not None:
        scenario.sick_days_per_year = Decimal(what_if.sick_days)
    scenario.save(update_fields=["sick_days_per_year", "updated_at"])


@login_required
@require_safe
def projection_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The monthly table of DESIGN.md as CSV: the same bytes as `project_scenario` writes."""
    scenario = _owned_with_items(request, pk)
    try:
        projection = services.projection_of(
            services.plan_of(scenario, request.user.profile.currency)
        )
    except services.TooLarge:
        return HttpResponse(services.TOO_LARGE, status=422, content_type="text/plain")
    buffer = StringIO()
    write_csv(projection, buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = (slugify(scenario.name) or "scenario") + "-projection.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CompareError(ValueError):
    """The ids asked for can't be compared; the message says why in the user's words."""


def compare_ids(query) -> list[int]:
    """The distinct scenario ids of `?ids=1,2` (or `?ids=1&ids=2`), 2 to 4 of them."""
    raw = ",".join(query.getlist("ids"))
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if any(not (part.isascii() and part.isdigit()) or len(part) > 18 for part in parts):
        raise CompareError(_("Scenarios are chosen by their numbers, e.g. ?ids=3,5."))
    ids = list(dict.fromkeys(int(part) for part in parts))
    if not COMPARE_MIN <= len(ids) <= COMPARE_MAX:
        raise CompareError(
            _("Choose 2 to 4 different scenarios to compare; you chose %(n)s.") % {"n": len(ids)}
        )
    return ids


def setting_rows(plans: list[plan.Scenario]) -> list[dict]:
    """The settings and items that differ between the scenarios, formatted for a table."""
    cur = plans[0].currency

    def reserve(p):
        r = p.reserve
        target = (
            _("%(n)s months of outgoings") % {"n": number(r.months or 0, 1)}
            if r.kind == plan.ReserveKind.MONTHS
            else money(r.amount or 0, cur)
        )
        by = month(r.deadline) if r.deadline else _("end of plan")
        return _("%(target)s by %(deadline)s") % {"target": target, "deadline": by}

    settings = [
        (_("Start"), lambda p: month(p.start)),
        (_("Horizon (months)"), lambda p: str(p.horizon_months)),
        (_("Starting balance"), lambda p: money(p.starting_balance, cur)),
        (_("Living costs per month"), lambda p: money(p.living_monthly, cur)),
        (_("Yearly increase of living costs"), lambda p: percent(p.living_increase_pct)),
        (_("Tax rate"), lambda p: percent(p.tax_rate_pct)),
        (_("Reserve"), reserve),
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
    rows = []
    for label, show in settings:
        values = [show(p) for p in plans]
        if len(set(values)) > 1:
            rows.append({"label": label, "values": values})
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
    return _("%(price)s %(often)s, from %(month)s") % {
        "price": price,
        "often": _often(item),
        "month": month(item.start),
    }


def _often(item) -> str:
    return str(Frequency(item.frequency.value).label)


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


@login_required
@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    """2 to 4 of the user's scenarios side by side: balance lines, KPIs, differing settings."""
    owned = services.scenarios_with_items(request.user)
    choices = list(Scenario.objects.for_user(request.user).values_list("pk", "name"))
    if not "".join(request.GET.getlist("ids")).strip():
        return render(request, COMPARE, {"choices": choices, "chosen": []})
    try:
        ids = compare_ids(request.GET)
    except CompareError as error:
        context = {"error": str(error), "choices": choices, "chosen": []}
        return render(request, COMPARE, context, status=400)
    by_pk = {s.pk: s for s in owned.filter(pk__in=ids)}
    if len(by_pk) != len(ids):
        raise Http404("No such scenario")
    currency = request.user.profile.currency
    columns = []
    for pk in ids:
        scenario = by_pk[pk]
        data = services.plan_of(scenario, currency)
        try:
            projection = services.projection_of(data)
        except services.TooLarge:
            error = f"{scenario.name}: {services.TOO_LARGE}"
            context = {"error": error, "choices": choices, "chosen": ids}
            return render(request, COMPARE, context, status=422)
        risk = services.risk_of(data, projection)
        columns.append({"scenario": scenario, "data": data, "projection": projection, "risk": risk})
    locale = ChartLocale(translation.get_language() or "en", currency)
    figure = figures.compare_figure(
        [(c["scenario"].name, c["projection"]) for c in columns], locale, chart_words()
    )
    context = {
        "columns": columns,
        "figure": figure,
        "kpi_rows": compare_kpi_rows(columns, currency),
        "setting_rows": setting_rows([c["data"] for c in columns]),
        "choices": choices,
        "chosen": ids,
        "currency": currency,
    }
    return render(request, COMPARE, context)


def compare_kpi_rows(columns: list[dict], currency: str) -> list[dict]:
    """The KPIs of each scenario, one row per KPI."""

    def when(value):
        return month(value) if value else _never()

    rows = [
        (_("Set-up costs earned back"), lambda c: when(c["projection"].kpis.break_even_month)),
        (
            _("The business pays your living"),
            lambda c: when(c["projection"].kpis.self_sufficient_month),
        ),
        (
            _("Runway at start (months)"),
            lambda c: (
                "—"
                if c["projection"].kpis.runway_months is None
                else number(c["projection"].kpis.runway_months, 1)
            ),
        ),
        (_("Reserve reached"), lambda c: when(c["projection"].kpis.reserve_reached_month)),
        (
            _("Lowest balance"),
            lambda c: (
                _("%(amount)s in %(month)s")
                % {
                    "amount": money(c["projection"].kpis.min_balance, currency),
                    "month": month(c["projection"].kpis.min_balance_month),
                }
            ),
        ),
        (_("Final balance"), lambda c: money(c["projection"].kpis.final_balance, currency)),
        (_("Money runs out"), lambda c: when(c["projection"].kpis.depletion_month)),
        (
            _("Chance of running out of money"),
            lambda c: share(c["risk"].depletion_probability),
        ),
        (
            _("Chance of reaching the reserve"),
            lambda c: share(c["risk"].reserve_probability),
        ),
    ]
    return [{"label": label, "values": [show(c) for c in columns]} for label, show in rows]
