"""The scenario page and its settings, reserve and risks cards, edited in place.

Every view works without JavaScript (a form posts and redirects, errors render the full page);
with htmx it returns a fragment of `planning/scenario_detail.html`, the template of the page
itself, and a saved change triggers `scenario-changed` so the KPIs and charts refresh.
"""

import functools
from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from ecareer.planning import fragments, page_cache, services, tables, use_and_undo, versions
from ecareer.planning.dashboard import dashboard_context
from ecareer.planning.forms import ReserveForm, ScenarioSettingsForm
from ecareer.planning.kinds import COSTS, INCOMES, KINDS, LOANS
from ecareer.planning.models import ReserveTarget, Scenario
from ecareer.planning.risk_forms import RiskForm
from ecareer.planning.tax_forms import TaxForm
from ecareer.planning.views.common import HtmxHttpRequest, changed, currency, posted
from ecareer.planning.views.decisions import panel_part
from ecareer.planning.what_if import WHAT_IF_GROUP, asks_what_if
from ecareer.ratelimits import ratelimited, setting_rate

PAGE = "planning/scenario_detail.html"


def reserve_of(scenario: Scenario) -> ReserveTarget | None:
    """The reserve target, or None for old data without one."""
    try:
        return scenario.reserve
    except ReserveTarget.DoesNotExist:
        return None


def section_url(scenario: Scenario, section: str) -> str:
    """The scenario page at one of its parts, where a form post without htmx returns to."""
    return reverse("planning:detail", args=[scenario.pk]) + f"#{section}"


def page(request: HtmxHttpRequest, pk: int, status: int = 200, **extra) -> HttpResponse:
    """The whole scenario page, optionally with one card or row in edit mode (`edit`, `form`)."""
    return render(request, PAGE, page_context(request, pk, **extra), status=status)


def page_context(request: HtmxHttpRequest, pk: int, **extra) -> dict:
    """What the scenario page renders from; `extra` goes in last (a card's form, stand-ins).

    The parts kept by what they show (fragments.py: the dashboard's top, the item tables, the
    cards and the share section) are read from the cache in one go."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    shown_in = currency(request)
    reserve = reserve_of(scenario)
    parts: dict[str, tuple] = {}
    data = services.plan_of(scenario, shown_in)  # once: its digest keys several parts
    context = dashboard_context(scenario, shown_in, request.GET, parts, data)
    for kind in KINDS.values():
        items = kind.items(scenario).all()
        if extra.get("edit") in KINDS:  # a row in edit mode after a post without JavaScript
            context |= tables.table_context(scenario, shown_in, kind, items)
        else:
            parts[f"{kind.key}_html"] = tables.table_part(scenario, shown_in, kind, items)
    parts |= fragments.scenario_parts(request, scenario, shown_in, reserve)
    parts["panels_html"] = panel_part(request, scenario, data)
    # The cached page's stand-in, or the request's own token.
    kept = fragments.kept(parts, extra.get("csrf_token") or get_token(request))
    return {
        **context,
        **kept,
        "parts": kept,  # the cards in display mode and the share section, by name
        "scenario": scenario,
        "currency": shown_in,
        "reserve": reserve,
        **extra,
    }


def plain_page_context(
    request: HtmxHttpRequest, pk: int, stamp: page_cache.Stamp, **stand_ins
) -> dict:
    """What a plain view of the scenario page (the cached page's) renders from: its parts kept
    by `stamp.content` (every stored field of the rows each part shows, but the ones every save
    changes), the scenario's name and key for the rest. The scenario with its items is loaded
    only to render a part that is not kept; the parts equal page_context's."""
    scenario_row, reserve_row, costs, incomes, loans, links = stamp.content
    shown_in = currency(request)
    load = functools.cache(lambda: services.owned_scenario(request.user, pk, with_items=True))
    plan = functools.cache(lambda: services.plan_of(load(), shown_in))
    everything = (shown_in, scenario_row, reserve_row, costs, incomes, loans)

    def card(name: str):
        def render() -> str:
            values = {"scenario": load(), "currency": shown_in, "reserve": reserve_of(load())}
            return render_to_string(f"{PAGE}#{name}-card", values)

        return fragments.key(f"{name}-card", (shown_in, scenario_row, reserve_row)), render

    def table(kind, shown: tuple):
        def render() -> str:
            scenario = load()
            return tables.table_part(scenario, shown_in, kind, kind.items(scenario).all())[1]()

        version = f"{services.CACHE_VERSION}.{tables.TABLE_VERSION}"
        return fragments.key(f"page-table:{kind.key}", (version, shown_in, shown)), render

    def share() -> str:
        return fragments.scenario_parts(request, load(), shown_in, reserve_of(load()))["share"][1]()

    def top() -> str:
        found = {}
        dashboard_context(load(), shown_in, None, found, plan())
        return found["dashboard_top_html"][1]()

    def panels() -> str:
        return panel_part(request, load(), plan())[1]()

    undo = use_and_undo.recalled(request.session, SimpleNamespace(pk=pk))
    share_shown = (
        links,
        request.build_absolute_uri("/r/"),  # where the links' addresses start
        timezone.localdate().isoformat(),  # a link past its expiry date shows as expired
        timezone.get_current_timezone_name(),  # creation and last view as local times
    )
    parts = {name: card(name) for name in fragments.CARDS}
    parts |= {
        # Costs that are a share of income show first-year totals: the whole plan's.
        "costs_html": table(COSTS, (scenario_row, costs, incomes, loans)),
        "incomes_html": table(INCOMES, (scenario_row, incomes)),
        "loans_html": table(LOANS, (scenario_row, loans)),
        "share": (fragments.key("page-share", (pk, share_shown)), share),
        "dashboard_top_html": (fragments.key("page-top", everything), top),
        "panels_html": (fragments.key("page-panels", (everything, undo)), panels),
    }
    kept = fragments.kept(parts, stand_ins["csrf_token"])
    # The rest of the page shows the scenario's name and uses its key, nothing else of it.
    loaded = load.cache_info().currsize
    return {
        **kept,
        "parts": kept,  # the cards in display mode and the share section, by name
        "scenario": load() if loaded else SimpleNamespace(pk=pk, name=stamp.name),
        "currency": shown_in,
        **stand_ins,
    }


def focus(form) -> None:
    """Put the cursor in the first field with an error, or the first field (htmx honours it)."""
    name = next((n for n in form.fields if n in form.errors), next(iter(form.fields)))
    form.fields[name].widget.attrs["autofocus"] = True


def save_projectable(scenario: Scenario, form, save) -> tuple[bool, object]:
    """Save, and keep it only if the plan can still be projected (else the form says why).

    Values inside the limits can still outgrow any number (decades of 100 % growth on the
    largest amounts); such a change is rolled back and nothing is saved.
    """
    try:
        with services.kept_if_projectable(scenario):
            saved = save()
    except services.TooLarge:
        form.add_error(None, services.TOO_LARGE)
        return False, None
    return True, saved


@login_required
@require_safe
@ratelimited(WHAT_IF_GROUP, setting_rate("WHAT_IF_RATE_LIMIT"), when=asks_what_if)
def scenario_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The scenario page: settings, dashboard, cost items, income streams, reserve and risks.

    A plain view of it comes from the cache while nothing it shows has changed (page_cache).
    """
    if page_cache.cacheable(request):

        def html(stamp: page_cache.Stamp, **stand_ins) -> str:
            context = plain_page_context(request, pk, stamp, **stand_ins)
            return render_to_string(PAGE, context, request)

        response = page_cache.cached_page(request, pk, html)
        if response is not None:
            return response
    return page(request, pk)


def _card(
    request: HtmxHttpRequest, scenario: Scenario, name: str, make, save, shown: dict
) -> HttpResponse:
    """Shared flow of the settings, reserve and risks cards: show (`shown`), cancel, edit, save.

    `make(data, instance)` builds the card's form; a save made from an older version than the
    stored one changes nothing and shows the form again with the current values (409).
    """
    context = {"scenario": scenario, "currency": currency(request)}
    if request.method == "GET" and request.GET.get("cancel"):
        if request.htmx:
            return render(request, f"{PAGE}#{name}-card", {**context, **shown})
        return redirect(section_url(scenario, name))
    form = make(posted(request))
    ok = request.method == "POST" and form.is_valid()
    status, conflict = 200, None
    if ok:
        try:
            ok, saved = save_projectable(scenario, form, lambda: save(form))
        except versions.Gone:
            raise Http404("deleted meanwhile") from None
        except versions.Conflict as stale:
            ok, form, status, conflict = False, make(None, stale.current), 409, versions.CONFLICT
    if ok:
        if request.htmx:
            return changed(render(request, f"{PAGE}#{name}-card", {**context, **saved}))
        return changed(redirect(section_url(scenario, name)))
    focus(form)
    status = 422 if form.errors else status
    if request.htmx:
        extra = {"form": form, "conflict": conflict}
        return render(request, f"{PAGE}#{name}-form", {**context, **extra}, status=status)
    return page(request, scenario.pk, status=status, edit=name, form=form, conflict=conflict)


def _save_scenario(form) -> dict:
    """Save the settings, risks or tax card (all are fields of the scenario row)."""
    return {"scenario": versions.save(form)}


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def scenario_settings(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the scenario's name, start, horizon, money settings and notes in place."""
    scenario = services.owned_scenario(request.user, pk)

    def make(data, instance=scenario):
        return ScenarioSettingsForm(data, instance=instance, auto_id="settings-%s")

    return _card(request, scenario, "settings", make, _save_scenario, {})


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def reserve_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the reserve target in place; old scenarios without one get it on the first save."""
    scenario = services.owned_scenario(request.user, pk)
    reserve = reserve_of(scenario)
    unsaved = reserve or ReserveTarget(scenario=scenario)

    def make(data, instance=unsaved):
        return ReserveForm(data, instance=instance, auto_id="reserve-%s")

    def save(form):
        return {"reserve": versions.save_reserve(form, scenario)}

    return _card(request, scenario, "reserve", make, save, {"reserve": reserve})


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def risks_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the risk settings (sick days, dry spells, paths) in place."""
    scenario = services.owned_scenario(request.user, pk)

    def make(data, instance=scenario):
        return RiskForm(data, instance=instance, auto_id="risks-%s")

    return _card(request, scenario, "risks", make, _save_scenario, {})


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def tax_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the tax regime and Germany's tax, insurance and VAT settings in place."""
    scenario = services.owned_scenario(request.user, pk)

    def make(data, instance=scenario):
        return TaxForm(data, instance=instance, auto_id="tax-%s")

    return _card(request, scenario, "tax", make, _save_scenario, {})
