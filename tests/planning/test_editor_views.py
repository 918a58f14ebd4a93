"""The scenario page and its in-place editor: content, ownership, fragments, fallbacks, triggers."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecareer.planning import tables
from ecareer.planning.models import CostItem, ReserveTarget, Scenario
from tests.html import parse
from tests.planning.factories import (
    COST,
    INCOME,
    PAYLOAD,
    RESERVE,
    RISKS,
    SETTINGS,
    changed,
    make_cost,
    make_full_scenario,
    make_income,
    make_scenario,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(owner) -> Scenario:
    """The owner's scenario with one cost item and one income stream."""
    scenario = make_scenario(owner)
    make_cost(scenario)
    make_income(scenario)
    return scenario


def item_of(scenario, kind):
    return (scenario.costs if kind == "costs" else scenario.incomes).get()


# Every endpoint of the editor, as (method, path) for a scenario and its first items.
def endpoints(scenario):
    cost, income = scenario.costs.first(), scenario.incomes.first()
    base = f"/scenarios/{scenario.pk}"
    return [
        ("get", f"{base}/", None),
        ("get", f"{base}/settings/", None),
        ("post", f"{base}/settings/", SETTINGS),
        ("get", f"{base}/reserve/", None),
        ("post", f"{base}/reserve/", RESERVE),
        ("get", f"{base}/risks/", None),
        ("post", f"{base}/risks/", RISKS),
        ("get", f"{base}/costs/new/", None),
        ("post", f"{base}/costs/new/", COST),
        ("get", f"{base}/incomes/new/", None),
        ("post", f"{base}/incomes/new/", INCOME),
        ("get", f"{base}/costs/{cost.pk}/", None),
        ("get", f"{base}/incomes/{income.pk}/", None),
        ("get", f"{base}/costs/{cost.pk}/edit/", None),
        ("post", f"{base}/costs/{cost.pk}/edit/", COST),
        ("get", f"{base}/incomes/{income.pk}/edit/", None),
        ("post", f"{base}/incomes/{income.pk}/edit/", INCOME),
        ("post", f"{base}/costs/{cost.pk}/delete/", None),
        ("post", f"{base}/incomes/{income.pk}/delete/", None),
    ]


# --- the page -------------------------------------------------------------------------------


def test_page_shows_settings_items_reserve_and_risks(owner_client, owner):
    scenario = make_scenario(owner, name="Shop from home", notes="Try it", sick_days_per_year=10)
    # Monthly equivalents: 40 x 50 % = 20.00; 1200 yearly = 100.00; 90 quarterly = 30.00;
    # a one-off 900 counts 0.00. Total 150.00.
    full = {"share_pct": 100}
    make_cost(scenario, "Licence", category="software", amount=1200, frequency="yearly", **full)
    make_cost(scenario, "Phone share")
    make_cost(scenario, "Desk", category="equipment", amount=900, frequency="once", **full)
    make_cost(scenario, "Journal", category="journals", amount=90, frequency="quarterly", **full)
    make_cost(scenario, "Journal 2", category="journals", amount=0, share_pct=100)
    make_income(scenario, "Hotline")
    make_income(
        scenario, "Retainer", pricing="fixed", amount=Decimal(700), rate=None, quantity=None
    )

    response = owner_client.get(f"/scenarios/{scenario.pk}/")

    assert response.status_code == 200
    text = response.text
    assert "<h1" in text and "Shop from home" in text
    assert "Jan 2027" in text and "36 months" in text
    assert "€8,000.00" in text and "€1,400.00" in text and "25\u00a0%" in text and "EUR" in text
    assert "Try it" in text
    # Groups in the order of the category choices, each with its subtotal.
    groups = [th.text for th in parse(text).find_all("th", scope="rowgroup")]
    assert groups == ["Equipment", "Internet and phone", "Software", "Trade journals"]
    assert parse(text).by_id("costs-total").text == "€150.00"
    assert "€30.00" in text and "€100.00" in text and "€20.00" in text
    # Income pricing: rate x quantity, or the fixed amount.
    assert "€18.50 × 80 hours" in text  # no decimals on a whole count
    assert "€700.00" in text and "3 months" in text
    # Reserve and risks.
    assert "6 months of outgoings" in text and "the end of the plan" in text
    assert "Sick days per year</dt><dd>10</dd>" in text and "1,000" in text
    # The dashboard (KPIs and charts, filled by the dashboard partial) right after the settings.
    assert parse(text).by_id("dashboard").attrs["aria-labelledby"] == "dashboard-heading"
    assert text.index('id="settings"') < text.index('id="dashboard"') < text.index('id="costs"')


def test_page_uses_the_profile_currency(owner_client, owner, scenario):
    owner.profile.currency = "USD"
    owner.profile.save()
    response = owner_client.get(f"/scenarios/{scenario.pk}/")
    assert "US$8,000.00" in response.text or "$8,000.00" in response.text
    assert "USD" in response.text


def test_page_without_reserve_row(owner_client, owner):
    scenario = make_scenario(owner, reserve=False)
    response = owner_client.get(f"/scenarios/{scenario.pk}/")
    assert response.status_code == 200
    assert "No reserve target yet" in response.text


def test_page_renders_in_constant_queries(owner_client, owner, django_assert_max_num_queries):
    small = make_full_scenario(owner, costs=1, incomes=1, name="Small")
    large = make_full_scenario(owner, costs=50, incomes=20, name="Large")
    with CaptureQueriesContext(connection) as few:
        assert owner_client.get(f"/scenarios/{small.pk}/").status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = owner_client.get(f"/scenarios/{large.pk}/")
    assert response.status_code == 200
    assert response.text.count('class="row-actions"') == 70
    assert len(few.captured_queries) <= 9  # 9: the loans are one more query (v3)


def _cost_cells(html: str, item) -> list[str]:
    return [td.text for td in parse(html).by_id(f"costs-{item.pk}").find_all("td")]


def test_tables_follow_every_change_when_served_from_the_cache(owner_client, owner, scenario):
    """The cost and income tables are cached; each kind of change shows on the next view."""
    url = f"/scenarios/{scenario.pk}/"
    cost = item_of(scenario, "costs")
    first = owner_client.get(url).text

    def table(html):
        section = re.search(r'<section id="costs".*?</section>', html, re.S)[0]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", section)

    assert table(owner_client.get(url).text) == table(first)  # the cached table is the same
    assert _cost_cells(first, cost)[1] == "€40.00"

    CostItem.objects.filter(pk=cost.pk).update(amount=Decimal("950.00"))  # no timestamp changes
    assert _cost_cells(owner_client.get(url).text, cost)[1] == "€950.00"

    owner.profile.currency = "CHF"
    owner.profile.save()
    assert "950.00" in _cost_cells(owner_client.get(url).text, cost)[1]
    assert "CHF" in _cost_cells(owner_client.get(url).text, cost)[1]

    owner.profile.language = "de"
    owner.profile.save()
    assert _cost_cells(owner_client.get(url).text, cost)[1] == "950,00\u00a0CHF"

    make_cost(scenario, name="Second desk")
    assert "Second desk" in owner_client.get(url).text
    cost.delete()
    assert f'id="costs-{cost.pk}"' not in owner_client.get(url).text


def test_cached_tables_carry_the_viewers_own_csrf_token(owner, scenario):
    """No CSRF token is cached: a page served from the cache still deletes with its token."""
    from django.test import Client

    url = f"/scenarios/{scenario.pk}/"
    warm = Client()
    warm.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    warm.get(url)  # fills the cache in another session
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    page = browser.get(url).text
    assert "stand-in" not in page
    cost = item_of(scenario, "costs")
    form = parse(page).find("form", action=f"{url}costs/{cost.pk}/delete/")
    token = form.find("input", name="csrfmiddlewaretoken").attrs["value"]
    response = browser.post(f"{url}costs/{cost.pk}/delete/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not CostItem.objects.filter(pk=cost.pk).exists()


@pytest.mark.parametrize(
    "name",
    [
        tables.CSRF_STAND_IN,
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{tables.CSRF_STAND_IN}">',
    ],
)
def test_a_name_like_the_token_stand_in_shows_as_typed(owner_client, scenario, name):
    """The cached tables get their token in place of the stand-in, never inside user text."""
    cost = make_cost(scenario, name=name)
    url = f"/scenarios/{scenario.pk}/"
    owner_client.get(url)  # fills the cache
    doc = parse(owner_client.get(url).content)
    assert doc.by_id(f"costs-{cost.pk}").find("th").text == name
    tokens = {node.attrs["value"] for node in doc.find_all("input", name="csrfmiddlewaretoken")}
    assert tokens and tables.CSRF_STAND_IN not in tokens  # masked anew in each form


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(19))
def test_signed_out_is_sent_to_sign_in(client, scenario, index):
    method, path, data = endpoints(scenario)[index]
    before = snapshot(scenario)
    response = getattr(client, method)(path, data or {})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert snapshot(scenario) == before


def test_other_users_item_under_own_scenario_is_not_found(owner_client, owner, other, hx):
    mine = make_scenario(owner)
    theirs = make_scenario(other)
    their_cost = make_cost(theirs)
    base = f"/scenarios/{mine.pk}/costs/{their_cost.pk}"
    assert owner_client.get(f"{base}/edit/").status_code == 404
    assert owner_client.post(f"{base}/edit/", COST).status_code == 404
    assert owner_client.post(f"{base}/delete/", headers=hx).status_code == 404
    their_cost.refresh_from_db()
    assert their_cost.name == "Internet share"


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", "new/"),
        ("post", "new/"),
        ("get", "1/"),
        ("get", "1/edit/"),
        ("post", "1/edit/"),
        ("post", "1/delete/"),
    ],
)
@pytest.mark.parametrize("kind", ["savings", "Costs", "cost"])
def test_unknown_kind_is_404(owner_client, scenario, kind, method, suffix):
    before = snapshot(scenario)
    response = getattr(owner_client, method)(f"/scenarios/{scenario.pk}/{kind}/{suffix}", COST)
    assert response.status_code == 404
    assert snapshot(scenario) == before


def test_delete_and_row_refuse_wrong_methods(owner_client, scenario):
    cost = scenario.costs.get()
    assert owner_client.get(f"/scenarios/{scenario.pk}/costs/{cost.pk}/delete/").status_code == 405
    assert owner_client.post(f"/scenarios/{scenario.pk}/costs/{cost.pk}/").status_code == 405
    assert owner_client.post(f"/scenarios/{scenario.pk}/").status_code == 405


# --- settings, reserve, risks cards ------------------------------------------------------------

CARDS = [
    ("settings", SETTINGS, 'name="horizon_months"'),
    ("reserve", RESERVE, 'name="deadline"'),
    ("risks", RISKS, 'name="paths"'),
]


@pytest.mark.parametrize(("card", "data", "field"), CARDS)
def test_card_form_fragment_and_full_page(owner_client, scenario, card, data, field, hx):
    url = f"/scenarios/{scenario.pk}/{card}/"
    fragment = owner_client.get(url, headers=hx)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith(f'<section id="{card}"')
    assert field in fragment.text and "<html" not in fragment.text
    assert f'data-cancel-url="{url}?cancel=1"' in fragment.text
    assert not changed(fragment)

    page = owner_client.get(url)
    assert page.status_code == 200
    assert "<html" in page.text and field in page.text
    assert 'id="costs"' in page.text  # the rest of the page around the form


@pytest.mark.parametrize(("card", "data", "field"), CARDS)
def test_card_cancel(owner_client, scenario, card, data, field, hx):
    url = f"/scenarios/{scenario.pk}/{card}/?cancel=1"
    fragment = owner_client.get(url, headers=hx)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith(f'<section id="{card}"')
    assert field not in fragment.text
    response = owner_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#{card}"


def test_settings_save_in_place(owner_client, scenario, hx):
    response = owner_client.post(f"/scenarios/{scenario.pk}/settings/", SETTINGS, headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert response.text.lstrip().startswith('<section id="settings"')
    assert "Plan B" in response.text and "48 months" in response.text
    assert "-€500.50" in response.text and "Mar 2027" in response.text
    scenario.refresh_from_db()
    assert scenario.name == "Plan B"
    assert scenario.horizon_months == 48
    assert scenario.starting_balance == Decimal("-500.50")
    assert str(scenario.start_month) == "2027-03-01"
    assert scenario.notes == "Second try"


def test_settings_save_without_javascript_redirects(owner_client, scenario):
    response = owner_client.post(f"/scenarios/{scenario.pk}/settings/", SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#settings"
    scenario.refresh_from_db()
    assert scenario.tax_rate_pct == Decimal(30)


def test_reserve_save_in_place(owner_client, scenario, hx):
    response = owner_client.post(f"/scenarios/{scenario.pk}/reserve/", RESERVE, headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert "€5,000.00" in response.text and "Jun 2028" in response.text
    reserve = ReserveTarget.objects.get(scenario=scenario)
    assert reserve.kind == "amount"
    assert reserve.amount == Decimal(5000)
    assert str(reserve.deadline) == "2028-06-01"


@pytest.mark.parametrize("htmx", [False, True])
def test_reserve_created_on_save_when_missing(owner_client, owner, htmx, hx):
    scenario = make_scenario(owner, reserve=False)
    data = {"kind": "months", "months": "3", "amount": "", "deadline": ""}
    assert owner_client.get(f"/scenarios/{scenario.pk}/reserve/", headers=hx).status_code == 200
    assert not ReserveTarget.objects.exists()  # showing the form creates nothing
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/reserve/", data, headers=hx if htmx else {}
    )
    assert response.status_code == (200 if htmx else 302)
    reserve = ReserveTarget.objects.get(scenario=scenario)
    assert reserve.months == Decimal(3)
    assert reserve.deadline is None


def test_risks_save_in_place(owner_client, scenario, hx):
    response = owner_client.post(f"/scenarios/{scenario.pk}/risks/", RISKS, headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert response.text.lstrip().startswith('<section id="risks"')
    scenario.refresh_from_db()
    assert scenario.paths == 500
    assert scenario.drought_income_drop_pct == Decimal(50)


def test_risks_save_without_javascript_redirects(owner_client, scenario):
    response = owner_client.post(f"/scenarios/{scenario.pk}/risks/", RISKS)
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#risks"


@pytest.mark.parametrize(("card", "data", "field"), CARDS)
def test_card_invalid_post_is_422_without_trigger(owner_client, scenario, card, data, field, hx):
    before = snapshot(scenario)
    bad = {**data, field.split('"')[1]: "NaN"}
    fragment = owner_client.post(f"/scenarios/{scenario.pk}/{card}/", bad, headers=hx)
    assert fragment.status_code == 422
    assert not changed(fragment)
    assert 'aria-invalid="true"' in fragment.text and 'role="alert"' in fragment.text
    assert "<html" not in fragment.text
    page = owner_client.post(f"/scenarios/{scenario.pk}/{card}/", bad)
    assert page.status_code == 422
    assert "<html" in page.text and 'aria-invalid="true"' in page.text
    assert snapshot(scenario) == before


def test_invalid_settings_page_keeps_showing_stored_values(owner_client, scenario):
    bad = {**SETTINGS, "horizon_months": "0"}  # the rest valid, e.g. the name "Plan B"
    page = owner_client.post(f"/scenarios/{scenario.pk}/settings/", bad)
    assert page.status_code == 422
    assert "<title>Home office plan" in page.text


# --- items ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_new_item_form_row_fragment(owner_client, scenario, kind, hx):
    response = owner_client.get(f"/scenarios/{scenario.pk}/{kind}/new/", headers=hx)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="{kind}-new-row"')
    assert 'value="2027-01"' in response.text  # starts with the scenario by default
    assert f'id="{kind}-new-name"' in response.text
    assert f'data-cancel-url="/scenarios/{scenario.pk}/{kind}/new/?cancel=1"' in response.text
    assert not changed(response)


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_new_item_full_page_fallback(owner_client, scenario, kind):
    response = owner_client.get(f"/scenarios/{scenario.pk}/{kind}/new/")
    assert response.status_code == 200
    assert "<html" in response.text
    assert f'<tbody id="{kind}-new"><tr id="{kind}-new-row"' in re.sub(
        r">\s+<", "><", response.text
    )


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_new_item_cancel(owner_client, scenario, kind, hx):
    url = f"/scenarios/{scenario.pk}/{kind}/new/?cancel=1"
    fragment = owner_client.get(url, headers=hx)
    assert fragment.status_code == 200
    assert fragment.content == b""
    assert owner_client.get(url)["Location"] == f"/scenarios/{scenario.pk}/#{kind}"


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_create_item_in_place(owner_client, scenario, kind, hx):
    response = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/new/", PAYLOAD[kind], headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert response["hx-Retarget"] == f"#{kind}"
    assert response["hx-Reswap"] == "outerHTML"
    assert response.text.lstrip().startswith(f'<section id="{kind}"')
    created = (scenario.costs if kind == "costs" else scenario.incomes).latest("id")
    assert created.name == PAYLOAD[kind]["name"]
    assert f'id="{kind}-{created.pk}"' in response.text


def test_created_cost_lands_in_its_category_and_total(owner_client, scenario, hx):
    data = {**COST, "category": "software", "amount": "120", "frequency": "yearly"}
    response = owner_client.post(f"/scenarios/{scenario.pk}/costs/new/", data, headers=hx)
    groups = [th.text for th in parse(response.text).find_all("th", scope="rowgroup")]
    assert groups == ["Internet and phone", "Software"]
    assert parse(response.text).by_id("costs-total").text == "€30.00"  # 20.00 + 10.00


def test_created_income_saved_with_every_field(owner_client, scenario, hx):
    owner_client.post(f"/scenarios/{scenario.pk}/incomes/new/", INCOME, headers=hx)
    income = scenario.incomes.get(name="Articles")
    assert income.pricing == "per_unit"
    assert (income.rate, income.quantity, income.amount) == (Decimal(120), Decimal(4), None)
    assert str(income.end_month) == "2028-12-01"
    assert income.ramp_up_months == 3
    assert income.performance_based is True


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_create_item_without_javascript_redirects(owner_client, scenario, kind):
    response = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/new/", PAYLOAD[kind])
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#{kind}"
    assert (scenario.costs if kind == "costs" else scenario.incomes).count() == 2


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_row_fragment_and_fallback(owner_client, scenario, kind, hx):
    item = item_of(scenario, kind)
    url = f"/scenarios/{scenario.pk}/{kind}/{item.pk}/"
    fragment = owner_client.get(url, headers=hx)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith(f'<tr id="{kind}-{item.pk}">')
    assert f'hx-get="{url}edit/"' in fragment.text
    assert not changed(fragment)
    response = owner_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#{kind}-{item.pk}"


def test_cost_row_shows_monthly_equivalent(owner_client, scenario, hx):
    item = scenario.costs.get()
    fragment = owner_client.get(f"/scenarios/{scenario.pk}/costs/{item.pk}/", headers=hx)
    assert "€20.00" in fragment.text and "50\u00a0%" in fragment.text


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_edit_form_fragment_and_fallback(owner_client, scenario, kind, hx):
    item = item_of(scenario, kind)
    url = f"/scenarios/{scenario.pk}/{kind}/{item.pk}/edit/"
    fragment = owner_client.get(url, headers=hx)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith(f'<tr id="{kind}-{item.pk}" class="form-row"')
    assert f'data-cancel-url="/scenarios/{scenario.pk}/{kind}/{item.pk}/"' in fragment.text
    assert f'value="{item.name}"' in fragment.text
    page = owner_client.get(url)
    assert page.status_code == 200
    assert "<html" in page.text
    assert f'<tr id="{kind}-{item.pk}" class="form-row"' in page.text
    assert f'action="{url}"' in page.text


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_edit_saves_the_row_in_place(owner_client, scenario, kind, hx):
    item = item_of(scenario, kind)
    data = {**PAYLOAD[kind], "category": "internet_phone", "name": "Renamed"}
    url = f"/scenarios/{scenario.pk}/{kind}/{item.pk}/edit/"
    response = owner_client.post(url, data, headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert "hx-Retarget" not in response  # the form row itself becomes the display row
    assert response.text.lstrip().startswith(f'<tr id="{kind}-{item.pk}">')
    assert "Renamed" in response.text
    item.refresh_from_db()
    assert item.name == "Renamed"


def test_cost_edit_updates_subtotal_and_total_out_of_band(owner_client, scenario, hx):
    cost = scenario.costs.get()
    make_cost(scenario, "Mobile", amount=20)  # 10.00 a month, same category
    make_cost(
        scenario, "Laptop", category="equipment", amount=1200, frequency="yearly", share_pct=100
    )
    data = {**COST, "category": "internet_phone", "amount": "60", "frequency": "monthly"}
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/", data, headers=hx
    )
    text = response.text
    # 60 x 100 % = 60.00; the category 60.00 + 10.00; everything 70.00 + 100.00.
    doc = parse(text)
    assert doc.by_id(f"costs-{cost.pk}").find_all("td")[-2].text == "€60.00"  # per month
    subtotal = doc.by_id("costs-subtotal-internet_phone")
    total = doc.by_id("costs-total")
    assert (subtotal.text, subtotal.attrs["hx-swap-oob"]) == ("€70.00", "true")
    assert (total.text, total.attrs["hx-swap-oob"]) == ("€170.00", "true")
    assert "Laptop" not in text  # only what changed


def test_cost_edit_moving_category_moves_the_row(owner_client, scenario, hx):
    cost = scenario.costs.get()
    make_cost(
        scenario, "Laptop", category="equipment", amount=1200, frequency="yearly", share_pct=100
    )
    data = {**COST, "name": "Phone", "category": "other", "amount": "60", "frequency": "monthly"}
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/", data, headers=hx
    )
    text = response.text
    groups = [th.text for th in parse(text).find_all("th", scope="rowgroup")]
    assert groups == ["Equipment", "Other"]
    assert text.index(">Other<") < text.index(f'id="costs-{cost.pk}"')
    assert parse(text).by_id("costs-total").text == "€160.00"  # 100.00 + 60.00


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_edit_without_javascript_redirects(owner_client, scenario, kind):
    item = item_of(scenario, kind)
    url = f"/scenarios/{scenario.pk}/{kind}/{item.pk}/edit/"
    response = owner_client.post(url, {**PAYLOAD[kind], "name": "No JS"})
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#{kind}"
    item.refresh_from_db()
    assert item.name == "No JS"


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_delete_in_place(owner_client, scenario, kind, hx):
    item = item_of(scenario, kind)
    response = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/{item.pk}/delete/", headers=hx)
    assert response.status_code == 200
    assert changed(response)
    assert response.text.lstrip().startswith(f'<section id="{kind}"')
    assert f'id="{kind}-{item.pk}"' not in response.text
    assert not type(item).objects.filter(pk=item.pk).exists()


def test_deleting_the_last_cost_shows_an_empty_table(owner_client, scenario, hx):
    cost = scenario.costs.get()
    response = owner_client.post(f"/scenarios/{scenario.pk}/costs/{cost.pk}/delete/", headers=hx)
    assert "No cost items yet." in response.text
    assert parse(response.text).by_id("costs-total").text == "€0.00"


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_delete_without_javascript_redirects(owner_client, scenario, kind):
    item = item_of(scenario, kind)
    response = owner_client.post(f"/scenarios/{scenario.pk}/{kind}/{item.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#{kind}"
    assert not type(item).objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", ["costs", "incomes"])
def test_item_invalid_post_is_422_without_trigger(owner_client, scenario, kind, hx):
    item = item_of(scenario, kind)
    before = snapshot(scenario)
    bad = {**PAYLOAD[kind], "name": ""}
    for url in (
        f"/scenarios/{scenario.pk}/{kind}/{item.pk}/edit/",
        f"/scenarios/{scenario.pk}/{kind}/new/",
    ):
        fragment = owner_client.post(url, bad, headers=hx)
        assert fragment.status_code == 422
        assert not changed(fragment)
        assert fragment.text.lstrip().startswith(f'<tr id="{kind}-')
        assert "This field is required." in fragment.text
        page = owner_client.post(url, bad)
        assert page.status_code == 422
        assert "<html" in page.text and "This field is required." in page.text
    assert snapshot(scenario) == before


def test_page_loads_htmx_config_that_swaps_422(owner_client, scenario):
    text = owner_client.get(f"/scenarios/{scenario.pk}/").text
    assert '{"code": "422", "swap": true}' in text
    assert '"allowEval": false' in text
    assert "js/ecareer.js" in text


def focused(html: str) -> list[str]:
    """The names of the fields that take the cursor."""
    return [node.attrs.get("name") for node in parse(html).iter() if "autofocus" in node.attrs]


def test_form_fragments_focus_the_first_field_or_the_first_error(owner_client, scenario, hx):
    cost = scenario.costs.get()
    url = f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/"
    fragment = owner_client.get(url, headers=hx).text
    assert focused(fragment) == ["name"]
    invalid = owner_client.post(url, {**COST, "amount": "NaN"}, headers=hx).text
    assert focused(invalid) == ["amount"]
    settings = owner_client.get(f"/scenarios/{scenario.pk}/settings/", headers=hx).text
    assert focused(settings) == ["name"]
