"""One figure, one cent: odd-cent amounts read the same in the CSV, the tables, the charts and
the shared report (half-up to cents, `ecareer.projection.money.to_cents`, everywhere)."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse

from ecareer.planning.models import CostItem, IncomeStream
from ecareer.sharing.models import ShareLink
from tests.html import parse
from tests.planning.factories import make_cost, make_income, make_scenario


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def scenario(owner):
    """Two costs whose business share and growth land on half cents (worked by hand below).

    - "Screws": EUR 0.25 once in 2027-01 at 50 % business share: 0.125, shown as 0.13.
    - "Journal": EUR 0.10 monthly from 2027-01, 25 % more a year: 0.10 in 2027, and
      0.10 x 1.25 = 0.125 a month in 2028, shown as 0.13.
    So the business costs of 2027-01 are 0.125 + 0.10 = 0.225, shown as 0.23; of 2028-01 0.125,
    shown as 0.13. The first year's equipment costs are 0.13; its journals 12 x 0.10 = 1.20.
    No income, living costs or taxes, so nothing else moves.
    """
    scenario = make_scenario(
        owner, living_monthly=D(0), tax_rate_pct=D(0), starting_balance=D(100), horizon_months=24
    )
    make_cost(
        scenario, "Screws", category=CostItem.Category.EQUIPMENT, amount=D("0.25"),
        frequency="once", share_pct=D(50),
    )  # fmt: skip
    make_cost(
        scenario, "Journal", category=CostItem.Category.JOURNALS, amount=D("0.10"),
        share_pct=D(100), annual_increase_pct=D(25),
    )  # fmt: skip
    return scenario


def _csv_costs(response) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    return {row["month"]: row["business_costs"] for row in rows}


def _check_body(html: str, client=None) -> None:
    """The dashboard body (scenario page, fragment or report): tables and chart data.

    The report holds the monthly rows; the scenario page and fragment load them when opened.
    """
    doc = parse(html)
    block = doc.by_id("chart-cashflow").parent.parent
    if block.find("tbody") is None:
        rows_url = block.find("details").attrs["hx-get"]
        block = parse(client.get(rows_url, headers={"HX-Request": "true"}).content.decode())
    first_year = {
        row.find("th").text: row.find("td").text
        for row in doc.by_id("chart-costs").parent.parent.find("tbody").find_all("tr")
    }
    assert first_year == {"Trade journals": "€1.20", "Equipment": "€0.13"}
    cash = {
        row.find("th").text: [td.text for td in row.find_all("td")]
        for row in block.find("tbody").find_all("tr")
    }
    assert cash["Jan 2027"][1] == "€0.23"  # business costs
    assert cash["Jan 2028"][1] == "€0.13"
    bars = {trace["name"]: trace for trace in doc.json("chart-cashflow-data")["data"]}
    assert bars["Equipment"]["y"][0] == -0.13
    assert bars["Equipment"]["customdata"][0] == 0.13
    assert bars["Trade journals"]["y"][12] == -0.13
    pie = doc.json("chart-costs-data")["data"][0]
    assert dict(zip(pie["labels"], pie["values"], strict=True)) == {
        "Trade journals": 1.2,
        "Equipment": 0.13,
    }
    summary = doc.by_id("chart-costs-summary").text
    assert "€1.33" in summary  # 1.20 + 0.13, the amounts as the table shows them


def test_csv_rounds_half_cents_up(owner_client, scenario):
    response = owner_client.get(reverse("planning:projection_csv", args=[scenario.pk]))
    costs = _csv_costs(response)
    assert (costs["2027-01"], costs["2027-02"], costs["2028-01"]) == ("0.23", "0.10", "0.13")


def test_dashboard_tables_and_charts_round_as_the_csv(owner_client, scenario, hx):
    response = owner_client.get(reverse("planning:dashboard", args=[scenario.pk]), headers=hx)
    _check_body(response.content.decode(), owner_client)


def test_scenario_page_rounds_as_the_csv(owner_client, scenario):
    response = owner_client.get(scenario.get_absolute_url())
    _check_body(response.content.decode(), owner_client)


def test_shared_report_rounds_as_the_csv(client, scenario):
    link = ShareLink.objects.create(scenario=scenario, label="bank")
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    _check_body(response.content.decode())


def test_what_if_preview_and_save_scale_to_the_same_cent(owner_client, owner, hx):
    # EUR 0.25 a month at -50 %: 0.125, previewed and saved as 0.13.
    scenario = make_scenario(owner, living_monthly=D(0), tax_rate_pct=D(0))
    stream = make_income(
        scenario, pricing=IncomeStream.Pricing.FIXED, amount=D("0.25"), rate=None,
        quantity=None, ramp_up_months=0,
    )  # fmt: skip
    url = reverse("planning:dashboard", args=[scenario.pk])
    preview = parse(owner_client.get(url, {"price_pct": "-50"}, headers=hx).content)
    rows_url = preview.by_id("chart-cashflow").parent.parent.find("details").attrs["hx-get"]
    assert rows_url.endswith("?price_pct=-50")  # the table shows what the charts preview
    cash = parse(owner_client.get(rows_url, headers=hx).content).find("tbody").find("tr")
    assert cash.find("td").text == "€0.13"  # the income of the first month
    owner_client.post(reverse("planning:what_if_save", args=[scenario.pk]), {"price_pct": "-50"})
    stream.refresh_from_db()
    assert stream.amount == D("0.13")
