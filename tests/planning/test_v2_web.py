"""Model v2 in the web: the CSV of an imported v2 file is the command line's output byte for
byte, the dashboard's payment calendar and warning, compare's tax rows, the report's taxes."""

import io
import json
import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.projection import model as m
from ecareer.sharing.models import ShareLink
from ecareer.starters import starter_text
from tests.html import parse
from tests.planning.test_dashboard_views import table_rows

pytestmark = pytest.mark.django_db


def upload(client, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("plan.json", text.encode(), "application/json")
    return client.post("/scenarios/import/", {"file": file})


def test_the_csv_of_an_imported_v2_file_is_the_command_lines(owner_client, owner, tmp_path):
    text = starter_text("online_shop")  # regime de: VAT, trade tax, goods a share of sales
    assert json.loads(text)["tax"]["regime"] == "de"
    path = tmp_path / "shop.json"
    path.write_text(text)
    out = io.StringIO()
    call_command("project_scenario", str(path), stdout=out)
    assert upload(owner_client, text).status_code == 302
    scenario = Scenario.objects.get(user=owner)
    response = owner_client.get(f"/scenarios/{scenario.pk}/projection.csv")
    assert response.content == out.getvalue().encode()
    header = response.content.decode().splitlines()[0]
    assert header.split(",")[8:13] == [
        "social_insurance", "taxes_accrued", "social_insurance_accrued", "vat_due", "vat_paid",
    ]  # fmt: skip


def writer_plan(**tax) -> m.Scenario:
    """DESIGN.md's worked writer: EUR 5,000 profit a month from 2026-01 for 24 months."""
    income = m.IncomeStream(
        name="Articles",
        pricing=m.Pricing.FIXED,
        frequency=m.Frequency.MONTHLY,
        start=m.YearMonth(2026, 1),
        amount=D(5000),
        vat_rate_pct=D(0),
    )
    return m.Scenario(
        name="Writer",
        start=m.YearMonth(2026, 1),
        horizon_months=24,
        starting_balance=D(20000),
        incomes=(income,),
        reserve=m.ReserveTarget(kind=m.ReserveKind.AMOUNT, amount=D(0)),
        tax=m.TaxSettings(**{"regime": m.TaxRegime.DE, **tax}),
    )


def test_the_dashboard_shows_the_payment_calendar_and_warns_ahead(owner_client, owner):
    scenario = convert.create_scenario(owner, writer_plan())
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    calendar = parse(html).find(id="payments")
    rows = [
        [cell.text for cell in row.find_all("th") + row.find_all("td")]
        for row in calendar.find("tbody").find_all("tr")
    ]
    # DESIGN.md's September 2027 (see tests/projection/test_calendar.py for the working).
    assert ["Sept 2027", "income tax 2026: settlement", "€9,626.00"] in rows
    assert ["Sept 2027", "prepayments 2027: catch-up for March and June", "€4,813.00"] in rows
    assert ["Sept 2027", "prepayment 2027", "€2,406.50"] in rows
    assert ["Sept 2027", "health insurance 2026: back-payment", "€9,321.96"] in rows
    assert ["Dec 2027", "prepayment 2027", "€2,406.50"] in rows
    # Balance after Sep 2027: 20,000 + 21 x 5,000 - 20 x 278.17 - 27,222.46 = 92,214.14.
    warning = calendar.find(id="payment-warning").text
    assert (
        "In September 2027 the tax office and your health insurer ask for €27,222.46 at once"
        in warning
    )
    assert "income tax 2026: settlement" in warning
    assert "Your balance then falls to €92,214.14." in warning
    # owed_at_end: 2027's health back-payment 12 x 1,055 - (8 x 278.17 + 4 x 1,055) = 6,214.64.
    card = parse(html).find(id="kpi-owed_at_end")
    assert "€6,214.64" in card.text


def test_the_calendar_in_german(owner_client, owner):
    owner.profile.language = "de"
    owner.profile.save()
    scenario = convert.create_scenario(owner, writer_plan())
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    calendar = parse(html).find(id="payments").text
    assert "Einkommensteuer 2026: Abschlusszahlung" in calendar
    assert "Vorauszahlungen 2027: Nachzahlung für März und Juni" in calendar
    assert "9.626,00" in calendar


def test_a_flat_plan_has_no_calendar(owner_client, owner):
    scenario = convert.create_scenario(owner, writer_plan(regime=m.TaxRegime.FLAT))
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    assert parse(html).find(id="payments") is None


def test_the_end_of_the_small_business_status_is_said_in_words(owner_client, owner):
    # 3,000 a month at 19 % included: the founding year's turnover passes 25,000 in
    # September 2026 (9 x 3,000 = 27,000 > 25,000), so from then on VAT is charged.
    income = m.IncomeStream(
        name="Shop sales",
        pricing=m.Pricing.FIXED,
        frequency=m.Frequency.MONTHLY,
        start=m.YearMonth(2026, 1),
        amount=D(3000),
        prices_include_vat=True,
    )
    plan = m.Scenario(
        name="Shop",
        start=m.YearMonth(2026, 1),
        horizon_months=12,
        incomes=(income,),
        reserve=m.ReserveTarget(kind=m.ReserveKind.AMOUNT, amount=D(0)),
        tax=m.TaxSettings(regime=m.TaxRegime.DE),
    )
    scenario = convert.create_scenario(owner, plan)
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    sentence = parse(html).find(id="vat-end").text
    assert sentence.startswith("From September 2026 your turnover is past the small-business limit")
    assert "Prices that include VAT keep only the net part" in sentence


def test_compare_shows_the_tax_settings_that_differ(owner_client, owner):
    one = convert.create_scenario(owner, writer_plan())
    two = convert.create_scenario(owner, writer_plan(trade=True, vat=m.VatStatus.REGISTERED))
    html = owner_client.get(reverse("planning:compare"), {"ids": f"{one.pk},{two.pk}"}).text
    rows = table_rows(html)
    assert rows["Trade business"] == ["no", "yes"]
    assert rows["VAT"] == ["small business (no VAT while small)", "registered for VAT"]
    assert "Church tax" not in rows  # the same in both


@pytest.mark.parametrize("hide", [False, True])
def test_the_report_states_the_tax_settings(client, owner, hide):
    scenario = convert.create_scenario(owner, writer_plan(church_tax_pct=D(9)))
    link = ShareLink.objects.create(scenario=scenario, hide_amounts=hide)
    html = client.get(f"/r/{link.token}/").text
    taxes = parse(html).find(id="report-taxes").text
    assert "Germany" in taxes and "a liberal profession (no trade tax)" in taxes
    assert "Church tax9\u00a0%" in taxes
    if hide:
        assert not re.search(r"€\s?-?\d", html)
        assert parse(html).find(id="payments") is None
    else:
        assert parse(html).find(id="payments") is not None


def test_the_cash_table_has_the_charts_insurance_and_vat_columns(owner_client, owner):
    scenario = convert.create_scenario(owner, writer_plan())
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    block = parse(html).find("figure", **{"aria-labelledby": "chart-cashflow-title"})
    rows_url = block.find("details").attrs["hx-get"]  # the table loads when opened
    table = parse(owner_client.get(rows_url, headers={"HX-Request": "true"}).text).find("table")
    headers = [th.text for th in table.find("thead").find_all("th")]
    assert headers[5:9] == [
        "Health and care insurance", "VAT collected", "VAT paid to the tax office",
        "Net cash flow",
    ]  # fmt: skip
    september = next(r for r in table.find_all("tr") if r.find("th").text == "Sept 2027")
    cells = [td.text for td in september.find_all("td")]
    # Sep 2027: taxes 16,845.50; insurance 9,321.96 + 1,055.00 = 10,376.96; no VAT;
    # net 5,000 - 16,845.50 - 10,376.96 = -22,222.46.
    assert cells == [
        "€5,000.00", "€0.00", "€16,845.50", "€0.00", "€10,376.96", "€0.00", "€0.00",
        "-€22,222.46",
    ]  # fmt: skip
