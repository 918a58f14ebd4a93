"""Pages in German and English: numbers, amounts and months for the language; the language
comes from the profile, or for visitors from the browser and the footer switch."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ecareer.planning import file_errors
from ecareer.planning.models import Scenario
from ecareer.projection import limits, scenario_file
from ecareer.projection.model import Category
from ecareer.sharing.models import ShareLink
from ecareer.starters import NAMES_DE, STARTERS, load_starter, starter_text
from tests.planning.factories import make_cost, make_income, make_scenario

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def speaks(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


@pytest.fixture
def german_owner(owner):
    speaks(owner, "de")
    return owner


# --- numbers, amounts, months -------------------------------------------------------------


def test_scenario_list_in_german_numbers_and_months(owner_client, german_owner):
    # One month, nothing but the starting balance: the final balance is the starting balance.
    make_scenario(
        german_owner,
        "Klein",
        starting_balance=Decimal("1234.56"),
        horizon_months=1,
        living_monthly=Decimal(0),
        reserve=False,
    )
    # 1000 start, 600 a month: runs out in the second month (February 2027), ends at -6,200.
    make_scenario(
        german_owner,
        "Knapp",
        starting_balance=Decimal(1000),
        living_monthly=Decimal(600),
        horizon_months=12,
    )
    html = owner_client.get("/scenarios/").text
    assert '<html lang="de">' in html
    assert "Ihre Szenarien" in html
    assert "1.234,56\xa0€" in html
    assert "-6.200,00\xa0€" in html
    assert "Feb. 2027" in html
    assert "€1,234.56" not in html


def test_scenario_list_in_english_for_comparison(owner_client, owner):
    make_scenario(
        owner,
        "Small",
        starting_balance=Decimal("1234.56"),
        horizon_months=1,
        living_monthly=Decimal(0),
        reserve=False,
    )
    html = owner_client.get("/scenarios/").text
    assert "€1,234.56" in html
    assert "Your scenarios" in html


def test_scenario_page_in_german(owner_client, german_owner):
    scenario = make_scenario(german_owner, "Laden", starting_balance=Decimal("12345.67"))
    make_cost(scenario, "Miete", category=Category.ROOM, amount=Decimal("1234.50"))
    make_income(scenario, "Stunden")
    html = owner_client.get(scenario.get_absolute_url()).text
    assert "Kostenposten" in html and "Einnahmequellen" in html
    assert "12.345,67\xa0€" in html
    assert "Jan. 2027" in html
    # The dashboard's charts: German separators and month names for plotly.js.
    assert '"separators": ",."' in html or "&quot;separators&quot;: &quot;,.&quot;" in html
    assert "Januar" in html


def test_share_link_dates_follow_the_language(owner_client, german_owner):
    scenario = make_scenario(german_owner)
    ShareLink.objects.create(scenario=scenario, label="Bank")
    html = owner_client.get(scenario.get_absolute_url()).text
    # Django's SHORT_DATE_FORMAT of German: dd.mm.yyyy.
    assert re.search(r"<td>\d{2}\.\d{2}\.\d{4}</td>", html)


def test_shared_report_in_the_visitors_language(client, owner):
    scenario = make_scenario(owner, starting_balance=Decimal("12345.67"))
    link = ShareLink.objects.create(scenario=scenario)
    german = client.get(link.get_absolute_url(), **GERMAN).text
    assert "12.345,67\xa0€" in german
    assert "Jan. 2027" in german
    english = client.get(link.get_absolute_url(), **ENGLISH).text
    assert "€12,345.67" in english


# --- downloads stay machine-readable ------------------------------------------------------


def test_csv_and_json_export_are_the_same_in_every_language(owner_client, owner):
    scenario = make_scenario(owner, starting_balance=Decimal("12345.67"))
    make_cost(scenario, amount=Decimal("1234.50"))
    make_income(scenario)
    csv_url = reverse("planning:projection_csv", args=[scenario.pk])
    json_url = reverse("planning:export", args=[scenario.pk])
    english = owner_client.get(csv_url).content, owner_client.get(json_url).content
    speaks(owner, "de")
    german = owner_client.get(csv_url).content, owner_client.get(json_url).content
    assert german == english

    rows = list(csv.reader(io.StringIO(german[0].decode())))
    assert rows[0][:8] == [
        "month",
        "income",
        "business_costs",
        "taxes",
        "living_costs",
        "net_cash_flow",
        "balance",
        "reserve_target",
    ]
    assert rows[1][0] == "2027-01"
    for cell in rows[1][1:8]:
        assert re.fullmatch(r"-?\d+\.\d{2}", cell), cell
    data = json.loads(german[1])
    assert data["start"] == "2027-01"
    assert data["starting_balance"] == "12345.67"
    assert data["costs"][0]["amount"] == "1234.50"


# --- which language -----------------------------------------------------------------------


def test_visitor_gets_the_browsers_language(client):
    assert "Vom Homeoffice aus" in client.get("/", **GERMAN).text
    assert "Make a living from your home office" in client.get("/", **ENGLISH).text


def test_footer_switch_changes_the_page_for_a_visitor(client):
    page = client.get("/", **ENGLISH).text
    assert 'action="/i18n/setlang/"' in page and 'name="language"' in page
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/"}, **ENGLISH)
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = client.get("/", **ENGLISH).text  # the cookie wins over the browser
    assert '<html lang="de">' in page
    assert "Vom Homeoffice aus" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Make a living from your home office" in client.get("/", **GERMAN).text


def test_profile_language_overrides_the_browser(owner_client, owner):
    speaks(owner, "de")
    assert "Ihre Szenarien" in owner_client.get("/scenarios/", **ENGLISH).text
    speaks(owner, "en")
    assert "Your scenarios" in owner_client.get("/scenarios/", **GERMAN).text


def test_footer_switch_changes_a_signed_in_users_profile(owner_client, owner):
    speaks(owner, "en")
    response = owner_client.post("/i18n/setlang/", {"language": "de", "next": "/scenarios/"})
    assert response.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.language == "de"
    assert "Ihre Szenarien" in owner_client.get("/scenarios/").text
    owner_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # not offered
    owner.profile.refresh_from_db()
    assert owner.profile.language == "de"


def test_profile_language_overrides_the_language_cookie(owner_client, owner):
    owner_client.post("/i18n/setlang/", {"language": "de", "next": "/"})  # cookie and profile
    speaks(owner, "en")  # changed on the profile page, e.g. in another browser
    assert "Your scenarios" in owner_client.get("/scenarios/").text


# --- starters and scenario-file errors ----------------------------------------------------


def test_every_name_in_the_starter_files_has_a_german_name():
    for starter in STARTERS:
        data = json.loads(starter_text(starter.slug))
        names = [data["name"], data["notes"]]
        names += [item["name"] for item in data["costs"] + data["incomes"]]
        assert [name for name in names if name not in NAMES_DE] == [], starter.slug


@pytest.mark.parametrize("slug", [s.slug for s in STARTERS])
def test_german_starter_is_the_same_plan_with_german_names(slug):
    english, german = load_starter(slug), load_starter(slug, "de")
    assert german.name == NAMES_DE[english.name]
    assert [c.name for c in german.costs] == [NAMES_DE[c.name] for c in english.costs]
    assert [c.amount for c in german.costs] == [c.amount for c in english.costs]
    assert scenario_file.from_dict(scenario_file.to_dict(german)) == german


def test_new_scenario_from_a_starter_in_german(owner_client, german_owner):
    response = owner_client.post("/scenarios/new/", {"template": "online_shop"})
    assert response.status_code == 302
    scenario = Scenario.objects.get(user=german_owner)
    assert scenario.name == "Onlineshop von zu Hause"
    assert "Wareneinkauf" in set(scenario.costs.values_list("name", flat=True))
    html = owner_client.get("/scenarios/").text
    assert "Onlineshop von zu Hause" in html
    assert "Szenario „Onlineshop von zu Hause“ angelegt." in html


def test_import_error_line_in_german_keeps_the_field_path(owner_client, german_owner):
    data = scenario_file.to_dict(load_starter("online_shop"))
    data["costs"][0]["amount"] = "-5"
    upload = SimpleUploadedFile("plan.json", json.dumps(data).encode(), "application/json")
    response = owner_client.post("/scenarios/import/", {"file": upload})
    assert response.status_code == 422
    assert (
        "Diese Datei lässt sich nicht importieren: costs[0].amount: muss eine Zahl zwischen "
        "0 und 1000000000 sein" in response.text
    )


def messages_of_every_kind() -> list[str]:
    """One message of each template the planning package writes."""
    problems = []

    def collect(call, *args):
        try:
            call(*args)
        except limits.FieldError as error:
            problems.append(error.message)

    collect(limits.check_decimal, "x", "f", *limits.MONEY)
    collect(limits.check_decimal, "1.234", "f", *limits.MONEY)
    collect(limits.check_int, "x", "f", *limits.HORIZON_MONTHS)
    collect(limits.check_bool, "x", "f")
    collect(limits.check_name, 5, "f")
    collect(limits.check_name, " ", "f")
    collect(limits.check_name, "x" * 121, "f")
    collect(limits.check_text, 5, "f")
    collect(limits.check_text, "\x00", "f")
    collect(limits.check_month, "2027-13", "f")
    collect(limits.check_month, "1800-01", "f")
    collect(limits.check_choice, "x", "f", Category)
    collect(limits.check_currency, "eur", "f")
    collect(limits.check_item_count, 201, "f")
    collect(
        limits.check_not_before,
        limits.check_month("2027-01", "s"),
        limits.check_month("2027-02", "s"),
        "f",
    )
    for text in [
        "[]",
        '{"format": "x"}',
        "{",
        b"\xff",
        "1" * 5000,
        "[" * 100_000,
        '{"format": "ecareer.scenario/1"}',
        '{"format": "ecareer.scenario/1", "format": "ecareer.scenario/1"}',
    ]:
        collect(scenario_file.loads, text)
    data = scenario_file.to_dict(load_starter("online_shop"))
    collect(scenario_file.from_dict, {**data, "extra": 1})
    collect(scenario_file.from_dict, {**data, "costs": {}})
    collect(scenario_file.from_dict, {**data, "living_costs": []})
    # v2: costs that follow an income stream
    fixed = data["costs"][0]
    share = {**fixed, "basis": "income_share", "frequency": "monthly", "annual_increase_pct": "0"}
    share["amount"] = "10"
    named = data["incomes"][0]["name"]
    for cost in (
        {**fixed, "income": named},
        {**share, "income": 3},
        {**share, "income": "nobody"},
        {**share, "frequency": "yearly"},
        {**share, "annual_increase_pct": "2"},
    ):
        collect(scenario_file.from_dict, {**data, "costs": [cost]})
    twice = [data["incomes"][0], data["incomes"][0]]
    collect(
        scenario_file.from_dict, {**data, "incomes": twice, "costs": [{**share, "income": named}]}
    )
    collect(scenario_file.from_dict, {**data, "currency": "ZZZ"})
    return problems


def test_every_scenario_file_message_has_a_german_translation():
    problems = messages_of_every_kind()
    assert len(problems) >= 22
    with translation.override("de"):
        untranslated = [m for m in problems if file_errors.translated_message(m) == m]
    assert untranslated == []
    # Every template of the module is met by one of the messages above.
    used = {
        template
        for pattern, template in file_errors._COMPILED
        for message in problems
        if pattern.fullmatch(message)
    }
    assert used == {template for _, template in file_errors.TEMPLATES}


@pytest.mark.parametrize(
    ("typed", "saved"), [("99,50", "99.50"), ("1.900", "1900.00"), ("1200", "1200.00")]
)
def test_german_forms_read_and_show_a_decimal_comma(german_owner, owner_client, hx, typed, saved):
    scenario = make_scenario(german_owner)
    cost = make_cost(scenario, amount=Decimal("12.50"))
    url = reverse("planning:item_edit", args=[scenario.pk, "costs", cost.pk])
    form = owner_client.get(url, headers=hx).content.decode()
    assert re.search(r'name="amount" value="12,50"', form)
    data = {
        "name": "Internet",
        "category": "internet_phone",
        "amount": typed,
        "frequency": "monthly",
        "start_month": "2027-01",
        "end_month": "",
        "annual_increase_pct": "2,5",
        "share_pct": "50",
        "version": "1",  # the form shown above was made from the new item's version
    }
    response = owner_client.post(url, data, headers=hx)
    assert response.status_code == 200
    cost.refresh_from_db()
    assert (str(cost.amount), str(cost.annual_increase_pct)) == (saved, "2.50")


def _german_settings(starting_balance: str) -> dict:
    return {
        "name": "Plan",
        "start_month": "2027-01",
        "horizon_months": "36",
        "starting_balance": starting_balance,
        "living_monthly": "1400",
        "living_increase_pct": "0",
        "tax_rate_pct": "25",
        "notes": "",
        "version": "1",  # a new scenario's version: the form was made from it
    }


def test_german_forms_take_thousands_points_as_the_app_prints_them(german_owner, owner_client, hx):
    # Issue 15: the app prints 1.234,50 €, so "1.234,50" is read as 1234.50.
    scenario = make_scenario(german_owner)
    url = reverse("planning:settings", args=[scenario.pk])
    response = owner_client.post(url, _german_settings("1.234,50"), headers=hx)
    assert response.status_code == 200
    scenario.refresh_from_db()
    assert scenario.starting_balance == Decimal("1234.50")


def test_german_forms_refuse_a_misplaced_thousands_point_with_a_message(
    german_owner, owner_client, hx
):
    scenario = make_scenario(german_owner)
    url = reverse("planning:settings", args=[scenario.pk])
    response = owner_client.post(url, _german_settings("1.23,50"), headers=hx)
    assert response.status_code == 422
    assert "Bitte eine Zahl eingeben." in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.starting_balance == Decimal("8000.00")


def test_not_found_page_in_the_users_language(owner_client, owner):
    response = owner_client.get("/scenarios/999999/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert 'href="/scenarios/"' in response.text
    speaks(owner, "de")
    response = owner_client.get("/scenarios/999999/")
    assert response.status_code == 404
    assert "<h1>Seite nicht gefunden</h1>" in response.text
