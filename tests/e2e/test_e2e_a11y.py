"""Accessibility in real Chromium: axe-core's WCAG 2.1 A and AA rules find nothing on the main
pages, in English and German; the editor works with the keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from ecareer.planning import convert
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.e2e.in_view import draw_all_charts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LANGUAGES = ["en", "de"]
_axe = Axe()


def settle(page) -> None:
    """Wait until htmx has no request open and no swap is settling (parts fade while loading)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(  # a function, not a string: the CSP forbids eval
        "() => !document.querySelector("
        "'.htmx-request, .htmx-settling, .htmx-swapping, [aria-busy=true]')"
    )
    page.wait_for_timeout(300)  # the fade back to full opacity


def violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one readable line per element."""
    settle(page)
    results = _axe.run(page, options=WCAG_21_AA)
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for rule in results.response["violations"]
        for node in rule["nodes"]
    ]


def open_in(page, live_server, language: str, path: str, signed_in_as=None) -> None:
    """Open `path` in `language` (cookie for visitors, profile for users) and let charts draw."""
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if signed_in_as is not None:
        signed_in_as.profile.language = language
        signed_in_as.profile.save()
        client = Client()
        client.force_login(signed_in_as, backend="django.contrib.auth.backends.ModelBackend")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    page.context.add_cookies(cookies)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language


@pytest.fixture
def plans(owner):
    """Two starter scenarios of the owner and a share link to the first."""
    shop = convert.create_scenario(owner, load_starter("online_shop"))
    calls = convert.create_scenario(owner, load_starter("call_center"))
    link = ShareLink.objects.create(scenario=shop, label="Bank")
    return {"shop": shop, "calls": calls, "link": link}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/accounts/signup/", "/accounts/login/"])
def test_visitor_pages_have_no_violations(page, live_server, language, path):
    open_in(page, live_server, language, path)
    assert violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("which", ["list", "scenario", "compare", "report"])
def test_signed_in_pages_have_no_violations(page, live_server, owner, plans, language, which):
    paths = {
        "list": "/scenarios/",
        "scenario": plans["shop"].get_absolute_url(),
        "compare": f"/scenarios/compare/?ids={plans['shop'].pk},{plans['calls'].pk}",
        "report": plans["link"].get_absolute_url(),
    }
    user = None if which == "report" else owner
    open_in(page, live_server, language, paths[which], signed_in_as=user)
    if which != "list":
        draw_all_charts(page)
    assert violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_up_errors_have_no_violations(page, live_server, language):
    open_in(page, live_server, language, "/accounts/signup/")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    alert = page.get_by_role("alert")
    assert alert.count() == 1 and alert.is_visible()
    assert page.locator("input[aria-invalid=true]").count() >= 1
    assert violations(page) == []


# --- keyboard only ------------------------------------------------------------------------


def focused_text(page) -> str:
    """The focused element's text, visually hidden parts included, spaces collapsed."""
    return page.evaluate("(document.activeElement.textContent || '').replace(/\\s+/g, ' ').trim()")


def tab_to(page, text: str, limit: int = 150) -> None:
    """Press Tab until the focused element reads `text` (a visually hidden name may follow)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page).startswith(text):
            return
    raise AssertionError(f"no focusable element {text!r} within {limit} Tab presses")


def visible_focus(page) -> bool:
    """The focused element shows an outline or a box shadow (the focus ring)."""
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== 'none';
        }"""
    )


def test_editor_by_keyboard_alone(page, live_server, owner):
    scenario = convert.create_scenario(owner, load_starter("call_center"))
    open_in(page, live_server, "en", scenario.get_absolute_url(), signed_in_as=owner)
    page.on("dialog", lambda dialog: dialog.accept())
    costs = page.locator("#costs")
    before = costs.locator("tbody tr[id^=costs-]").count()

    # The skip link comes first and moves the focus to the content.
    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to content"
    assert visible_focus(page)

    # Add: Tab to "Add cost item", Enter; the cursor is in the name field; type, Enter saves.
    tab_to(page, "Add cost item")
    assert visible_focus(page)
    page.keyboard.press("Enter")
    name = costs.get_by_label("Name")
    name.wait_for()
    page.wait_for_function("() => document.activeElement.name === 'name'")
    page.keyboard.type("Keyboard")
    page.keyboard.press("Tab")  # category: a select, chosen by typing its first letters
    page.keyboard.type("Softw")
    page.keyboard.press("Tab")  # amount
    page.keyboard.type("45")
    page.keyboard.press("Enter")
    row = costs.locator("tr", has_text="Keyboard")
    row.wait_for()
    assert "Software" in costs.inner_text()
    assert costs.locator("tbody tr[id^=costs-]").count() == before + 1
    assert violations(page) == []

    # Edit, then Escape cancels: the row comes back unchanged.
    page.locator("#main").focus()
    tab_to(page, "Edit Keyboard")
    page.keyboard.press("Enter")
    costs.locator("form.item-form").wait_for()
    page.wait_for_function("() => document.activeElement.name === 'name'")
    assert violations(page) == []
    page.keyboard.type(" changed")
    page.keyboard.press("Escape")
    costs.locator("form.item-form").wait_for(state="detached")
    assert "Keyboard changed" not in costs.inner_text()
    assert costs.locator("th", has_text="Keyboard").count() == 1

    # Delete: Tab to its button, Enter, accept the question.
    page.locator("#main").focus()
    tab_to(page, "Delete Keyboard")
    page.keyboard.press("Enter")
    costs.locator("th", has_text="Keyboard").wait_for(state="detached")
    assert costs.locator("tbody tr[id^=costs-]").count() == before


def test_editor_errors_are_announced(page, live_server, owner):
    scenario = convert.create_scenario(owner, load_starter("call_center"))
    open_in(page, live_server, "de", scenario.get_absolute_url(), signed_in_as=owner)
    costs = page.locator("#costs")
    costs.get_by_text("Kostenposten hinzufügen").click()
    page.wait_for_function("() => document.activeElement.name === 'name'")
    page.keyboard.press("Enter")  # an empty name and amount
    status = costs.locator(".form-status[aria-live]")
    status.get_by_role("alert").wait_for()
    assert "Bitte korrigieren Sie die markierten Felder" in status.inner_text()
    invalid = costs.locator("[aria-invalid=true]")
    assert invalid.count() >= 1
    assert violations(page) == []
    # The 422 with the form's errors is the answer we want; Chromium logs it as a failed load.
    page.console_problems[:] = [p for p in page.console_problems if "status of 422" not in p]


# --- account pages (django-allauth's, in ecareer's templates) ------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["/privacy/", "/accounts/password/reset/"])
def test_account_visitor_pages_have_no_violations(page, live_server, language, path):
    open_in(page, live_server, language, path)
    assert violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/profile/",
        "/accounts/delete/",
        "/accounts/2fa/",
        "/accounts/sessions/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
        "/accounts/logout/",
    ],
)
def test_account_pages_have_no_violations(page, live_server, owner, language, path):
    open_in(page, live_server, language, path, signed_in_as=owner)
    assert violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_factor_set_up_page_has_no_violations(page, live_server, owner, language):
    from allauth.account.models import EmailAddress

    from tests.conftest import PASSWORD

    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    owner.profile.language = language
    owner.profile.save()
    client = Client()
    client.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.goto("/accounts/2fa/totp/activate/")
    page.get_by_role("img").wait_for()
    assert page.locator("html").get_attribute("lang") == language
    assert violations(page) == []
