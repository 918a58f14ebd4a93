"""Browser: the cost and income tables and the scenario list read on a phone (390x844) and stay
tables on a laptop (1366x900); a failed import says so at the top of the page, focused.

The screenshots land in the test's tmp folder for a person to look at.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.starters import load_starter
from tests.e2e.test_e2e_a11y import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
LAPTOP = {"width": 1366, "height": 900}
WORDS = {
    "en": {"edit": "Edit", "delete": "Delete", "rename": "Rename", "import": "Import"},
    "de": {
        "edit": "Bearbeiten",
        "delete": "Löschen",
        "rename": "Umbenennen",
        "import": "Importieren",
    },
}
SUMMARY = {
    "en": "The scenario file was not imported",
    "de": "Die Szenariodatei wurde nicht importiert",
}

# The page's own width against the window's: more means a sideways scroll of the whole page.
PAGE_WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def sign_in(page, owner, live_server, language: str = "en") -> None:
    owner.profile.language = language
    owner.profile.save()
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.fixture
def plans(owner):
    """Two starter scenarios: the shop (11 cost items, a one-off desk) and the call-center seat."""
    shop = convert.create_scenario(owner, load_starter("online_shop"))
    convert.create_scenario(owner, load_starter("call_center"))
    return {"shop": shop}


def inside_width(page, locator, what: str) -> None:
    """Every element the locator finds is drawn and lies within the window's width."""
    width = page.viewport_size["width"]
    count = locator.count()
    assert count > 0, f"no {what}"
    for n in range(count):
        element = locator.nth(n)
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box is not None and box["width"] > 0, f"{what} #{n} is not drawn"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} #{n} at {box}"


def no_sideways_scroll(page) -> None:
    scroll_width, client_width = page.evaluate(PAGE_WIDTHS)
    assert scroll_width <= client_width, f"the page is {scroll_width} px wide in {client_width}"
    # Nor inside the tables' scroll boxes: a row's buttons are never hidden to the right.
    wider = page.evaluate(
        "() => [...document.querySelectorAll('.table-wrap')]"
        ".filter((w) => w.scrollWidth > w.clientWidth).length"
    )
    assert wider == 0


@pytest.mark.parametrize(("language", "size"), [("en", PHONE), ("de", PHONE), ("de", TABLET)])
def test_the_scenario_page_tables_fit_a_small_screen(
    page, live_server, owner, plans, language, size, tmp_path
):
    words = WORDS[language]
    sign_in(page, owner, live_server, language)
    page.set_viewport_size(size)
    shot = f"{size['width']}-{language}"
    page.goto(plans["shop"].get_absolute_url())
    costs, incomes = page.locator("#costs"), page.locator("#incomes")
    expect(costs.locator("#costs-once-total")).to_be_visible()
    costs.screenshot(path=tmp_path / f"costs-{shot}.png")
    incomes.screenshot(path=tmp_path / f"incomes-{shot}.png")
    assert violations(page) == []

    no_sideways_scroll(page)
    for table, rows in ((costs, 11), (incomes, 1)):
        edit = table.locator("td.row-actions").get_by_role("link", name=words["edit"])
        delete = table.locator("td.row-actions").get_by_role("button", name=words["delete"])
        expect(edit).to_have_count(rows)
        expect(delete).to_have_count(rows)
        inside_width(page, edit, "Edit")
        inside_width(page, delete, "Delete")
    inside_width(page, costs.locator("#costs-total, #costs-once-total"), "total")
    inside_width(page, costs.locator("[id^=costs-subtotal-], [id^=costs-once-subtotal-]"), "sum")
    # Stacked: the labels come with the values (the row's cells sit below its name).
    name_of_desk = "Desk, shelves and computer"
    name = costs.get_by_role("rowheader", name=name_of_desk)
    frequency = (
        costs.locator("tr", has=page.get_by_role("rowheader", name=name_of_desk))
        .locator("td")
        .first
    )
    assert frequency.bounding_box()["y"] > name.bounding_box()["y"] + 10
    label = frequency.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert label.startswith('"') and ("Frequency" in label or "Häufigkeit" in label)

    # An item's form opens inside the screen too, with its Save button reachable.
    costs.get_by_role("link", name=f"{words['edit']} Desk, shelves and computer").click()
    form = costs.locator("tr.form-row form")
    expect(form).to_be_visible()
    costs.screenshot(path=tmp_path / f"costs-{shot}-form.png")
    no_sideways_scroll(page)
    inside_width(page, form.locator("input:not([type=hidden]), select, button"), "form control")


@pytest.mark.parametrize("size", [PHONE, TABLET])
def test_the_scenario_list_fits_a_small_screen(page, live_server, owner, plans, size, tmp_path):
    sign_in(page, owner, live_server)
    page.set_viewport_size(size)
    page.goto("/scenarios/")
    table = page.locator("table.scenario-table")
    expect(table).to_be_visible()
    table.screenshot(path=tmp_path / f"list-{size['width']}.png")
    no_sideways_scroll(page)
    inside_width(page, table.get_by_role("link", name=re.compile(r"^Rename ")), "Rename")
    inside_width(page, table.get_by_role("link", name="Delete", exact=True), "Delete")
    inside_width(page, table.locator("td[data-label='Final balance']"), "final balance")
    assert violations(page) == []


def test_at_1366_the_tables_stay_tables(page, live_server, owner, plans, tmp_path):
    sign_in(page, owner, live_server)
    page.set_viewport_size(LAPTOP)
    page.goto(plans["shop"].get_absolute_url())
    costs = page.locator("#costs")
    expect(costs.locator("#costs-once-total")).to_be_visible()
    costs.screenshot(path=tmp_path / "costs-1366.png")
    no_sideways_scroll(page)
    for selector in ("#costs table", "#incomes table"):
        header = page.locator(f"{selector} thead")
        expect(header).to_be_visible()  # column headers, not labels inside the cells
        assert page.locator(selector).evaluate("(t) => getComputedStyle(t).display") == "table"
    # One row's cells side by side on one line: the name, then the amounts, then the buttons.
    row = costs.locator("tr", has=page.get_by_role("rowheader", name="Shop software"))
    tops = [row.locator("th, td").nth(n).bounding_box()["y"] for n in range(10)]
    assert max(tops) - min(tops) < 2
    inside_width(page, costs.get_by_role("button", name=re.compile("^Delete ")), "Delete")
    # The one-off column: the desk's 1,600.00 beside its 0.00 a month, under the right headings.
    headings = costs.locator("thead th").all_inner_texts()
    assert headings[7:9] == ["One-off", "Per month"]

    page.goto("/scenarios/")
    table = page.locator("table.scenario-table")
    table.screenshot(path=tmp_path / "list-1366.png")
    assert table.evaluate("(t) => getComputedStyle(t).display") == "table"
    expect(table.locator("thead")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_failed_import_says_so_at_the_top_focused(
    page, live_server, owner, plans, language, tmp_path
):
    sign_in(page, owner, live_server, language)
    page.set_viewport_size(LAPTOP)
    page.goto("/scenarios/")
    bad = tmp_path / "plan.json"
    bad.write_text("this is not JSON")
    form = page.locator("form[action='/scenarios/import/']")
    form.locator("input[type=file]").set_input_files(bad)
    # Chromium logs the 422 page as a failed load; it is the answer wanted here: wait for that
    # line, then drop it from the console problems that fail a test.
    with (
        page.expect_response(lambda r: r.url.endswith("/scenarios/import/")) as answer,
        page.expect_console_message(lambda m: "422" in m.text),
    ):
        form.get_by_role("button", name=WORDS[language]["import"]).click()
    assert answer.value.status == 422
    page.console_problems[:] = [p for p in page.console_problems if "422" not in p]

    summary = page.get_by_role("alert").filter(has_text=SUMMARY[language])
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.evaluate("() => document.activeElement.id") == "import-errors"
    box = summary.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], box
    page.screenshot(path=tmp_path / f"import-error-{language}.png")
    assert violations(page) == []

    # Its message links to the field, which shows the message again.
    link = summary.get_by_role("link")
    expect(link).to_have_count(1)
    message = link.inner_text()
    assert message.startswith("This file can't be imported" if language == "en" else "Diese Datei")
    field = page.locator("#id_file")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(form).to_contain_text(message)
    link.click()
    expect(field).to_be_in_viewport()
