"""Browser: the financial plan in real Chromium: axe finds nothing, and printed to PDF on A4 (en
and de) every part is there and starts a page of its own, no table runs past the right margin,
nothing is shrunk to fit and no page is blank. PDFs are read back with pypdf as in
test_e2e_print."""

import pytest

from ecareer.planning.convert import create_scenario
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.e2e.test_e2e_a11y import open_in, violations
from tests.e2e.test_e2e_print import MARGIN_X, MARGIN_Y, MM, pdf_pages, squeeze

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A4's printable width at 96 px per inch: 210 mm less two 12 mm margins (ecareer.css's @page).
A4_CONTENT_PX = int(186 / 25.4 * 96)
PARTS = ("living", "capital", "financing", "sales", "profitability", "liquidity")

# Under print media, at the paper's width: elements whose right edge passes the page's.
WIDER_THAN_PAGE = """(width) => [...document.querySelectorAll(".finplan :is(table, td, th)")]
  .filter((el) => el.getBoundingClientRect().right > width + 0.5)
  .map((el) => `${el.tagName} ${el.textContent.trim().slice(0, 40)}`)"""


@pytest.mark.parametrize("language", ["en", "de"])
def test_financial_plan_prints_on_a4(page, live_server, owner, language):
    scenario = create_scenario(owner, load_starter("online_shop", language))
    open_in(page, live_server, language, f"/scenarios/{scenario.pk}/financial-plan/", owner)
    titles = [page.locator(f"#finplan-{slug}-title").inner_text() for slug in PARTS]
    assert violations(page) == []

    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    assert page.evaluate(WIDER_THAN_PAGE, A4_CONTENT_PX) == []
    last_cells = page.locator(".finplan tbody tr.finplan-total td:last-child").all_inner_texts()
    heading = page.locator("h1").inner_text()

    pages = pdf_pages(page.pdf(format="A4"))
    assert all(p["pieces"] for p in pages), "a page without text"
    assert 6 <= len(pages) <= 16, len(pages)
    # Each part begins a page (the first under the plan's title): its heading is that page's
    # first line, pages in order.
    starts = []
    for title in titles:
        found = [
            (number, y)
            for number, printed in enumerate(pages)
            for x, y, text, _size in printed["pieces"]
            if squeeze(text)
            and squeeze(title).startswith(squeeze(text))
            and squeeze(text)[:2] == squeeze(title)[:2]
        ]
        assert found, title
        number, y = found[0]
        first_line = min(piece[1] for piece in pages[number]["pieces"])
        assert y <= first_line + 1 or (number == 0 and not starts), (title, number)
        starts.append(number)
    assert starts == sorted(set(starts)) and starts[0] == 0
    # At full size (Chromium shrinks a document wider than the paper): the title's 17 pt.
    sizes = [
        size for _, _, text, size in pages[0]["pieces"] if squeeze(text)[:6] == squeeze(heading)[:6]
    ]
    assert sizes and abs(sizes[0] - 17) < 0.3, sizes
    # Inside the side margins, and every table's right-hand total printed whole.
    for number, printed in enumerate(pages, start=1):
        for x, y, text, _ in printed["pieces"]:
            assert MARGIN_X - 1 <= x <= printed["width"] - MARGIN_X, (number, text)
            assert MARGIN_Y - 12 * MM <= y <= printed["height"] - MARGIN_Y + 1, (number, text)
    text = squeeze("".join(piece[2] for p in pages for piece in p["pieces"]))
    missing = [cell for cell in last_cells if squeeze(cell) not in text]
    assert last_cells and missing == []


def test_shared_plan_has_no_violations(page, live_server, owner):
    scenario = create_scenario(owner, load_starter("online_shop", "de"))
    link = ShareLink.objects.create(scenario=scenario, hide_amounts=False)
    open_in(page, live_server, "de", f"{link.get_absolute_url()}financial-plan/")
    assert page.locator("#finplan-liquidity-title").inner_text().startswith("6. Liquiditätsplan")
    assert violations(page) == []
