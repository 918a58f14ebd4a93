"""The seed's people as starters (ecareer/starters, PEOPLE): each states its situation in its
note (en, de), carries itself, and shows its situation's warnings; the demo account gets the
parent at home; the account's data export keeps the situation (ecareer.scenario/3)."""

import io
import json
import zipfile
from decimal import Decimal as D

import pytest

from ecareer.planning import convert
from ecareer.planning.demo import fill_demo_account
from ecareer.planning.models import Scenario
from ecareer.projection import scenario_file
from ecareer.projection.engine import project
from ecareer.projection.model import HealthInsurance, Household, Pension, TaxRegime
from ecareer.starters import PEOPLE, load_starter, starter_text
from tests.html import parse

SLUGS = [person.slug for person in PEOPLE]

# What each note must say of the situation it assumes (English, German).
STATED = {
    "commuter_shop": (["20-hour job", "EUR 22,000", "health insurance"], ["22.000 EUR"]),
    "spouse_online": (["married", "EUR 48,000", "EUR 565"], ["verheiratet", "565 EUR"]),
    "call_center_one_client": (["one client", "founder's half"], ["einen Auftraggeber"]),
    "ksk_writer": (["artists' social insurance (KSK)"], ["Künstlersozialkasse (KSK)"]),
    "start_grant_founder": (
        ["start grant", "EUR 1,400", "loan of EUR 8,000"],
        ["Gründungszuschuss", "1.400 EUR", "Kredit über 8.000 EUR"],
    ),
}


def test_five_people():
    assert list(STATED) == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_each_states_its_assumptions_in_both_languages(slug):
    english, german = STATED[slug]
    file = json.loads(starter_text(slug))
    assert file["format"] == "ecareer.scenario/3"
    for words in english:
        assert words in load_starter(slug, "en", "de").notes
    de = load_starter(slug, "de")
    for words in german:
        assert words in de.notes
    assert de.notes != file["notes"] and de.name != file["name"]
    assert all(c.name != "" for c in de.costs)
    # elsewhere: one flat rate, and a note that promises no German situation
    flat = load_starter(slug, "en")
    assert flat.tax.regime == TaxRegime.FLAT and flat.start_grant is None
    assert "a country other than Germany" in flat.notes
    assert "ein anderes Land als Deutschland" in load_starter(slug, "de", "ch").notes


def test_the_situations():
    commuter, spouse, seat, writer, founder = (load_starter(slug, "de") for slug in SLUGS)
    assert commuter.tax.health_insurance == HealthInsurance.EMPLOYED
    assert commuter.tax.other_taxable_income == D(22000)
    assert spouse.tax.household == Household.MARRIED
    assert spouse.tax.health_insurance == HealthInsurance.FAMILY
    assert seat.tax.pension == Pension.FOUNDER_HALF
    assert writer.tax.health_insurance == HealthInsurance.KSK
    assert founder.start_grant is not None and founder.start_grant.benefit == D(1400)
    (loan,) = founder.loans
    assert (loan.name, loan.amount, loan.grace_months, loan.repay_months) == (
        "Gründungskredit",
        D(8000),
        12,
        48,
    )


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("slug", SLUGS)
def test_each_plan_carries_itself(slug, language):
    kpis = project(load_starter(slug, language)).kpis.as_dict()
    assert kpis["depletion_month"] is None
    assert kpis["min_balance"] > 0
    assert kpis["self_sufficient_month"] is not None


WARNED = {
    "spouse_online": "family-insurance-ends",
    "call_center_one_client": "founder-half-ends",
    "start_grant_founder": "start-grant-ends",
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(WARNED))
def test_the_starters_show_their_cliff(owner_client, owner, slug):
    owner.profile.language = "de"
    owner.profile.save()
    scenario = convert.create_scenario(owner, load_starter(slug, "de"))
    page = parse(owner_client.get(f"/scenarios/{scenario.pk}/").text)
    assert page.find(id=f"cliff-{WARNED[slug]}") is not None


@pytest.mark.django_db
def test_starting_from_a_person_in_the_web(owner_client, owner):
    owner.profile.language = "de"
    owner.profile.save()
    response = owner_client.post("/scenarios/new/", {"template": "spouse_online", "name": ""})
    assert response.status_code == 302
    scenario = Scenario.objects.get(user=owner)
    assert scenario.name == "Ein wenig online verkaufen, über den Ehepartner versichert"
    assert (scenario.household, scenario.health_insurance) == ("married", "family")


@pytest.mark.django_db
def test_the_demo_account_gets_the_parent_at_home(owner):
    fill_demo_account(owner)
    person = Scenario.objects.get(user=owner, health_insurance="family")
    assert person.tax_regime == "de" and person.household == "married"


@pytest.mark.django_db
def test_the_accounts_data_export_keeps_the_situation(owner_client, owner):
    data = load_starter("start_grant_founder", "de")
    convert.create_scenario(owner, data)
    convert.create_scenario(owner, load_starter("spouse_online", "de"))
    response = owner_client.get("/accounts/export/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = [n for n in archive.namelist() if n.startswith("scenarios/")]
    read = [scenario_file.loads(archive.read(name)) for name in files]
    assert all(json.loads(archive.read(n))["format"] == "ecareer.scenario/3" for n in files)
    founder = next(s for s in read if s.start_grant is not None)
    assert founder.start_grant == data.start_grant
    spouse = next(s for s in read if s.start_grant is None)
    assert spouse.tax.household == Household.MARRIED
    assert spouse.tax.other_taxable_income == D(48000)
