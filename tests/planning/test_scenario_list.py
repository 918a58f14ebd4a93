"""The scenario list and whole-scenario actions: new, rename, copy, delete, import, export."""

import dataclasses
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from ecareer.planning.models import CostItem, IncomeStream, ReserveTarget, Scenario
from ecareer.projection import scenario_file
from ecareer.starters import STARTERS, starter_text
from tests.strategies import v2_scenarios

pytestmark = pytest.mark.django_db


def make(user, name="Plan", **fields) -> Scenario:
    """A scenario created through the same path as a starter template."""
    scenario = Scenario.objects.create(
        user=user, name=name, start_month="2027-01-01", horizon_months=12, **fields
    )
    ReserveTarget.objects.create(scenario=scenario, kind="amount", amount=Decimal(0))
    return scenario


# --- list -------------------------------------------------------------------------------


def test_list_requires_signin(client):
    response = client.get("/scenarios/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_new_account_is_offered_the_starters(owner_client):
    response = owner_client.get("/scenarios/")
    assert response.status_code == 200
    assert "You have no scenario yet" in response.text
    for starter in STARTERS:
        assert f'value="{starter.slug}"' in response.text
        assert str(starter.title) in response.text


def test_list_shows_only_own_scenarios_with_headline_figures(owner_client, owner, other):
    # 1000 starting balance, 600 living costs a month, nothing else, 12 months:
    # balance 400 after month 0, -200 after month 1 -> money runs out in 2027-02;
    # final balance 1000 - 12 x 600 = -6200.
    make(owner, "Mine", starting_balance=Decimal(1000), living_monthly=Decimal(600))
    make(other, "Theirs")
    response = owner_client.get("/scenarios/")
    assert "Mine" in response.text
    assert "Theirs" not in response.text
    assert "-€6,200.00" in response.text
    assert "Feb 2027" in response.text


@pytest.mark.parametrize(
    ("language", "never"), [("en", "never within the horizon"), ("de", "nie im Planungszeitraum")]
)
def test_the_list_says_when_the_reserve_is_never_reached_as_the_cards_do(
    owner_client, owner, language, never
):
    # 1,000 starting balance, 600 living costs a month, no income: the balance only falls, so a
    # 50,000 reserve is never reached within the 12 months.
    owner.profile.language = language
    owner.profile.save()
    scenario = make(owner, "Short", starting_balance=Decimal(1000), living_monthly=Decimal(600))
    ReserveTarget.objects.filter(scenario=scenario).update(amount=Decimal(50000))
    response = owner_client.get("/scenarios/")
    assert never in response.text
    assert "not within the plan" not in response.text
    assert "nicht innerhalb des Plans" not in response.text


# --- new --------------------------------------------------------------------------------


@pytest.mark.parametrize("starter", [s.slug for s in STARTERS])
def test_new_from_starter(owner_client, owner, starter):
    response = owner_client.post("/scenarios/new/", {"template": starter})
    scenario = Scenario.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/"
    expected = scenario_file.loads(starter_text(starter))
    assert scenario.name == expected.name
    assert scenario.costs.count() == len(expected.costs)
    assert scenario.incomes.count() == len(expected.incomes)


def test_new_blank_with_name(owner_client, owner):
    response = owner_client.post("/scenarios/new/", {"template": "blank", "name": "Side shop"})
    assert response.status_code == 302
    scenario = Scenario.objects.get(user=owner)
    assert scenario.name == "Side shop"
    assert scenario.costs.count() == scenario.incomes.count() == 0
    assert scenario.reserve.kind == "months"


def test_new_blank_scenarios_get_different_seeds(owner_client, owner):
    for _ in range(3):
        owner_client.post("/scenarios/new/", {"template": "blank"})
    assert len(set(Scenario.objects.values_list("seed", flat=True))) == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [({"template": "nope"}, "template"), ({"template": "blank", "name": "x" * 121}, "name")],
)
def test_new_bad_input(owner_client, data, field):
    response = owner_client.post("/scenarios/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Scenario.objects.exists()


def test_new_get_shows_form(owner_client):
    response = owner_client.get("/scenarios/new/")
    assert response.status_code == 200
    assert 'name="template"' in response.text


# --- rename -----------------------------------------------------------------------------


def test_rename_htmx_returns_name_cell(owner_client, owner, hx):
    scenario = make(owner)
    form = owner_client.get(f"/scenarios/{scenario.pk}/rename/", headers=hx)
    assert form.status_code == 200
    assert f'id="scenario-{scenario.pk}-name"' in form.text
    assert "<form" in form.text and "<html" not in form.text
    response = owner_client.post(f"/scenarios/{scenario.pk}/rename/", {"name": "New"}, headers=hx)
    assert response.status_code == 200
    assert ">New</a>" in response.text
    scenario.refresh_from_db()
    assert scenario.name == "New"


def test_rename_cancel_restores_cell(owner_client, owner, hx):
    scenario = make(owner, "Keep")
    response = owner_client.get(f"/scenarios/{scenario.pk}/rename/?cancel=1", headers=hx)
    assert ">Keep</a>" in response.text
    assert "<form" not in response.text


def test_rename_without_js_redirects(owner_client, owner):
    scenario = make(owner)
    assert owner_client.get(f"/scenarios/{scenario.pk}/rename/").status_code == 200
    response = owner_client.post(f"/scenarios/{scenario.pk}/rename/", {"name": "Renamed"})
    assert response.status_code == 302
    assert Scenario.objects.get().name == "Renamed"


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_rename_bad_name(owner_client, owner, name, hx):
    scenario = make(owner, "Keep")
    response = owner_client.post(f"/scenarios/{scenario.pk}/rename/", {"name": name}, headers=hx)
    assert response.status_code == 422
    assert 'class="errorlist' in response.text
    assert Scenario.objects.get().name == "Keep"


# --- duplicate --------------------------------------------------------------------------


def test_duplicate_copies_everything(owner_client, owner):
    owner_client.post("/scenarios/new/", {"template": STARTERS[0].slug})
    source = Scenario.objects.get()
    form = owner_client.get(f"/scenarios/{source.pk}/duplicate/")
    assert f"Copy of {source.name}" in form.text
    response = owner_client.post(f"/scenarios/{source.pk}/duplicate/", {"name": "B"})
    copy = Scenario.objects.get(name="B")
    assert response["Location"] == f"/scenarios/{copy.pk}/"
    export_a = owner_client.get(f"/scenarios/{source.pk}/export.json").json()
    export_b = owner_client.get(f"/scenarios/{copy.pk}/export.json").json()
    assert export_a.pop("name") != export_b.pop("name")
    assert export_a == export_b


def test_duplicate_htmx_redirects_client(owner_client, owner, hx):
    scenario = make(owner)
    response = owner_client.post(f"/scenarios/{scenario.pk}/duplicate/", {"name": "C"}, headers=hx)
    assert response.status_code == 200
    assert response["hx-Redirect"] == Scenario.objects.get(name="C").get_absolute_url()


def test_duplicate_bad_name(owner_client, owner):
    scenario = make(owner)
    response = owner_client.post(f"/scenarios/{scenario.pk}/duplicate/", {"name": ""})
    assert response.status_code == 422
    assert Scenario.objects.count() == 1


# --- delete -----------------------------------------------------------------------------


def test_delete_asks_first_then_deletes(owner_client, owner):
    scenario = make(owner, "Doomed")
    CostItem.objects.create(
        scenario=scenario, name="Desk", amount=1, start_month="2027-01-01", frequency="once"
    )
    confirm = owner_client.get(f"/scenarios/{scenario.pk}/delete/")
    assert confirm.status_code == 200
    assert "Delete “Doomed”?" in confirm.text
    assert Scenario.objects.exists()
    response = owner_client.post(f"/scenarios/{scenario.pk}/delete/")
    assert response.status_code == 302
    assert not Scenario.objects.exists()
    assert not CostItem.objects.exists()


# --- ownership --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["rename/", "duplicate/", "delete/", "export.json"])
def test_signed_out_is_sent_to_signin(client, owner, path):
    scenario = make(owner)
    response = client.get(f"/scenarios/{scenario.pk}/{path}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- import / export --------------------------------------------------------------------


def upload(client, text: str | bytes, name="plan.json"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = text.encode() if isinstance(text, str) else text
    return client.post("/scenarios/import/", {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("starter", [s.slug for s in STARTERS])
def test_starter_import_export_round_trip(owner_client, owner, starter):
    response = upload(owner_client, starter_text(starter))
    assert response.status_code == 302
    scenario = Scenario.objects.get(user=owner)
    exported = owner_client.get(f"/scenarios/{scenario.pk}/export.json")
    assert exported["Content-Type"].startswith("application/json")
    assert "attachment" in exported["Content-Disposition"]
    assert scenario_file.from_dict(exported.json()) == scenario_file.loads(starter_text(starter))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(horizon_months=601), "horizon_months"),
        (lambda d: d["costs"][0].update(amount="-1"), "costs[0].amount"),
        (lambda d: d["costs"][0].update(amount="NaN"), "costs[0].amount"),
        (lambda d: d.update(format="other/1"), "format"),
        (lambda d: d.update(name="x" * 121), "name"),
        (lambda d: d.update(currency="ZZZ"), "currency: is not an ISO 4217 currency code"),
    ],
)
def test_import_bad_file_saves_nothing_and_names_the_field(owner_client, mutate, message):
    data = json.loads(starter_text(STARTERS[0].slug))
    mutate(data)
    response = upload(owner_client, json.dumps(data))
    assert response.status_code == 422
    assert "This file can&#x27;t be imported" in response.text
    assert message in response.text
    assert not Scenario.objects.exists()
    assert not CostItem.objects.exists() and not IncomeStream.objects.exists()


def test_import_of_a_v2_file_keeps_everything_and_exports_it_back(owner_client, owner):
    # A German shop: regime de with every setting off its default, goods at 40 % of the shop's
    # sales, fees at 3 % of all income, 7 % VAT, prices that include VAT.
    data = json.loads(starter_text(STARTERS[0].slug))
    data["format"] = "ecareer.scenario/2"
    for key in ("long_illness_chance_pct", "long_illness_months", "private_sick_pay_daily"):
        data["risks"].pop(key)  # v3's (the starters are v3 files)
    data["risks"].pop("private_sick_pay_from_day")
    data["tax"] = {
        "regime": "de", "trade": True, "trade_tax_multiplier_pct": "435",
        "church_tax_pct": "8", "health_insurance": "other", "sick_pay": False,
        "health_extra_pct": "2.5", "care_pct": "4.2", "prepayments": "estimate",
        "assessment_delay_months": 14, "vat": "registered",
    }  # fmt: skip
    shop = data["incomes"][0]["name"]
    data["incomes"][0].update(vat_rate_pct="7", prices_include_vat=True)
    monthly = {"basis": "income_share", "frequency": "monthly", "annual_increase_pct": "0"}
    data["costs"][0].update(monthly, category="goods", income=shop, amount="40", vat_rate_pct="7")
    data["costs"][1].update(monthly, category="fees", income=None, amount="3", vat_rate_pct="0")
    response = upload(owner_client, json.dumps(data))
    assert response.status_code == 302, response.text[:2000]
    scenario = Scenario.objects.get(user=owner)
    assert scenario.tax_regime == "de" and scenario.trade_tax_multiplier_pct == Decimal(435)
    assert scenario.costs.get(category="goods").income.name == shop
    exported = owner_client.get(f"/scenarios/{scenario.pk}/export.json").json()
    assert exported["format"] == "ecareer.scenario/3"  # the app writes v3
    assert scenario_file.from_dict(exported) == scenario_file.from_dict(data)


@pytest.mark.parametrize("content", [b"not json", b"\xff\xfe\x00", b"[]", b""])
def test_import_garbage_is_a_message_not_a_500(owner_client, content):
    response = upload(owner_client, content)
    assert response.status_code == 422
    assert 'class="errorlist' in response.text
    assert not Scenario.objects.exists()


def test_import_requires_post(owner_client):
    assert owner_client.get("/scenarios/import/").status_code == 405


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=v2_scenarios())
def test_random_scenarios_survive_import_then_export(owner_client, owner, data, settings):
    settings.IMPORT_RATE_LIMIT = "1000/m"  # 25 examples in one test, by one user
    data = dataclasses.replace(data, currency="EUR")  # the export shows the profile's currency
    response = upload(owner_client, scenario_file.dumps(data))
    if response.status_code == 422:  # inside the limits, decades of 100 % growth can overflow
        assert "grow too large to project" in response.text
        assert not Scenario.objects.exists()
        return
    assert response.status_code == 302, response.content[:500]
    scenario = Scenario.objects.get(user=owner)
    exported = owner_client.get(f"/scenarios/{scenario.pk}/export.json").json()
    scenario.delete()
    assert scenario_file.from_dict(exported) == data


def test_list_links_to_compare_when_there_are_two_scenarios(owner_client, owner):
    make(owner, "One")
    assert 'href="/scenarios/compare/"' not in owner_client.get("/scenarios/").text
    make(owner, "Two")
    assert 'href="/scenarios/compare/"' in owner_client.get("/scenarios/").text


def test_import_refuses_a_key_given_twice_in_german(owner_client, owner):
    owner.profile.language = "de"
    owner.profile.save()
    text = starter_text(STARTERS[0].slug).replace('"name":', '"name": "first", "name":', 1)
    response = upload(owner_client, text)
    assert response.status_code == 422
    assert "file: enthält den Schlüssel &quot;name&quot; zweimal in einem Objekt" in response.text
    assert not Scenario.objects.exists()


@pytest.mark.parametrize(
    ("language", "heading", "message"),
    [
        ("en", "The scenario file was not imported", "This file can't be imported: "),
        (
            "de",
            "Die Szenariodatei wurde nicht importiert",
            "Diese Datei lässt sich nicht importieren: ",
        ),
    ],
)
def test_a_failed_import_is_summed_up_at_the_top_linking_to_the_field(
    owner_client, owner, language, heading, message
):
    from tests.html import parse

    owner.profile.language = language
    owner.profile.save()
    response = upload(owner_client, b"not json")
    assert response.status_code == 422
    doc = parse(response.text)
    summary = doc.by_id("import-errors")
    # Announced and focused on load (no script needed), named by its heading.
    assert summary.attrs["role"] == "alert"
    assert summary.attrs["tabindex"] == "-1" and "autofocus" in summary.attrs
    assert doc.by_id(summary.attrs["aria-labelledby"]).text == heading
    # Right under the page's heading, before the list, the starters and the form itself.
    main = doc.by_id("main")
    order = [node.attrs.get("id") or node.tag for node in main.iter()]
    assert order.index("h1") < order.index("import-errors") < order.index("import-heading")
    # Its one message links to the file field, which shows the same message at itself.
    (link,) = summary.find_all("a")
    assert link.text.startswith(message)
    field = doc.by_id(link.attrs["href"].removeprefix("#"))
    assert field.tag == "input" and field.attrs["type"] == "file"
    assert field.attrs["aria-invalid"] == "true"
    errors = doc.by_id(field.attrs["aria-describedby"].split()[0])
    assert errors.text == link.text
    # One alert only: the field's own message is not a second one.
    assert len(doc.find_all(role="alert")) == 1
    assert "{#" not in response.text


def test_the_list_has_no_error_summary_without_a_failed_import(owner_client):
    assert 'id="import-errors"' not in owner_client.get("/scenarios/").text
