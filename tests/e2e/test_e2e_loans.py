"""Browser (en, de): a founder adds a start-up loan on the scenario page and finds its schedule in
the row, in the warning ahead of the first repayment and in the payment calendar; the loans table
fits a phone (390x844) and stays a table at 1366x900 without sideways scroll; axe finds nothing.

The loan is the one worked by hand in tests/planning/test_loans_web.py: 12,000.00 at 6 %, paid
out in Jan 2027, 3 months of interest only (60.00 a month), then an annuity of 531.85 a month
from May 2027 over 24 months; its first year's interest is 634.08.
"""

import re

import pytest
from playwright.sync_api import expect

from ecareer.planning.models import Loan
from tests.e2e.test_e2e_small_screens import (
    LAPTOP,
    PHONE,
    inside_width,
    no_sideways_scroll,
    sign_in,
)
from tests.e2e.test_e2e_taxes import quiet, violations
from tests.planning.factories import make_scenario
from tests.planning.test_loans_web import make_loan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "add": "Add loan",
        "name": "Name",
        "amount": "Amount",
        "interest": "Interest a year (%)",
        "grace": "Months of interest only",
        "repay": "Repayment months",
        "save": "Save",
        "payment": "€531.85",
        "year_interest": "€634.08",
        "first": "May 2027",
        "line": "Start-up loan: interest and repayment",
        "only": "Start-up loan: interest only",
        "warning": "In May 2027 the repayments of “Start-up loan” start: €531.85 that month",
        "edit": "Edit",
        "delete": "Delete",
    },
    "de": {
        "add": "Darlehen hinzufügen",
        "name": "Name",
        "amount": "Betrag",
        "interest": "Zinsen pro Jahr (%)",
        "grace": "Tilgungsfreie Monate",
        "repay": "Tilgungsmonate",
        "save": "Speichern",
        "payment": "531,85\u00a0€",
        "year_interest": "634,08\u00a0€",
        "first": "Mai 2027",
        "line": "Start-up loan: Zinsen und Tilgung",
        "only": "Start-up loan: nur Zinsen",
        "warning": "Im Mai 2027 beginnt die Tilgung von „Start-up loan“: 531,85\u00a0€",
        "edit": "Bearbeiten",
        "delete": "Löschen",
    },
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_loans_schedule_appears_in_the_row_the_warning_and_the_calendar(
    page, live_server, owner, language, tmp_path
):
    words = WORDS[language]
    scenario = make_scenario(owner)  # 2027-01, 36 months
    sign_in(page, owner, live_server, language)
    page.set_viewport_size(LAPTOP)
    page.goto(scenario.get_absolute_url())
    page.evaluate("window.__marker = 1")  # gone if the page reloads

    loans = page.locator("#loans")
    loans.get_by_role("link", name=words["add"]).click()
    row = page.locator("#loans-new-row")
    expect(row).to_be_visible()
    row.get_by_label(words["name"]).fill("Start-up loan")
    row.get_by_label(words["amount"]).fill("12000")
    row.get_by_label(words["interest"]).fill("6")
    row.get_by_label(words["grace"]).fill("3")
    row.get_by_label(words["repay"]).fill("24")
    assert violations(page) == []  # the form open
    with page.expect_response(re.compile(r"/dashboard/")):
        row.get_by_role("button", name=words["save"]).click()
    expect(page.locator("#loans-new-row")).to_have_count(0)
    loan = Loan.objects.get(scenario=scenario)
    shown = page.locator(f"#loans-{loan.pk}")
    expect(shown).to_contain_text(words["first"])
    expect(shown).to_contain_text(words["payment"])
    expect(shown).to_contain_text(words["year_interest"])
    assert page.evaluate("window.__marker") == 1  # in place, no page load

    quiet(page)
    expect(page.locator("#cliff-loan-repayments-start-1")).to_contain_text(words["warning"])
    calendar = page.locator("#payments")
    calendar.locator("summary").click()
    expect(calendar.get_by_role("cell", name=words["only"]).first).to_be_visible()
    line = calendar.locator("tr", has=page.get_by_role("cell", name=words["line"])).first
    expect(line).to_contain_text(words["payment"])
    page.screenshot(path=tmp_path / f"loan-{language}.png", full_page=True)
    assert violations(page) == []  # the table, the warning and the calendar open


@pytest.mark.parametrize(("language", "size"), [("en", PHONE), ("de", PHONE), ("de", LAPTOP)])
def test_the_loans_table_fits_without_sideways_scroll(
    page, live_server, owner, language, size, tmp_path
):
    words = WORDS[language]
    scenario = make_scenario(owner)
    make_loan(scenario)
    make_loan(scenario, name="KfW ERP-Gründerkredit StartGeld", grace_months=0, kind="linear")
    sign_in(page, owner, live_server, language)
    page.set_viewport_size(size)
    page.goto(scenario.get_absolute_url())
    loans = page.locator("#loans")
    expect(loans).to_be_visible()
    loans.screenshot(path=tmp_path / f"loans-{size['width']}-{language}.png")
    no_sideways_scroll(page)
    edit = loans.locator("td.row-actions").get_by_role("link", name=words["edit"])
    delete = loans.locator("td.row-actions").get_by_role("button", name=words["delete"])
    expect(edit).to_have_count(2)
    inside_width(page, edit, "Edit")
    inside_width(page, delete, "Delete")
    inside_width(page, loans.locator("td"), "cell")
    table = loans.locator("table")
    display = table.evaluate("(t) => getComputedStyle(t).display")
    assert display == ("table" if size == LAPTOP else "block")
    if size == LAPTOP:
        expect(table.locator("thead")).to_be_visible()
    # The form opens inside the screen too.
    edit.first.click()
    form = loans.locator("tr.form-row form")
    expect(form).to_be_visible()
    no_sideways_scroll(page)
    inside_width(page, form.locator("input:not([type=hidden]), select, button"), "form control")
    assert violations(page) == []
