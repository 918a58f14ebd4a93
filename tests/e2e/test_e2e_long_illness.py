"""Browser (issue 22): a founder sets a long illness on the risk card and asks "Sick pay: worth
it?" in the panel "What you need", uses the answer and undoes it, in English and German, with
axe-core at 0 (real Chromium; the answer comes from the task queue's worker)."""

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.projection import model as m
from tests.e2e.test_e2e_a11y import LANGUAGES, open_in, violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("task_worker"),
]

JAN = m.YearMonth(2027, 1)
WORDS = {
    "en": {
        "chance": "10\u00a0%",
        "heading": "Sick pay: worth it?",
        "use": "Use this: with sick pay",
        "undo": "the sick-pay option taken",
        "back": "The previous value is back.",
    },
    "de": {
        "chance": "10\u00a0%",
        "heading": "Krankengeld: lohnt es sich?",
        "use": "Übernehmen: mit Krankengeld",
        "undo": "die Wahl mit Krankengeld",
        "back": "Der vorherige Wert ist wiederhergestellt.",
    },
}


def writer() -> m.Scenario:
    """Regime de, statutory without sick pay, €3,500 a month paid for work done, no illness."""
    return m.Scenario(
        name="Writer",
        start=JAN,
        horizon_months=24,
        starting_balance=D("6000.00"),
        living_monthly=D("1600.00"),
        incomes=(
            m.IncomeStream(
                "Articles",
                m.Pricing.FIXED,
                m.Frequency.MONTHLY,
                JAN,
                amount=D(3500),
                performance_based=True,
            ),
        ),
        reserve=m.ReserveTarget(m.ReserveKind.MONTHS, months=D(3)),
        risks=m.RiskSettings(paths=200, seed=11),
        tax=m.TaxSettings(regime=m.TaxRegime.DE, sick_pay=False),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_illness_and_the_sick_pay_decision(page, live_server, owner, language):
    words = WORDS[language]
    scenario = convert.create_scenario(owner, writer())
    open_in(page, live_server, language, f"/scenarios/{scenario.pk}/", signed_in_as=owner)
    risks = page.locator("#risks")
    risks.locator(".card-head a").click()
    chance = page.locator("#risks-long_illness_chance_pct")
    expect(chance).to_be_visible()
    chance.fill("10")
    page.locator("#risks-long_illness_months").fill("4")
    page.locator("#risks-private_sick_pay_daily").fill("80" if language == "en" else "80,00")
    page.locator("#risks-private_sick_pay_from_day").fill("29")
    with page.expect_response(re.compile(r"/dashboard/$")):  # refreshed after the save
        risks.locator("button[type=submit]").click()
    expect(page.locator("#risks[data-cancel-url]")).to_have_count(0)
    expect(risks).to_contain_text(words["chance"])
    stored = Scenario.objects.get(pk=scenario.pk)
    assert (stored.long_illness_chance_pct, stored.long_illness_months) == (D(10), 4)
    assert (stored.private_sick_pay_daily, stored.private_sick_pay_from_day) == (D(80), 29)

    section = page.locator("#sick-pay")
    expect(section.locator("h4")).to_have_text(words["heading"])
    page.locator("#sick-pay-run").click()
    expect(page.locator("#sick-pay-results")).to_be_visible()  # after the worker's answer
    expect(page.locator("#sick-pay-results tbody tr")).to_have_count(3)
    assert violations(page) == []

    page.locator("#sick-pay-use").click()
    expect(page.locator("#decisions-undo-text")).to_contain_text(words["undo"])
    assert Scenario.objects.get(pk=scenario.pk).sick_pay is True
    assert violations(page) == []
    page.locator("#decisions-undo").click()
    expect(page.locator("#messages")).to_contain_text(words["back"])
    expect(page.locator("#decisions-undo")).to_have_count(0)
    assert Scenario.objects.get(pk=scenario.pk).sick_pay is False
