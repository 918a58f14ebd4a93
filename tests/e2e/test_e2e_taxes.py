"""Browser: a German founder sets up an online shop with Germany's taxes, sees when the
small-business status ends and the warning ahead of the largest payment month; axe-core finds
nothing on the tax card, the item fields and the payment calendar, in English and German.

Every wait is on a condition (a locator, a response, the page's own state), never on time."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.accounts.models import User
from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.starters import load_starter
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
_axe = Axe()


def signed_in(page, live_server, user: User, language: str) -> None:
    """The user's session and language in the browser (the profile holds the language)."""
    user.profile.language = language
    user.profile.save()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def quiet(page) -> None:
    """No htmx request open, nothing swapping or settling, and the dashboard at full opacity."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector("
        "'.htmx-request, .htmx-settling, .htmx-swapping, [aria-busy=true]') && "
        "[...document.querySelectorAll('#dashboard, #tax, #costs')]"
        ".every(e => getComputedStyle(e).opacity === '1')"
    )


def violations(page) -> list[str]:
    quiet(page)
    results = _axe.run(page, options=WCAG_21_AA)
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for rule in results.response["violations"]
        for node in rule["nodes"]
    ]


def test_a_german_shop_sees_the_status_end_and_the_payment_warning(page, live_server):
    user = User.objects.create_user("laden@example.com", PASSWORD)
    signed_in(page, live_server, user, "de")

    # A new plan from the online-shop starter: in German it counts Germany's taxes.
    page.goto("/scenarios/new/")
    page.locator('input[name="template"][value="online_shop"]').check()
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("heading", name="Onlineshop von zu Hause", level=1)).to_be_visible()
    scenario = Scenario.objects.get(user=user)
    assert scenario.tax_regime == "de"
    tax = page.locator("#tax")
    expect(tax).to_contain_text("Deutschland")
    expect(tax).to_contain_text("ein Gewerbe; Hebesatz 400\u00a0%")

    # The tax card in place: the town's multiplier is 450 %; the card and the dashboard update.
    page.evaluate("window.__marker = 1")  # gone if the page reloads
    tax.get_by_role("link", name="Steuern bearbeiten").click()
    form = page.locator("#tax form")
    expect(form).to_be_visible()
    expect(form).to_contain_text("Hebesatz")
    form.get_by_label("Gewerbesteuer-Hebesatz (%)").fill("450")
    with page.expect_response(re.compile(r"/dashboard/")):
        form.get_by_role("button", name="Speichern").click()
    expect(tax).to_contain_text("ein Gewerbe; Hebesatz 450\u00a0%")
    assert page.evaluate("window.__marker") == 1

    # Goods at a share of sales: a new cost item as 2 % of the shop's sales.
    page.get_by_role("link", name="Kostenposten hinzufügen").click()
    row = page.locator("#costs-new-row")
    row.get_by_label("Name").fill("Verpackung")
    row.get_by_label("Kategorie").select_option("goods")
    row.get_by_label("Grundlage").select_option("income_share")
    row.get_by_label("Betrag").fill("2")
    row.get_by_label("von der Einnahme").select_option(label="Shop-Umsatz")
    row.get_by_label("Umsatzsteuersatz").select_option("19")
    row.get_by_role("button", name="Speichern").click()
    expect(page.locator("#costs-new-row")).to_have_count(0)
    goods = page.locator("#costs tr", has=page.get_by_role("rowheader", name="Verpackung"))
    expect(goods).to_contain_text("2\u00a0% von Shop-Umsatz")
    expect(goods).to_contain_text("erstes Jahr")

    # The dashboard says when the small-business status ends and warns ahead of the largest
    # payment month, with what it is made of and the balance after it.
    quiet(page)
    vat_end = page.locator("#vat-end")
    expect(vat_end).to_contain_text(re.compile(r"^Ab \S+\.? 2027 liegt Ihr Umsatz über"))
    expect(vat_end).to_contain_text("bleibt Ihnen nur der Nettoanteil")
    warning = page.locator("#payment-warning")
    expect(warning).to_contain_text("verlangen Finanzamt und Krankenkasse auf einmal")
    expect(warning).to_contain_text("Ihr Kontostand fällt dann auf")
    calendar = page.locator("#payments")
    calendar.locator("summary").click()
    expect(
        calendar.get_by_role("cell", name="Einkommensteuer 2027: Abschlusszahlung")
    ).to_be_visible()
    expect(
        calendar.get_by_role("cell", name=re.compile(r"^Umsatzsteuer Q\d 2027$")).first
    ).to_be_visible()
    assert page.evaluate("window.__marker") == 1


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_new_parts_have_no_accessibility_violations(page, live_server, owner, language):
    scenario = convert.create_scenario(owner, load_starter("online_shop", "de"))
    signed_in(page, live_server, owner, language)
    page.goto(scenario.get_absolute_url())
    # The payment calendar open, the tax card in edit mode, a cost form with the new fields.
    page.locator("#payments summary").click()
    page.locator("#tax").get_by_role("link").first.click()
    expect(page.locator("#tax form")).to_be_visible()
    page.locator("#costs").get_by_role("link").first.click()
    expect(page.locator("#costs-new-row select[name=basis]")).to_be_visible()
    assert violations(page) == []
