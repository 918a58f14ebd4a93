"""2 to 4 of the user's scenarios side by side: balance lines, KPIs, the settings that differ."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ecareer.charts import figures
from ecareer.charts.locale import ChartLocale
from ecareer.planning import decisions_web, narrative, narrative_compare, services
from ecareer.planning.models import Scenario
from ecareer.planning.narrative_compare import at_most, compare_future_rows
from ecareer.planning.views.common import HtmxHttpRequest, currency
from ecareer.ratelimits import ratelimited, setting_rate

COMPARE = "planning/compare.html"
COMPARE_MIN, COMPARE_MAX = 2, 4


class CompareError(ValueError):
    """The ids asked for can't be compared; the message says why in the user's words."""


def compare_chosen(request: HtmxHttpRequest) -> bool:
    """Whether scenarios are chosen (the comparison is computed); the empty chooser is free."""
    return bool("".join(request.GET.getlist("ids")).strip())


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


@login_required
@require_safe
@ratelimited("compare", setting_rate("COMPARE_RATE_LIMIT"), when=compare_chosen)
def compare(request: HtmxHttpRequest) -> HttpResponse:
    """2 to 4 of the user's scenarios side by side: balance lines, KPIs, differing settings."""
    choices = list(Scenario.objects.for_user(request.user).values_list("pk", "name"))
    chance = risk_form(request.GET)
    base = {"choices": choices, "chosen": [], "risk_form": chance}
    if not compare_chosen(request):
        return render(request, COMPARE, base)
    try:
        ids = compare_ids(request.GET)
        risk_pct = compare_risk(chance)
    except CompareError as error:
        return render(request, COMPARE, base | {"error": str(error)}, status=400)
    owned = services.scenarios_with_items(request.user)
    by_pk = {s.pk: s for s in owned.filter(pk__in=ids)}
    if len(by_pk) != len(ids):
        raise Http404("No such scenario")
    shown_in = currency(request)
    columns = []
    for pk in ids:
        scenario = by_pk[pk]
        data = services.plan_of(scenario, shown_in)
        try:
            projection = services.projection_of(data)
        except services.TooLarge:
            error = f"{scenario.name}: {services.TOO_LARGE}"
            context = base | {"error": error, "chosen": ids}
            return render(request, COMPARE, context, status=422)
        risk = services.risk_of(data, projection)
        futures = services.futures_of(data, projection)
        answers = decisions_web.closed_form_answers(data, risk_pct)
        columns.append(
            {
                "scenario": scenario,
                "data": data,
                "projection": projection,
                "risk": risk,
                "futures": futures,
                "answers": answers,
            }
        )
    locale = ChartLocale(translation.get_language() or "en", shown_in)
    named = [(c["scenario"].name, c["projection"]) for c in columns]
    context = {
        "columns": columns,
        "figure": figures.compare_figure(named, locale, narrative.chart_words()),
        "kpi_rows": narrative_compare.compare_kpi_rows(
            [(c["projection"], c["risk"]) for c in columns], shown_in
        ),
        "future_rows": compare_future_rows(
            [(c["data"], c["futures"], c["answers"]) for c in columns], risk_pct
        ),
        "price_rows": price_rows(columns, ids, risk_pct),
        "setting_rows": narrative_compare.setting_rows([c["data"] for c in columns]),
        "chosen": ids,
        "currency": shown_in,
    }
    return render(request, COMPARE, base | context)


def risk_form(query) -> decisions_web.TypedRiskForm:
    """The chance of running out to aim for (the panel's field; unbound, 5 %, when not given)."""
    if not query.get("risk_pct", "").strip():
        return decisions_web.TypedRiskForm(initial={"risk_pct": decisions_web.RISK_PCT_DEFAULT})
    return decisions_web.TypedRiskForm({"target": "risk", "risk_pct": query["risk_pct"]})


def compare_risk(form: decisions_web.TypedRiskForm) -> Decimal:
    """The chance p of `risk_form`, or CompareError naming the field."""
    if not form.is_bound:
        return decisions_web.RISK_PCT_DEFAULT
    if not form.is_valid():
        field = form.fields["risk_pct"]
        raise CompareError(f"{field.label}: {' '.join(form.errors.get('risk_pct', []))}")
    return form.risk()


def price_rows(columns: list[dict], ids: list[int], risk_pct: Decimal) -> list[dict]:
    """The required prices, one cell per scenario and target, each loaded on its own request
    (about a second each when not cached): the URL of each cell, None where there's no income."""
    rows = []
    targets = [
        (_("Lowest prices (never runs out if nothing goes wrong)"), {"target": "plan"}),
        (
            _("Lowest prices (runs out in at most %(share)s)") % {"share": at_most(risk_pct)},
            {"target": "risk", "risk_pct": str(risk_pct)},
        ),
    ]
    for label, question in targets:
        query = QueryDict(mutable=True)
        query.update(question)
        query["ids"] = ",".join(map(str, ids))
        cells = [
            f"{reverse('planning:required_price', args=[c['scenario'].pk])}?{query.urlencode()}"
            if c["data"].incomes
            else None
            for c in columns
        ]
        rows.append({"label": label, "cells": cells})
    return rows
