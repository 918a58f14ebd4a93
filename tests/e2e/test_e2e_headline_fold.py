"""Browser: the scenario page's key figures above the fold at 1366x900 and readable at 390 px.

Issue 13 asks for the headline (the KPI cards with the three futures) first: on a laptop
screen the first row of cards lies wholly in the first screen; on a phone the cards fit the
screen, nothing in them is cut off and the page does not scroll sideways. A filled starter plan,
a new user (so every tip shows and the e-mail reminder is there: the longest page head), in
English and German. Screenshots of both sizes go to the test's tmp dir.
"""

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.starters import load_starter
from tests.e2e.in_view import charts_placed, draw_all_charts
from tests.e2e.test_e2e_a11y import open_in, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "de"]

# Each card's box, and the boxes of everything inside it, in CSS pixels of the viewport.
CARD_BOXES = """() => [...document.querySelectorAll('#kpis > .kpi-card')].map(card => {
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  return {
    id: card.id,
    card: box(card.getBoundingClientRect()),
    value: card.querySelector('.kpi-value').textContent.trim(),
    valueBox: box(card.querySelector('.kpi-value').getBoundingClientRect()),
    overflowing: card.scrollWidth > card.clientWidth,
    rows: [...card.querySelectorAll('.kpi-futures > div')].map(row => ({
      dt: box(row.querySelector('dt').getBoundingClientRect()),
      dd: box(row.querySelector('dd').getBoundingClientRect()),
    })),
    parts: [...card.querySelectorAll('*')].map(e => ({
      tag: e.tagName,
      text: e.textContent.trim().slice(0, 40),
      box: box(e.getBoundingClientRect()),
      // Text wider than its own box is drawn over its neighbour, or cut off where it hides.
      overflows: e.scrollWidth > e.clientWidth + 1,
    })),
  };
})"""


def assert_labels_clear_of_figures(card: dict) -> None:
    """In each row of futures the label ends left of its figure: no text drawn over text."""
    for row in card["rows"]:
        assert row["dt"]["right"] <= row["dd"]["left"] + 0.5, (card["id"], row)
    for part in card["parts"]:
        assert not part["overflows"], (card["id"], part)


def open_scenario(page, live_server, owner, language, width, height):
    scenario = convert.create_scenario(owner, load_starter("online_shop", language))
    page.set_viewport_size({"width": width, "height": height})
    open_in(page, live_server, language, scenario.get_absolute_url(), signed_in_as=owner)
    expect(page.locator("#kpis > .kpi-card").first).to_be_visible()
    charts_placed(page)  # the layout has settled (charts below the fold wait to be drawn)
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate(CARD_BOXES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_row_of_key_figures_is_above_the_fold_at_1366x900(
    page, live_server, owner, language, tmp_path
):
    cards = open_scenario(page, live_server, owner, language, 1366, 900)
    page.screenshot(path=tmp_path / f"scenario-{language}-1366x900.png")
    first_row = [c for c in cards if abs(c["card"]["top"] - cards[0]["card"]["top"]) < 1]
    assert len(first_row) >= 3, [c["id"] for c in first_row]
    # "Money runs out" and the plan's milestones lead; every one wholly on the first screen.
    assert [c["id"] for c in first_row[:3]] == [
        "kpi-depletion",
        "kpi-break_even",
        "kpi-self_sufficient",
    ]
    for card in first_row:
        assert card["value"], card["id"]
        assert card["card"]["top"] >= 0 and card["card"]["bottom"] <= 900, card
        assert card["valueBox"]["bottom"] <= 900, card
        assert_labels_clear_of_figures(card)
    # Each of them shows its three futures (plan, likely, bad case or chance), on screen too.
    for card in first_row:
        rows = page.locator(f"#{card['id']} .kpi-futures > div")
        expect(rows).to_have_count(3)
        last = rows.nth(2).bounding_box()
        assert last["y"] + last["height"] <= 900, card["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_key_figures_are_readable_on_a_phone(page, live_server, owner, language, tmp_path):
    width = 390
    cards = open_scenario(page, live_server, owner, language, width, 844)
    page.screenshot(path=tmp_path / f"scenario-{language}-390x844.png")
    page.locator("#kpis").screenshot(path=tmp_path / f"kpis-{language}-390.png")
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1] == width
    assert len(cards) >= 8
    for card in cards:
        box = card["card"]
        assert box["left"] >= 0 and box["right"] <= width, card["id"]
        assert not card["overflowing"], card["id"]
        assert card["value"] and box["left"] <= card["valueBox"]["left"], card["id"]
        assert card["valueBox"]["right"] <= box["right"], card["id"]
        for part in card["parts"]:
            assert not part["overflows"], (card["id"], part)
            inside = box["left"] - 0.5 <= part["box"]["left"] <= part["box"]["right"]
            assert inside and part["box"]["right"] <= box["right"] + 0.5, (card["id"], part)
        assert_labels_clear_of_figures(card)
        expect(page.locator(f"#{card['id']} .kpi-value")).to_be_visible()


# Where the first key figure, the what-if panel and the first chart start, in page pixels.
TOPS = """() => Object.fromEntries(
  [['kpi', '#kpis > .kpi-card'], ['whatIf', '#what-if'], ['chart', '#dashboard .chart-block']]
    .map(([name, selector]) => [
      name, document.querySelector(selector).getBoundingClientRect().top + window.scrollY,
    ]))"""
# The three in the page's order (what a screen reader reads and the Tab key follows).
IN_ORDER = """() => {
  const [kpi, whatIf, chart] = ['#kpis', '#what-if', '#dashboard .chart-block']
    .map(s => document.querySelector(s));
  const after = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  return after(kpi, whatIf) && after(whatIf, chart);
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_key_figures_come_before_the_what_if(
    page, live_server, owner, language, tmp_path
):
    """Issue 13: at 390x844 the key figures are not pushed below the what-if sliders; the page
    reads key figures, then what-if, then charts, on every width."""
    open_scenario(page, live_server, owner, language, 390, 844)
    page.screenshot(path=tmp_path / f"phone-{language}-390x844-full.png", full_page=True)
    tops = page.evaluate(TOPS)
    print(f"390x844 {language}: first key figure at y={tops['kpi']:.0f}, {tops}")
    assert tops["kpi"] < tops["whatIf"] < tops["chart"], tops
    around = {
        "x": 0,
        "y": tops["kpi"] - 80,
        "width": 390,
        "height": tops["chart"] - tops["kpi"] + 300,
    }
    page.screenshot(
        path=tmp_path / f"phone-{language}-figures-then-what-if.png", clip=around, full_page=True
    )
    assert page.evaluate(IN_ORDER) is True
    expect(page.locator("#what-if input[type=range]").first).to_be_visible()
    draw_all_charts(page)
    assert violations(page) == []  # axe-core, WCAG 2.1 A and AA, at 390x844
    page.set_viewport_size({"width": 1366, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")  # drawing the charts scrolled; the panel is sticky
    expect(page.locator("#what-if")).to_be_visible()
    wide = page.evaluate(TOPS)
    print(f"1366x900 {language}: first key figure at y={wide['kpi']:.0f}, {wide}")
    assert page.evaluate(IN_ORDER) is True
    # Beside the figures on a laptop screen: the panel's top is level with the figures' block.
    what_if = page.locator("#what-if").bounding_box()
    kpis = page.locator("#kpis").bounding_box()
    assert what_if["x"] >= kpis["x"] + kpis["width"], (what_if, kpis)
    assert wide["whatIf"] <= wide["kpi"] + 1, wide
