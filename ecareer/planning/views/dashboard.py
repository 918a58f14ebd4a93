"""The dashboard of a scenario: the KPI and chart fragment, saving a what-if, the CSV table.

A what-if preview changes the planning-model input and never the database until "Save".
"""

from decimal import Decimal
from io import StringIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from ecareer.planning import convert, decisions_web, services, tables
from ecareer.planning.dashboard import TEMPLATE, dashboard_context
from ecareer.planning.kinds import INCOMES
from ecareer.planning.models import Scenario
from ecareer.planning.views.common import HtmxHttpRequest, changed, currency
from ecareer.planning.views.decisions import panel_context
from ecareer.planning.views.editor import PAGE
from ecareer.planning.what_if import WhatIf, read_what_if
from ecareer.projection.cli import write_csv
from ecareer.projection.whatif import scaled_income


@login_required
@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def dashboard(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """KPIs and charts: the htmx fragment (whole section, or only the results for a what-if)."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    context = dashboard_context(scenario, currency(request), request.GET)
    context |= panel_context(request, scenario)
    if request.htmx:
        part = "results" if request.htmx.target == "dashboard-results" else "dashboard"
        return render(request, f"{TEMPLATE}#{part}", context)
    return render(request, TEMPLATE, context)


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
            before = decisions_web.snapshot(scenario)
            _save_what_if(scenario, what_if)
    except services.TooLarge:
        messages.error(request, services.TOO_LARGE)  # nothing saved; the status area says why
        return HttpResponse("") if request.htmx else redirect(scenario)
    decisions_web.remember(request.session, scenario, before, "what_if")
    messages.success(request, _("The what-if values are saved in the scenario."))
    if request.htmx:  # the cards that show what changed, out of band; the rest refreshes itself
        scenario = services.owned_scenario(request.user, pk)  # afresh: with the new prices
        items = INCOMES.items(scenario).all()
        context = tables.table_context(scenario, currency(request), INCOMES, items)
        return changed(render(request, f"{PAGE}#what-if-saved", context))
    return redirect(scenario)


def _save_what_if(scenario: Scenario, what_if: WhatIf) -> None:
    """Scale the prices, set the sick days and the dry-spell chance as previewed."""
    if what_if.price_pct:
        for stream in scenario.incomes.all():
            scaled = scaled_income(convert.income_to_plan(stream), what_if.price_pct)
            stream.amount, stream.rate = scaled.amount, scaled.rate
            stream.save(update_fields=["amount", "rate", "updated_at"])
    if what_if.sick_days is not None:
        scenario.sick_days_per_year = Decimal(what_if.sick_days)
    if what_if.drought_chance is not None:
        scenario.drought_chance_pct = Decimal(what_if.drought_chance)
    scenario.save(update_fields=["sick_days_per_year", "drought_chance_pct", "updated_at"])


@login_required
@require_safe
def projection_csv(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The monthly table of DESIGN.md as CSV: the same bytes as `project_scenario` writes."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    try:
        projection = services.projection_of(services.plan_of(scenario, currency(request)))
    except services.TooLarge:
        return HttpResponse(services.TOO_LARGE, status=422, content_type="text/plain")
    buffer = StringIO()
    write_csv(projection, buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = (slugify(scenario.name) or "scenario") + "-projection.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
