"""What the dashboard shows: KPI cards, charts, summaries and monthly tables, cached as HTML.

The scenario page, the dashboard fragment and the shared report all render it from here. The
projection and simulation come from `services` (cached); the words from `narrative`; no money is
computed here.
"""

import functools
import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ecareer.charts import figures
from ecareer.charts.locale import ChartLocale
from ecareer.planning import cliffs, fragments, narrative, payments, services
from ecareer.planning.models import Scenario
from ecareer.planning.narrative_futures import kpi_changes, with_futures
from ecareer.planning.payments import owed_card, payments_context
from ecareer.planning.templatetags.ecareer_format import month
from ecareer.planning.what_if import read_what_if
from ecareer.projection import model as plan
from ecareer.projection.breakdown import first_year_costs
from ecareer.projection.engine import Projection
from ecareer.projection.risk import RiskResult

TEMPLATE = "planning/dashboard.html"
# Bump when the KPI cards or charts change shape, so cached HTML is not reused after a release.
BODY_VERSION = "8"
# Above this many months the cash flow offers a yearly view, and shows it first above the next.
LONG_PLAN_MONTHS = 36
YEARS_FIRST_MONTHS = 120
PERIODS = ("months", "years")
SICK_DAYS_MAX = 60  # the slider's end; a scenario that plans more keeps its own value as the end
CASH_COLUMNS = ("income", "business_costs", "taxes", "living_costs", "net_cash_flow")
# Regime de: the chart's insurance and VAT series, before the net cash flow.
DE_CASH_COLUMNS = (*CASH_COLUMNS[:4], "social_insurance", "vat_due", "vat_paid", "net_cash_flow")
CUSHION_COLUMNS = ("balance", "reserve_target", "p10", "p50", "p90")
# v3: each shown before the net cash flow when it is not 0 throughout (the pension is part of the
# health and care column's social insurance and shows beside it, "of which").
V3_CASH_COLUMNS = ("pension_insurance", "grants", "loan_in", "loan_interest", "loan_repayment")


def cash_columns(data: plan.Scenario, projection: Projection) -> tuple[str, ...]:
    """The cash-flow table's columns of this plan: v2's, then v3's that are not all 0."""
    columns = DE_CASH_COLUMNS if data.tax.regime == plan.TaxRegime.DE else CASH_COLUMNS
    shown = tuple(
        key
        for key in V3_CASH_COLUMNS
        if getattr(projection, key) is not None and getattr(projection, key).any()
    )
    return (*columns[:-1], *shown, columns[-1])


def cash_heads(columns: tuple[str, ...]) -> list[str]:
    """The column headings of `cash_columns` in the active language (the month's comes first)."""
    return [narrative.column_words()[key] for key in columns]


def cashflow_period(data: plan.Scenario, query=None) -> str | None:
    """ "months" or "years" for the cash-flow chart of a long plan (`?cashflow=`), else None."""
    if data.horizon_months <= LONG_PLAN_MONTHS:
        return None
    wanted = query.get("cashflow") if query else None
    if wanted in PERIODS:
        return wanted
    return "years" if data.horizon_months > YEARS_FIRST_MONTHS else "months"


def dashboard_figures(
    data: plan.Scenario, projection: Projection, risk: RiskResult, period: str | None = None
) -> dict:
    """The three figures of a scenario in the active language."""
    locale = ChartLocale(translation.get_language() or "en", data.currency)
    words = {**narrative.chart_words(), **payments.chart_words()}
    names = narrative.category_names()
    return {
        "cashflow": figures.cashflow_figure(
            projection, locale, words, names, period=period or "months"
        ),
        "cushion": figures.cushion_figure(projection, risk, locale, words),
        "costs": figures.costs_figure(projection, locale, words, names),
    }


def _cells(values) -> SafeString:
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
    columns = cash_columns(data, projection)
    cushion = CUSHION_COLUMNS
    sick_pay = risk.sick_pay_cents()  # the cushion table's last column, where sick pay is due
    if sick_pay is not None:
        risk_rows["sick_pay"] = sick_pay
        cushion = (*cushion, "sick_pay")
    rows = []
    for i, row in enumerate(projection.rows((*columns, *CUSHION_COLUMNS[:2]))):
        for key in cushion[2:]:
            row[key] = risk_rows[key][i]
        rows.append(
            {
                "label": _month_label(projection.months[i], language),
                "cash": _cells(fmt(row[key]) for key in columns),
                "cushion": _cells(fmt(row[key]) for key in cushion),
            }
        )
    return rows


def body_context(
    data: plan.Scenario,
    projection: Projection,
    risk: RiskResult,
    period: str | None = None,
    table_urls: dict[str, str] | None = None,
) -> dict:
    """What the KPI cards, charts, summaries and tables show.

    With `table_urls` the monthly tables are links that htmx loads when opened, not rows.
    """
    costs = first_year_costs(projection)
    names = narrative.category_names()
    futures = services.futures_of(data, projection)
    cards = narrative.kpi_cards(data, projection, risk)
    return {
        "currency": data.currency,
        "cards": with_futures(cards, data, projection, risk, futures) + owed_card(data, projection),
        "figures": dashboard_figures(data, projection, risk, period),
        "summaries": narrative.summaries(data, projection, risk, costs),
        "rows": None if table_urls else monthly_table(data, projection, risk),
        "cash_heads": cash_heads(cash_columns(data, projection)),
        "sick_pay_column": risk.sick_pay_mean is not None,
        "table_urls": table_urls,
        "cashflow_period": period,
        "costs": [{"name": names[c.category], "amount": c.amount, "share": c.share} for c in costs],
        "payments": None,
        "cliffs": cliffs.cliffs(data, projection),
        **payments_context(data, projection),
    }


def dashboard_parts(
    data: plan.Scenario, period: str | None = None, table_urls: dict[str, str] | None = None
) -> tuple[SafeString, SafeString]:
    """The KPI cards, and the charts with the payments, as HTML, cached by the scenario's content
    and the language. Two parts: the scenario page shows the what-if sliders between them.

    They hold nothing of the request but the period and the tables' URLs (both in the key), so
    a cached copy serves every view of an unchanged scenario without touching the projection,
    the figures or the formatting.
    """
    language = translation.get_language() or "en"
    urls = hashlib.sha256(repr(sorted((table_urls or {}).items())).encode()).hexdigest()[:16]
    key = services.content_key(data, f"dashboard-body:{BODY_VERSION}:{language}:{period}:{urls}")
    parts = cache.get(key)
    if parts is None:
        try:
            projection = services.projection_of(data)
        except services.TooLarge:  # a what-if preview can push a plan past any number
            error = format_html('<p class="message message-error">{}</p>', services.TOO_LARGE)
            return error, mark_safe("")
        risk = services.risk_of(data, projection)
        context = body_context(data, projection, risk, period, table_urls)
        parts = tuple(render_to_string(f"{TEMPLATE}#{part}", context) for part in ("kpis", "more"))
        cache.set(key, parts, services.CACHE_SECONDS)
    return mark_safe(parts[0]), mark_safe(parts[1])  # noqa: S308 (our own template, escaped there)


def dashboard_body(
    data: plan.Scenario, period: str | None = None, table_urls: dict[str, str] | None = None
) -> SafeString:
    """The KPI cards and charts as one piece of HTML (the shared report)."""
    kpis, more = dashboard_parts(data, period, table_urls)
    return kpis + more


def table_title(chart: str) -> str:
    """The heading of a monthly table's own page."""
    return narrative.chart_words()["cashflow_title" if chart == "cashflow" else "cushion_title"]


def table_urls(scenario: Scenario, query=None) -> dict[str, str]:
    """Where the two monthly tables load from, with the what-if values the charts show."""
    keep = {k: query[k] for k in ("price_pct", "sick_days") if query and query.get(k)}
    suffix = f"?{urlencode(keep)}" if keep else ""
    return {
        chart: reverse("planning:monthly_table", args=[scenario.pk, chart]) + suffix
        for chart in ("cashflow", "cushion")
    }


def dashboard_context(
    scenario: Scenario, currency: str, query=None, parts=None, saved: plan.Scenario | None = None
) -> dict:
    """The dashboard section: the what-if controls, the preview banner and the cached parts.

    Without a what-if, the section's HTML above its panels (figures, sliders, charts) is kept by
    what it shows (`dashboard_top_html`, ecareer/planning/fragments.py): the plan's content and
    the values of the sliders, the period and the tables' addresses. Given `parts` (a dict for
    `fragments.kept`), its key and renderer go there, for the caller to read with its others.
    `saved`: the scenario's plan, if the caller has it already."""
    saved = saved or services.plan_of(scenario, currency)
    what_if, form = read_what_if(query, saved)
    sick_saved = int(saved.risks.sick_days_per_year)
    period = cashflow_period(saved, query)
    drought = what_if.drought_chance
    urls = table_urls(scenario, query)
    context = {
        "scenario": scenario,
        "what_if": what_if,
        "what_if_form": form,
        "what_if_text": what_if.describe(),
        "price_pct": what_if.price_pct,
        "sick_days": what_if.sick_days if what_if.sick_days is not None else sick_saved,
        "sick_days_max": max(SICK_DAYS_MAX, sick_saved),
        "drought_chance": int(saved.risks.drought_chance_pct) if drought is None else drought,
        "has_rates": bool(saved.incomes),
        "cashflow_period": period,
        "changes": _changes(saved, what_if.applied_to(saved)) if what_if.active else [],
    }

    # The key figures, then (after the what-if sliders) the charts: read from their cache only
    # when a template shows them (a callable in the context is called by the template).
    both = functools.cache(lambda: dashboard_parts(what_if.applied_to(saved), period, urls))
    context["kpis_html"] = lambda: both()[0]
    context["more_html"] = lambda: both()[1]
    if what_if.active or form.errors:
        return context
    shown = [context[name] for name in _TOP_SHOWN]
    key = fragments.key("dashboard-top", (services.content_key(saved, "top"), period, urls, shown))

    def top() -> str:
        return render_to_string(f"{TEMPLATE}#dashboard-top", context)

    if parts is not None:
        parts["dashboard_top_html"] = (key, top)
        return context
    return {**context, "dashboard_top_html": fragments.kept({"top": (key, top)})["top"]}


# What the section's top shows besides the plan, the period and the tables' addresses.
_TOP_SHOWN = ("price_pct", "sick_days", "sick_days_max", "drought_chance", "has_rates")


def _cards(data: plan.Scenario) -> list[dict]:
    projection = services.projection_of(data)
    risk = services.risk_of(data, projection)
    futures = services.futures_of(data, projection)
    return with_futures(
        narrative.kpi_cards(data, projection, risk), data, projection, risk, futures
    )


def _changes(saved: plan.Scenario, preview: plan.Scenario) -> list[dict]:
    """Before -> after for every KPI the what-if changes (none when either can't be projected)."""
    try:
        return kpi_changes(_cards(saved), _cards(preview))
    except services.TooLarge:
        return []
