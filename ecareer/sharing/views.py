"""Share links (owner only) and the public, read-only report behind them."""

import functools
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ecareer import rows
from ecareer.accounts.models import Profile, User
from ecareer.charts.locale import ChartLocale
from ecareer.charts.relative import cushion_share_figure
from ecareer.planning import decisions_web, fragments, narrative, page_cache, services
from ecareer.planning.dashboard import dashboard_body
from ecareer.planning.models import Scenario
from ecareer.planning.narrative_compare import assumptions
from ecareer.planning.narrative_decisions import answer, price_result
from ecareer.planning.narrative_futures import with_futures
from ecareer.planning.views import financial_plan
from ecareer.sharing.forms import ShareLinkForm
from ecareer.sharing.models import ShareLink, token_digest
from ecareer.sharing.section import SECTION, section_context

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _section(request: HttpRequest, scenario, form=None, status=200) -> HttpResponse:
    return render(request, SECTION, section_context(request, scenario, form), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def share_links(request: HttpRequest, pk: int) -> HttpResponse:
    """List a scenario's share links (GET) or create one (POST)."""
    scenario = services.owned_scenario(request.user, pk)
    if request.method == "GET":
        if request.htmx:
            return _section(request, scenario)
        return redirect(scenario.get_absolute_url() + "#share")
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        return _section(request, scenario, form, status=422)
    link = form.save(commit=False)
    link.scenario = scenario
    link.save()
    if request.htmx:
        return _section(request, scenario)
    messages.success(
        request,
        _("Share link created: %(url)s")
        % {"url": request.build_absolute_uri(link.get_absolute_url())},
    )
    return redirect(scenario.get_absolute_url() + "#share")


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
    """Revoke one of the scenario's links at once."""
    scenario = services.owned_scenario(request.user, pk)
    link = get_object_or_404(scenario.share_links, pk=link_id)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    if request.htmx:
        return _section(request, scenario)
    messages.success(request, _("The link has been revoked; it no longer opens the report."))
    return redirect(scenario.get_absolute_url() + "#share")


def _not_found(request: HttpRequest) -> HttpResponse:
    """One answer for unknown, revoked and expired links alike."""
    response = render(request, "sharing/not_found.html", status=404)
    return _report_headers(response)


def _report_headers(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def _usable_link(token: str) -> ShareLink | None:
    """The usable link of a token with its scenario, owner and owner's profile, or None
    (unknown, revoked, expired alike)."""
    if not _TOKEN.match(token):
        return None
    # One query by the token's digest for every case, so the answer and its timing don't tell
    # an unknown token from a revoked or expired one; plain SQL, as ShareLink.objects.usable()
    # .select_related("scenario__user__profile") asks it, without building the query each view.
    found = rows.joined_rows_of(
        (ShareLink, Scenario, User, Profile),
        _usable_link_sql(connection.vendor),
        [token_digest(token), connection.ops.adapt_datefield_value(timezone.localdate())],
    )
    if not found:
        return None
    ((link, scenario, user, profile),) = found
    if profile.pk is None:  # no profile row (LEFT JOIN): user.profile raises, as the ORM's does
        profile = None
    else:
        Profile.user.field.set_cached_value(profile, user)
    User.profile.related.set_cached_value(user, profile)
    Scenario.user.field.set_cached_value(scenario, user)
    ShareLink.scenario.field.set_cached_value(link, scenario)
    return link


@functools.cache
def _usable_link_sql(vendor: str) -> str:
    """Every stored field of a usable link (ShareLinkQuerySet.usable: not revoked, not past its
    expiry date), its scenario, the scenario's owner and the owner's profile, by token digest."""
    q = connection.ops.quote_name

    def table(model) -> str:
        return q(model._meta.db_table)

    parts = ", ".join(
        rows.columns(m, a)
        for m, a in ((ShareLink, "l"), (Scenario, "s"), (User, "u"), (Profile, "p"))
    )
    return (
        f"SELECT {parts} FROM {table(ShareLink)} l "  # noqa: S608 (names from the models, values as parameters)
        f"JOIN {table(Scenario)} s ON s.{q('id')} = l.{q('scenario_id')} "
        f"JOIN {table(User)} u ON u.{q('id')} = s.{q('user_id')} "
        f"LEFT JOIN {table(Profile)} p ON p.{q('user_id')} = u.{q('id')} "
        f"WHERE l.{q('token_sha256')} = %s AND l.{q('revoked_at')} IS NULL "
        f"AND (l.{q('expires_on')} IS NULL OR l.{q('expires_on')} >= %s)"
    )


def _plan_of_link(token: str):
    """The scenario and plan behind a link that shows amounts, or None: a link that hides them
    has no financial plan (it is all amounts), and answers as an unknown link does."""
    link = _usable_link(token)
    if link is None or link.hide_amounts:
        return None
    scenario = services.scenarios_with_items(link.scenario.user).get(pk=link.scenario_id)
    return scenario, services.plan_of(scenario, link.scenario.user.profile.currency)


@require_safe
def report_financial_plan(request: HttpRequest, token: str) -> HttpResponse:
    """The financial plan of a shared scenario, where the link shows amounts."""
    found = _plan_of_link(token)
    if found is None:
        return _not_found(request)
    scenario, plan = found
    response = financial_plan.render_plan(
        request,
        scenario,
        plan,
        base="sharing/report_base.html",
        back_url=reverse("report", args=[token]),
        back_text=_("Back to the report"),
        xlsx_url=reverse("report_financial_plan_xlsx", args=[token]),
    )
    return _report_headers(response)


@require_safe
def report_financial_plan_xlsx(request: HttpRequest, token: str) -> HttpResponse:
    """The shared financial plan as a workbook, where the link shows amounts."""
    found = _plan_of_link(token)
    if found is None:
        return _not_found(request)
    return _report_headers(financial_plan.workbook_response(*found))


@require_safe
def report(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only report of a shared scenario; no sign-in, nothing of the account.

    Every view is counted; a plain view (no query string, not htmx) comes from the cache while
    nothing the report shows has changed (page_cache.report_key), as the scenario page does.
    """
    link = _usable_link(token)
    if link is None:
        return _not_found(request)
    link.count_view()
    if page_cache.cacheable(request):
        stamp = page_cache.report_stamp(link)

        def html(**stand_ins) -> str:
            context = {**_plain_report_context(link, token, stamp.content), **stand_ins}
            return render_to_string("sharing/report.html", context, request)

        key = page_cache.report_key(request, link, stamp)
        response = page_cache.stitched(request, key, html)
        if response is not None:
            return _report_headers(response)
    context = _report_context(link, token)
    return _report_headers(render(request, "sharing/report.html", context))


def _report_context(link: ShareLink, token: str) -> dict:
    """What the report renders from."""
    (scenario,) = services.loaded_scenarios(link.scenario.user, link.scenario_id)
    names = {income.pk: income.name for income in scenario.incomes.all()}
    for item in scenario.costs.all():  # the stream a share of income names, without a query
        item.income_name = names.get(item.income_id)
    currency = link.scenario.user.profile.currency
    plan = services.plan_of(scenario, currency)
    context = {
        "scenario": scenario,
        "plan": plan,
        "currency": currency,
        "hide_amounts": link.hide_amounts,
        "token": token,
        "produced_at": timezone.now(),
    }
    if link.hide_amounts:
        try:
            context.update(_without_amounts(plan))
        except services.TooLarge:
            context["too_large"] = services.TOO_LARGE
    else:
        context["body"] = dashboard_body(plan)
    context.update(_report_parts(scenario, plan, currency, link.hide_amounts))
    return context


def _plain_report_context(link: ShareLink, token: str, content: tuple) -> dict:
    """What a plain view of the report (the cached report's) renders from: its parts kept by
    `content` (page_cache.Stamp.content: every stored field of the scenario's rows, but the ones
    every save changes), the owner's currency and the link; the scenario with its items is
    loaded only to render a part that is not kept. The parts equal _report_context's."""
    if link.hide_amounts:  # its cards and chart in percentages: as any view
        return _report_context(link, token)
    currency = link.scenario.user.profile.currency
    context = functools.cache(lambda: _report_context(link, token))  # each part from it
    shown = (currency, content, token)  # the header's link to the financial plan names the token

    def part(name: str):  # the part as the full context has it
        return lambda: context()[name]

    def head() -> str:
        return render_to_string("sharing/report.html#head", context())

    day = timezone.localdate().isoformat()  # "report produced on"
    parts = {
        "head_html": (fragments.key("report-head", (shown, day)), head),
        "body": (fragments.key("report-body", shown), part("body")),
        "needs_html": (fragments.key("report-needs", shown), part("needs_html")),
        "facts_html": (fragments.key("report-facts", shown), part("facts_html")),
    }
    return {
        **fragments.kept(parts),
        "scenario": link.scenario,  # its name for the title: the row read with the link
        "hide_amounts": False,
        "token": token,
        "currency": currency,
    }


def _report_parts(scenario, plan, currency: str, hide_amounts: bool) -> dict:
    """What the plan needs and its facts as HTML, each kept by what it shows (fragments.kept):
    the needs follow from the plan's content alone; the facts show the stored rows of the
    scenario (but its version and time of change), its reserve, costs, incomes and loans."""
    amounts = not hide_amounts

    def needs() -> str:
        values = {
            "answers": _answers(plan, amounts=amounts),
            "assumptions": assumptions(plan, amounts=amounts),
            "hide_amounts": hide_amounts,
        }
        return render_to_string("sharing/partials/report_decisions.html", values)

    def facts() -> str:
        values = {"scenario": scenario, "plan": plan, "currency": currency}
        return render_to_string(
            "sharing/report.html#facts", {**values, "hide_amounts": hide_amounts}
        )

    skip = fragments.VOLATILE
    shown = (
        fragments.stored(scenario, skip),
        fragments.stored_reserve(scenario),
        *(
            [fragments.stored(item, skip) for item in items.all()]
            for items in (scenario.costs, scenario.incomes, scenario.loans)
        ),
    )
    parts = {
        # fragments.key: the plan's digest in this language and release, as every part's.
        "needs_html": (
            fragments.key("report-needs", (services.content_key(plan, "needs"), hide_amounts)),
            needs,
        ),
        "facts_html": (fragments.key("report-facts", (currency, hide_amounts, shown)), facts),
    }
    return fragments.kept(parts)


def _answers(plan, amounts: bool = True) -> list[dict]:
    """What the plan needs, in words: the required prices (plan, and 1 in 20 futures), then the
    starting balance and living costs; none if too large. Each is computed once and cached by
    the scenario's content. Where the link hides amounts, only the prices, as a change in %."""
    risk = decisions_web.RISK_PCT_DEFAULT
    targets = (None, risk) if plan.incomes else ()
    try:
        prices = [decisions_web.required_price_of(plan, None, p) for p in targets]
        found = decisions_web.closed_form_answers(plan) if amounts else {}
    except services.TooLarge:
        return []
    results = [price_result(d, plan, amounts) for d in prices]
    for what in ("starting_balance", "living_costs") if amounts else ():
        results.append(answer(found[what], plan.currency))
    return results


# KPI cards that hold no money amount; the runway card gets a sentence without the balance.
_AMOUNT_FREE_CARDS = ("break_even", "self_sufficient", "runway", "reserve")
_CHANCE_CARDS = ("depletion", "reserve_chance")


def _without_amounts(plan) -> dict:
    """KPI cards and the cushion chart in months and percentages only."""
    projection = services.projection_of(plan)
    risk = services.risk_of(plan, projection)
    futures = services.futures_of(plan, projection)
    cards = narrative.kpi_cards(plan, projection, risk)
    cards = {c["key"]: c for c in with_futures(cards, plan, projection, risk, futures, False)}
    runway = cards["runway"]
    if projection.kpis.runway_months is not None:
        runway["sentence"] = _(
            "With no income at all, the starting balance pays this many months of outgoings."
        )
    locale = ChartLocale(translation.get_language() or "en", plan.currency)
    figure = cushion_share_figure(projection, risk, locale, narrative.chart_words())
    return {
        "cards": [cards[key] for key in (*_CHANCE_CARDS, *_AMOUNT_FREE_CARDS) if key in cards],
        "cushion_share": figure,
    }
