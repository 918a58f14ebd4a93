"""The editor's cost, income and loan tables: their context, and their HTML cached by what they
show."""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from ecareer.planning import convert, fragments, services
from ecareer.planning.kinds import COSTS, ItemKind
from ecareer.planning.models import CostItem, Loan, Scenario
from ecareer.projection.breakdown import first_year_item_totals
from ecareer.projection.equivalents import monthly_totals, share_average
from ecareer.projection.loan_terms import loan_terms
from ecareer.projection.model import Category

PAGE = "planning/scenario_detail.html"
# The rows' delete forms are cached with this in place of the token. The whole tag is replaced:
# user text is escaped in the template, so it never holds a raw `<` or `"` and never matches.
CSRF_STAND_IN = fragments.CSRF_STAND_IN  # where the token goes in a kept table
# Bump when the tables' markup changes, so cached HTML is not reused after a release.
TABLE_VERSION = "6"


def with_urls(scenario: Scenario, kind: ItemKind, items) -> list:
    """The items, each given its `url` (the row's path; edit/ and delete/ follow it)."""
    # One reverse per table instead of four per row: a fifth of the table's render time.
    base = reverse("planning:detail", args=[scenario.pk])
    items = list(items)
    for item in items:
        item.url = f"{base}{kind.key}/{item.pk}/"
    return items


def rows(scenario: Scenario, kind: ItemKind, items) -> list:
    """The items with their URLs; a loan also with its `terms` (first repayment, payment, first
    year's interest: `loan_terms`, read off the schedule the projection sums)."""
    items = with_urls(scenario, kind, items)
    if kind.model is Loan:
        origin = convert.to_month(scenario.start_month)
        for loan in items:
            loan.terms = loan_terms(convert.loan_to_plan(loan), origin, scenario.horizon_months)
    return items


def share_totals(scenario: Scenario, costs) -> dict[int, object]:
    """First-year totals of the costs that are a share of income, by item id (projected)."""
    if not any(item.basis == CostItem.Basis.INCOME_SHARE for item in costs):
        return {}  # the common case needs no projection
    try:
        projection = services.projection_of(convert.to_plan(scenario, costs=costs))
    except services.TooLarge:
        return {}
    totals = first_year_item_totals(projection)
    return {
        item.pk: total
        for item, total in zip(costs, totals, strict=True)
        if item.basis == CostItem.Basis.INCOME_SHARE
    }


def costs_context(scenario: Scenario, costs) -> dict:
    """Cost items grouped by category (in the order of the choices), subtotals and the totals
    (per month and one-off)."""
    costs = with_urls(scenario, COSTS, costs)
    names = {income.pk: income.name for income in scenario.incomes.all()}
    first_year = share_totals(scenario, costs)
    horizon = scenario.horizon_months
    averages = [
        None if item.pk not in first_year else share_average(first_year[item.pk], horizon)
        for item in costs
    ]
    totals = monthly_totals([convert.cost_to_plan(item, names) for item in costs], averages)
    for item, monthly, once in zip(costs, totals.per_item, totals.once_per_item, strict=True):
        item.monthly = monthly
        item.once = once
        item.first_year = first_year.get(item.pk)
        item.income_name = names.get(item.income_id)
    groups = [
        {
            "category": value,
            "label": label,
            "items": [item for item in costs if item.category == value],
            "subtotal": totals.by_category[Category(value)],
            "once_subtotal": totals.once_by_category[Category(value)],
        }
        for value, label in CostItem.Category.choices
        if Category(value) in totals.by_category
    ]
    return {
        "cost_groups": groups,
        "costs_total": totals.total,
        "costs_once_total": totals.once_total,
    }


def table_context(scenario: Scenario, currency: str, kind: ItemKind, items) -> dict:
    """What the cost or income table renders from."""
    context = {"scenario": scenario, "currency": currency}
    if kind.has_totals:
        return {**context, **costs_context(scenario, items)}
    return {**context, kind.key: rows(scenario, kind, items)}


def table_html(
    request, scenario: Scenario, currency: str, kind: ItemKind, items, token: str | None = None
) -> SafeString:
    """The cost or income table in display mode, kept by what it shows (`table_part`), with the
    request's own token (or `token`, the stand-in of the cached scenario page)."""
    part = table_part(scenario, currency, kind, items)
    return fragments.kept({"table": part}, token or get_token(request))["table"]


def table_part(scenario: Scenario, currency: str, kind: ItemKind, items) -> tuple:
    """The key and the renderer of the cost or income table in display mode, for
    `fragments.kept`.

    Its rows are most of the page's render time (70 rows: about two thirds of it), so the HTML is
    kept under a key made of every stored field of every item in display order, the scenario, the
    language and the currency: any edit, delete or new item, or another language or currency,
    gives another key. No token is ever kept or shared (fragments.CSRF_STAND_IN in its place).
    """
    items = list(items)
    fields = [tuple(getattr(item, f.attname) for f in item._meta.concrete_fields) for item in items]
    # What else the rows show: the regime (VAT columns), and the streams a share of income names
    # and its first-year total, which follow the incomes.
    fields.append(scenario.tax_regime)
    fields.append((scenario.start_month, scenario.horizon_months))  # a loan's schedule
    if kind.has_totals:
        # The first-year totals of the costs that are a share of income follow from the whole
        # plan: the scenario's fields and every income stream's and loan's. Those go in the key
        # rather than the totals themselves, which would need the projection for every view.
        incomes = scenario.incomes.all()
        if any(item.basis == CostItem.Basis.INCOME_SHARE for item in items):
            fields.append(fragments.stored(scenario, skip=fragments.VOLATILE))
            fields.append([fragments.stored(income, skip=fragments.VOLATILE) for income in incomes])
            fields.append(
                [fragments.stored(loan, skip=fragments.VOLATILE) for loan in scenario.loans.all()]
            )
        else:  # the streams a share of income names
            fields.append(sorted((i.pk, i.name) for i in incomes))
    version = f"{services.CACHE_VERSION}.{TABLE_VERSION}"
    key = fragments.key(f"table:{kind.key}", (version, scenario.pk, currency, fields))

    def render() -> str:
        context = {**table_context(scenario, currency, kind, items)}
        return render_to_string(f"{PAGE}#{kind.key}", {**context, "csrf_token": CSRF_STAND_IN})

    return key, render
