"""The scenario page and its in-place editor: settings, cost items, income streams, reserve, risks.

Every view works without JavaScript (a form posts and redirects, errors render the full page);
with htmx it returns a fragment of `planning/scenario_detail.html`, the template of the page
itself, and a saved change triggers `scenario-changed` so the KPIs and charts refresh.
"""

import hashlib
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget, trigger_client_event
from django_htmx.middleware import HtmxDetails

from ecareer.planning import convert, services
from ecareer.planning.forms import (
    CostItemForm,
    IncomeStreamForm,
    ReserveForm,
    RiskForm,
    ScenarioSettingsForm,
)
from ecareer.planning.models import CostItem, ReserveTarget, Scenario
from ecareer.projection import limits
from ecareer.projection.equivalents import monthly_equivalent

PAGE = "planning/scenario_detail.html"
CHANGED = "scenario-changed"
CSRF_STAND_IN = "csrf-token-stand-in-filled-in-per-request"
ITEM_FORMS = {"costs": CostItemForm, "incomes": IncomeStreamForm}
GONE = {
    "costs": gettext_lazy(
        "This cost item no longer exists; it may have been deleted in another tab."
    ),
    "incomes": gettext_lazy(
        "This income stream no longer exists; it may have been deleted in another tab."
    ),
}


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# --- loading --------------------------------------------------------------------------------


def _owned(request: HtmxHttpRequest, pk: int) -> Scenario:
    """The signed-in user's scenario `pk`, or 404 for anyone else's."""
    return get_object_or_404(Scenario.objects.for_user(request.user), pk=pk)


def _check_kind(kind: str) -> None:
    """Only "costs" and "incomes" are item kinds; anything else is not found."""
    if kind not in ITEM_FORMS:
        raise Http404("no such kind of item")


def _item(scenario: Scenario, kind: str, item_id: int):
    """The scenario's item, or None when it is gone (deleted in another tab, or never its own)."""
    items = scenario.costs if kind == "costs" else scenario.incomes
    return items.filter(pk=item_id).first()


def _reserve(scenario: Scenario) -> ReserveTarget | None:
    """The reserve target, or None for old data without one."""
    try:
        return scenario.reserve
    except ReserveTarget.DoesNotExist:
        return None


def _data(request: HtmxHttpRequest):
    """The posted data, or None for GET (an empty POST is still a bound, invalid form)."""
    return request.POST if request.method == "POST" else None


def _currency(request: HtmxHttpRequest) -> str:
    return request.user.profile.currency


# --- context --------------------------------------------------------------------------------


def _with_urls(scenario: Scenario, kind: str, items) -> list:
    """The items, each given its `url` (the row's path; edit/ and delete/ follow it)."""
    # One reverse per table instead of four per row: a fifth of the table's render time.
    base = reverse("planning:detail", args=[scenario.pk])
    items = list(items)
    for item in items:
        item.url = f"{base}{kind}/{item.pk}/"
    return items


def _with_monthly(costs: list) -> list:
    """The cost items, each given its `monthly` equivalent as the planning model counts it."""
    for item in costs:
        item.monthly = monthly_equivalent(convert.cost_to_plan(item))
    return costs


def _costs_context(scenario: Scenario, costs) -> dict:
    """Cost items grouped by category (in the order of the choices), subtotals and the total."""
    costs = _with_monthly(_with_urls(scenario, "costs", costs))
    groups = []
    for value, label in CostItem.Category.choices:
        in_group = [item for item in costs if item.category == value]
        if in_group:
            subtotal = sum((item.monthly for item in in_group), Decimal(0))
            groups.append(
                {"category": value, "label": label, "items": in_group, "subtotal": subtotal}
            )
    total = sum((item.monthly for item in costs), Decimal(0))
    return {"cost_groups": groups, "costs_total": total}


def _context(request: HtmxHttpRequest, scenario: Scenario, **extra) -> dict:
    return {"scenario": scenario, "currency": _currency(request), **extra}


def _table_context(request: HtmxHttpRequest, scenario: Scenario, kind: str, items) -> dict:
    """What the cost or income table renders from."""
    if kind == "costs":
        return _context(request, scenario, **_costs_context(scenario, items))
    return _context(request, scenario, incomes=_with_urls(scenario, kind, items))


def _table(request: HtmxHttpRequest, scenario: Scenario, kind: str, items) -> SafeString:
    """The cost or income table in display mode, cached by what it shows.

    Its rows are most of the page's render time (70 rows: about two thirds of it), so the HTML is
    kept under a key made of every stored field of every item in display order, the scenario, the
    language and the currency: any edit, delete or new item, or another language or currency,
    gives another key. The rows' delete forms hold a stand-in for the CSRF token; the request's
    own token replaces it on the way out, so no token is ever cached or shared.
    """
    items = list(items)
    fields = [tuple(getattr(item, f.attname) for f in item._meta.concrete_fields) for item in items]
    digest = hashlib.sha256(repr(fields).encode()).hexdigest()
    currency = _currency(request)
    language = translation.get_language()
    version = services.CACHE_VERSION
    key = f"ecareer:table:v{version}:{kind}:{scenario.pk}:{language}:{currency}:{digest}"
    html = cache.get(key)
    if html is None:
        context = {**_table_context(request, scenario, kind, items), "csrf_token": CSRF_STAND_IN}
        html = render_to_string(f"{PAGE}#{kind}", context)
        cache.set(key, html, services.CACHE_SECONDS)
    return mark_safe(html.replace(CSRF_STAND_IN, get_token(request)))  # noqa: S308 (our template, escaped there)


def _page(request: HtmxHttpRequest, pk: int, status: int = 200, **extra) -> HttpResponse:
    """The whole scenario page, optionally with one card or row in edit mode (`edit`, `form`)."""
    scenario = get_object_or_404(services.scenarios_with_items(request.user), pk=pk)
    if extra.get("edit") in ITEM_FORMS:  # a row in edit mode after a post without JavaScript
        tables = {
            **_table_context(request, scenario, "costs", scenario.costs.all()),
            **_table_context(request, scenario, "incomes", scenario.incomes.all()),
        }
    else:
        tables = {
            "costs_html": _table(request, scenario, "costs", scenario.costs.all()),
            "incomes_html": _table(request, scenario, "incomes", scenario.incomes.all()),
        }
    context = {**_context(request, scenario, reserve=_reserve(scenario)), **tables, **extra}
    return render(request, PAGE, context, status=status)


def _focus(form) -> None:
    """Put the cursor in the first field with an error, or the first field (htmx honours it)."""
    name = next((n for n in form.fields if n in form.errors), next(iter(form.fields)))
    form.fields[name].widget.attrs["autofocus"] = True


def _changed(response: HttpResponse) -> HttpResponse:
    """Tell the rest of the page (KPIs, charts) that the scenario was saved."""
    trigger_client_event(response, CHANGED)
    return response


def _after_save(request: HtmxHttpRequest, scenario: Scenario, section: str) -> HttpResponse:
    """The redirect of a form post without htmx: back to the changed part of the page."""
    return redirect(reverse("planning:detail", args=[scenario.pk]) + f"#{section}")


# --- the page and its cards -----------------------------------------------------------------


@login_required
@require_safe
def scenario_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The scenario page: settings, dashboard, cost items, income streams, reserve and risks."""
    return _page(request, pk)


def _save_projectable(scenario: Scenario, form, save) -> tuple[bool, object]:
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


def _card(
    request: HtmxHttpRequest,
    scenario: Scenario,
    name: str,
    form,
    save,
    display: dict,
) -> HttpResponse:
    """Shared flow of the settings, reserve and risks cards: show, cancel, edit, save."""
    if request.method == "GET" and request.GET.get("cancel"):
        if request.htmx:
            context = {**_context(request, scenario), **display}
            return render(request, f"{PAGE}#{name}-card", context)
        return redirect(reverse("planning:detail", args=[scenario.pk]) + f"#{name}")
    if request.method == "POST" and form.is_valid():
        ok, saved = _save_projectable(scenario, form, lambda: save(form))
    else:
        ok = False
    if ok:
        if request.htmx:
            context = {**_context(request, scenario), **saved}
            return _changed(render(request, f"{PAGE}#{name}-card", context))
        return _changed(_after_save(request, scenario, name))
    _focus(form)
    status = 422 if form.errors else 200
    if request.htmx:
        context = _context(request, scenario, form=form)
        return render(request, f"{PAGE}#{name}-form", context, status=status)
    return _page(request, scenario.pk, status=status, edit=name, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_settings(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the scenario's name, start, horizon, money settings and notes in place."""
    scenario = _owned(request, pk)
    form = ScenarioSettingsForm(_data(request), instance=scenario, auto_id="settings-%s")

    def save(form):
        return {"scenario": form.save()}

    return _card(request, scenario, "settings", form, save, {})


@login_required
@require_http_methods(["GET", "POST"])
def reserve_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the reserve target in place; old scenarios without one get it on the first save."""
    scenario = _owned(request, pk)
    reserve = _reserve(scenario)
    form = ReserveForm(
        _data(request),
        instance=reserve or ReserveTarget(scenario=scenario),
        auto_id="reserve-%s",
    )

    def save(form):
        saved, _created = ReserveTarget.objects.update_or_create(
            scenario=scenario, defaults=form.cleaned_data
        )
        return {"reserve": saved}

    return _card(request, scenario, "reserve", form, save, {"reserve": reserve})


@login_required
@require_http_methods(["GET", "POST"])
def risks_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit the risk settings (sick days, dry spells, paths) in place."""
    scenario = _owned(request, pk)
    form = RiskForm(_data(request), instance=scenario, auto_id="risks-%s")

    def save(form):
        return {"scenario": form.save()}

    return _card(request, scenario, "risks", form, save, {})


# --- cost items and income streams ----------------------------------------------------------


def _item_form(kind: str, data=None, item=None, initial=None):
    """The bound or empty form of one item; ids unique per row so several forms can be open."""
    prefix = f"{kind}-{item.pk if item else 'new'}"
    return ITEM_FORMS[kind](data, instance=item, initial=initial, auto_id=f"{prefix}-%s")


def _row(request: HtmxHttpRequest, scenario: Scenario, kind: str, item) -> HttpResponse:
    """The display row of one item."""
    (item,) = _with_urls(scenario, kind, [item])
    if kind == "costs":
        _with_monthly([item])
    context = _context(request, scenario, kind=kind, item=item)
    return render(request, f"{PAGE}#{'cost' if kind == 'costs' else 'income'}-row", context)


def _form_row(
    request: HtmxHttpRequest, scenario: Scenario, kind: str, form, item=None
) -> HttpResponse:
    """The form row of one item (new when `item` is None); 422 when it holds errors."""
    _focus(form)
    status = 422 if form.errors else 200
    if request.htmx:
        context = _context(request, scenario, kind=kind, form=form, item=item)
        return render(request, f"{PAGE}#item-form", context, status=status)
    edit_id = item.pk if item else "new"
    return _page(request, scenario.pk, status=status, edit=kind, edit_id=edit_id, form=form)


def _section(request: HtmxHttpRequest, scenario: Scenario, kind: str) -> HttpResponse:
    """After a saved item: the whole table again (a new category moves the row, totals change)."""
    if not request.htmx:
        return _changed(_after_save(request, scenario, kind))
    items = scenario.costs.all() if kind == "costs" else scenario.incomes.all()
    response = HttpResponse(_table(request, scenario, kind, items))
    retarget(response, f"#{kind}")
    reswap(response, "outerHTML")
    return _changed(response)


def what_if_saved(request: HtmxHttpRequest, scenario: Scenario) -> HttpResponse:
    """After the dashboard's what-if is saved: the income table and the risks card, out of band.

    Saving changes the streams' prices and the sick days, which those cards show; the rest of
    the page refreshes itself on `scenario-changed`.
    """
    scenario = _owned(request, scenario.pk)  # afresh: the caller's copy holds the old streams
    context = _table_context(request, scenario, "incomes", scenario.incomes.all())
    return _changed(render(request, f"{PAGE}#what-if-saved", context))


def message(request: HtmxHttpRequest, text, level: str = "success") -> HttpResponse:
    """Only a message, swapped into the page's status area (out of band)."""
    return render(request, f"{PAGE}#message", {"message": text, "level": level})


def _saved_row(request: HtmxHttpRequest, scenario: Scenario, kind: str, item) -> HttpResponse:
    """After an edit that keeps the row in place: the row, and the cost sums out of band."""
    if not request.htmx:
        return _changed(_after_save(request, scenario, kind))
    if kind == "incomes":
        return _changed(_row(request, scenario, kind, item))
    sums = _costs_context(scenario, scenario.costs.all())
    group = next(g for g in sums["cost_groups"] if g["category"] == item.category)
    item = next(i for i in group["items"] if i.pk == item.pk)
    context = _context(request, scenario, kind=kind, group=group, item=item, **sums)
    return _changed(render(request, f"{PAGE}#cost-saved", context))


def _gone(request: HtmxHttpRequest, scenario: Scenario, kind: str, item_id: int) -> HttpResponse:
    """404 for an item deleted meanwhile: a row saying so (htmx), or the page with the message."""
    message = GONE[kind]
    if request.htmx:
        context = _context(request, scenario, kind=kind, item_id=item_id, message=message)
        response = render(request, f"{PAGE}#item-gone", context, status=404)
        retarget(response, f"#{kind}-{item_id}")
        reswap(response, "outerHTML")
        return response
    return _page(request, scenario.pk, status=404, gone=message)


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HtmxHttpRequest, pk: int, kind: str) -> HttpResponse:
    """An empty form row for a new item (GET), or create it (POST)."""
    scenario = _owned(request, pk)
    _check_kind(kind)
    if request.method == "GET":
        if request.GET.get("cancel"):
            if request.htmx:
                return HttpResponse("")  # swapping in nothing removes the new row
            return redirect(reverse("planning:detail", args=[scenario.pk]) + f"#{kind}")
        return _form_row(
            request, scenario, kind, _item_form(kind, initial={"start_month": scenario.start_month})
        )
    form = _item_form(kind, request.POST)
    valid = form.is_valid()
    if scenario.costs.count() + scenario.incomes.count() >= limits.MAX_ITEMS:
        form.add_error(
            None,
            _("A scenario holds at most %(max)d cost items and income streams together.")
            % {"max": limits.MAX_ITEMS},
        )
        valid = False
    if not valid:
        return _form_row(request, scenario, kind, form)

    def save():
        item = form.save(commit=False)
        item.scenario = scenario
        item.save()

    ok, _saved = _save_projectable(scenario, form, save)
    if not ok:
        return _form_row(request, scenario, kind, form)
    return _section(request, scenario, kind)


@login_required
@require_safe
def item_row(request: HtmxHttpRequest, pk: int, kind: str, item_id: int) -> HttpResponse:
    """The display row of an item (Cancel and Escape in its form row come back here)."""
    scenario = _owned(request, pk)
    _check_kind(kind)
    item = _item(scenario, kind, item_id)
    if item is None:
        return _gone(request, scenario, kind, item_id)
    if request.htmx:
        return _row(request, scenario, kind, item)
    return redirect(reverse("planning:detail", args=[scenario.pk]) + f"#{kind}-{item_id}")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HtmxHttpRequest, pk: int, kind: str, item_id: int) -> HttpResponse:
    """The form row of an item (GET), or save it (POST)."""
    scenario = _owned(request, pk)
    _check_kind(kind)
    item = _item(scenario, kind, item_id)
    if item is None:
        return _gone(request, scenario, kind, item_id)
    category = getattr(item, "category", None)  # before the form writes to the item
    form = _item_form(kind, _data(request), item=item)
    if request.method == "POST" and form.is_valid():
        ok, _saved = _save_projectable(scenario, form, form.save)
        if not ok:
            return _form_row(request, scenario, kind, form, item=item)
        if getattr(item, "category", None) == category:
            return _saved_row(request, scenario, kind, item)
        return _section(request, scenario, kind)  # the row moves to another category
    return _form_row(request, scenario, kind, form, item=item)


@login_required
@require_POST
def item_delete(request: HtmxHttpRequest, pk: int, kind: str, item_id: int) -> HttpResponse:
    """Delete an item; the table comes back without it."""
    scenario = _owned(request, pk)
    _check_kind(kind)
    item = _item(scenario, kind, item_id)
    if item is None:
        return _gone(request, scenario, kind, item_id)
    item.delete()
    return _section(request, scenario, kind)
