""" "Your situation" on the tax card: the questions (en, de), saving with htmx and without,
answers that do not fit together and DESIGN.md's forbidden combinations refused at the field
with nothing saved, bad numbers, another user's scenario (404); the situation in the tax facts,
in compare and in the report's assumptions."""

import dataclasses
from decimal import Decimal as D

import pytest
from django.urls import reverse

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.projection import model as m
from ecareer.sharing.models import ShareLink
from tests.html import parse
from tests.planning.factories import TAX, make_scenario, snapshot
from tests.planning.test_dashboard_views import table_rows
from tests.planning.test_v2_web import writer_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(owner):
    return make_scenario(owner)


def url(scenario) -> str:
    return f"/scenarios/{scenario.pk}/tax/"


def post(client, scenario, hx=None, **changes):
    data = {**TAX, "version": str(Scenario.objects.get(pk=scenario.pk).version), **changes}
    return client.post(url(scenario), data, headers=hx or {})


def speak(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def field_error(html: str, name: str) -> str:
    """The error text shown at a field (Django's errorlist before the input of its group)."""
    group = parse(html).find(name=name)
    while "field" not in group.classes:
        group = group.parent
    errors = group.find(class_="errorlist")
    return errors.text if errors else ""


QUESTIONS = {
    "en": [
        "Do you keep a job alongside?",
        "Married and assessed jointly?",
        "Taxable income of your job and your spouse a year",
        "How are you health-insured?",
        "Must you pay into the statutory pension?",
        "Do you start with the start grant (Gründungszuschuss)?",
    ],
    "de": [
        "Behalten Sie eine Anstellung nebenbei?",
        "Verheiratet und gemeinsam veranlagt?",
        "Zu versteuerndes Einkommen aus Anstellung und des Ehepartners im Jahr",
        "Wie sind Sie krankenversichert?",
        "Müssen Sie in die gesetzliche Rentenversicherung einzahlen?",
        "Starten Sie mit dem Gründungszuschuss?",
    ],
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_situation_is_asked_first_in_plain_questions(
    owner_client, owner, scenario, hx, language
):
    speak(owner, language)
    html = owner_client.get(url(scenario), headers=hx).text
    page = parse(html)
    legends = [legend.text for legend in page.find_all("legend")]
    assert legends[0] == ("Your situation" if language == "en" else "Ihre Lage")
    labels = [label.text.strip() for label in page.find(id="tax-1-set").find_all("label")]
    for question in QUESTIONS[language]:
        assert any(label.startswith(question) for label in labels), question
    # where the number is found: the last assessment's "zu versteuerndes Einkommen", the notice
    assert "zu versteuernde" in page.find(id="tax-other_taxable_income_helptext").text
    benefit_help = page.find(id="tax-grant_benefit_helptext").text
    assert ("benefit notice" if language == "en" else "Bewilligungsbescheid") in benefit_help
    pension_help = page.find(id="tax-pension_helptext").text
    assert ("one client" if language == "en" else "einen Auftraggeber") in pension_help
    kinds = [o.text for o in page.find("select", name="health_insurance").find_all("option")]
    assert len(kinds) == 5
    if language == "en":
        assert kinds == [
            "voluntary member of the statutory insurance",
            "through my job",
            "through my spouse (family insurance)",
            "artists' social insurance (KSK)",
            "private",
        ]


def test_a_married_founder_saves_the_situation_in_place(owner_client, scenario, hx):
    response = post(
        owner_client,
        scenario,
        hx,
        household="married",
        other_taxable_income="40,000",
        health_insurance="family",
        pension="founder_half",
    )
    assert response.status_code == 200, response.text[:2000]
    assert response.text.lstrip().startswith('<section id="tax"')
    scenario.refresh_from_db()
    assert scenario.household == "married"
    assert scenario.other_taxable_income == D(40000)
    assert (scenario.health_insurance, scenario.pension) == ("family", "founder_half")
    facts = parse(response.text).find(id="situation-household").text
    assert "married, assessed jointly; other taxable income €40,000.00 a year" in facts
    assert "founder's half" in parse(response.text).find(id="situation-pension").text


def test_the_start_grant_is_saved_without_javascript(owner_client, scenario):
    response = post(
        owner_client, scenario, start_grant="on", grant_benefit="1,500", grant_second_phase=""
    )
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.start_grant and not scenario.grant_second_phase
    assert scenario.grant_benefit == D(1500)
    page = owner_client.get(f"/scenarios/{scenario.pk}/").text
    grant = parse(page).find(id="situation-grant").text
    assert "benefit €1,500.00 plus EUR 300 for six months" in grant


def test_a_job_alongside_with_insurance_through_it(owner_client, scenario, hx):
    response = post(
        owner_client,
        scenario,
        hx,
        job="yes",
        health_insurance="employed",
        other_taxable_income="24000",
    )
    assert response.status_code == 200
    scenario.refresh_from_db()
    assert scenario.health_insurance == "employed" and scenario.other_taxable_income == D(24000)
    # the form asked again reads the job back from what is stored
    form = parse(owner_client.get(url(scenario), headers=hx).text)
    options = form.find("select", name="job").find_all("option")
    assert [o.attrs["value"] for o in options if "selected" in o.attrs] == ["yes"]


REFUSED = [
    # DESIGN.md: the start grant needs a main business
    (
        {"household": "married", "health_insurance": "family", "start_grant": "on"},
        "start_grant",
        "The start grant is only for a main business",
    ),
    (
        {"job": "yes", "health_insurance": "employed", "start_grant": "on"},
        "start_grant",
        "The start grant is only for a main business",
    ),
    # DESIGN.md: ksk needs a care rate of at least 1.8
    (
        {"health_insurance": "ksk", "children": "own", "care_pct": "1.5"},
        "care_pct",
        "With the KSK the care rate is at least 1.8 %",
    ),
    # answers that do not fit together
    ({"health_insurance": "employed"}, "health_insurance", "“Through my job” needs a job"),
    ({"health_insurance": "family"}, "health_insurance", "Insurance through your spouse needs"),
    ({"other_taxable_income": "30000"}, "other_taxable_income", "or enter 0"),
    # bad numbers
    ({"other_taxable_income": "lots"}, "other_taxable_income", "Enter a number"),
    ({"other_taxable_income": "-1"}, "other_taxable_income", "greater than or equal to 0"),
    (
        {"household": "married", "other_taxable_income": "10000000.01"},
        "other_taxable_income",
        "less than or equal to 10000000",
    ),
    ({"start_grant": "on", "grant_benefit": "-5"}, "grant_benefit", "greater than or equal to 0"),
    ({"household": "divorced"}, "household", "Select a valid choice"),
    ({"pension": "sometimes"}, "pension", "Select a valid choice"),
    ({"health_insurance": "friends"}, "health_insurance", "Select a valid choice"),
]


@pytest.mark.parametrize(("changes", "field", "message"), REFUSED)
@pytest.mark.parametrize("htmx", [True, False])
def test_answers_that_do_not_fit_are_refused_at_the_field(
    owner_client, scenario, hx, changes, field, message, htmx
):
    before = snapshot(scenario)
    response = post(owner_client, scenario, hx if htmx else None, **changes)
    assert response.status_code == 422
    assert message in field_error(response.text, field), field_error(response.text, field)
    assert "nothing was saved" in response.text
    assert snapshot(scenario) == before


def test_a_refusal_in_german(owner_client, owner, scenario, hx):
    speak(owner, "de")
    response = post(
        owner_client, scenario, hx, household="married", health_insurance="family", start_grant="on"
    )
    assert response.status_code == 422
    assert "Den Gründungszuschuss gibt es nur für ein Geschäft im Hauptberuf" in field_error(
        response.text, "start_grant"
    )


def test_another_users_scenario_is_not_found(other_client, scenario, hx):
    before = snapshot(scenario)
    assert other_client.get(url(scenario), headers=hx).status_code == 404
    assert post(other_client, scenario, hx, household="married").status_code == 404
    assert post(other_client, scenario, household="married").status_code == 404
    assert snapshot(scenario) == before


def test_the_tax_changes_when_the_founder_is_married(owner_client, owner, hx):
    """DESIGN.md's worked example 1 against the single writer: the same EUR 5,000 a month."""
    scenario = convert.create_scenario(owner, writer_plan())
    csv_url = f"/scenarios/{scenario.pk}/projection.csv"

    def sept_2027_taxes() -> str:
        lines = owner_client.get(csv_url).content.decode().splitlines()
        head = lines[0].split(",")
        row = next(line.split(",") for line in lines if line.startswith("2027-09"))
        return row[head.index("taxes")]

    # single: 9,626 settlement + 2 x 2,406.50 catch-up + 2,406.50 = 16,845.50
    assert sept_2027_taxes() == "16845.50"
    response = post(
        owner_client,
        scenario,
        hx,
        household="married",
        other_taxable_income="40000",
        health_insurance="family",
        care_pct="3.6",
        children="yes",
        trade="",
        vat_status="small_business",
        church_tax_pct="0",
        health_extra_pct="2.9",
        sick_pay="on",
        prepayments="assessment",
        assessment_delay_months="9",
    )
    assert response.status_code == 200, response.text[:3000]
    # married, O = 40,000: T_2026 = 13,648.00; Sept 2027 13,648 + 2 x 3,412 + 3,412 = 23,884.00
    assert sept_2027_taxes() == "23884.00"


def test_compare_shows_the_situation_that_differs(owner_client, owner):
    one = convert.create_scenario(owner, writer_plan())
    two = convert.create_scenario(
        owner,
        dataclasses.replace(
            writer_plan(
                household=m.Household.MARRIED,
                other_taxable_income=D(40000),
                pension=m.Pension.REGULAR,
            ),
            start_grant=m.StartGrant(benefit=D(1500)),
        ),
    )
    html = owner_client.get(reverse("planning:compare"), {"ids": f"{one.pk},{two.pk}"}).text
    rows = table_rows(html)
    assert rows["Household"] == ["single", "married, assessed jointly"]
    assert rows["Other taxable income a year"] == ["€0.00", "€40,000.00"]
    assert rows["Statutory pension"] == ["no", "yes, the regular contribution"]
    assert rows["Start grant"] == [
        "none",
        "benefit €1,500.00 plus EUR 300 for six months, then EUR 300 for nine",
    ]
    assert "Health insurance" not in rows  # the same in both


@pytest.mark.parametrize(("language", "hide"), [("en", False), ("en", True), ("de", False)])
def test_the_report_states_the_situation_in_its_assumptions(client, owner, language, hide):
    plan = writer_plan(
        household=m.Household.MARRIED,
        other_taxable_income=D(40000),
        health_insurance=m.HealthInsurance.FAMILY,
    )
    scenario = convert.create_scenario(owner, plan)
    link = ShareLink.objects.create(scenario=scenario, hide_amounts=hide)
    html = client.get(f"/r/{link.token}/", headers={"Accept-Language": language}).text
    text = parse(html).text
    if language == "de":
        assert "verheiratet, gemeinsam veranlagt" in text
        assert "über meinen Ehepartner (Familienversicherung)" in text
        return
    assert "married, assessed jointly" in text
    assert "through my spouse (family insurance)" in text
    if hide:
        assert "40,000" not in html
    else:
        assert "other taxable income €40,000.00 a year" in text
