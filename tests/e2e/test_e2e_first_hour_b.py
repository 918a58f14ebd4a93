"""Browser (issue 25 part B): "use this" and undo refresh the settings summary at the top
without a reload and say what they changed; big payments ahead and the calendar by month; axe
on the changed parts, in English and German (real Chromium)."""

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from tests.e2e.test_e2e_a11y import LANGUAGES, open_in, violations
from tests.e2e.test_e2e_dashboard import hand_worked, signed_in  # noqa: F401 (fixture)
from tests.planning.test_v2_web import writer_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "use": "Use this: Starting balance",
        "new": "€850.00",
        "old": "€1,000.00",
        "said": "the starting balance from €1,000.00 to €850.00",
    },
    "de": {
        "use": "Übernehmen: Startguthaben",
        "new": "850,00\u00a0€",
        "old": "1.000,00\u00a0€",
        "said": "das Startguthaben von 1.000,00\u00a0€ auf 850,00\u00a0€",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_use_and_undo_refresh_the_settings_summary(page, live_server, owner, language):
    # Hand-worked: the lowest balance is €150 at a start of €1,000, so €850 is the start needed.
    words = WORDS[language]
    scenario = convert.create_scenario(owner, hand_worked())
    open_in(page, live_server, language, f"/scenarios/{scenario.pk}/", signed_in_as=owner)
    settings = page.locator("#settings")
    expect(settings).to_contain_text(words["old"])
    page.locator("#decisions-run").click()
    page.get_by_role("button", name=words["use"]).click()
    expect(settings).to_contain_text(words["new"])  # no reload
    expect(settings).not_to_contain_text(words["old"])
    expect(page.locator("#decisions-undo-text")).to_contain_text(words["said"])
    assert violations(page) == []
    page.locator("#decisions-undo").click()
    expect(settings).to_contain_text(words["old"])
    expect(page.locator("#decisions-undo")).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_big_payments_and_the_calendar_by_month_have_no_violations(
    page, live_server, owner, language
):
    scenario = convert.create_scenario(owner, writer_plan())
    open_in(page, live_server, language, f"/scenarios/{scenario.pk}/", signed_in_as=owner)
    expect(page.locator("#big-payments tbody tr")).to_have_count(2)
    page.locator("#payments summary").click()
    expect(page.locator("#payments .payment-month").first).to_be_visible()
    assert violations(page) == []
