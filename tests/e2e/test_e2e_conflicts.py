"""Browser, two tabs of one user: a stale save shows the current values, nothing is overwritten.

Issue 14's lost update: tabs A and B show one cost item; A saves amount 111, B (still showing
the old amount) saves a name change. B gets a conflict message at its form with the values now
stored, then saves again from them. Also the settings card, and edits of an item or scenario
deleted in the other tab ("no longer exists", never a whole page inside a card).
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.accounts.models import User
from ecareer.planning.models import CostItem, Scenario
from tests.conftest import PASSWORD
from tests.planning.factories import make_cost, make_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each language shows; the amounts as the form's number field writes them.
WORDS = {
    "en": {
        "edit": "Edit Internet share",
        "edit settings": "Edit settings",
        "amount": "Amount",
        "name": "Name",
        "starting balance": "Starting balance",
        "save": "Save",
        "conflict": "Changed in another window meanwhile: here are the current values. Your "
        "change was not saved; make it again if it still applies.",
        "saved": "Saved.",
        "111": "111.00",
        "40": "40.00",
        "gone": "This cost item no longer exists; it may have been deleted in another tab.",
        "reload": "Reload the page",
        "scenario gone": "This no longer exists: it may have been deleted in another tab. "
        "Reload the page.",
        "delete": "Delete Internet share",
        "delete for good": "Delete for good",
    },
    "de": {
        "edit": "Bearbeiten Internet share",
        "edit settings": "Einstellungen bearbeiten",
        "amount": "Betrag",
        "name": "Name",
        "starting balance": "Startguthaben",
        "save": "Speichern",
        "conflict": "Inzwischen in einem anderen Fenster geändert: Hier sind die aktuellen "
        "Werte. Ihre Änderung wurde nicht gespeichert; nehmen Sie sie erneut vor, wenn sie "
        "noch gilt.",
        "saved": "Gespeichert.",
        "111": "111,00",
        "40": "40,00",
        "gone": "Diesen Kostenposten gibt es nicht mehr; vielleicht wurde er in einem anderen "
        "Tab gelöscht.",
        "reload": "Seite neu laden",
        "scenario gone": "Das gibt es nicht mehr: Es wurde vielleicht in einem anderen Tab "
        "gelöscht. Bitte laden Sie die Seite neu.",
        "delete": "Löschen Internet share",
        "delete for good": "Endgültig löschen",
    },
}


@pytest.fixture
def tabs(browser, live_server):
    """Open two tabs (pages of one browser context) signed in as `user` in `language`; as the
    `page` fixture, any console error or CSP violation not expected by the test fails it."""
    contexts, all_problems = [], []

    def open_tabs(user: User, language: str, path: str, javascript: bool = True):
        user.profile.language = language
        user.profile.save()
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", java_script_enabled=javascript
        )
        contexts.append(context)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        problems: list[str] = []
        all_problems.append(problems)
        pages = []
        for _tab in range(2):
            page = context.new_page()
            page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            if javascript:
                page.evaluate("window.__marker = 1")
            pages.append(page)
        pages[0].console_problems = pages[1].console_problems = problems
        return pages

    yield open_tabs
    for context in contexts:
        context.close()
    assert not [p for problems in all_problems for p in problems], all_problems


def expected_status(page, *statuses: int) -> None:
    """Chromium logs an intended 4xx answer as a failed load; anything else stays a problem."""
    wanted = [f"status of {status}" for status in statuses]
    problems = page.console_problems
    problems[:] = [p for p in problems if not any(w in p for w in wanted)]
    assert problems == []


def not_reloaded(*pages) -> None:
    for page in pages:
        assert page.evaluate("window.__marker") == 1


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_stale_item_save_shows_the_current_values_and_overwrites_nothing(tabs, language):
    words = WORDS[language]
    user = User.objects.create_user("tabs@example.com", PASSWORD)
    scenario = make_scenario(user, name="Two tabs")
    cost = make_cost(scenario, "Internet share")  # 40.00 a month
    a, b = tabs(user, language, f"/scenarios/{scenario.pk}/")

    # Both tabs open the same item's form.
    forms = []
    for tab in (a, b):
        tab.get_by_role("link", name=words["edit"]).click()
        form = tab.locator(f"#costs-{cost.pk}.form-row")
        expect(form.get_by_label(words["amount"])).to_have_value(words["40"])
        forms.append(form)
    form_a, form_b = forms

    # A saves amount 111.
    form_a.get_by_label(words["amount"]).fill(words["111"])
    with a.expect_response(re.compile(rf"/costs/{cost.pk}/edit/$")) as answer:
        form_a.get_by_role("button", name=words["save"]).click()
    assert answer.value.status == 200
    expect(a.locator(f"#costs-{cost.pk}.form-row")).to_have_count(0)
    expect(a.locator(f"#costs-{cost.pk}")).to_contain_text(
        "€111.00" if language == "en" else "111,00"
    )

    # B, still showing 40, saves a name change: a conflict at its form, with the current values.
    expect(form_b.get_by_label(words["amount"])).to_have_value(words["40"])
    form_b.get_by_label(words["name"]).fill("Fibre share")
    with b.expect_response(re.compile(rf"/costs/{cost.pk}/edit/$")) as answer:
        form_b.get_by_role("button", name=words["save"]).click()
    assert answer.value.status == 409
    form_b = b.locator(f"#costs-{cost.pk}.form-row")
    expect(form_b.get_by_role("alert")).to_have_text(words["conflict"])
    expect(form_b.get_by_label(words["amount"])).to_have_value(words["111"])
    expect(form_b.get_by_label(words["name"])).to_have_value("Internet share")
    expect(b.locator(".form-row")).to_have_count(1)  # the form itself, no page inside it
    expect(b.locator("#main .site-header, #main footer")).to_have_count(0)
    stored = CostItem.objects.get(pk=cost.pk)
    assert (stored.name, stored.amount) == ("Internet share", Decimal("111.00"))
    expected_status(b, 409)

    # B makes its change again, now from the current version: it is saved, the amount kept.
    form_b.get_by_label(words["name"]).fill("Fibre share")
    with b.expect_response(re.compile(rf"/costs/{cost.pk}/edit/$")) as answer:
        form_b.get_by_role("button", name=words["save"]).click()
    assert answer.value.status == 200
    expect(b.locator(".form-row")).to_have_count(0)
    row = b.locator(f"#costs-{cost.pk}")
    expect(row).to_contain_text("Fibre share")
    expect(row).to_contain_text("€111.00" if language == "en" else "111,00")
    expect(b.locator("#messages")).to_have_text(words["saved"])
    stored = CostItem.objects.get(pk=cost.pk)
    assert (stored.name, stored.amount) == ("Fibre share", Decimal("111.00"))
    not_reloaded(a, b)


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_stale_settings_save_shows_the_current_values_and_overwrites_nothing(tabs, language):
    words = WORDS[language]
    user = User.objects.create_user("tabs@example.com", PASSWORD)
    scenario = make_scenario(user, name="Two tabs")
    a, b = tabs(user, language, f"/scenarios/{scenario.pk}/")
    starting = str(Scenario.objects.get(pk=scenario.pk).starting_balance)

    for tab in (a, b):
        tab.get_by_role("link", name=words["edit settings"]).click()
        expect(tab.locator("#settings").get_by_label(words["name"])).to_have_value("Two tabs")

    # A saves a starting balance of 111; B, still showing the old one, renames the scenario.
    a.locator("#settings").get_by_label(words["starting balance"]).fill(words["111"])
    a.locator("#settings").get_by_role("button", name=words["save"]).click()
    expect(a.locator("#settings[data-cancel-url]")).to_have_count(0)
    expect(a.locator("#settings")).to_contain_text("€111.00" if language == "en" else "111,00")

    card = b.locator("#settings")
    assert card.get_by_label(words["starting balance"]).input_value() != words["111"]
    card.get_by_label(words["name"]).fill("Renamed in B")
    with b.expect_response(re.compile(r"/settings/$")) as answer:
        card.get_by_role("button", name=words["save"]).click()
    assert answer.value.status == 409
    expect(card.get_by_role("alert")).to_have_text(words["conflict"])
    expect(card.get_by_label(words["starting balance"])).to_have_value(words["111"])
    expect(card.get_by_label(words["name"])).to_have_value("Two tabs")
    expect(b.get_by_role("heading", level=1)).to_have_text("Two tabs")
    expect(b.locator("#main .site-header, #main footer")).to_have_count(0)
    stored = Scenario.objects.get(pk=scenario.pk)
    assert (stored.name, stored.starting_balance) == ("Two tabs", Decimal("111.00"))
    assert starting != "111.00"
    expected_status(b, 409)

    # B renames again from the current values: saved, the balance kept.
    card.get_by_label(words["name"]).fill("Renamed in B")
    card.get_by_role("button", name=words["save"]).click()
    expect(b.locator("#settings[data-cancel-url]")).to_have_count(0)
    expect(b.get_by_role("heading", name="Renamed in B", level=1)).to_be_visible()
    expect(b.locator("#settings")).to_contain_text("€111.00" if language == "en" else "111,00")
    stored = Scenario.objects.get(pk=scenario.pk)
    assert (stored.name, stored.starting_balance) == ("Renamed in B", Decimal("111.00"))
    not_reloaded(a, b)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("deleted", ["item", "scenario"])
def test_saving_an_item_deleted_in_the_other_tab_says_so_in_place(tabs, language, deleted):
    words = WORDS[language]
    user = User.objects.create_user("tabs@example.com", PASSWORD)
    scenario = make_scenario(user, name="Two tabs")
    cost = make_cost(scenario, "Internet share")
    a, b = tabs(user, language, f"/scenarios/{scenario.pk}/")

    b.get_by_role("link", name=words["edit"]).click()
    form = b.locator(f"#costs-{cost.pk}.form-row")
    form.get_by_label(words["name"]).fill("Fibre share")

    # Tab A deletes the item (or the whole scenario) meanwhile.
    if deleted == "item":
        a.once("dialog", lambda dialog: dialog.accept())
        a.get_by_role("button", name=words["delete"]).click()
        expect(a.locator(f"#costs-{cost.pk}")).to_have_count(0)
    else:
        a.goto(f"/scenarios/{scenario.pk}/delete/")
        a.get_by_role("button", name=words["delete for good"]).click()
        expect(a).to_have_url(re.compile(r"/scenarios/$"))
    assert not CostItem.objects.filter(pk=cost.pk).exists()

    with b.expect_response(re.compile(rf"/costs/{cost.pk}/edit/$")) as answer:
        form.get_by_role("button", name=words["save"]).click()
    assert answer.value.status == 404
    if deleted == "item":  # the row says so, with a way to reload
        row = b.locator(f"#costs-{cost.pk}.gone-row")
        expect(row.get_by_role("alert")).to_have_text(f"{words['gone']} {words['reload']}")
        expect(row.get_by_role("link", name=words["reload"])).to_be_visible()
    else:  # the status area says so; the form stays as it was
        expect(b.locator("#messages").get_by_role("alert")).to_have_text(words["scenario gone"])
        expect(form.get_by_label(words["name"])).to_have_value("Fibre share")
    expect(b.locator("#main .site-header, #main footer, #main h1 + h1")).to_have_count(0)
    expect(b.locator("html")).to_have_count(1)
    assert not CostItem.objects.filter(name="Fibre share").exists()  # never re-inserted
    expected_status(b, 404)
    not_reloaded(b)


def test_without_javascript_a_stale_item_save_shows_the_current_values(tabs):
    words = WORDS["en"]
    user = User.objects.create_user("tabs@example.com", PASSWORD)
    scenario = make_scenario(user, name="Two tabs")
    cost = make_cost(scenario, "Internet share")
    edit = f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/"
    a, b = tabs(user, "en", edit, javascript=False)
    for tab in (a, b):
        expect(tab.locator("#costs").get_by_label("Amount")).to_have_value("40.00")

    a.locator("#costs").get_by_label("Amount").fill("111")
    a.get_by_role("button", name="Save").click()
    expect(a).to_have_url(re.compile(rf"/scenarios/{scenario.pk}/#costs$"))

    b.locator("#costs").get_by_label("Name").fill("Fibre share")
    with b.expect_response(re.compile(rf"{edit}$")) as answer:
        b.get_by_role("button", name="Save").click()
    assert answer.value.status == 409
    expect(b.locator("#costs [data-conflict]")).to_have_text(words["conflict"])
    expect(b.locator("#costs").get_by_label("Amount")).to_have_value("111.00")
    expect(b.locator("#costs").get_by_label("Name")).to_have_value("Internet share")
    stored = CostItem.objects.get(pk=cost.pk)
    assert (stored.name, stored.amount) == ("Internet share", Decimal("111.00"))
    expected_status(b, 409)

    b.locator("#costs").get_by_label("Name").fill("Fibre share")
    b.get_by_role("button", name="Save").click()
    expect(b).to_have_url(re.compile(rf"/scenarios/{scenario.pk}/#costs$"))
    expect(b.locator(f"#costs-{cost.pk}")).to_contain_text("Fibre share")
    stored = CostItem.objects.get(pk=cost.pk)
    assert (stored.name, stored.amount) == ("Fibre share", Decimal("111.00"))
