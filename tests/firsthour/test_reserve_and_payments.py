"""Issue 25 part B: the reserve in place for good, big payments ahead and the calendar by month,
and costs that are a share of sales in the cost table's totals and compare's words; each in
English and German (view tests on the real pages)."""

import re
from decimal import Decimal as D

import pytest

from ecareer.planning import convert
from ecareer.projection import model as m
from tests.html import parse
from tests.planning.test_v2_web import writer_plan

pytestmark = pytest.mark.django_db
JAN = m.YearMonth(2027, 1)
LANGUAGES = ["en", "de"]
# A month in a sentence, abbreviated or not ("Feb 2027", "Feb. 2027", "February 2027").
M = r"\.? ?\w*\.? "


def speak(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def cushion_plan(bill: str, name: str = "Cushion") -> m.Scenario:
    """Nothing saved, no living costs or tax, EUR 600 a month, a reserve of EUR 1,000, one bill
    in month 2 (March) or month 5 (June)."""
    when = JAN + (2 if bill == "1500" else 5)
    return m.Scenario(
        name=name,
        start=JAN,
        horizon_months=6,
        tax_rate_pct=D(0),
        costs=(m.CostItem("Bill", m.Category.OTHER, D(bill), m.Frequency.ONCE, when),),
        incomes=(m.IncomeStream("Work", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN, amount=D(600)),),
        reserve=m.ReserveTarget(kind=m.ReserveKind.AMOUNT, amount=D(1000)),
    )


def card(html: str, key: str):
    return parse(html).by_id(f"kpi-{key}")


# --- 1. the reserve in place for good -----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reserve_touched_and_lost_says_when_it_is_in_place_for_good(
    owner_client, owner, language
):
    # Balances 600, 1,200 (>= 1,000: reached in Feb), 300 (the 1,500 bill in Mar: lost), 900,
    # 1,500 (May: in place for good), 2,100. Today's card said "Reserve reached: Feb 2027".
    speak(owner, language)
    scenario = convert.create_scenario(owner, cushion_plan("1500"))
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    reserve = card(html, "reserve")
    value = reserve.find(class_="kpi-value").text
    sentence = reserve.find(class_="kpi-sentence").text
    if language == "en":
        assert reserve.find("h3").text == "Reserve in place"
        assert value == "May 2027"
        assert re.search(
            rf"Reached in Feb{M}2027, lost again in Mar{M}2027, in place for good from May 2027",
            sentence,
        )
    else:
        assert reserve.find("h3").text == "Rücklage dauerhaft erreicht"
        assert value == "Mai 2027"
        assert re.search(
            rf"Erreicht im Feb{M}2027, im März 2027 wieder verloren, "
            r"dauerhaft erreicht ab Mai 2027",
            sentence,
        )
    assert "kpi-good" in reserve.classes  # in place for good, and no deadline to miss


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reserve_lost_at_the_end_is_never_held_and_never_green(owner_client, owner, language):
    # 600, 1,200 (reached in Feb), 1,800, 2,400, 3,000, then a 2,700 bill in June: 900 < 1,000.
    speak(owner, language)
    scenario = convert.create_scenario(owner, cushion_plan("2700"))
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    reserve = card(html, "reserve")
    assert "kpi-good" not in reserve.classes and "kpi-bad" in reserve.classes
    value = reserve.find(class_="kpi-value").text
    sentence = reserve.find(class_="kpi-sentence").text
    if language == "en":
        assert value == "never held"
        assert re.search(rf"Reached in Feb{M}2027, lost again in June? 2027: at the end", sentence)
    else:
        assert value == "nie dauerhaft erreicht"
        assert re.search(rf"Erreicht im Feb{M}2027, im Juni? 2027 wieder verloren", sentence)
    # The cushion chart's summary tells the same story.
    summary = parse(html).by_id("chart-cushion-summary").text
    assert ("fall below it again" if language == "en" else "wieder darunter") in summary


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_and_the_list_say_when_the_reserve_is_in_place(owner_client, owner, language):
    speak(owner, language)
    lost = convert.create_scenario(owner, cushion_plan("2700", "Lost"))
    held = convert.create_scenario(owner, cushion_plan("1500", "Held"))
    html = owner_client.get(f"/scenarios/compare/?ids={lost.pk},{held.pk}").text
    label = "Reserve in place" if language == "en" else "Rücklage dauerhaft erreicht"
    row = next(
        tr for tr in parse(html).find_all("tr") if tr.find("th") and tr.find("th").text == label
    )
    cells = [td.text for td in row.find_all("td")]
    if language == "en":
        assert re.fullmatch(rf"never held \(reached Feb{M}2027, lost again June? 2027\)", cells[0])
        assert re.fullmatch(rf"May 2027 \(reached Feb{M}2027, lost again Mar{M}2027\)", cells[1])
    else:
        assert re.fullmatch(
            rf"nie dauerhaft erreicht \(erreicht im Feb{M}2027, im Juni? 2027 wieder verloren\)",
            cells[0],
        )
        assert re.fullmatch(
            rf"Mai 2027 \(erreicht im Feb{M}2027, im März 2027 wieder verloren\)", cells[1]
        )
    listing = owner_client.get("/scenarios/").text
    row = parse(listing).by_id(f"scenario-{lost.pk}").text
    assert ("never held" if language == "en" else "nie dauerhaft erreicht") in row


# --- 2. big payments ahead, the calendar by month -------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_big_payments_ahead_below_the_key_figures(owner_client, owner, language):
    # DESIGN.md's writer (tests/projection/test_calendar.py): Sept 2027 pays the 2026 settlement
    # 9,626.00, the catch-up 4,813.00, the prepayment 2,406.50, the health back-payment 9,321.96
    # and the month's contribution 1,055.00 = 27,222.46; balance 20,000 + 21 x 5,000 - 20 x
    # 278.17 - 27,222.46 = 92,214.14. Dec 2027: prepayment 2,406.50 + 1,055.00 = 3,461.50;
    # balance 92,214.14 + 2 x (5,000 - 1,055) + 5,000 - 3,461.50 = 101,642.64. No other month
    # pays more than the monthly contribution, so these two are the big ones.
    speak(owner, language)
    scenario = convert.create_scenario(owner, writer_plan())
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    page = parse(html)
    big = page.by_id("big-payments")
    assert (
        big.parent is page.by_id("dashboard-results")
        or "kpis" not in html[: html.index("big-payments")][-1:]
    )
    # it stands right after the key figures, before the what-if sliders and the charts
    assert html.index('id="kpis"') < html.index('id="big-payments"') < html.index('id="what-if"')
    rows = [
        [c.text for c in tr.find_all("th") + tr.find_all("td")]
        for tr in big.find("tbody").find_all("tr")
    ]
    assert len(rows) == 2
    if language == "en":
        assert rows[0][0] == "Sept 2027" or rows[0][0].startswith("Sep")
        assert rows[0][1] == "€27,222.46" and rows[0][3] == "€92,214.14"
        assert "income tax 2026: settlement" in rows[0][2]
        assert "health insurance 2026: back-payment" in rows[0][2]
        assert rows[1][1] == "€3,461.50" and rows[1][3] == "€101,642.64"
        assert big.find("h3").text == "Big payments ahead"
    else:
        assert rows[0][1] == "27.222,46\u00a0€" and rows[0][3] == "92.214,14\u00a0€"
        assert "Einkommensteuer 2026: Abschlusszahlung" in rows[0][2]
        assert rows[1][1] == "3.461,50\u00a0€" and rows[1][3] == "101.642,64\u00a0€"
        assert big.find("h3").text == "Große Zahlungen, die auf Sie zukommen"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_is_grouped_by_month_with_totals(owner_client, owner, language):
    # Jan 2026 .. Aug 2027 each pay the contribution on the minimum base, 278.17 (one payment);
    # Sept 2027 five payments summing to 27,222.46 (above).
    speak(owner, language)
    scenario = convert.create_scenario(owner, writer_plan())
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    calendar = parse(html).by_id("payments")
    months = calendar.find_all("tr", class_="payment-month")
    assert len(months) == 24  # every month of the plan pays something
    totals = {tr.find("th").text: tr.find("td").text for tr in months}
    if language == "en":
        sept = next(k for k in totals if k.startswith("Sep") and "2027" in k)
        assert sept.endswith("5 payments, in total") and totals[sept] == "€27,222.46"
        assert totals[next(k for k in totals if k.startswith("Jan") and "2026" in k)] == "€278.17"
    else:
        sept = next(k for k in totals if k.startswith("Sept") and "2027" in k)
        assert sept.endswith("5 Zahlungen, zusammen") and totals[sept] == "27.222,46\u00a0€"


# --- 3. shares of sales in the totals and in compare ------------------------------------------


def shop_plan(goods_pct: str, name: str = "Shop") -> m.Scenario:
    """Flat tax 0, 12 months: Shop sales 100 units x EUR 10 a month; goods a share of them."""
    return m.Scenario(
        name=name,
        start=JAN,
        horizon_months=12,
        tax_rate_pct=D(0),
        reserve=m.ReserveTarget(kind=m.ReserveKind.AMOUNT, amount=D(0)),
        costs=(
            m.CostItem("Internet", m.Category.INTERNET_PHONE, D(50), m.Frequency.MONTHLY, JAN),
            m.CostItem(
                "Goods for resale", m.Category.GOODS, D(goods_pct), m.Frequency.MONTHLY, JAN,
                basis=m.CostBasis.INCOME_SHARE, income="Shop sales",
            ),
        ),
        incomes=(
            m.IncomeStream(
                "Shop sales", m.Pricing.PER_UNIT, m.Frequency.MONTHLY, JAN,
                rate=D(10), quantity=D(100),
            ),
        ),
    )  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_share_of_sales_counts_in_the_monthly_total(owner_client, owner, language):
    # 40 % of 1,000 a month = 400 a month; the first year 4,800, its average 4,800 / 12 = 400.00.
    # Total per month: internet 50.00 + goods 400.00 = 450.00 (today: 50.00, goods counting 0).
    speak(owner, language)
    scenario = convert.create_scenario(owner, shop_plan("40"))
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    page = parse(html)
    total = page.by_id("costs-total").text
    goods = page.by_id("costs-subtotal-goods").text
    cost_rows = [
        tr
        for tr in page.by_id("costs").find_all("tr")
        if tr.attrs.get("id", "").startswith("costs-")
    ]
    goods_row = next(tr for tr in cost_rows if "Goods for resale" in tr.text)
    if language == "en":
        assert total == "€450.00" and goods == "€400.00"
        assert "40 % of Shop sales" in goods_row.text.replace("\u00a0", " ")
        assert "average of the first year" in goods_row.text
    else:
        assert total == "450,00\u00a0€" and goods == "400,00\u00a0€"
        assert "40 % von Shop sales" in goods_row.text.replace("\u00a0", " ")
        assert "Durchschnitt des ersten Jahres" in goods_row.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_names_a_share_of_sales_as_a_percentage(owner_client, owner, language):
    speak(owner, language)
    a = convert.create_scenario(owner, shop_plan("40", "A"))
    b = convert.create_scenario(owner, shop_plan("30", "B"))
    html = owner_client.get(f"/scenarios/compare/?ids={a.pk},{b.pk}").text
    row = next(
        tr for tr in parse(html).find_all("tr")
        if tr.find("th") and tr.find("th").text == "Goods for resale"
    )  # fmt: skip
    cells = [td.text.replace("\u00a0", " ") for td in row.find_all("td")]
    if language == "en":
        assert re.fullmatch(rf"40 % of Shop sales, from Jan{M}2027", cells[0])
        assert re.fullmatch(rf"30 % of Shop sales, from Jan{M}2027", cells[1])
    else:
        assert re.fullmatch(rf"40 % von Shop sales, ab Jan{M}2027", cells[0])
    assert "€40.00" not in html and "40,00" not in " ".join(cells)
