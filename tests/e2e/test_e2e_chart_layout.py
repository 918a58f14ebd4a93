"""Browser: charts read at a glance at 1366x900 and 390x844 (real Chromium, Plotly's own layout).

Each chart's boxes come from the SVG plotly.js drew: the plot area (`_fullLayout._size`), the
legend (`.legend`), any Plotly title (`.gtitle`), the tick labels (`.xtick`/`.ytick` text) and the
y-axis title. The screenshots land in the test's tmp folder for a person to look at.
"""

import pytest
from django.conf import settings
from django.test import Client

from ecareer.planning import convert
from ecareer.starters import load_starter
from tests.e2e.in_view import show_chart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(1366, 900), (390, 844)]

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
    ytitle: div.querySelector(".ytitle") ? r(div.querySelector(".ytitle")) : null,
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


def check_chart(page, chart_id: str) -> None:
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


@pytest.fixture
def shop(owner):
    data = load_starter("online_shop")
    return convert.create_scenario(owner, data)


def sign_in(page, owner, live_server) -> None:
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_scenario_page_charts_keep_their_plot_clear(
    page, owner, live_server, shop, width, height, tmp_path
):
    sign_in(page, owner, live_server)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/scenarios/{shop.pk}/")
    ids = ["chart-cashflow", "chart-cushion", "chart-costs"]
    for chart_id in ids:  # each drawn when it comes into view
        show_chart(page.locator(f"#{chart_id}"))
    page.wait_for_function(SETTLED, arg=ids)
    page.locator("#dashboard").screenshot(path=tmp_path / f"scenario-{width}.png")
    for chart_id in ids:
        page.locator(f"#{chart_id}").screenshot(path=tmp_path / f"{chart_id}-{width}.png")
        check_chart(page, chart_id)


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
