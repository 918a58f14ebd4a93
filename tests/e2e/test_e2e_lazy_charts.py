"""Browser: js/charts.js draws a chart when it comes into view, loads plotly.js only then (or at
the reader's first move), keeps each chart's box at its figure's height, and draws every chart
before printing (real Chromium, the scenario page and the shared report)."""

import pytest
from playwright.sync_api import expect

from ecareer.planning import convert
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.e2e.in_view import show_chart
from tests.e2e.test_e2e_chart_layout import sign_in
from tests.e2e.test_e2e_print import MARGIN_X, pdf_pages, squeeze

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ["#chart-cashflow", "#chart-cushion", "#chart-costs"]

# Resolves once an IntersectionObserver made now has had its first report: charts.js's observer,
# made earlier, has had its own by then (observers report in the order they were made).
OBSERVED = """
() => new Promise((resolve) => {
  const watcher = new IntersectionObserver(() => { watcher.disconnect(); resolve(true); });
  watcher.observe(document.body);
})
"""
# Layout shifts from now on that count for CLS (the wheel is no input that excuses one).
SHIFTS = """
() => { window.__shifts = 0; new PerformanceObserver((list) => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__shifts += e.value; }).observe({type: "layout-shift"}); }
"""
# Every chart that starts less than one and a half screens down is drawn.
AHEAD_DRAWN = """
() => [...document.querySelectorAll("[data-figure]")].every((d) =>
  d.getBoundingClientRect().top > 1.5 * innerHeight || d.dataset.chart === "drawn")
"""
MAX_SCROLL = "document.documentElement.scrollHeight - innerHeight"
DRAWN = (
    "[...document.querySelectorAll('[data-figure]')].map((d) => !!d.querySelector('svg.main-svg'))"
)


@pytest.fixture
def shop(owner):
    return convert.create_scenario(owner, load_starter("online_shop"))


def settled_before_any_move(page) -> None:
    """charts.js has looked at every chart and its observer has reported once."""
    expect(page.locator("[data-figure]:not([data-chart])")).to_have_count(0)
    assert page.evaluate(OBSERVED) is True


def below_the_fold(page, selector: str) -> bool:
    return page.locator(selector).evaluate("(d) => d.getBoundingClientRect().top > innerHeight")


def test_charts_below_the_fold_wait_until_they_come_into_view(page, owner, live_server, shop):
    sign_in(page, owner, live_server)
    page.set_viewport_size({"width": 1350, "height": 940})  # Lighthouse's desktop screen
    plotly: list[str] = []
    page.on("request", lambda request: "plotly" in request.url and plotly.append(request.url))
    page.goto(f"/scenarios/{shop.pk}/")
    settled_before_any_move(page)
    assert all(below_the_fold(page, chart) for chart in CHARTS), "test needs charts below"
    # Nothing drawn, plotly.js not even fetched; each box already as tall as its figure.
    assert page.evaluate(DRAWN) == [False, False, False]
    assert plotly == [] and page.evaluate("typeof window.Plotly") == "undefined"
    for chart in CHARTS:
        box = page.locator(chart)
        height = box.evaluate(
            "(d) => JSON.parse(document.getElementById(d.dataset.figure).textContent).layout.height"
        )
        assert box.bounding_box()["height"] == pytest.approx(height, abs=1)
        expect(box).to_have_attribute("data-chart", "waiting")

    # The reader scrolls down with the mouse wheel: each chart is drawn before it comes into view
    # (half a screen ahead), so drawing it shifts nothing on the screen, and plotly.js loads once.
    page.evaluate(SHIFTS)
    end = page.locator("#chart-costs").evaluate("(d) => d.getBoundingClientRect().bottom + scrollY")
    while page.evaluate("scrollY + innerHeight") < end:
        target = page.evaluate("scrollY") + 300
        page.mouse.wheel(0, 300)
        page.wait_for_function(f"() => scrollY >= Math.min({target}, {MAX_SCROLL})")
        page.wait_for_function(AHEAD_DRAWN)
    assert page.evaluate(DRAWN) == [True, True, True]
    for chart in CHARTS:
        expect(page.locator(chart)).to_have_attribute("data-chart", "drawn")
    assert len(plotly) == 1
    assert page.evaluate("window.__shifts") == 0


def test_the_first_move_loads_plotly_without_drawing(page, owner, live_server, shop):
    sign_in(page, owner, live_server)
    page.set_viewport_size({"width": 1350, "height": 940})
    page.goto(f"/scenarios/{shop.pk}/")
    settled_before_any_move(page)
    assert page.evaluate("typeof window.Plotly") == "undefined"
    with page.expect_response(lambda response: "plotly" in response.url) as loaded:
        page.mouse.move(200, 200)
    assert loaded.value.status == 200
    page.wait_for_function("() => !!window.Plotly")
    assert page.evaluate(OBSERVED) is True
    # Half a screen of look-ahead: a chart further down than that is not drawn.
    far = page.evaluate(
        "[...document.querySelectorAll('[data-figure]')]"
        ".map((d) => d.getBoundingClientRect().top > 1.5 * innerHeight)"
    )
    assert far[-1] is True, "test needs a chart far below the fold"
    drawn = page.evaluate(DRAWN)
    assert [chart for chart, down in zip(drawn, far, strict=True) if down] == [False] * sum(far)


def test_printing_draws_every_chart(browser, live_server, shop):
    link = ShareLink.objects.create(scenario=shop)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        assert page.goto(link.get_absolute_url()).status == 200
        settled_before_any_move(page)
        assert page.evaluate(DRAWN) == [False, False, False]
        # Printing before plotly.js is loaded: it is loaded and every chart drawn.
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        for chart in CHARTS:
            expect(page.locator(f"{chart} svg.main-svg").first).to_be_attached()
        assert page.evaluate(DRAWN) == [True, True, True]

        # With plotly.js loaded, `beforeprint` draws every chart before it returns (the
        # browser lays out the printed pages right after its listeners).
        page.reload()
        settled_before_any_move(page)
        page.mouse.move(100, 100)  # the first move loads plotly.js
        page.wait_for_function("() => !!window.Plotly")
        assert page.evaluate(OBSERVED) is True
        assert page.evaluate(DRAWN)[-1] is False  # the last chart, far down, waits
        drawn_at_once = page.evaluate(
            "() => { window.dispatchEvent(new Event('beforeprint')); return " + DRAWN + "; }"
        )
        assert drawn_at_once == [True, True, True]

        # The report's print button prints once every chart is drawn.
        page.reload()
        settled_before_any_move(page)
        page.evaluate("() => { window.print = () => { window.__printed = " + DRAWN + "; }; }")
        page.get_by_role("button", name="Print or save as PDF").click()
        page.wait_for_function("() => window.__printed !== undefined")
        assert page.evaluate("window.__printed") == [True, True, True]

        # drawAll() for a print-to-PDF: resolves when every chart is drawn.
        page.reload()
        settled_before_any_move(page)
        page.emulate_media(media="print")
        page.evaluate("window.ecareerCharts.drawAll()")
        assert page.evaluate(DRAWN) == [True, True, True]
    finally:
        context.close()


def test_printing_first_from_the_browser_menu_prints_the_charts(browser, live_server, shop):
    """The report's reader prints (Ctrl+P, the browser's menu) before anything else: charts.js
    has fetched plotly.js's text in idle time, without running it, and `beforeprint` runs it and
    draws every chart before the page is laid out for paper. page.pdf() fires `beforeprint`
    as the print dialog does; no emulated print media, no scroll, no pointer."""
    link = ShareLink.objects.create(scenario=shop)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 720})
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        plotly: list[str] = []
        page.on("request", lambda request: "plotly" in request.url and plotly.append(request.url))
        assert page.goto(link.get_absolute_url()).status == 200
        settled_before_any_move(page)
        expect(page.locator("script[data-plotly-fetched]")).to_have_count(1)
        # Fetched once, as text: not run, nothing drawn.
        assert len(plotly) == 1
        assert page.evaluate("typeof window.Plotly") == "undefined"
        assert page.evaluate(DRAWN) == [False, False, False]

        pdf = page.pdf(format="A4")
        # What the paper shows of them whatever their size: legends, axis titles, pie slices
        # (tick labels change with the paper's size, and the charts are back on screen now).
        legends = page.locator(".chart .legendtext").all_text_contents()
        labels = page.locator(".chart :is(.g-ytitle text, .slicetext text)").all_text_contents()
        assert len(legends) >= 20 and len(labels) >= 5
        pages = pdf_pages(pdf)
        text = squeeze("".join(piece[2] for p in pages for piece in p["pieces"]))
        # Laid out for the paper in time (js/report-print.js): nothing past the side margins.
        for printed in pages:
            for x, _, piece, _ in printed["pieces"]:
                assert MARGIN_X - 1 <= x <= printed["width"] - MARGIN_X, piece
        # At full size: the title in its 17 pt (Chromium shrinks the whole document when a chart
        # is wider than the paper).
        title = [
            size for _, _, piece, size in pages[0]["pieces"] if squeeze(piece) == squeeze(shop.name)
        ]
        assert title and abs(title[0] - 17) < 0.3, title
        # Hand-checked in the online-shop starter: the costs pie's largest slices, in order.
        assert squeeze("68%8%6%") in text
        missing = [item for item in legends + labels if squeeze(item) not in text]
        assert missing == []
        # Run from the fetched text: plotly.js was not fetched a second time.
        assert page.evaluate(DRAWN) == [True, True, True]
        assert len(plotly) == 1
    finally:
        context.close()
    assert not problems, f"browser console errors: {problems}"


def test_the_reports_first_move_runs_the_prefetched_plotly(browser, live_server, shop):
    """After the idle prefetch the reader's first move runs plotly.js from the fetched text (in
    a task of its own): no second request, and the charts then draw as they come into view."""
    link = ShareLink.objects.create(scenario=shop)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 720})
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        plotly: list[str] = []
        page.on("request", lambda request: "plotly" in request.url and plotly.append(request.url))
        page.goto(link.get_absolute_url())
        settled_before_any_move(page)
        expect(page.locator("script[data-plotly-fetched]")).to_have_count(1)
        assert page.evaluate("typeof window.Plotly") == "undefined"
        page.mouse.move(100, 100)
        page.wait_for_function("() => !!window.Plotly")
        page.locator("#chart-costs").scroll_into_view_if_needed()
        expect(page.locator("#chart-costs svg.main-svg").first).to_be_visible()
        assert len(plotly) == 1
    finally:
        context.close()
    assert not problems, problems


# Refreshes the dashboard as every edit does (`scenario-changed`); resolves when htmx settled.
REFRESH = """
() => new Promise((resolve) => {
  document.getElementById("dashboard").__old = true;
  document.body.addEventListener("htmx:afterSettle", () => resolve(true), {once: true});
  htmx.trigger(document.body, "scenario-changed");
})
"""


def test_a_refresh_draws_again_only_the_charts_it_changed(page, owner, live_server, shop):
    sign_in(page, owner, live_server)
    page.goto(f"/scenarios/{shop.pk}/")
    chart = show_chart(page.locator("#chart-cashflow"))
    expect(chart).to_have_attribute("data-chart", "drawn")
    chart.evaluate("(d) => { d.__drawnBefore = true; }")

    # Same figures: the new dashboard gets the drawn plot back, not a second drawing.
    assert page.evaluate(REFRESH) is True
    assert page.evaluate("document.getElementById('dashboard').__old") is None  # swapped
    assert chart.evaluate("(d) => d.__drawnBefore === true && !!d._fullLayout") is True
    expect(chart.locator("svg.main-svg").first).to_be_attached()
    expect(chart).to_have_attribute("data-chart", "drawn")

    # A what-if changes the figures: the new chart is drawn anew (it is in view).
    slider = page.get_by_label("Change of all prices and rates")
    with page.expect_response(lambda response: "/dashboard/" in response.url):
        slider.fill("-50")
    expect(page.locator("#what-if-price-value")).to_have_text("-50\u00a0%")
    expect(page.locator(".what-if-banner")).to_be_visible()
    show_chart(chart)
    expect(chart).to_have_attribute("data-chart", "drawn")
    assert chart.evaluate("(d) => d.__drawnBefore") is None
