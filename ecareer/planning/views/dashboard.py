"""The dashboard of a scenario: the KPI and chart fragment, saving a what-if, the CSV table.

A what-if preview changes the planning-model input and never the database until "Save".
"""

from decimal import Decimal
from io import StringIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import F
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from ecareer.planning import convert, fragments, services, tables, use_and_undo, versions
from ecareer.planning import dashboard as content
from ecareer.planning.dashboard import TEMPLATE, dashboard_context
from ecareer.planning.kinds import INCOMES
from ecareer.planning.models import IncomeStream, Scenario
from ecareer.planning.spreadsheet import spreadsheet_csv
from ecareer.planning.views.common import HtmxHttpRequest, changed, currency
from ecareer.planning.views.decisions import panel_part
from ecareer.planning.views.editor import PAGE
from ecareer.planning.what_if import WHAT_IF_GROUP, WhatIf, asks_what_if, read_what_if
from ecareer.projection.cli import write_csv
from ecareer.projection.whatif import scaled_income
from ecareer.ratelimits import ratelimited, setting_rate


@login_required
@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@ratelimited(WHAT_IF_GROUP, setting_rate("WHAT_IF_RATE_LIMIT"), when=asks_what_if)
def dashboard(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """KPIs and charts: the htmx fragment (whole section, or only the results for a what-if)."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    # A what-if preview: the key figures, and the charts out of band (the sliders between).
    preview = request.htmx and request.htmx.target == "dashboard-results"
    data = services.plan_of(scenario, currency(request))  # once: its digest keys both parts
    parts = {} if preview else {"panels_html": panel_part(request, scenario, data)}
    context = dashboard_context(scenario, currency(request), request.GET, parts, data)
    context |= fragments.kept(parts, get_token(request))  # the top and the panels, if kept
    if request.htmx:
        return render(request, f"{TEMPLATE}#{'preview' if preview else 'dashboard'}", context)
    return render(request, TEMPLATE, context)


@login_required
@require_safe
@vary_on_headers("HX-Request")
@ratelimited(WHAT_IF_GROUP, setting_rate("WHAT_IF_RATE_LIMIT"), when=asks_what_if)
def monthly_table_page(request: HtmxHttpRequest, pk: int, chart: str) -> HttpResponse:
    """One monthly table: the rows htmx loads into an opened <details>, or a page without it."""
    if chart not in ("cashflow", "cushion"):
        raise Http404
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    what_if, _form = read_what_if(request.GET, services.plan_of(scenario, currency(request)))
    data = what_if.applied_to(services.plan_of(scenario, currency(request)))
    try:
        projection = services.projection_of(data)
    except services.TooLarge:
        return HttpResponse(services.TOO_LARGE, status=422, content_type="text/plain")
    risk = services.risk_of(data, projection)
    context = {
        "scenario": scenario,
        "chart": chart,
        "chart_title": content.table_title(chart),
        "rows": content.monthly_table(data, projection, risk),
        "cash_heads": content.cash_heads(content.cash_columns(data, projection)),
        "sick_pay_column": risk.sick_pay_mean is not None,
    }
    if request.htmx:
        return render(request, f"{TEMPLATE}#monthly-rows", context)
    return render(request, "planning/monthly_table.html", context)


@login_required
@require_POST
def what_if_save(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Make the previewed prices, sick days and dry spells the scenario's own (undoable)."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    what_if, form = read_what_if(request.POST, services.plan_of(scenario))
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("These what-if values can't be saved."), status=400)
    try:
        with services.kept_if_projectable(scenario):
            changed_fields = _save_what_if(scenario, what_if)
    except services.TooLarge:
        messages.error(request, services.TOO_LARGE)  # nothing saved; the status area says why
        return HttpResponse("") if request.htmx else redirect(scenario)
    use_and_undo.remember(request.session, scenario, changed_fields, "what_if")
    messages.success(request, _("The what-if values are saved in the scenario."))
    if request.htmx:  # the cards that show what changed, out of band; the rest refreshes itself
        scenario = services.owned_scenario(request.user, pk)  # afresh: with the new prices
        items = INCOMES.items(scenario).all()
        context = tables.table_context(scenario, currency(request), INCOMES, items)
        return changed(render(request, f"{PAGE}#what-if-saved", context))
    return redirect(scenario)


def _save_what_if(scenario: Scenario, what_if: WhatIf) -> list[list]:
    """Scale the prices, set the sick days and the dry-spell chance as previewed; what changed.

    The rows are locked and read again inside the transaction, so an edit saved meanwhile is
    scaled rather than overwritten; each saved row is one version further."""
    versions.locked_scenario(scenario.pk)  # 404 when it was deleted meanwhile
    before = use_and_undo.snapshot(scenario.pk, lock=True)
    if what_if.price_pct:
        for stream in IncomeStream.objects.select_for_update().filter(scenario_id=scenario.pk):
            scaled = scaled_income(convert.income_to_plan(stream), what_if.price_pct)
            stream.amount, stream.rate = scaled.amount, scaled.rate
            stream.version = F("version") + 1
            stream.save(update_fields=["amount", "rate", "version", "updated_at"])
    fields = []  # only what the what-if sets: an edit of the other saved meanwhile stays
    if what_if.sick_days is not None:
        scenario.sick_days_per_year = Decimal(what_if.sick_days)
        fields.append("sick_days_per_year")
    if what_if.drought_chance is not None:
        scenario.drought_chance_pct = Decimal(what_if.drought_chance)
        fields.append("drought_chance_pct")
    scenario.version = F("version") + 1
    scenario.save(update_fields=[*fields, "version", "updated_at"])
    return use_and_undo.changes(before, use_and_undo.snapshot(scenario.pk))


@login_required
@require_safe
def projection_csv(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The monthly table of DESIGN.md as CSV: the same bytes as `project_scenario` writes."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    data = services.plan_of(scenario, currency(request))
    key = services.content_key(data, "projection-csv")  # the same bytes for the same content
    text = cache.get(key)
    if text is None:
        try:
            projection = services.projection_of(data)
        except services.TooLarge:
            return HttpResponse(services.TOO_LARGE, status=422, content_type="text/plain")
        buffer = StringIO()
        write_csv(projection, buffer)
        text = buffer.getvalue()
        cache.set(key, text, services.CACHE_SECONDS)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    filename = (slugify(scenario.name) or "scenario") + "-projection.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def projection_spreadsheet(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The monthly table for spreadsheets: in German with semicolons and decimal commas."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    data = services.plan_of(scenario, currency(request))
    try:
        projection = services.projection_of(data)
    except services.TooLarge:
        return HttpResponse(services.TOO_LARGE, status=422, content_type="text/plain")
    response = HttpResponse(spreadsheet_csv(projection), content_type="text/csv; charset=utf-8")
    suffix = _("spreadsheet")  # in the file name: "my-plan-tabelle.csv" in German
    name = slugify(f"{scenario.name or 'scenario'} {suffix}")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
