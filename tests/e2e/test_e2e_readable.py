"""Browser: readable on a laptop (1366x900) and a phone (390x844), in English and German (issue 26).

The cost and income tables fit their card with every button visible; compare is one card per
scenario on a phone; a what-if preview's result stays in view while a slider moves; the share
form's expiry help sits under its own field; the footer lines up with the centred content.
Each case also runs axe (0 violations). Screenshots land in the test's tmp folder.
"""

import re

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.projection import scenario_file
from ecareer.starters import load_starter, starter_text
from tests.e2e.test_e2e_a11y import open_in, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
SIZES = pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
LANGUAGES = pytest.mark.parametrize("language", ["en", "de"])
WORDS = {
    "en": {"edit": "Edit", "delete": "Delete", "save": "Save in the scenario", "reset": "Reset"},
    "de": {
        "edit": "Bearbeiten",
        "delete": "Löschen",
        "save": "Im Szenario speichern",
        "reset": "Zurücksetzen",
    },
}


@pytest.fixture
def plans(owner):
    """The shop as its starter file has it (German taxes: a VAT note in every amount cell, as the
    demo account's), the writer and the call-center seat: settings that differ in many rows."""
    return {
        "shop": convert.create_scenario(owner, scenario_file.loads(starter_text("online_shop"))),
        "writer": convert.create_scenario(owner, load_starter("freelance_writer")),
        "calls": convert.create_scenario(owner, load_starter("call_center")),
    }


def inside(box: dict, frame: dict, slack: float = 1.0) -> bool:
    return (
        box["x"] >= frame["x"] - slack
        and box["y"] >= frame["y"] - slack
        and box["x"] + box["width"] <= frame["x"] + frame["width"] + slack
        and box["y"] + box["height"] <= frame["y"] + frame["height"] + slack
    )


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and inside(box, {"x": 0, "y": 0, **size})


def uncovered(locator) -> bool:
    """Nothing drawn over the element's centre (a fixed bar, say): a tap there reaches it."""
    return locator.evaluate(
        """(el) => { const b = el.getBoundingClientRect();
        const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        return hit === el || el.contains(hit); }"""
    )


@LANGUAGES
def test_the_cost_and_income_tables_fit_their_card_at_1366(
    page, live_server, owner, plans, language, tmp_path
):
    open_in(page, live_server, language, plans["shop"].get_absolute_url(), signed_in_as=owner)
    page.set_viewport_size(LAPTOP)
    words = WORDS[language]
    for card_id, rows in (("costs", 11), ("incomes", 1)):
        card = page.locator(f"#{card_id}")
        card.scroll_into_view_if_needed()
        card.screenshot(path=tmp_path / f"{card_id}-{language}.png")
        table = card.locator("table")
        assert table.evaluate("(t) => getComputedStyle(t).display") == "table"  # still a table
        wrap = card.locator(".table-wrap")
        scroll, client = wrap.evaluate("(w) => [w.scrollWidth, w.clientWidth]")
        assert scroll <= client, f"{card_id}: the table is {scroll} px wide in {client}"
        frame = card.bounding_box()
        actions = card.locator("td.row-actions")
        for name, role in ((words["edit"], "link"), (words["delete"], "button")):
            found = actions.get_by_role(role, name=re.compile(f"^{name} "))
            expect(found).to_have_count(rows)
            for n in range(rows):
                found.nth(n).scroll_into_view_if_needed()
                box = found.nth(n).bounding_box()
                assert inside(box, frame), f"{card_id}: {name} #{n} at {box} outside {frame}"
                assert uncovered(found.nth(n)), f"{card_id}: {name} #{n} covered"
    assert violations(page) == []


@LANGUAGES
@SIZES
def test_compare_is_one_card_per_scenario_on_a_phone(
    page, live_server, owner, plans, language, size, tmp_path
):
    ids = ",".join(str(plans[key].pk) for key in ("shop", "writer", "calls"))
    page.set_viewport_size(size)
    open_in(page, live_server, language, f"/scenarios/compare/?ids={ids}", signed_in_as=owner)
    settings_table = page.locator("#compare-settings")
    settings_table.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / f"compare-{language}-{size['width']}.png", full_page=True)
    # Nothing wider than the screen, and no scroll box hiding a scenario to the right.
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " [...document.querySelectorAll('.table-wrap')].filter("
        "(w) => w.scrollWidth > w.clientWidth).length]"
    )
    assert widths[0] <= widths[1] and widths[2] == 0, widths
    for table_id in ("compare-kpis", "compare-futures", "compare-settings"):
        table = page.locator(f"#{table_id}")
        names = table.locator("thead th:not(:first-child)")
        expect(names).to_have_count(3)
        boxes = [names.nth(n).bounding_box() for n in range(3)]
        cells = table.locator("tbody td")
        if size is LAPTOP:  # a table: the names side by side in one header row
            assert table.evaluate("(t) => getComputedStyle(t).display") == "table"
            assert max(b["y"] for b in boxes) - min(b["y"] for b in boxes) < 2
            continue
        # A phone: one card per scenario, under each other, each as wide as the screen allows,
        # every value inside it under its name (never clipped), its label beside it.
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"], (table_id, boxes)
        rows = table.locator("tbody tr").count()
        for n in range(cells.count()):
            cell = cells.nth(n)
            column, row = n % 3, n // 3
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], (table_id, n)
            assert boxes[column]["y"] < box["y"], f"{table_id}: cell {n} above its scenario"
            if column < 2:
                assert box["y"] < boxes[column + 1]["y"], f"{table_id}: cell {n} in the next card"
            overflow = cell.evaluate("(td) => td.scrollWidth - td.clientWidth")
            assert overflow <= 0, f"{table_id}: cell {n} clipped by {overflow} px"
            label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
            header = table.locator("tbody tr").nth(row).locator("th").inner_text()
            assert header.strip() in label, (label, header)
        assert rows >= 3
    assert violations(page) == []


@LANGUAGES
@SIZES
def test_the_what_if_result_stays_in_view_after_a_slider_moves(
    page, live_server, owner, plans, language, size, tmp_path
):
    page.set_viewport_size(size)
    open_in(page, live_server, language, plans["shop"].get_absolute_url(), signed_in_as=owner)
    words = WORDS[language]
    slider = page.locator("#what-if-sick")
    slider.scroll_into_view_if_needed()
    slider.focus()
    with page.expect_response(lambda r: "/dashboard/" in r.url and r.status == 200):
        page.keyboard.press("ArrowRight")
    result = page.locator("#what-if-result")
    expect(result).to_be_visible()
    expect(page.locator("#what-if-changes")).to_be_visible()
    page.screenshot(path=tmp_path / f"what-if-{language}-{size['width']}.png")
    save = result.get_by_role("button", name=words["save"])
    reset = result.get_by_role("link", name=words["reset"])
    caption = page.locator("#what-if-changes caption")
    for what in (save, reset, caption):
        assert in_viewport(page, what), f"{what} out of view at {what.bounding_box()}"
        assert uncovered(what)
    # The slider the reader moves is not under the result: it can move on.
    assert in_viewport(page, slider) and uncovered(slider)
    expect(slider).to_be_focused()
    assert violations(page) == []
    # Reset ends the preview: nothing stays over the page.
    reset.click()
    expect(page.locator("#what-if-result")).to_have_count(0)


@LANGUAGES
@SIZES
def test_the_share_forms_expiry_help_is_under_its_field(
    page, live_server, owner, plans, language, size, tmp_path
):
    page.set_viewport_size(size)
    open_in(page, live_server, language, plans["shop"].get_absolute_url(), signed_in_as=owner)
    form = page.locator("form.share-form")
    form.scroll_into_view_if_needed()
    form.screenshot(path=tmp_path / f"share-{language}-{size['width']}.png")
    field = page.locator("#id_expires_on")
    help_text = page.locator("#id_expires_on_helptext")
    expect(field).to_have_attribute("aria-describedby", re.compile("id_expires_on_helptext"))
    box, words = field.bounding_box(), help_text.bounding_box()
    # Right under the date box, starting where it starts.
    assert 0 <= words["y"] - (box["y"] + box["height"]) <= 10, (box, words)
    assert abs(words["x"] - box["x"]) <= 2, (box, words)
    # The label field beside it (on a laptop) keeps its input level with the date's.
    label = page.locator("#id_label").bounding_box()
    if size is LAPTOP:
        assert abs(label["y"] - box["y"]) <= 2, (label, box)
    assert violations(page) == []


@LANGUAGES
@SIZES
def test_the_footer_lines_up_with_the_content(
    page, live_server, owner, plans, language, size, tmp_path
):
    page.set_viewport_size(size)
    open_in(page, live_server, language, "/scenarios/", signed_in_as=owner)
    footer = page.locator("footer.site-footer")
    footer.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / f"footer-{language}-{size['width']}.png")
    # The content's edges: main's box less its padding; the footer's first and last pieces.
    content = page.evaluate(
        """() => { const m = document.querySelector('main'), s = getComputedStyle(m),
        b = m.getBoundingClientRect();
        return [b.left + parseFloat(s.paddingLeft), b.right - parseFloat(s.paddingRight)]; }"""
    )
    pieces = footer.evaluate(
        """(f) => { const kids = [...f.children].filter((k) => k.getClientRects().length);
        return [Math.min(...kids.map((k) => k.getBoundingClientRect().left)),
                Math.max(...kids.map((k) => k.getBoundingClientRect().right))]; }"""
    )
    assert pieces[0] >= content[0] - 1, (pieces, content)
    assert pieces[1] <= content[1] + 1, (pieces, content)
    if size is LAPTOP:  # wider than the content: the footer's words start where it starts
        assert abs(pieces[0] - content[0]) <= 1, (pieces, content)
    assert violations(page) == []
