"""Charts in browser tests: js/charts.js draws a chart only when it comes into view (or before
printing), so a test scrolls to it as a reader would and waits until it is drawn."""

from playwright.sync_api import Locator, Page, expect


def show_chart(chart: Locator) -> Locator:
    """Scroll the chart into view and wait until plotly.js has drawn it."""
    chart.scroll_into_view_if_needed()
    # plotly.js loads (3.5 MB) before the first chart: more than 5 s on a busy machine.
    expect(chart.locator("svg.main-svg").first).to_be_attached(timeout=20_000)
    return chart


def draw_all_charts(page: Page) -> None:
    """Every chart of the page drawn, as before printing (`window.ecareerCharts.drawAll()`)."""
    page.evaluate("window.ecareerCharts.drawAll()")
    expect(page.locator("[data-figure]:not(:has(svg.main-svg))")).to_have_count(0)


def charts_placed(page: Page) -> None:
    """js/charts.js has looked at every chart: each box has its figure's height, drawn or not."""
    expect(page.locator("[data-figure]").first).to_be_attached()
    expect(page.locator("[data-figure]:not([data-chart])")).to_have_count(0)
