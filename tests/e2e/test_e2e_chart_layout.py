"""Browser: charts read at a glance at 1366x900 and 390x844 (real Chromium, Plotly's own layout).

Each chart's boxes come from the SVG plotly.js drew: the plot area (`_fullLayout._size`), the
legend (`.legend`), any Plotly title (`.gtitle`), the tick labels (`.xtick`/`.ytick` text) and the
y-axis title. The screenshots land in the test's tmp folder for a person to look at.

Issue 26 adds, in English and German: no legend entry under the mode bar (none on a phone), no
tick label on another, donut shares outside their (hatched) slices, the cash flow as wide as its
card on a laptop with its big payment months labelled clear of everything else, and the tornado
charts with one title, the app's money format and their axis title.
"""

import itertools

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.projection import scenario_file
from ecareer.sharing.models import ShareLink
from ecareer.starters import starter_text
from tests.e2e.in_view import show_chart
from tests.e2e.test_e2e_a11y import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(1366, 900), (390, 844)]
LANGUAGES = ["en", "de"]

# Every box of one chart, in page pixels, and what the legend should hold.
BOXES = """
(div) => {
  const shown = (sel) => [...div.querySelectorAll(sel)]
    .filter((t) => t.textContent && t.getBBox().width > 0).map(r);
  const r = (el) => { const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
  const full = div._fullLayout, box = div.getBoundingClientRect(), s = full._size;
  const plot = {left: box.left + s.l, top: box.top + s.t,
                right: box.left + s.l + s.w, bottom: box.top + s.t + s.h};
  const legend = div.querySelector(".legend");
  const entries = [...div.querySelectorAll(".legend .traces")].map(r);
  const pie = div._fullData.some((t) => t.type === "pie");
  const wanted = pie ? div._fullData[0].labels.length
                     : div._fullData.filter((t) => t.showlegend !== false).length;
  return {
    div: r(div), plot, wantPlot: full.meta && full.meta.plot_height,
    legend: legend ? r(legend) : null, entries, wanted,
    titles: [...div.querySelectorAll(".gtitle")].filter((t) => t.textContent.trim()).length,
    xticks: shown(".xtick text"), yticks: shown(".ytick text"),
    xtickTexts: [...div.querySelectorAll(".xtick text")].map((t) => t.textContent),
    categories: div._fullData[0] && div._fullData[0].y ? div._fullData[0].y.length : 0,
    ytitle: div.querySelector(".ytitle") ? r(div.querySelector(".ytitle")) : null,
    xtitle: div.querySelector(".xtitle") ? r(div.querySelector(".xtitle")) : null,
    modebar: div.querySelector(".modebar") ? r(div.querySelector(".modebar")) : null,
    notes: [...div.querySelectorAll(".annotation")].filter((a) => a.textContent.trim()).map(
      (a) => ({...r(a.querySelector(".annotation-text-g") || a), text: a.textContent})),
    slices: [...div.querySelectorAll(".slice path.surface")].map(r),
    sliceTexts: shown(".slicetext"),
  };
}
"""
# Drawn, and the plot area at the height the figure asks for, or up to 40 px more (js/charts.js
# grows the figure when the legend or axes take more on this screen).
SETTLED = """
(ids) => ids.every((id) => {
  const div = document.getElementById(id);
  const full = div && div._fullLayout;
  return full && full._size && div.querySelector(".legend")
    && full._size.h >= full.meta.plot_height - 2 && full._size.h <= full.meta.plot_height + 40;
})
"""


def overlap(a, b, slack=1.0) -> bool:
    return (
        a["left"] + slack < b["right"]
        and b["left"] + slack < a["right"]
        and a["top"] + slack < b["bottom"]
        and b["top"] + slack < a["bottom"]
    )


def check_chart(page, chart_id: str) -> dict:
    boxes = page.locator(f"#{chart_id}").evaluate(BOXES)
    plot = boxes["plot"]
    where = f"{chart_id} at {page.viewport_size}"
    assert boxes["titles"] == 0, f"{where}: a Plotly title besides the figcaption"
    assert plot["bottom"] - plot["top"] >= boxes["wantPlot"] - 2, f"{where}: plot squeezed"
    assert boxes["legend"] is not None
    assert not overlap(boxes["legend"], plot), f"{where}: legend over the plot"
    assert len(boxes["entries"]) == boxes["wanted"], f"{where}: legend entries missing"
    for entry in boxes["entries"]:  # every entry inside the chart, none cut off
        assert entry["left"] >= boxes["div"]["left"] - 1, where
        assert entry["right"] <= boxes["div"]["right"] + 1, f"{where}: entry cut off"
        assert entry["bottom"] <= boxes["div"]["bottom"] + 1, f"{where}: entry cut off"
    for tick in boxes["yticks"]:
        assert tick["right"] <= plot["left"] + 1, f"{where}: y tick label in the plot"
        if boxes["ytitle"]:
            assert not overlap(tick, boxes["ytitle"]), f"{where}: axis title covers {tick}"
    for tick in boxes["xticks"]:
        assert tick["top"] >= plot["bottom"] - 1, f"{where}: x tick label in the plot"
        assert not overlap(tick, boxes["legend"]), f"{where}: legend covers x tick labels"
        for other in boxes["yticks"]:
            assert not overlap(tick, other), f"{where}: x tick {tick} on y tick {other}"
    for a, b in zip(boxes["xticks"], boxes["xticks"][1:], strict=False):
        assert not overlap(a, b, slack=-2), f"{where}: x tick labels touch: {a} {b}"
    # The mode bar: none on a phone; elsewhere above the legend, never over an entry.
    if page.viewport_size["width"] < 600:
        assert boxes["modebar"] is None, f"{where}: a mode bar on a phone"
    elif boxes["modebar"] is not None:  # (the landing page's still examples have none)
        for entry in boxes["entries"]:
            assert not overlap(entry, boxes["modebar"]), f"{where}: mode bar over {entry}"
    # Labels on the chart (the big payments): inside it, clear of the legend, the tick labels
    # and each other.
    for n, note in enumerate(boxes["notes"]):
        assert note["left"] >= boxes["div"]["left"] - 1, f"{where}: {note} cut off"
        assert note["right"] <= boxes["div"]["right"] + 1, f"{where}: {note} cut off"
        assert note["bottom"] <= plot["bottom"] + 1, f"{where}: {note} below the plot"
        assert not overlap(note, boxes["legend"]), f"{where}: {note} on the legend"
        for tick in boxes["xticks"] + boxes["yticks"]:
            assert not overlap(note, tick), f"{where}: {note} on tick {tick}"
        for other in boxes["notes"][n + 1 :]:
            assert not overlap(note, other), f"{where}: {note} on {other}"
    # A donut's shares stand outside the ring (on white, not on the hatching).
    if boxes["slices"]:
        left = min(b["left"] for b in boxes["slices"])
        right = max(b["right"] for b in boxes["slices"])
        top = min(b["top"] for b in boxes["slices"])
        bottom = max(b["bottom"] for b in boxes["slices"])
        cx, cy, radius = (left + right) / 2, (top + bottom) / 2, (right - left) / 2
        assert boxes["sliceTexts"], f"{where}: no shares on the donut"
        for text in boxes["sliceTexts"]:
            nearest_x = min(max(cx, text["left"]), text["right"])
            nearest_y = min(max(cy, text["top"]), text["bottom"])
            distance = ((nearest_x - cx) ** 2 + (nearest_y - cy) ** 2) ** 0.5
            assert distance >= radius - 1, f"{where}: share {text} on the ring"
            assert text["left"] >= boxes["div"]["left"] - 1, f"{where}: share cut off"
            assert text["right"] <= boxes["div"]["right"] + 1, f"{where}: share cut off"
    return boxes


@pytest.fixture
def shop(owner):
    """The shop as its starter file has it: German taxes, so 17 legend entries on the cash flow
    (insurance and VAT series too) and its big payment months labelled."""
    return convert.create_scenario(owner, scenario_file.loads(starter_text("online_shop")))


def sign_in(page, owner, live_server, language: str = "en") -> None:
    owner.profile.language = language
    owner.profile.save()
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_scenario_page_charts_keep_their_plot_clear(
    page, owner, live_server, shop, width, height, language, tmp_path
):
    sign_in(page, owner, live_server, language)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/scenarios/{shop.pk}/")
    ids = ["chart-cashflow", "chart-cushion", "chart-costs"]
    for chart_id in ids:  # each drawn when it comes into view
        show_chart(page.locator(f"#{chart_id}"))
    page.wait_for_function(SETTLED, arg=ids)
    page.locator("#dashboard").screenshot(path=tmp_path / f"scenario-{width}-{language}.png")
    found = {}
    for chart_id in ids:
        chart = page.locator(f"#{chart_id}")
        chart.screenshot(path=tmp_path / f"{chart_id}-{width}-{language}.png")
        found[chart_id] = check_chart(page, chart_id)
    if width >= 1366:
        assert all(found[chart_id]["modebar"] for chart_id in ids), "no mode bar on a laptop"
    cashflow = found["chart-cashflow"]
    # The largest payment months are labelled with what is paid (German taxes: three here).
    money = "€"
    assert 1 <= len(cashflow["notes"]) <= 3, cashflow["notes"]
    assert all(money in note["text"] for note in cashflow["notes"]), cashflow["notes"]
    if width >= 1366:  # the whole card's width, not squeezed beside its summary (was ~440 px)
        plot = cashflow["plot"]
        assert plot["right"] - plot["left"] >= 650, plot
    assert violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_report_without_amounts_keeps_its_cushion_chart_clear(
    page, owner, live_server, shop, width, height, language, tmp_path
):
    # The chart in % of the reserve target: the target is a legend entry (its label at the 100 %
    # line's end sat on the balance line), checked as the scenario page's charts are.
    link = ShareLink.objects.create(scenario=shop, label="Bank", hide_amounts=True)
    page.set_viewport_size({"width": width, "height": height})
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    page.context.add_cookies([cookie])
    page.goto(f"{live_server.url}/r/{link.token}/")
    assert page.locator("html").get_attribute("lang") == language
    show_chart(page.locator("#chart-cushion"))
    page.wait_for_function(SETTLED, arg=["chart-cushion"])
    page.locator("#chart-cushion").screenshot(path=tmp_path / f"report-{width}-{language}.png")
    boxes = check_chart(page, "chart-cushion")
    assert boxes["notes"] == [], "a label on the chart"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_what_matters_charts_read(
    page, owner, live_server, shop, width, height, language, tmp_path, task_worker
):
    # (computed by the task queue's worker, which runs beside the live server; the page asks
    # again by itself until the charts are there)
    sign_in(page, owner, live_server, language)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/scenarios/{shop.pk}/what-matters/")
    ids = ["chart-matters-balance", "chart-matters-depletion"]
    for chart_id in ids:
        show_chart(page.locator(f"#{chart_id}"))
    for chart_id in ids:
        chart = page.locator(f"#{chart_id}")
        chart.screenshot(path=tmp_path / f"{chart_id}-{width}-{language}.png")
        boxes = chart.evaluate(BOXES)
        where = f"{chart_id} at {width} in {language}"
        assert boxes["titles"] == 0, f"{where}: a Plotly title besides the figcaption"
        assert boxes["xtitle"] is not None, f"{where}: no axis title"
        title = boxes["xtitle"]
        assert title["bottom"] <= boxes["div"]["bottom"] + 1, f"{where}: axis title cut off"
        assert not overlap(title, boxes["legend"]), f"{where}: legend on the axis title"
        for tick in boxes["xticks"]:
            assert not overlap(tick, title), f"{where}: tick {tick} on the axis title"
        for a, b in zip(boxes["xticks"], boxes["xticks"][1:], strict=False):
            assert not overlap(a, b, slack=-2), f"{where}: x tick labels touch"
        if boxes["modebar"] is not None:
            for entry in boxes["entries"]:
                assert not overlap(entry, boxes["modebar"]), f"{where}: mode bar over {entry}"
        assert (boxes["modebar"] is None) == (width < 600), f"{where}: mode bar"
        assert title["left"] >= boxes["div"]["left"] - 1, f"{where}: axis title cut at the left"
        assert title["right"] <= boxes["div"]["right"] + 1, f"{where}: axis title cut at the right"
        # The bars have most of the width (beside long names a phone left them ~60 px), and
        # every input is named: as y tick labels, or on a phone above its bars.
        plot, div = boxes["plot"], boxes["div"]
        assert plot["right"] - plot["left"] >= 0.6 * (div["right"] - div["left"]), where
        names = boxes["yticks"] if width >= 600 else boxes["notes"]
        assert len(names) == boxes["categories"] > 0, f"{where}: an input without its name"
        for name in names:
            assert div["left"] - 1 <= name["left"] and name["right"] <= div["right"] + 1, where
        for a, b in itertools.pairwise(names):
            assert not overlap(a, b), f"{where}: names {a} and {b} meet"
    # The money axis as the other charts write it: "€10,000" / "10.000 €", not "10k".
    ticks = page.locator("#chart-matters-balance").evaluate(BOXES)["xtickTexts"]
    assert ticks and all("k" not in t for t in ticks), ticks
    assert any("€" in t for t in ticks), ticks
    assert any(("10.000" if language == "de" else "10,000") in t for t in ticks), ticks
    # One summary for both charts, not the same paragraph twice.
    expect(page.locator("#what-matters .chart-summary")).to_have_count(1)
    assert violations(page) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_landing_page_charts_keep_their_plot_clear(page, width, height, tmp_path):
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/")
    ids = ["example-cashflow", "example-cushion"]
    for chart_id in ids:
        show_chart(page.locator(f"#{chart_id}"))
    page.wait_for_function(SETTLED, arg=ids)
    page.screenshot(path=tmp_path / f"landing-{width}.png", full_page=True)
    for chart_id in ids:
        page.locator(f"#{chart_id}").screenshot(path=tmp_path / f"{chart_id}-{width}.png")
        check_chart(page, chart_id)
