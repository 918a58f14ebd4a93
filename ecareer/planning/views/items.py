"""Cost items, income streams and loans, added, edited and deleted in place (rows of the page's
tables).

`kind` in the URL ("costs", "incomes" or "loans") picks the `ItemKind` that says what differs;
the flow is the same for all. Without JavaScript a form posts and redirects; with htmx the row,
or the whole table when totals or groups change, comes back and `scenario-changed` is sent.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from ecareer.planning import services, tables, versions
from ecareer.planning.kinds import INCOMES, ItemKind, kind_or_404
from ecareer.planning.models import Scenario
from ecareer.planning.views.common import HtmxHttpRequest, changed, currency, posted
from ecareer.planning.views.editor import PAGE, focus, page, save_projectable, section_url


class TooMany(Exception):
    """The scenario already holds the most items allowed."""


class StreamGone(Exception):
    """The income stream a cost is to be a share of was deleted after the form was checked."""


def _lock_named_stream(scenario: Scenario, form) -> None:
    """Inside the save's transaction: lock the stream the cost is a share of, or StreamGone.

    The form checked the stream when it validated; a delete in another request may have come
    between. Locked here, the stream's delete (which locks it too) waits for this save and then
    sees the cost, or has gone before and this save stops: never a foreign-key error at commit.
    """
    stream = form.cleaned_data.get("income")
    if stream is None:
        return
    if not INCOMES.model.objects.select_for_update().filter(pk=stream.pk, scenario_id=scenario.pk):
        raise StreamGone


def _form(kind: ItemKind, data=None, item=None, initial=None, scenario=None):
    """The bound or empty form of one item; ids unique per row so several forms can be open."""
    prefix = f"{kind.key}-{item.pk if item else 'new'}"
    instance = item or kind.model(scenario=scenario)  # the form asks it for regime and streams
    return kind.form(data, instance=instance, initial=initial, auto_id=f"{prefix}-%s")


def _context(request: HtmxHttpRequest, scenario: Scenario, kind: ItemKind, **extra) -> dict:
    return {"scenario": scenario, "currency": currency(request), "kind": kind.key, **extra}


def _row_context(request: HtmxHttpRequest, scenario: Scenario, kind: ItemKind, item) -> dict | None:
    """One display row's context: the item with its URL; with sums, its group and the totals.

    None when the item is no longer stored (deleted in another tab right after this save)."""
    if not kind.has_totals:
        (item,) = tables.rows(scenario, kind, [item])
        return _context(request, scenario, kind, item=item)
    sums = tables.costs_context(scenario, kind.items(scenario).all())
    group = next((g for g in sums["cost_groups"] if g["category"] == item.category), None)
    shown = next((i for i in group["items"] if i.pk == item.pk), None) if group else None
    if shown is None:
        return None
    return _context(request, scenario, kind, group=group, item=shown, **sums)


def _row(request: HtmxHttpRequest, scenario: Scenario, kind: ItemKind, item) -> HttpResponse:
    """The display row of one item."""
    context = _row_context(request, scenario, kind, item)
    if context is None:
        return _gone(request, scenario, kind, item.pk)
    return render(request, f"{PAGE}#{kind.row_partial}", context)


def _form_row(
    request: HtmxHttpRequest,
    scenario: Scenario,
    kind: ItemKind,
    form,
    item=None,
    conflict=None,
    status: int | None = None,
) -> HttpResponse:
    """The form row of one item (new when `item` is None); 422 when it holds errors, 409 when
    it shows the current values after a stale save (`conflict` says so) or names a stream
    deleted meanwhile (`status`)."""
    focus(form)
    status = status or (422 if form.errors else 409 if conflict else 200)
    extra = {"form": form, "conflict": conflict}
    if request.htmx:
        context = _context(request, scenario, kind, item=item, **extra)
        return render(request, f"{PAGE}#item-form", context, status=status)
    edit_id = item.pk if item else "new"
    return page(request, scenario.pk, status=status, edit=kind.key, edit_id=edit_id, **extra)


def _table(request: HtmxHttpRequest, scenario: Scenario, kind: ItemKind) -> HttpResponse:
    """After a saved item: the whole table again (a new category moves the row, totals change)."""
    if not request.htmx:
        return changed(redirect(section_url(scenario, kind.key)))
    items = kind.items(scenario).all()
    response = HttpResponse(tables.table_html(request, scenario, currency(request), kind, items))
    retarget(response, f"#{kind.key}")
    reswap(response, "outerHTML")
    return changed(response)


def _saved_row(request: HtmxHttpRequest, scenario: Scenario, kind: ItemKind, item) -> HttpResponse:
    """After an edit that keeps the row in place: the row, and any sums out of band."""
    if not request.htmx:
        return changed(redirect(section_url(scenario, kind.key)))
    context = _row_context(request, scenario, kind, item)
    if context is None:
        return changed(_gone(request, scenario, kind, item.pk))
    return changed(render(request, f"{PAGE}#{kind.saved_partial}", context))


def _load(request: HtmxHttpRequest, pk: int, key: str, item_id: int):
    """The user's scenario, the kind named in the URL, and the item (None when it is gone)."""
    scenario = services.owned_scenario(request.user, pk)
    kind = kind_or_404(key)
    return scenario, kind, kind.item(scenario, item_id)


def _gone(request: HtmxHttpRequest, scenario: Scenario, kind: ItemKind, item_id: int):
    """404 for an item deleted meanwhile: a row saying so (htmx), or the page with the message."""
    if request.htmx:
        context = _context(request, scenario, kind, item_id=item_id, message=kind.gone)
        response = render(request, f"{PAGE}#item-gone", context, status=404)
        retarget(response, f"#{kind.key}-{item_id}")
        reswap(response, "outerHTML")
        return response
    return page(request, scenario.pk, status=404, gone=kind.gone)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def item_new(request: HtmxHttpRequest, pk: int, kind: str) -> HttpResponse:
    """An empty form row for a new item (GET), or create it (POST)."""
    scenario = services.owned_scenario(request.user, pk)
    kind = kind_or_404(kind)
    if request.method == "GET":
        if request.GET.get("cancel"):
            if request.htmx:
                return HttpResponse("")  # swapping in nothing removes the new row
            return redirect(section_url(scenario, kind.key))
        form = _form(kind, initial={"start_month": scenario.start_month}, scenario=scenario)
        return _form_row(request, scenario, kind, form)
    form = _form(kind, request.POST, scenario=scenario)
    if not form.is_valid():
        return _form_row(request, scenario, kind, form)

    def save():
        # Counted inside the write transaction, the scenario row locked (SQLite: the IMMEDIATE
        # transaction holds the write lock), so parallel adds cannot pass the limit together.
        locked = versions.locked_scenario(scenario.pk)
        if kind.is_full(locked):
            raise TooMany
        _lock_named_stream(scenario, form)
        item = form.save(commit=False)
        item.scenario = scenario
        item.save(force_insert=True)

    try:
        ok, _saved = save_projectable(scenario, form, save)
    except TooMany:
        form.add_error(None, kind.too_many % {"max": kind.limit})
        ok = False
    except StreamGone:
        form.add_error("income", INCOMES.gone)
        return _form_row(request, scenario, kind, form, status=409)
    if not ok:
        return _form_row(request, scenario, kind, form)
    return _table(request, scenario, kind)


@login_required
@require_safe
@vary_on_headers("HX-Request")
def item_row(request: HtmxHttpRequest, pk: int, kind: str, item_id: int) -> HttpResponse:
    """The display row of an item (Cancel and Escape in its form row come back here)."""
    scenario, kind, item = _load(request, pk, kind, item_id)
    if item is None:
        return _gone(request, scenario, kind, item_id)
    if request.htmx:
        return _row(request, scenario, kind, item)
    return redirect(section_url(scenario, f"{kind.key}-{item_id}"))


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def item_edit(request: HtmxHttpRequest, pk: int, kind: str, item_id: int) -> HttpResponse:
    """The form row of an item (GET), or save it (POST)."""
    scenario, kind, item = _load(request, pk, kind, item_id)
    if item is None:
        return _gone(request, scenario, kind, item_id)
    group = kind.group_of(item)  # before the form writes to the item
    form = _form(kind, posted(request), item=item)
    if request.method == "POST" and form.is_valid():

        def save():
            _lock_named_stream(scenario, form)
            return versions.save(form)

        try:
            ok, _saved = save_projectable(scenario, form, save)
        except versions.Gone:
            return _gone(request, scenario, kind, item_id)
        except StreamGone:
            form.add_error("income", INCOMES.gone)
            return _form_row(request, scenario, kind, form, item, status=409)
        except versions.Conflict as stale:
            fresh = _form(kind, item=stale.current)
            return _form_row(request, scenario, kind, fresh, stale.current, versions.CONFLICT)
        if not ok:
            return _form_row(request, scenario, kind, form, item=item)
        if kind.group_of(item) == group:
            return _saved_row(request, scenario, kind, item)
        return _table(request, scenario, kind)  # the row moves to another group
    return _form_row(request, scenario, kind, form, item=item)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def item_delete(request: HtmxHttpRequest, pk: int, kind: str, item_id: int) -> HttpResponse:
    """Delete an item; the table comes back without it."""
    scenario, kind, item = _load(request, pk, kind, item_id)
    if item is None:
        return _gone(request, scenario, kind, item_id)
    with transaction.atomic():
        # Locked, so a cost being saved as a share of this stream either committed before (and
        # is seen here) or waits and then finds the stream gone (_lock_named_stream).
        item = kind.model.objects.select_for_update().filter(pk=item.pk).first()
        if item is None:
            return _gone(request, scenario, kind, item_id)
        names = [cost.name for cost in item.share_costs.all()] if kind.key == "incomes" else []
        if not names:
            item.delete()
    if names:  # kept: a cost is a share of it
        message = _("“%(name)s” is kept: %(costs)s is a share of it. Change that cost first.")
        messages.error(request, message % {"name": item.name, "costs": ", ".join(names)})
    return _table(request, scenario, kind)
