"""The scenario list and whole-scenario actions: new, rename, copy, delete, import, export."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from ecareer.planning import convert, file_errors, fragments, services
from ecareer.planning.models import Scenario
from ecareer.planning.narrative import reserve_when
from ecareer.planning.narrative_futures import depletion_cell
from ecareer.planning.scenario_forms import BLANK, ImportForm, NewScenarioForm, ScenarioNameForm
from ecareer.planning.views.common import HtmxHttpRequest, currency
from ecareer.projection import scenario_file
from ecareer.ratelimits import ratelimited, setting_rate
from ecareer.starters import GERMANY, PEOPLE, STARTERS, load_starter

LIST = "planning/scenario_list.html"


def _list_context(request: HtmxHttpRequest, **extra) -> dict:
    shown_in = currency(request)
    rows = [
        {"scenario": scenario, **list_row(services.plan_of(scenario, shown_in))}
        for scenario in services.loaded_scenarios(request.user)
    ]
    context = {
        "rows": rows,
        "currency": shown_in,
        "starters": (*STARTERS, *PEOPLE),
        "new_form": NewScenarioForm(),
        "import_form": ImportForm(),
        **extra,
    }
    if not extra:  # the starters and the empty import form: the same for everyone

        def render_new() -> str:
            return render_to_string(
                f"{LIST}#new", {**context, "csrf_token": fragments.CSRF_STAND_IN}
            )

        parts = {"new_html": (fragments.key("list-new", ()), render_new)}
        context |= fragments.kept(parts, get_token(request))
    return context


def list_row(data) -> dict:
    """A scenario's figures in the list (final balance, when money runs out, the reserve in
    words), kept by the scenario's content and the language: a view of the list then unpickles
    neither the projection nor the futures. `projected` is False for a plan too large to project
    (saved before such plans were refused)."""
    language = translation.get_language() or "en"
    key = services.content_key(data, f"list-row:1:{language}")
    row = cache.get(key)
    if row is None:
        try:
            projection = services.projection_of(data)
        except services.TooLarge:
            return {"projected": False}
        row = {
            "projected": True,
            "final_balance": projection.kpis.final_balance,
            "runs_out": depletion_cell(services.futures_of(data, projection)["depletion"]),
            "reserve": str(reserve_when(projection)),
        }
        row["runs_out"]["text"] = str(row["runs_out"]["text"])
        cache.set(key, row, services.CACHE_SECONDS)
    return row


@login_required
@require_safe
def scenario_list(request: HtmxHttpRequest) -> HttpResponse:
    """The user's scenarios with their headline figures; starters for a new account."""
    return render(request, LIST, _list_context(request))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scenario_new(request: HtmxHttpRequest) -> HttpResponse:
    """Create a scenario, blank or from a starter template, and open it."""
    form = NewScenarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = form.cleaned_data["template"]
        name = form.cleaned_data["name"].strip() or None
        country = request.user.profile.tax_country  # taxes follow it, names the language
        if template == BLANK:
            data = blank_plan(country)
        else:
            data = load_starter(template, translation.get_language() or "en", country)
        scenario = convert.create_scenario(request.user, data, name=name)
        messages.success(request, _("Scenario “%(name)s” created.") % {"name": scenario.name})
        return redirect("planning:detail", pk=scenario.pk)
    return render(request, "planning/scenario_new.html", {"form": form})


def blank_plan(country: str = GERMANY):
    """An empty plan starting next month, three years long, with a random seed; it counts
    Germany's taxes for a founder who pays taxes there (the profile's tax country), one flat
    rate for anyone else."""
    from datetime import date
    from decimal import Decimal

    from ecareer.planning.models import new_seed
    from ecareer.projection import model as plan

    today = date.today()
    start = plan.YearMonth(today.year, today.month) + 1
    return plan.Scenario(
        name=_("My plan"),
        start=start,
        horizon_months=36,
        reserve=plan.ReserveTarget(kind=plan.ReserveKind.MONTHS, months=6),
        # A dry spell takes half the income unless the founder says otherwise: at 0 % a chance
        # of dry spells would change nothing (issue 25).
        risks=plan.RiskSettings(seed=new_seed(), drought_income_drop_pct=Decimal(50)),
        tax=plan.TaxSettings(
            regime=plan.TaxRegime.DE if country == GERMANY else plan.TaxRegime.FLAT
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def scenario_rename(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Rename in place (htmx swaps the name cell) or on a page of its own."""
    scenario = services.owned_scenario(request.user, pk)
    if request.htmx and request.GET.get("cancel"):
        return render(request, f"{LIST}#name-cell", {"scenario": scenario})
    form = ScenarioNameForm(request.POST or None, instance=scenario)
    if request.method == "POST" and form.is_valid():
        # Only the name, one version further (an open settings form elsewhere is then stale);
        # a scenario deleted meanwhile is not found, never re-inserted.
        renamed = Scenario.objects.filter(pk=scenario.pk).update(
            name=scenario.name, version=F("version") + 1, updated_at=timezone.now()
        )
        if not renamed:
            raise Http404("scenario deleted meanwhile")
        if request.htmx:
            return render(request, f"{LIST}#name-cell", {"scenario": scenario})
        return redirect("planning:list")
    status = 422 if form.errors else 200
    if request.htmx:
        return render(
            request, f"{LIST}#rename-form", {"scenario": scenario, "form": form}, status=status
        )
    return render(
        request,
        "planning/scenario_rename.html",
        {"scenario": scenario, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def scenario_duplicate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Copy a scenario with all its items under a new name ("copy as...")."""
    scenario = services.owned_scenario(request.user, pk)
    initial = {"name": (_("Copy of %(name)s") % {"name": scenario.name})[:120]}
    form = ScenarioNameForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        source = services.scenarios_with_items(request.user).get(pk=pk)
        copy = convert.create_scenario(
            request.user, services.plan_of(source), name=form.cleaned_data["name"]
        )
        messages.success(request, _("Copied as “%(name)s”.") % {"name": copy.name})
        if request.htmx:
            return HttpResponseClientRedirect(copy.get_absolute_url())
        return redirect(copy)
    return render(
        request,
        "planning/scenario_duplicate.html",
        {"scenario": scenario, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def scenario_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Ask once, then delete the scenario and everything in it."""
    scenario = services.owned_scenario(request.user, pk)
    if request.method == "POST":
        name = scenario.name
        scenario.delete()
        messages.success(request, _("Scenario “%(name)s” deleted.") % {"name": name})
        if request.htmx:
            return HttpResponseClientRedirect("/scenarios/")
        return redirect("planning:list")
    return render(request, "planning/scenario_confirm_delete.html", {"scenario": scenario})


@login_required
@require_POST
@ratelimited("import", setting_rate("IMPORT_RATE_LIMIT"))
def scenario_import(request: HtmxHttpRequest) -> HttpResponse:
    """Create a scenario from an uploaded scenario file; on any error save nothing."""
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            data = scenario_file.loads(form.cleaned_data["file"].read())
        except scenario_file.ScenarioFileError as error:
            form.add_error(
                "file",
                _("This file can't be imported: %(error)s")
                % {"error": file_errors.translated(error)},
            )
        else:
            try:
                services.projection_of(data)  # inside the limits, yet it may outgrow any number
            except services.TooLarge:
                form.add_error(
                    "file",
                    _("This file can't be imported: %(error)s") % {"error": services.TOO_LARGE},
                )
            else:
                with transaction.atomic():
                    scenario = convert.create_scenario(request.user, data)
                messages.success(request, _("Imported “%(name)s”.") % {"name": scenario.name})
                return redirect(scenario)
    context = _list_context(request, import_form=form)
    return render(request, LIST, context, status=422)


@login_required
@require_safe
def scenario_export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Download the scenario file (ecareer.scenario/3) of one scenario."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    data = scenario_file.to_dict(services.plan_of(scenario, currency(request)))
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    filename = (slugify(scenario.name) or "scenario") + ".json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
