"""Browser: edit a scenario in place (add, edit, field error, delete, Escape), no page load."""

import re

import pytest
from playwright.sync_api import expect

from ecareer.accounts.models import User
from tests.conftest import PASSWORD
from tests.planning.factories import make_cost, make_income, make_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))


def expected_422(page) -> None:
    """A 422 with the form's errors is the answer we want; Chromium logs it as a failed load."""
    page.console_problems[:] = [p for p in page.console_problems if "status of 422" not in p]


def test_edit_a_scenario_in_place(page):
    user = User.objects.create_user("editor@example.com", PASSWORD)
    scenario = make_scenario(user, name="Call-center seat")
    make_cost(scenario, "Internet share")  # 40.00 x 50 % = 20.00 a month
    make_cost(scenario, "Headset", category="equipment", amount=60, frequency="once")
    make_income(scenario, "Call-center hours")

    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    expect(page.get_by_role("heading", name="Call-center seat", level=1)).to_be_visible()
    page.evaluate("window.__marker = 1")
    costs = page.locator("#costs")
    incomes = page.locator("#incomes")
    expect(page.locator("#costs-total")).to_have_text("€20.00")

    # Add a cost item: an empty form row appears at the end of the table; saving files it
    # under its category and updates the total.
    page.get_by_role("link", name="Add cost item").click()
    row = page.locator("#costs-new-row")
    row.get_by_label("Name").fill("Accounting software")
    row.get_by_label("Category").select_option("software")
    row.get_by_label("Amount").fill("240")
    row.get_by_label("Frequency").select_option("yearly")
    row.get_by_label("Business share (%)").fill("100")
    row.get_by_role("button", name="Save").click()
    expect(page.locator("#costs-new-row")).to_have_count(0)
    expect(costs.get_by_role("rowheader", name="Accounting software")).to_be_visible()
    expect(costs.get_by_role("rowheader", name="Software", exact=True)).to_be_visible()
    expect(page.locator("#costs-total")).to_have_text("€40.00")  # 20.00 + 240 / 12

    # Edit an income stream in place; a bad rate shows its error at the field, then fix it.
    incomes.get_by_role("link", name="Edit Call-center hours").click()
    form_row = incomes.locator("tr.form-row")
    rate = form_row.get_by_label("Rate")
    rate.fill("lots")
    form_row.get_by_role("button", name="Save").click()
    expect(form_row.locator(".errorlist")).to_contain_text("Enter a number.")
    expect(form_row.get_by_label("Rate")).to_have_attribute("aria-invalid", "true")
    expect(form_row.get_by_role("alert")).to_contain_text("Please correct the marked fields")
    expected_422(page)
    form_row.get_by_label("Rate").fill("22.50")
    form_row.get_by_role("button", name="Save").click()
    expect(incomes.locator("tr.form-row")).to_have_count(0)
    expect(incomes.get_by_role("row", name=re.compile("Call-center hours"))).to_contain_text(
        "€22.50 × 80 hours"
    )

    # Delete a row (after the browser's confirmation).
    page.once("dialog", lambda dialog: dialog.accept())
    costs.get_by_role("button", name="Delete Headset").click()
    expect(costs.get_by_role("rowheader", name="Headset")).to_have_count(0)
    expect(costs.get_by_role("rowheader", name="Equipment", exact=True)).to_have_count(0)

    # Escape in a form row cancels the edit and restores the row as it was.
    costs.get_by_role("link", name="Edit Internet share").click()
    name = costs.locator("tr.form-row").get_by_label("Name")
    expect(name).to_be_focused()  # so Escape works at once, from the keyboard
    name.fill("Changed my mind")
    name.press("Escape")
    expect(costs.locator("tr.form-row")).to_have_count(0)
    expect(costs.get_by_role("rowheader", name="Internet share")).to_be_visible()
    expect(costs.get_by_text("Changed my mind")).to_have_count(0)

    # Edit a cost in place: the row, its category's subtotal and the total follow.
    costs.get_by_role("link", name="Edit Internet share").click()
    amount = costs.locator("tr.form-row").get_by_label("Amount")
    amount.fill("60")
    amount.press("Enter")  # submits the row's form, as Save does
    expect(costs.locator("tr.form-row")).to_have_count(0)
    expect(costs.get_by_role("row", name=re.compile("Internet share"))).to_contain_text("€30.00")
    expect(page.locator("#costs-subtotal-internet_phone")).to_have_text("€30.00")
    expect(page.locator("#costs-total")).to_have_text("€50.00")

    # Cancel on a new row removes it.
    page.get_by_role("link", name="Add income stream").click()
    page.locator("#incomes-new-row").get_by_role("link", name="Cancel").click()
    expect(page.locator("#incomes-new-row")).to_have_count(0)

    # Settings card: edit in place and save.
    page.get_by_role("link", name="Edit settings").click()
    page.locator("#settings").get_by_label("Name").fill("Call-center seat, part time")
    page.locator("#settings").get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Call-center seat, part time", level=1)).to_be_visible()

    # All of it without a page load.
    assert page.evaluate("window.__marker") == 1

    page.reload()
    assert page.evaluate("window.__marker") is None
    expect(page.get_by_role("heading", name="Call-center seat, part time", level=1)).to_be_visible()
    expect(costs.get_by_role("rowheader", name="Accounting software")).to_be_visible()
    expect(costs.get_by_role("rowheader", name="Headset")).to_have_count(0)
    expect(costs.get_by_role("rowheader", name="Internet share")).to_be_visible()
    expect(page.locator("#costs-total")).to_have_text("€50.00")
    expect(incomes.get_by_role("row", name=re.compile("Call-center hours"))).to_contain_text(
        "€22.50 × 80 hours"
    )


def test_without_javascript_the_forms_post_and_redirect(browser, live_server):
    user = User.objects.create_user("nojs@example.com", PASSWORD)
    scenario = make_scenario(user, name="Plain forms")
    make_cost(scenario, "Internet share")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, user.email)
        page.goto(f"/scenarios/{scenario.pk}/")
        page.get_by_role("link", name="Edit Internet share").click()
        expect(page).to_have_url(re.compile(r"/costs/\d+/edit/$"))
        page.locator("#costs").get_by_label("Amount").fill("-5")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#costs .errorlist")).to_contain_text("greater than or equal to 0")
        page.locator("#costs").get_by_label("Amount").fill("50")
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_url(re.compile(rf"/scenarios/{scenario.pk}/#costs$"))
        expect(page.locator("#costs-total")).to_have_text("€25.00")
    finally:
        context.close()


def test_income_form_shows_the_fields_of_its_pricing(page):
    user = User.objects.create_user("pricing@example.com", PASSWORD)
    scenario = make_scenario(user)
    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    page.get_by_role("link", name="Add income stream").click()
    row = page.locator("#incomes-new-row")
    row.get_by_label("Pricing").select_option("fixed")
    expect(row.get_by_label("Amount")).to_be_visible()
    expect(row.get_by_label("Rate")).to_be_hidden()
    expect(row.get_by_label("Quantity")).to_be_hidden()
    row.get_by_label("Pricing").select_option("hourly")
    expect(row.get_by_label("Amount")).to_be_hidden()
    expect(row.get_by_label("Rate")).to_be_visible()
    # A field with an error stays in sight, whatever the pricing.
    row.get_by_label("Name").fill("Calls")
    row.get_by_label("Rate").fill("abc")
    row.get_by_role("button", name="Save").click()
    expect(row.locator(".errorlist")).not_to_have_count(0)
    expected_422(page)
    expect(row.get_by_label("Rate")).to_be_visible()
    expect(row.get_by_label("Amount")).to_be_hidden()


def test_cost_form_offers_the_write_off_only_for_a_one_off_cost(page):
    # "Written off over (years)" belongs to one-off costs (DESIGN.md v3): hidden while the
    # frequency is monthly, shown for "once"; a refusal at the field keeps it in sight.
    user = User.objects.create_user("writeoff@example.com", PASSWORD)
    scenario = make_scenario(user)
    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    page.get_by_role("link", name="Add cost item").click()
    row = page.locator("#costs-new-row")
    years = row.get_by_label("Written off over (years)")
    row.get_by_label("Frequency").select_option("once")
    expect(years).to_be_visible()
    years.fill("3")
    row.get_by_label("Frequency").select_option("monthly")
    expect(years).to_be_hidden()
    row.get_by_label("Name").fill("Laptop")
    row.get_by_label("Amount").fill("1900")
    row.get_by_role("button", name="Save").click()
    # A monthly cost cannot be written off: said at the field, which shows again.
    expect(row.locator(".errorlist")).not_to_have_count(0)
    expected_422(page)
    expect(years).to_be_visible()
    row.get_by_label("Frequency").select_option("once")
    row.get_by_role("button", name="Save").click()
    expect(page.locator("#costs")).to_contain_text("Laptop")
    expect(page.locator("#costs-new-row")).to_have_count(0)


def open_by_keyboard(page, opener):
    """Open an inline form from its control by the keyboard; returns its focused first field.

    The focus in the form's first field is what a keyboard user sees when the form is ready.
    """
    opener.focus()
    opener.press("Enter")
    field = page.locator("[data-cancel-url] :focus")
    expect(field).to_have_count(1)
    return field


# The eight inline forms, each by the name of the control that opens it.
OPENERS = [
    "Edit settings",
    "Edit taxes",
    "Edit reserve",
    "Edit risks",
    "Add cost item",
    "Edit Internet share",
    "Add income stream",
    "Edit Call-center hours",
]


def test_focus_returns_to_the_opener_after_cancel_escape_and_save_by_keyboard(page):
    user = User.objects.create_user("keys@example.com", PASSWORD)
    scenario = make_scenario(user, name="Keyboard plan")
    make_cost(scenario, "Internet share")
    make_income(scenario, "Call-center hours")
    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    status = page.locator("#messages")
    for name in OPENERS:
        opener = page.get_by_role("link", name=name)
        for close in ("Escape", "Cancel"):
            field = open_by_keyboard(page, opener)
            if close == "Escape":
                field.press("Escape")
            else:
                page.locator("[data-cancel-url]").get_by_role("link", name="Cancel").focus()
                page.keyboard.press("Enter")
            expect(page.locator("[data-cancel-url]")).to_have_count(0)
            expect(opener).to_be_focused()
            expect(status).to_have_text("Cancelled; nothing was changed.")


def test_focus_returns_to_the_opener_after_save_by_keyboard(page):
    user = User.objects.create_user("keys-save@example.com", PASSWORD)
    scenario = make_scenario(user, name="Keyboard plan")
    make_cost(scenario, "Internet share")
    make_income(scenario, "Call-center hours")
    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    status = page.locator("#messages")
    # Save: the outcome is announced and the focus is back on the opener, all in place.
    page.evaluate("window.__marker = 1")
    for name in OPENERS:
        opener = page.get_by_role("link", name=name)
        field = open_by_keyboard(page, opener)
        if name.startswith("Add"):
            expect(field).to_have_attribute("name", "name")
            field.fill("Added by keyboard")
            page.locator("[data-cancel-url]").get_by_label("Amount").fill("12")
        # The status area is emptied first, so the line after each save is that save's own.
        page.evaluate("document.getElementById('messages').replaceChildren()")
        page.locator("[data-cancel-url]").get_by_role("button", name="Save").focus()
        page.keyboard.press("Enter")
        expect(page.locator("[data-cancel-url]")).to_have_count(0)
        expect(opener).to_be_focused()
        expect(status).to_have_text("Saved.")
    assert page.evaluate("window.__marker") == 1  # no page load
    assert scenario.costs.filter(name="Added by keyboard").count() == 1
    assert scenario.incomes.filter(name="Added by keyboard").count() == 1


def test_a_form_submitted_the_moment_it_shows_saves_in_place(page):
    """htmx wires a swapped-in form in the task that shows it (no settle delay): a Save at once
    is htmx's, not a plain post with a page load that loses the focus (issue 15's flaky test).
    """
    user = User.objects.create_user("at-once@example.com", PASSWORD)
    scenario = make_scenario(user, name="At once")
    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    # A script submits the form in the first moment it is in the page: a microtask after the
    # swap, before any timer could run.
    page.evaluate(
        """() => {
          window.__marker = 1;
          new MutationObserver((records, observer) => {
            const form = document.querySelector("#settings[data-cancel-url] form");
            if (!form) return;
            observer.disconnect();
            form.querySelector("[name=name]").value = "Saved at once";
            form.requestSubmit();
          }).observe(document.body, {childList: true, subtree: true});
        }"""
    )
    opener = page.get_by_role("link", name="Edit settings")
    opener.focus()
    opener.press("Enter")
    expect(page.get_by_role("heading", name="Saved at once", level=1)).to_be_visible()
    expect(opener).to_be_focused()
    expect(page.locator("#messages")).to_have_text("Saved.")
    assert page.evaluate("window.__marker") == 1  # no page load


def test_focus_returns_when_dashboard_refreshes_land_while_the_next_form_opens(page):
    """The dashboard refreshes after two saves may be swapped in between the next form's request
    and its answer; the focus still goes back to that form's opener after its own Save.

    The answers are held and released in this order (no timing involved).
    """
    user = User.objects.create_user("race@example.com", PASSWORD)
    scenario = make_scenario(user, name="Crossing answers")
    make_cost(scenario, "Internet share")
    sign_in(page, user.email)
    page.goto(f"/scenarios/{scenario.pk}/")
    dashboard_url, form_url = re.compile(r"/dashboard/$"), re.compile(r"/costs/\d+/edit/$")
    dashboards, forms = [], []
    page.route(dashboard_url, lambda route: dashboards.append(route))
    page.route(form_url, lambda route: forms.append(route))

    # Save the settings and the reserve: the first refresh of the dashboard is held, the
    # second waits for it (the dashboard's requests queue).
    for name in ("Edit settings", "Edit reserve"):
        saved = page.get_by_role("link", name=name)
        open_by_keyboard(page, saved)
        page.locator("[data-cancel-url]").get_by_role("button", name="Save").focus()
        page.keyboard.press("Enter")
        expect(saved).to_be_focused()
    assert len(dashboards) == 1

    # Open the cost item's form; its answer is held while both refreshes are swapped in.
    opener = page.get_by_role("link", name="Edit Internet share")
    opener.focus()
    with page.expect_request(form_url):
        opener.press("Enter")
    for _refresh in range(2):
        page.evaluate("document.getElementById('dashboard').dataset.old = '1'")
        dashboards[0].continue_()
        expect(page.locator("#dashboard")).to_have_count(1)
        expect(page.locator("#dashboard[data-old]")).to_have_count(0)
        dashboards.pop(0)
    page.unroute(dashboard_url)
    assert len(forms) == 1  # still held
    forms[0].continue_()
    page.unroute(form_url)

    # The form opens, is saved by the keyboard, and the focus is back on its opener.
    expect(page.locator("[data-cancel-url] :focus")).to_have_count(1)
    page.evaluate("document.getElementById('messages').replaceChildren()")  # the last save's
    page.locator("[data-cancel-url]").get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-cancel-url]")).to_have_count(0)
    expect(opener).to_be_focused()
    expect(page.locator("#messages")).to_have_text("Saved.")
