"""The financial plan's page and workbook: the six parts in English and German, the workbook
read back with openpyxl holding the page's figures, who may see them (the owner; a share link
only where it shows amounts; anyone else 404)."""

from io import BytesIO

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone, translation

from ecareer.planning.convert import create_scenario
from ecareer.planning.finplan_xlsx import PERCENT
from ecareer.planning.templatetags.ecareer_format import money, number
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.html import parse

pytestmark = pytest.mark.django_db

PARTS = ("living", "capital", "financing", "sales", "profitability", "liquidity")
GERMAN_HEADINGS = (
    "Lebenshaltungskosten",
    "Kapitalbedarfsplan",
    "Finanzierungsplan",
    "Umsatzplan",
    "Rentabilitätsvorschau",
    "Liquiditätsplan",
)
ENGLISH_HEADINGS = (
    "Private living costs",
    "Capital needs",
    "Financing",
    "Sales plan",
    "Profitability forecast",
    "Liquidity plan",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def speak(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


@pytest.fixture(params=["en", "de"])
def language(request, owner) -> str:
    speak(owner, request.param)
    return request.param


@pytest.fixture
def shop(owner, language):
    return create_scenario(owner, load_starter("online_shop", language))


def page_figures(html: bytes) -> dict[tuple[str, str, str], str]:
    """Every amount and share on the page: (part, row label, column heading) -> text."""
    found = {}
    root = parse(html)
    for slug in PARTS:
        section = root.by_id(f"finplan-{slug}")
        for table in section.find_all("table"):
            headings = [th.text for th in table.find("thead").find_all("th")][1:]
            for tr in table.find("tbody").find_all("tr"):
                label = tr.find("th").text
                if not tr.find_all("td"):
                    continue  # a group's title
                last = ""
                for heading, td in zip(headings, tr.find_all("td"), strict=True):
                    share = heading in ("Share of sales", "Anteil am Umsatz")
                    key = f"{last} %" if share else heading
                    last = heading if not key.endswith(" %") else last
                    assert (slug, label, key) not in found
                    found[(slug, label, key)] = td.text
    return found


def workbook_figures(book, currency: str) -> dict[tuple[str, str, str], str]:
    """The same from the workbook: numbers formatted as the page formats them."""
    found = {}
    for slug, sheet in zip(PARTS, book.worksheets, strict=False):
        headings: list[str] = []
        for row in sheet.iter_rows(min_row=4):
            cells = [c for c in row if c.value is not None]
            if len(cells) > 1 and all(isinstance(c.value, str) for c in cells):
                headings = [c.value for c in row]  # a table's header row
                continue
            if len(cells) < 2:
                continue  # a caption, a group's title, a footnote
            label = row[0].value
            for cell in row[1:]:
                if cell.value is None:
                    continue
                heading = headings[cell.column - 1]
                if cell.number_format == PERCENT:
                    key = f"{headings[cell.column - 2]} %"
                    found[(slug, label, key)] = f"{number(cell.value, 1)}\u00a0%"
                else:
                    assert "#,##0.00" in cell.number_format, cell.number_format
                    assert isinstance(cell.value, (int, float))
                    found[(slug, label, heading)] = money(cell.value, currency)
    return found


def test_page_has_the_six_parts_in_the_users_language(owner_client, shop, language):
    response = owner_client.get(f"/scenarios/{shop.pk}/financial-plan/")
    assert response.status_code == 200
    root = parse(response.content)
    headings = [root.by_id(f"finplan-{slug}-title").text for slug in PARTS]
    names = GERMAN_HEADINGS if language == "de" else ENGLISH_HEADINGS
    for place, (heading, name, german) in enumerate(
        zip(headings, names, GERMAN_HEADINGS, strict=True), start=1
    ):
        assert heading.startswith(f"{place}. {name}")
        assert german in heading  # the English page names the German heading too
    for slug in PARTS:  # each part says what it shows, in one sentence
        sentence = root.by_id(f"finplan-{slug}").find("p", class_="finplan-sentence").text
        assert sentence.endswith(".") and sentence.count(". ") == 0
    # Months in blocks of six: the sales and liquidity plans' 36 months in six tables each.
    for slug in ("sales", "liquidity"):
        tables = root.by_id(f"finplan-{slug}").find_all("table")
        monthly = [t for t in tables if len(t.find("thead").find_all("th")) == 7]
        assert len(monthly) == 6
    text = root.text
    if language == "de":
        assert "Januar" not in text and "Jan. 2027" in text and "1.400,00" in text
        assert "Lebenshaltungskosten" in text and "Personalkosten" in text
    else:
        assert "Jan 2027" in text and "€1,400.00" in text and "Personnel costs" in text
    # The scenario page leads here.
    detail = owner_client.get(f"/scenarios/{shop.pk}/")
    assert f'href="/scenarios/{shop.pk}/financial-plan/"' in detail.content.decode()


def test_workbook_holds_the_pages_figures(owner_client, owner, shop, language):
    page = owner_client.get(f"/scenarios/{shop.pk}/financial-plan/")
    response = owner_client.get(f"/scenarios/{shop.pk}/financial-plan.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "financial-plan.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(BytesIO(response.content))
    names = GERMAN_HEADINGS if language == "de" else ENGLISH_HEADINGS
    assert book.sheetnames[:6] == list(names)
    assert book.sheetnames[6] == ("Hinweise" if language == "de" else "Notes")
    currency = owner.profile.currency
    with translation.override(language):
        on_paper = workbook_figures(book, currency)
    on_page = page_figures(page.content)
    assert len(on_page) > 400
    assert on_paper == on_page
    for sheet in book.worksheets[:6]:
        # The first table's header row and the labels stay in view; columns fit their text.
        assert sheet.freeze_panes == "B6"
        header = [c.value for c in sheet[5] if c.value is not None]
        assert header[0] in ("Item", "Posten", "Income stream", "Einnahmequelle")
        # Every column is as wide as its longest label, heading or amount (as the page shows it).
        needed: dict[int, int] = {}
        for row in sheet.iter_rows(min_row=5):
            values = [c for c in row[1:] if c.value is not None]
            if not values:
                continue  # a caption, a group's title, a footnote: they may run on
            for cell in row:
                if isinstance(cell.value, str):
                    text = cell.value
                elif cell.value is not None and cell.number_format != PERCENT:
                    with translation.override(language):
                        text = money(cell.value, currency)
                else:
                    continue
                needed[cell.column_letter] = max(needed.get(cell.column_letter, 0), len(text))
        for letter, length in needed.items():
            assert sheet.column_dimensions[letter].width >= min(60, length), (sheet.title, letter)


def test_others_get_404_and_visitors_sign_in(other_client, client, shop):
    for path in ("financial-plan/", "financial-plan.xlsx"):
        assert other_client.get(f"/scenarios/{shop.pk}/{path}").status_code == 404
        response = client.get(f"/scenarios/{shop.pk}/{path}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert other_client.get("/scenarios/999999/financial-plan/").status_code == 404


def test_share_link_with_amounts_leads_to_the_plan(shop, language):
    link = ShareLink.objects.create(scenario=shop, hide_amounts=False)
    visitor = Client()
    report = visitor.get(link.get_absolute_url())
    plan_url = f"{link.get_absolute_url()}financial-plan/"
    assert f'href="{plan_url}"' in report.content.decode()
    page = visitor.get(plan_url)
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Cache-Control"] == "private, no-store"
    assert parse(page.content).by_id("finplan-liquidity")
    book = visitor.get(f"{link.get_absolute_url()}financial-plan.xlsx")
    assert book.status_code == 200 and book["Content-Type"] == XLSX


def test_share_link_hiding_amounts_has_no_financial_plan(shop, language):
    link = ShareLink.objects.create(scenario=shop, hide_amounts=True)
    visitor = Client()
    report = visitor.get(link.get_absolute_url()).content.decode()
    assert "financial-plan" not in report
    for path in ("financial-plan/", "financial-plan.xlsx"):
        response = visitor.get(f"{link.get_absolute_url()}{path}")
        assert response.status_code == 404
        assert "€" not in response.content.decode()


def test_revoked_or_unknown_links_have_no_financial_plan(shop):
    link = ShareLink.objects.create(scenario=shop, hide_amounts=False)
    url = f"{link.get_absolute_url()}financial-plan/"
    assert Client().get(url).status_code == 200
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    assert Client().get(url).status_code == 404
    assert Client().get("/r/" + "x" * 40 + "/financial-plan/").status_code == 404
