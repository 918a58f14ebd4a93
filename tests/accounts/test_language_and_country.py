"""Issue 25, a founder's first hour: their language from sign-up on, a switch in the header, and
plans that count the taxes of where they pay them (not of the language they read)."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from ecareer.accounts.models import Profile, User
from ecareer.planning.models import Scenario
from ecareer.projection import scenario_file
from ecareer.starters import FLAT_NOTES, NAMES_DE, STARTERS, load_starter, starter_text
from tests.html import parse

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
PASSWORD = "a long and unusual passphrase 25"
SLUGS = [starter.slug for starter in STARTERS]


def sign_up(browser_language: dict, email: str) -> Client:
    client = Client(**browser_language)
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    assert client.post("/accounts/signup/", data).status_code == 302
    return client


@pytest.mark.parametrize(
    ("browser", "language", "heading"),
    [(GERMAN, "de", "Ihre Szenarien"), (ENGLISH, "en", "Your scenarios")],
)
def test_the_profile_takes_the_language_the_visitor_signed_up_in(browser, language, heading):
    client = sign_up(browser, "neu@example.com")
    assert User.objects.get(email="neu@example.com").profile.language == language
    # Later requests follow the profile, whatever the browser says from now on.
    client.defaults.update(ENGLISH if language == "de" else GERMAN)
    assert heading in client.get("/scenarios/").text


def test_a_switch_in_the_footer_before_sign_up_carries_into_the_profile():
    client = Client(**ENGLISH)
    client.post("/i18n/setlang/", {"language": "de", "next": "/accounts/signup/"})
    data = {"email": "umgestellt@example.com", "password1": PASSWORD, "password2": PASSWORD}
    client.post("/accounts/signup/", data)
    assert User.objects.get(email="umgestellt@example.com").profile.language == "de"


@pytest.mark.parametrize(
    ("browser", "offered", "lang", "path"),
    [
        (ENGLISH, "Deutsch", "de", "/"),
        (GERMAN, "English", "en", "/"),
        (ENGLISH, "Deutsch", "de", "/accounts/login/"),
        (GERMAN, "English", "en", "/accounts/signup/"),
    ],
)
def test_the_header_offers_the_other_language_in_its_own_words(browser, offered, lang, path):
    page = parse(Client(**browser).get(path).text)
    header = page.find("header")
    button = header.find("form", class_="header-language").find("button")
    assert button is not None and button.text == offered
    assert button.attrs["lang"] == lang and button.attrs["value"] == lang
    form = header.find("form", class_="header-language")
    assert form.attrs["action"] == "/i18n/setlang/" and form.attrs["method"] == "post"


@pytest.mark.parametrize(
    ("start", "other", "heading"), [("en", "de", "Ihre Szenarien"), ("de", "en", "Your scenarios")]
)
def test_the_header_switch_changes_a_signed_in_users_profile(
    owner_client, owner, start, other, heading
):
    owner.profile.language = start
    owner.profile.save()
    page = owner_client.get("/scenarios/").text
    header = parse(page).find("header")
    button = header.find("form", class_="header-language").find("button")
    assert button.attrs["value"] == other
    next_path = header.find("input", name="next").attrs["value"]
    response = owner_client.post(
        "/i18n/setlang/", {"language": button.attrs["value"], "next": next_path}
    )
    assert response.status_code == 302 and response["Location"] == "/scenarios/"
    owner.profile.refresh_from_db()
    assert owner.profile.language == other
    assert heading in owner_client.get("/scenarios/").text


# --- where the founder pays taxes -----------------------------------------------------------


@pytest.mark.parametrize(("browser", "label"), [(GERMAN, "Deutschland"), (ENGLISH, "Germany")])
def test_a_new_account_pays_taxes_in_germany_by_default(browser, label):
    client = sign_up(browser, "gruender@example.com")
    assert User.objects.get(email="gruender@example.com").profile.tax_country == "de"
    page = client.get("/accounts/profile/").text
    checked = re.search(r'<input type="radio" name="tax_country" value="de"[^>]*checked', page)
    assert checked and label in page


@pytest.mark.parametrize(
    ("language", "legend", "elsewhere"),
    [
        ("en", "Where you pay taxes", "elsewhere (flat rate)"),
        ("de", "Wo Sie Steuern zahlen", "anderswo (pauschaler Steuersatz)"),
    ],
)
def test_the_profile_sets_where_the_founder_pays_taxes(
    owner_client, owner, language, legend, elsewhere
):
    owner.profile.language = language
    owner.profile.save()
    page = owner_client.get("/accounts/profile/").text
    assert legend in page and elsewhere in page
    data = {"display_name": "", "currency": "EUR", "language": language, "tax_country": "other"}
    assert owner_client.post("/accounts/profile/", data).status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.tax_country == "other"
    bad = owner_client.post("/accounts/profile/", {**data, "tax_country": "fr"})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.text
    owner.profile.refresh_from_db()
    assert owner.profile.tax_country == "other"


def test_existing_profiles_pay_taxes_in_germany_when_german_or_in_euros():
    # The migration's rule, as the model default does for new ones: EUR or German means Germany.
    from importlib import import_module

    migration = import_module("ecareer.accounts.migrations.0004_profile_tax_country")
    people = {
        "de-usd@example.com": ("de", "USD", "de"),
        "en-eur@example.com": ("en", "EUR", "de"),
        "en-chf@example.com": ("en", "CHF", "other"),
    }
    for email, (language, currency, _) in people.items():
        user = User.objects.create_user(email, PASSWORD)
        Profile.objects.filter(user=user).update(language=language, currency=currency)
    Profile.objects.update(tax_country="de")
    migration.by_language_and_currency(django_apps(), None)
    for email, (_, _, country) in people.items():
        assert User.objects.get(email=email).profile.tax_country == country


def django_apps():
    from django.apps import apps

    return apps


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize(
    ("language", "country", "regime"),
    [("de", "de", "de"), ("de", "other", "flat"), ("en", "de", "de"), ("en", "other", "flat")],
)
def test_starters_count_the_taxes_of_where_the_founder_pays_them_in_the_users_language(
    owner_client, owner, slug, language, country, regime
):
    owner.profile.language = language
    owner.profile.tax_country = country
    owner.profile.save()
    owner_client.post("/scenarios/new/", {"template": slug})
    scenario = Scenario.objects.get(user=owner)
    shipped = scenario_file.loads(starter_text(slug))
    assert scenario.tax_regime == regime
    names = (lambda n: NAMES_DE[n]) if language == "de" else (lambda n: n)
    assert scenario.name == names(shipped.name)
    assert sorted(c.name for c in scenario.costs.all()) == sorted(
        names(c.name) for c in shipped.costs
    )
    assert [i.name for i in scenario.incomes.all()] == [names(i.name) for i in shipped.incomes]
    note = shipped.notes if regime == "de" else FLAT_NOTES[slug]
    assert scenario.notes == names(note)
    page = owner_client.get(f"/scenarios/{scenario.pk}/").text
    assert scenario.name in page


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("country", ["de", "other"])
def test_a_starters_note_always_matches_its_settings(slug, language, country):
    data = load_starter(slug, language, country)
    note, tax = data.notes, data.tax
    german = {"en": "German taxes", "de": "Gewerbe|freier Beruf"}[language]
    flat_rate = {"en": "one flat tax rate of {} %", "de": "pauschale[nr] Steuersatz von {} %"}
    rate = f"{data.tax_rate_pct.normalize():f}"
    if tax.regime == "flat":
        assert re.search(flat_rate[language].format(rate), note), note
        assert not re.search(german, note), note
        assert not re.search("Hebesatz|trade-tax|Kleinunternehmer|small-business", note)
        return
    assert re.search(german, note) and not re.search(flat_rate[language].format(r"\d+"), note)
    multiplier = f"{tax.trade_tax_multiplier_pct.normalize():f} %"
    assert (multiplier in note) == tax.trade, note
    small = {"en": "small-business status", "de": "Kleinunternehmer"}[language]
    assert (small in note) == (tax.vat == "small_business")
    statutory = {"en": "statutory health insurance", "de": "gesetzlich krankenversichert"}
    assert (statutory[language] in note) == (tax.health_insurance == "statutory")
    sick_pay = {"en": "sick pay", "de": "Krankengeld"}[language]
    assert (sick_pay in note) == tax.sick_pay
    for income in data.incomes:
        assert f"{income.vat_rate_pct.normalize():f} %" in note


def test_the_shipped_files_still_read_as_their_german_tax_notes():
    # The flat notes are extra: the files themselves keep describing Germany's taxes.
    for slug in SLUGS:
        shipped = scenario_file.loads(starter_text(slug))
        assert shipped.tax.regime == "de" and "German taxes" in shipped.notes
        assert shipped.tax_rate_pct == Decimal(
            re.search(r"flat tax rate of (\d+) %", FLAT_NOTES[slug])[1]
        )
