"""Issue 25: the monthly table for spreadsheets (German: semicolons, decimal commas, German
column names), offered next to DESIGN.md's CSV, which stays exactly as it is for programs."""

import csv
from decimal import Decimal
from io import StringIO

import pytest
from django.urls import reverse

from tests.planning.factories import make_cost, make_income, make_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_plan(owner):
    # Two months from 2027-01: 1,234.56 saved, 1,000.00 living, 25 % flat tax, one cost of
    # 40.00 at 50 % (20.00) and a fixed income of 2,500.00 a month.
    scenario = make_scenario(
        owner,
        "Kleiner Plan",
        horizon_months=2,
        starting_balance=Decimal("1234.56"),
        living_monthly=Decimal("1000.00"),
    )
    make_cost(scenario)
    make_income(
        scenario,
        pricing="fixed",
        amount=Decimal("2500.00"),
        rate=None,
        quantity=None,
        ramp_up_months=0,
    )
    return scenario


# By hand (DESIGN.md, regime flat): month 0 profit 2500 - 20 = 2480, tax 25 % of the YTD profit
# = 620.00; net 2500 - 20 - 620 - 1000 = 860.00; balance 1234.56 + 860 = 2094.56. Month 1: YTD
# 4960, tax 0.25 x (4960 - 2480) = 620.00, net 860.00, balance 2954.56. Outgoings 1000 + 20 =
# 1020.00, reserve 6 x 1020 = 6120.00; no insurance, no VAT.
REST = [  # no insurance, no VAT; taxes owed, outgoings
    "0.00",
    "620.00",
    "0.00",
    "0.00",
    "0.00",
    "1020.00",
]
FIGURES = [
    [
        "2500.00",
        "20.00",
        "620.00",
        "1000.00",
        "860.00",
        "2094.56",
        "6120.00",
        *REST,
    ],
    [
        "2500.00",
        "20.00",
        "620.00",
        "1000.00",
        "860.00",
        "2954.56",
        "6120.00",
        *REST,
    ],
]


def speak(user, language):
    user.profile.language = language
    user.profile.save()


def test_german_spreadsheet_csv(owner_client, owner, small_plan):
    speak(owner, "de")
    url = reverse("planning:projection_spreadsheet", args=[small_plan.pk])
    response = owner_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kleiner-plan-tabelle.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with it
    rows = list(csv.reader(StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:8] == [
        "Monat",
        "Einnahmen",
        "Betriebskosten",
        "Steuern gezahlt",
        "Lebenshaltungskosten",
        "Netto-Cashflow",
        "Kontostand am Monatsende",
        "Rücklagenziel",
    ]
    width = len(FIGURES[0]) + 1  # DESIGN.md's first columns; v3's follow
    assert rows[1][:width] == ["Januar 2027", *(f.replace(".", ",") for f in FIGURES[0])]
    assert rows[2][:width] == ["Februar 2027", *(f.replace(".", ",") for f in FIGURES[1])]
    assert len(rows[0]) == len(rows[1]) and all(rows[0])
    assert len(rows) == 3 and "\r\n" in text


def test_english_spreadsheet_csv(owner_client, owner, small_plan):
    speak(owner, "en")
    url = reverse("planning:projection_spreadsheet", args=[small_plan.pk])
    text = owner_client.get(url).content.decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.reader(StringIO(text)))
    assert rows[0][:3] == ["Month", "Income", "Business costs"]
    width = len(FIGURES[0]) + 1
    assert rows[1][:width] == ["January 2027", *FIGURES[0]]
    assert rows[2][:width] == ["February 2027", *FIGURES[1]]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_design_csv_stays_as_it_is_for_programs(owner_client, owner, small_plan, language):
    speak(owner, language)
    text = owner_client.get(reverse("planning:projection_csv", args=[small_plan.pk])).text
    lines = text.splitlines()
    assert lines[0].startswith("month,income,business_costs,taxes,living_costs,net_cash_flow")
    assert lines[1].startswith(",".join(["2027-01", *FIGURES[0]]) + ",")
    assert lines[2].startswith(",".join(["2027-02", *FIGURES[1]]) + ",")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "The same table for Excel and other spreadsheets (CSV)"),
        ("de", "Dieselbe Tabelle für Excel und andere Tabellenkalkulationen (CSV)"),
    ],
)
def test_the_dashboard_offers_both_downloads(owner_client, owner, small_plan, language, words):
    speak(owner, language)
    html = owner_client.get(reverse("planning:dashboard", args=[small_plan.pk])).text
    assert f'href="/scenarios/{small_plan.pk}/projection.csv" download' in html
    spreadsheet = f'href="/scenarios/{small_plan.pk}/projection-spreadsheet.csv" download'
    assert f"{spreadsheet}>{words}</a>" in html


def test_another_users_spreadsheet_is_not_found(other_client, small_plan):
    url = reverse("planning:projection_spreadsheet", args=[small_plan.pk])
    assert other_client.get(url).status_code == 404
