"""Browser: "Your situation" on the tax card (issue 23), in English and German. A married founder
sets the situation and sees the tax change in the payment calendar; a family-insured shop whose
profit crosses the limit sees the warning with the month and the amount; a founder who starts
with the start grant sees it drop; on a 390x844 phone the form (also with a refusal at a field)
does not scroll sideways, and axe-core finds nothing.

Every wait is on a condition (a locator, a response), never on time."""

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.projection import model as m
from tests.e2e.test_e2e_editor import expected_422
from tests.e2e.test_e2e_taxes import quiet, signed_in, violations
from tests.planning.test_v2_web import writer_plan
from tests.situation.test_cliffs import FAMILY, plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "edit": "Edit taxes",
        "save": "Save",
        "married": "Married and assessed jointly?",
        "income": "Taxable income of your job and your spouse a year",
        "health": "How are you health-insured?",
        "grant": "Do you start with the start grant (Gründungszuschuss)?",
        "benefit": "Monthly benefit",
        "settlement": "income tax 2026: settlement",
        "forty": "40,000",
        "before": "€9,626.00",
        "after": "€13,648.00",
        "family": "From 2027 your profit is above €565.00 a month: you insure yourself. In "
        "September 2028 the insurer charges 2027 at once: €3,338.04.",
        "drop": "In July 2026 the start grant drops from €1,800.00 to €300.00 a month.",
        "end": "In April 2027 the start grant ends: €300.00 a month less.",
        "refused": "The start grant is only for a main business",
    },
    "de": {
        "edit": "Steuern bearbeiten",
        "save": "Speichern",
        "married": "Verheiratet und gemeinsam veranlagt?",
        "income": "Zu versteuerndes Einkommen aus Anstellung und des Ehepartners im Jahr",
        "health": "Wie sind Sie krankenversichert?",
        "grant": "Starten Sie mit dem Gründungszuschuss?",
        "benefit": "Arbeitslosengeld im Monat",
        "settlement": "Einkommensteuer 2026: Abschlusszahlung",
        "forty": "40.000",
        "before": "9.626,00\u00a0€",
        "after": "13.648,00\u00a0€",
        "family": "Ab 2027 liegt Ihr Gewinn über 565,00\u00a0€ im Monat: Sie versichern sich "
        "selbst. Im September 2028 verlangt die Krankenkasse 2027 auf einmal: 3.338,04\u00a0€.",
        "drop": "Im Juli 2026 sinkt der Gründungszuschuss von 1.800,00\u00a0€ auf 300,00\u00a0€ "
        "im Monat.",
        "end": "Im April 2027 endet der Gründungszuschuss: 300,00\u00a0€ weniger im Monat.",
        "refused": "Den Gründungszuschuss gibt es nur für ein Geschäft im Hauptberuf",
    },
}


def open_tax_form(page, words):
    page.locator("#tax").get_by_role("link", name=words["edit"]).click()
    form = page.locator("#tax form")
    expect(form).to_be_visible()
    return form


def save(page, form, words) -> None:
    with page.expect_response(re.compile(r"/dashboard/")):
        form.get_by_role("button", name=words["save"]).click()
    quiet(page)


def settlement_row(page, words):
    calendar = page.locator("#payments")
    if calendar.locator("details").get_attribute("open") is None:
        calendar.locator("summary").click()
    return calendar.locator("tr", has_text=words["settlement"])


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_married_founder_sets_the_situation_and_sees_the_tax_change(
    page, live_server, owner, language
):
    words = WORDS[language]
    scenario = convert.create_scenario(owner, writer_plan())  # EUR 5,000 a month, single
    signed_in(page, live_server, owner, language)
    page.goto(scenario.get_absolute_url())
    # single: the 2026 settlement is DESIGN.md's 9,626.00
    expect(settlement_row(page, words)).to_contain_text(words["before"])

    form = open_tax_form(page, words)
    form.get_by_label(words["married"]).select_option("married")
    form.get_by_label(words["income"]).fill(words["forty"])
    form.get_by_label(words["health"]).select_option("family")
    save(page, form, words)
    expect(page.locator("#situation-household")).to_contain_text(
        "40,000.00" if language == "en" else "40.000,00"
    )
    # married with the spouse's 40,000 (DESIGN.md example 1): 13,648.00
    expect(settlement_row(page, words)).to_contain_text(words["after"])
    saved = Scenario.objects.get(pk=scenario.pk)
    assert (saved.household, saved.other_taxable_income) == ("married", D(40000))


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_family_insured_shop_crosses_the_limit_and_sees_the_warning(
    page, live_server, owner, language
):
    # 500 a month in 2026 (under EUR 565), 1,000 in 2027: see tests/situation/test_cliffs.py
    data = plan(500, increase=100, health_insurance=m.HealthInsurance.FAMILY, **FAMILY)
    scenario = convert.create_scenario(owner, data)
    signed_in(page, live_server, owner, language)
    page.goto(scenario.get_absolute_url())
    expect(page.locator("#cliff-family-insurance-ends")).to_have_text(WORDS[language]["family"])
    expect(page.locator("#cliffs li")).to_have_count(1)  # said once


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_start_grant_plan_shows_the_drop(page, live_server, owner, language):
    words = WORDS[language]
    scenario = convert.create_scenario(owner, plan(0, horizon=24))
    signed_in(page, live_server, owner, language)
    page.goto(scenario.get_absolute_url())
    expect(page.locator("#cliffs")).to_have_count(0)
    form = open_tax_form(page, words)
    form.get_by_label(words["grant"]).check()
    form.get_by_label(words["benefit"]).fill("1500")
    save(page, form, words)
    expect(page.locator("#cliff-start-grant-drops")).to_have_text(words["drop"])
    expect(page.locator("#cliff-start-grant-ends")).to_have_text(words["end"])


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_situation_on_a_phone_does_not_scroll_sideways(page, live_server, owner, language):
    words = WORDS[language]
    data = plan(500, increase=100, health_insurance=m.HealthInsurance.FAMILY, **FAMILY)
    scenario = convert.create_scenario(owner, data)
    page.set_viewport_size({"width": 390, "height": 844})
    signed_in(page, live_server, owner, language)
    page.goto(scenario.get_absolute_url())
    expect(page.locator("#cliffs")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    form = open_tax_form(page, words)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(page) == []
    # a forbidden combination: refused at the field, nothing saved, still no sideways scroll
    form.get_by_label(words["grant"]).check()
    form.get_by_role("button", name=words["save"]).click()
    expect(page.locator("#tax .errorlist")).to_contain_text(words["refused"])
    expected_422(page)
    assert not Scenario.objects.get(pk=scenario.pk).start_grant
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(page) == []
