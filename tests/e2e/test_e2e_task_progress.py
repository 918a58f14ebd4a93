"""Browser: a computation's progress in the page (real Chromium), with no worker running, so
it stays: what it says, in English and German, and axe-core on it.

The polls (`?job=<id>`) are answered 204 here (htmx swaps nothing), so the page holds still for
axe; with a worker the next poll swaps the answer in (tests/e2e/test_e2e_decisions.py).
"""

import re

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from tests.e2e.test_e2e_a11y import LANGUAGES, open_in, violations
from tests.e2e.test_e2e_dashboard import hand_worked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKING = {"en": "Working it out… waiting for a free worker.", "de": "Wird berechnet…"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_progress_says_what_it_does_and_has_no_violations(page, live_server, owner, language):
    scenario = convert.create_scenario(owner, hand_worked())
    open_in(page, live_server, language, f"/scenarios/{scenario.pk}/", signed_in_as=owner)
    page.route(re.compile(r"[?&]job=\d+"), lambda route: route.fulfill(status=204))
    page.locator("#what-matters-run").click()
    progress = page.locator("#what-matters .job-progress")
    expect(progress).to_contain_text(WORKING[language])
    expect(progress).to_have_attribute("role", "status")
    page.locator("#decisions-run").click()
    expect(page.locator("#decisions .job-progress")).to_contain_text(WORKING[language])
    assert violations(page) == []
