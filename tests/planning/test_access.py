"""Every object belongs to one user: each view of another user's scenario, item or share link
answers 404 and changes nothing. One test, parametrised by URL name, and one that no URL name
taking a scenario is left out of it."""

import pytest
from django.urls import URLPattern, reverse

from ecareer.planning import urls as planning_urls
from ecareer.planning.models import Scenario
from ecareer.sharing import urls as sharing_urls
from ecareer.sharing.models import ShareLink
from tests.planning.factories import (
    PAYLOAD,
    RESERVE,
    RISKS,
    SETTINGS,
    TAX,
    make_cost,
    make_income,
    make_scenario,
    snapshot,
)

# URL name: the methods it answers, and valid data for a POST (so only ownership can refuse it).
ROUTES = {
    "planning:detail": ("get",),
    "planning:settings": ("get", "post"),
    "planning:reserve": ("get", "post"),
    "planning:risks": ("get", "post"),
    "planning:tax": ("get", "post"),
    "planning:item_new": ("get", "post"),
    "planning:item_row": ("get",),
    "planning:item_edit": ("get", "post"),
    "planning:item_delete": ("post",),
    "planning:rename": ("get", "post"),
    "planning:duplicate": ("get", "post"),
    "planning:delete": ("get", "post"),
    "planning:export": ("get",),
    "planning:dashboard": ("get",),
    "planning:what_if_save": ("post",),
    "planning:projection_csv": ("get",),
    "planning:projection_spreadsheet": ("get",),
    "planning:monthly_table": ("get",),
    "planning:decisions": ("get",),
    "planning:decision_use": ("post",),
    "planning:decision_undo": ("post",),
    "planning:sick_pay": ("get",),
    "planning:what_matters": ("get",),
    "planning:required_price": ("get",),
    "planning:financial_plan": ("get",),
    "planning:financial_plan_xlsx": ("get",),
    "sharing:links": ("get", "post"),
    "sharing:revoke": ("post",),
}
DATA = {
    "planning:settings": SETTINGS,
    "planning:reserve": RESERVE,
    "planning:risks": RISKS,
    "planning:tax": TAX,
    "planning:rename": {"name": "Mine now"},
    "planning:duplicate": {"name": "Mine now"},
    "planning:what_if_save": {"price_pct": "10", "sick_days": "3"},
    "planning:decisions": {"risk_pct": "5", "income": ""},
    "planning:decision_use": {"what": "starting_balance", "value": "12345.00"},
    "planning:required_price": {"target": "risk", "risk_pct": "5"},
    "sharing:links": {"label": "mine now"},
}
WITH_KIND = {"planning:item_new", "planning:item_row", "planning:item_edit", "planning:item_delete"}
CASES = [
    (name, method, kind)
    for name, methods in ROUTES.items()
    for method in methods
    for kind in (("costs", "incomes") if name in WITH_KIND else (None,))
]


@pytest.fixture
def scenario(owner):
    """The owner's scenario with a cost item, an income stream and a share link."""
    scenario = make_scenario(owner)
    make_cost(scenario)
    make_income(scenario)
    ShareLink.objects.create(scenario=scenario, label="for my bank")
    return scenario


def _url(name: str, scenario, kind: str | None) -> str:
    kwargs = {"pk": scenario.pk}
    if kind:
        kwargs["kind"] = kind
        if name != "planning:item_new":
            kwargs["item_id"] = getattr(scenario, kind).get().pk
    if name == "sharing:revoke":
        kwargs["link_id"] = scenario.share_links.get().pk
    if name == "planning:monthly_table":
        kwargs["chart"] = "cashflow"
    return reverse(name, kwargs=kwargs)


def _stored(scenario) -> tuple:
    """The scenario as stored, its links, and how many scenarios there are (a copy is one more)."""
    links = list(ShareLink.objects.filter(scenario=scenario).values())
    return snapshot(scenario), links, Scenario.objects.count()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(("name", "method", "kind"), CASES)
def test_another_users_object_is_not_found(other_client, scenario, name, method, kind, htmx, hx):
    before = _stored(scenario)
    data = PAYLOAD[kind] if kind and method == "post" else DATA.get(name, {})
    response = getattr(other_client, method)(
        _url(name, scenario, kind), data, headers=hx if htmx else {}
    )
    assert response.status_code == 404
    assert _stored(scenario) == before


def _names(module, namespace: str, *, all_of_them: bool = False) -> set[str]:
    return {
        f"{namespace}:{pattern.name}"
        for pattern in module.urlpatterns
        if isinstance(pattern, URLPattern) and (all_of_them or "<int:pk>" in str(pattern.pattern))
    }


def test_every_view_of_a_scenario_is_checked():
    # Every sharing URL lies under /scenarios/<pk>/share/.
    wanted = _names(planning_urls, "planning") | _names(sharing_urls, "sharing", all_of_them=True)
    assert wanted == set(ROUTES)


@pytest.mark.parametrize(("name", "method", "kind"), CASES)
def test_the_owner_reaches_the_same_urls(owner_client, scenario, name, method, kind):
    # So the 404s above come from ownership, not from a wrong URL or bad data.
    data = PAYLOAD[kind] if kind and method == "post" else DATA.get(name, {})
    response = getattr(owner_client, method)(_url(name, scenario, kind), data)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("planning:settings", None),
        ("planning:reserve", None),
        ("planning:risks", None),
        ("planning:item_new", "costs"),
        ("planning:item_row", "incomes"),
        ("planning:item_edit", "costs"),
        ("planning:rename", None),
        ("planning:duplicate", None),
        ("planning:delete", None),
        ("planning:dashboard", None),
        ("planning:monthly_table", None),
        ("planning:decisions", None),
        ("planning:what_matters", None),
        ("planning:required_price", None),
    ],
)
def test_views_that_answer_htmx_differently_vary_on_it(owner_client, scenario, name, kind, hx):
    # A cache between browser and server must not hand a fragment to a full-page request.
    response = owner_client.get(_url(name, scenario, kind), headers=hx)
    assert "HX-Request" in response["Vary"]
