"""The "What you need" panel: answers on request, "use this" and undo.

The answers cost up to a few seconds, so they are computed only when asked for (the form's
button), never on a dashboard refresh; without JavaScript the same form opens a page of its own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from ecareer.middleware import error_answer
from ecareer.planning import (
    computations,
    decisions_web,
    fragments,
    services,
    tables,
    use_and_undo,
)
from ecareer.planning.dashboard import TEMPLATE
from ecareer.planning.kinds import INCOMES
from ecareer.planning.models import Scenario
from ecareer.planning.narrative_decisions import answer, price_result, sick_pay_answer, undo_text
from ecareer.planning.views.common import HtmxHttpRequest, changed, currency
from ecareer.planning.views.compare import CompareError, compare_ids

PANEL = "planning/partials/decisions.html"
DETAIL = "planning/scenario_detail.html"
PAGE = "planning/decisions.html"
MATTERS = "planning/partials/what_matters.html"
MATTERS_PAGE = "planning/what_matters.html"
PRICE_CELL = "planning/partials/required_price.html"
PRICE_PAGE = "planning/required_price.html"
SICK_PAY = "planning/partials/sick_pay.html"
SICK_PAY_PAGE = "planning/sick_pay.html"


def panel_context(request: HtmxHttpRequest, scenario: Scenario, query=None, data=None) -> dict:
    """The panel's form, its answers when asked for (computed by the worker: until then how far
    it is), and the undo of the last "use this"; `data`: the scenario's plan, if known."""
    data = data or services.plan_of(scenario, currency(request))
    form = decisions_web.decisions_form(data, query)
    results = job = error = None
    if form.is_bound and form.is_valid():
        asked = computations.ask(
            request,
            "decisions",
            data,
            form.cleaned_data["risk_pct"],
            form.cleaned_data["income"] or None,
            owner=request.user,
        )
        if asked.refused is not None:
            return {"refused": asked.refused}
        job, error, found = asked.progress, asked.error, asked.result
        if found is not None:
            results = [
                answer(d, data.currency, data)
                for d in (found.price_plan, found.price_risk)
                if d is not None
            ]
            results += [answer(found.starting_balance, data.currency)]
            results += [answer(found.living_costs, data.currency)]
    undo = use_and_undo.recalled(request.session, scenario)
    return {
        "scenario": scenario,
        "decisions_form": form,
        "decisions_results": results,
        "decisions_job": job,
        "decisions_error": error,
        "decisions_undo": undo,
        "decisions_undo_text": undo and undo_text(undo["changes"], data.currency, undo["what"]),
        "sick_pay_offered": decisions_web.offers_sick_pay(data),
    }


def panel_part(request: HtmxHttpRequest, scenario: Scenario, data=None) -> tuple:
    """The key and the renderer of the panels ("What you need" before a question, "What matters
    most" before it is asked) for `fragments.kept`: kept by the plan's content (the stream
    choices, sick pay offered, the amounts of an undo) and the session's undo of this scenario.
    `data`: the scenario's plan, if known."""
    data = data or services.plan_of(scenario, currency(request))
    undo = use_and_undo.recalled(request.session, scenario)
    key = fragments.key("panels", (services.content_key(data, "panels"), scenario.pk, undo))

    def render() -> str:
        context = {**panel_context(request, scenario, data=data)}
        context["csrf_token"] = fragments.CSRF_STAND_IN
        return render_to_string(f"{TEMPLATE}#panels", context)

    return key, render


@login_required
@require_safe
@vary_on_headers("HX-Request")
def decisions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The panel with its answers: the htmx fragment, or a page of its own without JavaScript."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    context = panel_context(request, scenario, request.GET)
    if "refused" in context:
        return context["refused"]
    return render(request, PANEL if request.htmx else PAGE, context)


def changed_cards(request: HtmxHttpRequest, scenario: Scenario) -> bytes:
    """The settings summary, the income streams and the risks as they are now, out of band:
    "use this" and undo change a starting balance, living costs or prices shown there."""
    items = INCOMES.items(scenario).all()
    context = tables.table_context(scenario, currency(request), INCOMES, items)
    return render_to_string(f"{DETAIL}#what-if-saved", context, request).encode()


def _done(request: HtmxHttpRequest, scenario: Scenario) -> HttpResponse:
    if request.htmx:  # the panel with its undo; the dashboard refreshes itself on the event
        scenario = services.owned_scenario(request.user, scenario.pk, with_items=True)
        response = render(request, PANEL, panel_context(request, scenario))
        response.content += changed_cards(request, scenario)  # the settings and prices shown
        return changed(response)
    return redirect(reverse("planning:decisions", args=[scenario.pk]))


@login_required
@require_POST
def decision_use(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Write one answer into the scenario; the previous values are kept for undo."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    streams = [stream.name for stream in scenario.incomes.all()]
    form = use_and_undo.UseForm(request.POST, streams=streams)
    sick_pay = form.is_valid() and form.cleaned_data["what"] == "sick_pay"
    if sick_pay and not decisions_web.offers_sick_pay(services.plan_of(scenario)):
        return HttpResponse(_("This answer can't be used."), status=400)
    if not form.is_valid():
        if "income" in form.errors:  # the one a person can meet: a stream renamed meanwhile
            return error_answer(request, " ".join(form.errors["income"]), 400)
        return HttpResponse(_("This answer can't be used."), status=400)
    try:
        with services.kept_if_projectable(scenario):
            changed_fields = use_and_undo.use(scenario, form.cleaned_data)
    except services.TooLarge:
        messages.error(request, services.TOO_LARGE)
        return HttpResponse("") if request.htmx else redirect(scenario)
    except use_and_undo.UnknownStream as unknown:  # renamed between the form and the save
        message = use_and_undo.UNKNOWN_STREAM % {"name": unknown.args[0]}
        return error_answer(request, str(message), 409)
    use_and_undo.remember(request.session, scenario, changed_fields, form.cleaned_data["what"])
    messages.success(
        request, _("The answer is saved in the scenario. “Undo” puts back the old value.")
    )
    return _done(request, scenario)


@login_required
@require_POST
def decision_undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Put back what the last "use this" replaced."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    undo = use_and_undo.recalled(request.session, scenario)
    if undo is None:
        messages.info(request, _("There is nothing to undo."))
        return _done(request, scenario)
    try:
        with services.kept_if_projectable(scenario):
            moved = use_and_undo.restore(scenario, undo["changes"])
    except services.TooLarge:
        messages.error(request, services.TOO_LARGE)
        return HttpResponse("") if request.htmx else redirect(scenario)
    use_and_undo.forget(request.session, scenario)
    if moved:  # edited since: undo would overwrite the edit, so it changes nothing
        message = _("Nothing was undone: changed since then: %(fields)s.")
        messages.error(request, message % {"fields": ", ".join(moved)})
        return _done(request, scenario)
    messages.success(request, _("The previous value is back."))
    return _done(request, scenario)


@login_required
@require_safe
@vary_on_headers("HX-Request")
def sick_pay(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Sick pay: worth it? The plan with and without the option (computed by the worker: until
    then how far it is): the htmx fragment of the panel, or a page without JavaScript."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    data = services.plan_of(scenario, currency(request))
    context = {"scenario": scenario, "sick_pay_offered": decisions_web.offers_sick_pay(data)}
    if context["sick_pay_offered"]:
        asked = computations.ask(request, "sick-pay", data, owner=request.user)
        if asked.refused is not None:
            return asked.refused
        if asked.done:
            context["sick_pay"] = sick_pay_answer(asked.result, data)
        context["sick_pay_job"], context["sick_pay_error"] = asked.progress, asked.error
    return render(request, SICK_PAY if request.htmx else SICK_PAY_PAGE, context)


@login_required
@require_safe
@vary_on_headers("HX-Request")
def what_matters(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The tornado charts of what matters most (computed by the worker: until then how far it
    is): the htmx fragment, or a page without JavaScript."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    context = {"scenario": scenario, "currency": currency(request), "matters_shown": True}
    data = services.plan_of(scenario, currency(request))
    asked = computations.ask(request, "what-matters", data, owner=request.user)
    if asked.refused is not None:
        return asked.refused
    if asked.done:
        context |= decisions_web.what_matters_context(data, asked.result)
    context["matters_job"], context["matters_error"] = asked.progress, asked.error
    return render(request, MATTERS if request.htmx else MATTERS_PAGE, context)


def _back(request: HtmxHttpRequest, scenario: Scenario) -> str:
    """Where the price page leads back to: the comparison it came from, else the scenario."""
    try:
        ids = compare_ids(request.GET)
    except CompareError:
        return scenario.get_absolute_url()
    return f"{reverse('planning:compare')}?ids={','.join(map(str, ids))}"


@login_required
@require_safe
@vary_on_headers("HX-Request")
def required_price(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One required price of every stream (compare's cell, loaded by htmx after the page), or
    a page of its own without JavaScript. `?target=plan` (default) or `?target=risk&risk_pct=5`."""
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    form = decisions_web.RequiredPriceForm(request.GET)
    if not form.is_valid():
        fields = form.fields
        message = " ".join(
            f"{fields[name].label}: {error}" if name in fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        )
        return error_answer(request, message, 400)
    data = services.plan_of(scenario, currency(request))
    context = {"scenario": scenario, "back": _back(request, scenario), "result": None}
    if data.incomes:
        asked = computations.ask(
            request, "required-price", data, None, form.risk(), owner=request.user
        )
        if asked.refused is not None:
            return asked.refused
        if asked.done:
            context["result"] = price_result(asked.result, data)
        context["job"], context["error"] = asked.progress, asked.error
    return render(request, PRICE_CELL if request.htmx else PRICE_PAGE, context)
