"""Planning model v2 worked by hand from DESIGN.md, through the CLI and through reference_v2.

Every example is a small scenario file; its figures are worked in the comment from DESIGN.md's
formulas ("Tax regime `de`", "VAT in regime `de`", the KPIs) and written down as numbers. Each test
runs twice: `[engine]` projects the file with `project_scenario --format json`, `[reference]` with
tests/projection/reference_v2.py, so a failure names the side that disagrees with the hand figures.
"""

from decimal import Decimal

import pytest

from tests.projection.reference_v2 import reference_v2
from tests.projection.test_cli import HAND_WORKED
from tests.projection.v2_files import SIDES, cost, income, months_and_kpis, plan, run_cli

both_sides = pytest.mark.parametrize("side", SIDES)


def D(text) -> Decimal:
    return Decimal(str(text))


def column(rows: list[dict], name: str) -> list[Decimal]:
    return [row[name] for row in rows]


def figures(*values) -> list[Decimal]:
    return [D(value) for value in values]


def de(**settings) -> dict:
    """A `de` tax block: health `other` unless given (so examples isolate what they check)."""
    return {"regime": "de", "health_insurance": "other", **settings}


# --- DESIGN.md's worked example -------------------------------------------------------------

WRITER = plan(
    start="2026-01",
    horizon=24,
    tax={
        "regime": "de",
        "trade": False,
        "church_tax_pct": "0",
        "health_insurance": "statutory",
        "sick_pay": True,
        "health_extra_pct": "2.9",
        "care_pct": "3.6",
        "prepayments": "assessment",
        "assessment_delay_months": 9,
    },
    incomes=[income("Writing", "5000.00", vat_rate_pct="0")],
    reserve={"kind": "months", "months": "3", "amount": None, "deadline": None},
)


@both_sides
def test_design_md_worked_writer_example(side):
    # DESIGN.md: 2026: P = 60,000.00; base 5,000.00; rate 14.6 + 2.9 + 3.6 = 21.1 %;
    # S = 0.211 x 5,000 = 1,055.00; x = 60,000 - 12 x 1,055 = 47,340; z = (47,340 - 17,799) /
    # 10,000 = 2.9541; 173.10 z = 511.35471; + 2,397 = 2,908.35471; x z = 8,591.57065; + 1,034.87
    # = 9,626.44 -> ESt = 9,626 <= F: no surcharge; T = 9,626.00. 2027 the same.
    # Accrued: T / 12 = 802.1666... -> 802.17; S = 1,055.00 every month.
    # Cash: Jan 2026 - Aug 2027 the provisional contribution on the minimum base, 0.211 x
    # 1,318.33 = 278.16763 -> 278.17, no tax. A(2026) = 2027-09: settlement 9,626.00, catch-up
    # 2 x 9,626 / 4 = 4,813.00, prepayment 9,626 / 4 = 2,406.50: taxes 16,845.50; health
    # 12 x 1,055 - 12 x 278.17 = 12,660 - 3,338.04 = 9,321.96 plus the new provisional 1,055.00
    # = 10,376.96. Oct, Nov 2027: health 1,055.00. Dec 2027: tax 2,406.50, health 1,055.00.
    # owed_at_end: 2027's tax 9,626 - (4,813 + 2,406.50 + 2,406.50) = 0; its health
    # 12 x 1,055 - (8 x 278.17 + 4 x 1,055) = 12,660 - 6,445.36 = 6,214.64.
    rows, kpis = months_and_kpis(side, WRITER)
    assert column(rows, "taxes") == figures(*[0] * 20, "16845.50", 0, 0, "2406.50")
    assert column(rows, "social_insurance") == figures(
        *["278.17"] * 20, "10376.96", "1055.00", "1055.00", "1055.00"
    )
    assert column(rows, "taxes_accrued") == figures(*["802.17"] * 24)
    assert column(rows, "social_insurance_accrued") == figures(*["1055.00"] * 24)
    assert column(rows, "vat_due") == column(rows, "vat_paid") == figures(*[0] * 24)
    assert kpis["owed_at_end"] == D("6214.64")
    # Balance: 20 x (5,000 - 278.17) = 94,436.60; Sept: + 5,000 - 16,845.50 - 10,376.96 =
    # 72,214.14; Oct, Nov: + 2 x 3,945 = 80,104.14; Dec: + 5,000 - 2,406.50 - 1,055 = 81,642.64.
    assert rows[19]["balance"] == D("94436.60")
    assert rows[20]["balance"] == D("72214.14")
    assert kpis["final_balance"] == D("81642.64")
    assert kpis["min_balance"] == D("4721.83")  # 5,000 - 278.17 in January 2026
    # Outgoings count the accrued contribution (living 0, no fixed costs): reserve 3 x 1,055.
    assert column(rows, "reserve_target") == figures(*["3165.00"] * 24)


# --- the income tax tariff, one value in each zone ------------------------------------------


def one_year(year: int, profit: str, **settings) -> dict:
    """A profit earned once in January of `year`, a plan of that year: with `assessment` the
    whole year's T_Y is still owed at the end (A(Y) lies after it) and nothing is prepaid."""
    return plan(
        start=f"{year}-01",
        horizon=12,
        tax=de(**settings),
        incomes=[income("Job", profit, frequency="once", start=f"{year}-01")],
    )


# x is the profit (health `other`: S = 0, so x = U_Y = P_Y). T = ESt (+ surcharge where ESt > F).
TARIFF = [
    # 2025: GFB 12,096: x = 12,096 -> 0 (zone 1 ends at GFB).
    (2025, "12096", "0.00", "0.00"),
    # zone 2: y = (15,000 - 12,096) / 10,000 = 0.2904; 932.30 y = 270.73992; + 1,400 =
    # 1,670.73992; x y = 485.18 -> 485. Accrued 485 / 12 = 40.4166... -> 40.42.
    (2025, "15000", "485.00", "40.42"),
    # zone 3: z = (40,000 - 17,443) / 10,000 = 2.2557; 176.64 z = 398.446848; + 2,397 =
    # 2,795.446848; x z = 6,305.689455; + 1,015.13 = 7,320.82 -> 7,320; / 12 = 610.00.
    (2025, "40000", "7320.00", "610.00"),
    # zone 4: 0.42 x 100,000 - 10,911.92 = 31,088.08 -> 31,088 > F 19,950: surcharge
    # min(0.055 x 31,088 = 1,709.84, 0.119 x 11,138 = 1,325.422) -> 1,325.42 (11.9 % zone);
    # T = 32,413.42; / 12 = 2,701.118... -> 2,701.12.
    (2025, "100000", "32413.42", "2701.12"),
    # zone 5: 0.45 x 300,000 - 19,246.67 = 115,753.33 -> 115,753; surcharge min(0.055 x 115,753
    # = 6,366.415, 0.119 x 95,803 = 11,400.557) -> 6,366.41 (5.5 % zone); T = 122,119.41;
    # / 12 = 10,176.6175 -> 10,176.62.
    (2025, "300000", "122119.41", "10176.62"),
    # 2026: GFB 12,348 -> 0.
    (2026, "12348", "0.00", "0.00"),
    # zone 2: y = (15,000 - 12,348) / 10,000 = 0.2652; 914.51 y = 242.528052; + 1,400 =
    # 1,642.528052; x y = 435.598 -> 435; / 12 = 36.25.
    (2026, "15000", "435.00", "36.25"),
    # zone 3: z = (40,000 - 17,799) / 10,000 = 2.2201; 173.10 z = 384.29931; + 2,397 =
    # 2,781.29931; x z = 6,174.762598; + 1,034.87 = 7,209.63 -> 7,209; / 12 = 600.75.
    (2026, "40000", "7209.00", "600.75"),
    # zone 4: 0.42 x 100,000 - 11,135.63 = 30,864.37 -> 30,864 > F 20,350: surcharge
    # min(1,697.52, 0.119 x 10,514 = 1,251.166) -> 1,251.16; T = 32,115.16; / 12 -> 2,676.26.
    (2026, "100000", "32115.16", "2676.26"),
    # zone 5: 0.45 x 300,000 - 19,470.38 = 115,529.62 -> 115,529; surcharge min(0.055 x 115,529
    # = 6,354.095, 0.119 x 95,179 = 11,326.301) -> 6,354.09; T = 121,883.09; / 12 -> 10,156.92.
    (2026, "300000", "121883.09", "10156.92"),
    # A year before 2025 uses 2025's tariff, a year after 2026 uses 2026's (zone 2 as above).
    (2024, "15000", "485.00", "40.42"),
    (2030, "15000", "435.00", "36.25"),
]


@both_sides
@pytest.mark.parametrize(("year", "profit", "owed", "accrued"), TARIFF)
def test_income_tax_tariff_zones(side, year, profit, owed, accrued):
    rows, kpis = months_and_kpis(side, one_year(year, profit))
    assert kpis["owed_at_end"] == D(owed)
    assert column(rows, "taxes_accrued") == figures(*[accrued] * 12)
    assert column(rows, "taxes") == figures(*[0] * 12)  # nothing assessed yet, nothing prepaid


# --- the solidarity surcharge ---------------------------------------------------------------

SURCHARGE = [
    # 2025, zone 4: 0.42 x 73,481 - 10,911.92 = 30,862.02 - 10,911.92 = 19,950.10 -> 19,950
    # = F: no surcharge (0 when ESt' <= F); T = 19,950.00.
    (2025, "73481", "19950.00"),
    # 0.42 x 73,484 - 10,911.92 = 19,951.36 -> 19,951 > F: min(0.055 x 19,951 = 1,097.305,
    # 0.119 x (19,951 - 19,950) = 0.119) -> 0.11 (rounded down); T = 19,951.11.
    (2025, "73484", "19951.11"),
    # 2026: 0.42 x 74,966 - 11,135.63 = 31,485.72 - 11,135.63 = 20,350.09 -> 20,350 = F: 0.
    (2026, "74966", "20350.00"),
    # 0.42 x 74,969 - 11,135.63 = 20,351.35 -> 20,351: 0.119 x 1 -> 0.11; T = 20,351.11.
    (2026, "74969", "20351.11"),
]


@both_sides
@pytest.mark.parametrize(("year", "profit", "owed"), SURCHARGE)
def test_solidarity_surcharge_exemption_limit_and_its_11_9_percent_zone(side, year, profit, owed):
    assert months_and_kpis(side, one_year(year, profit))[1]["owed_at_end"] == D(owed)


# --- trade tax: allowance, rounding down to 100, the credit and its cap; church tax ----------

TRADE = [
    # U = 24,599.99: floor(U / 100) x 100 = 24,500; - 24,500 = 0: M = 0, GewSt = 0.
    # x = 24,599; z = (24,599 - 17,799) / 10,000 = 0.68; (173.10 x 0.68 + 2,397) x 0.68 +
    # 1,034.87 = 2,514.708 x 0.68 + 1,034.87 = 2,744.87 -> 2,744. T = 2,744.00.
    ("24599.99", "400", "0", "2744.00"),
    # U = 24,600.00: 24,600 - 24,500 = 100: M = 0.035 x 100 = 3.50; GewSt = 3.50 x 4.5 = 15.75;
    # credit K = min(4.0 x 3.50 = 14.00, 15.75, ESt) = 14.00 (the cap).
    # x = 24,600; z = 0.6801; (117.72531 + 2,397) x 0.6801 + 1,034.87 = 2,745.13 -> 2,745.
    # T = 2,745 - 14.00 + 15.75 = 2,746.75.
    ("24600.00", "450", "0", "2746.75"),
    # U = 30,049.99: floor to 30,000; - 24,500 = 5,500; M = 192.50; GewSt = 192.50 x 4.5 =
    # 866.25; K = min(770.00, 866.25, ESt) = 770.00 (cap). x = 30,049: z = 1.225; (212.0475 +
    # 2,397) x 1.225 + 1,034.87 = 4,230.95 -> 4,230. T = 4,230 - 770 + 866.25 = 4,326.25.
    ("30049.99", "450", "0", "4326.25"),
    # multiplier 400: GewSt = 770.00 = 4.0 x M: K = 770.00; T = 4,230 - 770 + 770 = 4,230.00.
    ("30049.99", "400", "0", "4230.00"),
    # multiplier 300: GewSt = 577.50 < 4.0 x M: K = 577.50; T = 3,652.50 + 577.50 = 4,230.00.
    ("30049.99", "300", "0", "4230.00"),
    # church tax 8 % of ESt before the credit: 0.08 x 4,230 = 338.40; T = 4,326.25 + 338.40 =
    # 4,664.65.
    ("30049.99", "450", "8", "4664.65"),
]


@both_sides
@pytest.mark.parametrize(("profit", "multiplier", "church", "owed"), TRADE)
def test_trade_tax_allowance_rounding_and_credit_cap(side, profit, multiplier, church, owed):
    data = one_year(
        2026, profit, trade=True, trade_tax_multiplier_pct=multiplier, church_tax_pct=church
    )
    assert months_and_kpis(side, data)[1]["owed_at_end"] == D(owed)


@both_sides
def test_church_tax_without_trade(side):
    # 2026, x = 40,000: ESt 7,209 (zone 3 above); church 9 %: 648.81; T = 7,857.81.
    data = one_year(2026, "40000", church_tax_pct="9")
    assert months_and_kpis(side, data)[1]["owed_at_end"] == D("7857.81")


# --- health and care insurance: the base at its minimum and ceiling -------------------------

HEALTH = [
    # 2026, profit 1,000 a month: P / n = 1,000 < 1,318.33: base 1,318.33; 21.1 %: 278.16763
    # -> 278.17.
    (2026, "1000", {}, "278.17"),
    # profit 3,000: base 3,000.00 (between minimum and ceiling); 0.211 x 3,000 = 633.00.
    (2026, "3000", {}, "633.00"),
    # profit 10,000 > 5,812.50: base 5,812.50; without sick pay 14.0 + 2.9 + 3.6 = 20.5 %:
    # 1,191.5625 -> 1,191.56.
    (2026, "10000", {"sick_pay": False}, "1191.56"),
    # 2025 minimum 1,248.33 x 21.1 % = 263.39763 -> 263.40.
    (2025, "1000", {}, "263.40"),
    # 2025 ceiling 5,512.50, childless care 4.2: 14.6 + 2.9 + 4.2 = 21.7 %: 1,196.2125 -> 1,196.21.
    (2025, "10000", {"care_pct": "4.2"}, "1196.21"),
    # health `other`: 0.
    (2026, "3000", {"health_insurance": "other"}, "0.00"),
]


@both_sides
@pytest.mark.parametrize(("year", "profit", "settings", "contribution"), HEALTH)
def test_health_base_at_minimum_and_ceiling(side, year, profit, settings, contribution):
    # `estimate`: social_insurance_m = S_Y in every month of Y.
    data = plan(
        start=f"{year}-01",
        horizon=12,
        tax={"regime": "de", "prepayments": "estimate", **settings},
        incomes=[income("Work", profit, start=f"{year}-01")],
    )
    rows, _ = months_and_kpis(side, data)
    assert column(rows, "social_insurance") == figures(*[contribution] * 12)
    assert column(rows, "social_insurance_accrued") == figures(*[contribution] * 12)


# --- a loss carried into the next year ------------------------------------------------------


@both_sides
def test_a_loss_is_carried_into_the_next_year(side):
    # 2026: a cost of 20,000 once: P = -20,000: C = 20,000, U = 0, T = 0.
    # 2027: income 50,000 once: used = min(20,000, 50,000) = 20,000; U = 30,000; x = 30,000:
    # z = 1.2201; (211.19931 + 2,397) x 1.2201 + 1,034.87 = 4,217.13 -> 4,217. T = 4,217.00
    # (without the carry: x = 50,000 would give more).
    # A(2026) = 2027-09: settlement 0, B = T_2026 = 0: no prepayments. A(2027) lies after the
    # plan: owed_at_end = 4,217.00. Accrued 2027: 4,217 / 12 = 351.4166... -> 351.42.
    data = plan(
        start="2026-01",
        horizon=24,
        tax=de(),
        costs=[cost("Stock", "20000", frequency="once", start="2026-01")],
        incomes=[income("Sale", "50000", frequency="once", start="2027-01")],
    )
    rows, kpis = months_and_kpis(side, data)
    assert kpis["owed_at_end"] == D("4217.00")
    assert column(rows, "taxes_accrued") == figures(*[0] * 12, *["351.42"] * 12)
    assert column(rows, "taxes") == figures(*[0] * 24)


# --- when the money leaves -------------------------------------------------------------------


@both_sides
def test_assessment_across_2025_and_2026(side):
    # Statutory health (21.1 %), `assessment`, delay 9; profit 4,000 a month from 2025-01, 24
    # months. S_2025 = S_2026 = 0.211 x 4,000 = 844.00 (base between minimum and ceiling).
    # 2025: x = 48,000 - 12 x 844 = 37,872; z = (37,872 - 17,443) / 10,000 = 2.0429; 176.64 z =
    # 360.857856; + 2,397 = 2,757.857856; x z = 5,634.03; + 1,015.13 = 6,649.16 -> T = 6,649.00.
    # 2026: x = 37,872; z = (37,872 - 17,799) / 10,000 = 2.0073; 173.10 z = 347.46363; + 2,397
    # = 2,744.46363; x z = 5,508.96; + 1,034.87 = 6,543.83 -> T = 6,543.00.
    # Accrued: 6,649 / 12 = 554.083... -> 554.08; 6,543 / 12 = 545.25.
    # Health cash: 2025 the 2025 minimum 0.211 x 1,248.33 -> 263.40; Jan - Aug 2026 the 2026
    # minimum 278.17; A(2025) = 2026-09: settlement 12 x 844 - 12 x 263.40 = 10,128 - 3,160.80
    # = 6,967.20, plus the new provisional 844.00 = 7,811.20; Oct - Dec 844.00.
    # Tax cash: Sep 2026: 6,649 + catch-up 2 x 6,649 / 4 = 3,324.50 + 1,662.25 = 11,635.75;
    # Dec 2026: 1,662.25. prepaid_2026 = 3,324.50 + 2 x 1,662.25 = 6,649.00.
    # owed_at_end: 2026's tax 6,543 - 6,649 = -106.00 (a refund), its health 10,128 -
    # (8 x 278.17 + 4 x 844) = 10,128 - 5,601.36 = 4,526.64: 4,420.64.
    data = plan(
        start="2025-01",
        horizon=24,
        tax={"regime": "de"},
        incomes=[income("Work", "4000.00", start="2025-01")],
    )
    rows, kpis = months_and_kpis(side, data)
    assert column(rows, "taxes") == figures(*[0] * 20, "11635.75", 0, 0, "1662.25")
    assert column(rows, "social_insurance") == figures(
        *["263.40"] * 12, *["278.17"] * 8, "7811.20", "844.00", "844.00", "844.00"
    )
    assert column(rows, "taxes_accrued") == figures(*["554.08"] * 12, *["545.25"] * 12)
    assert kpis["owed_at_end"] == D("4420.64")


@both_sides
def test_estimate_prepayments(side):
    # 2026, statutory, `estimate`: profit 5,000 a month; S = 1,055.00 (as the writer), x =
    # 47,340, T = 9,626.00. q = 4 (Mar, Jun, Sep, Dec): 9,626 / 4 = 2,406.50 each; health
    # 1,055.00 every month; nothing owed at the end (all prepaid, no health settlement).
    # Balance: 60,000 - 12 x 1,055 - 9,626 = 37,714.00.
    data = plan(
        start="2026-01",
        horizon=12,
        tax={"regime": "de", "prepayments": "estimate"},
        incomes=[income("Writing", "5000.00")],
    )
    rows, kpis = months_and_kpis(side, data)
    prepaid = "2406.50"
    assert column(rows, "taxes") == figures(
        0, 0, prepaid, 0, 0, prepaid, 0, 0, prepaid, 0, 0, prepaid
    )
    assert column(rows, "social_insurance") == figures(*["1055.00"] * 12)
    assert kpis["owed_at_end"] == D("0.00")
    assert kpis["final_balance"] == D("37714.00")


@both_sides
def test_estimate_in_a_partial_first_year(side):
    # Plan 2026-05 .. 2026-12 (n = 8), `estimate`, health `other`, profit 5,000 a month:
    # P = 40,000; x = 40,000: ESt 7,209 (tariff 2026, zone 3 above); T = 7,209.00.
    # q = 3 (June, September, December): 7,209 / 3 = 2,403.00 each.
    # Accrued 7,209 / 8 = 901.125 -> 901.13 (half-up).
    data = plan(
        start="2026-05",
        horizon=8,
        tax=de(prepayments="estimate"),
        incomes=[income("Work", "5000.00", start="2026-05")],
    )
    rows, kpis = months_and_kpis(side, data)
    assert column(rows, "taxes") == figures(0, "2403.00", 0, 0, "2403.00", 0, 0, "2403.00")
    assert column(rows, "taxes_accrued") == figures(*["901.13"] * 8)
    assert kpis["owed_at_end"] == D("0.00")


@both_sides
@pytest.mark.parametrize(
    ("delay", "taxes_2027"),
    [
        # T_2026 = 435.00 (x = 15,000, tariff 2026 zone 2 above), B / 4 = 108.75.
        # Delay 3: A(2026) = 2027-03: settlement 435.00; catch-up: no prepayment month of 2027
        # before March, 0; March's own 108.75: 543.75. June, September, December 108.75.
        (3, [0, 0, "543.75", 0, 0, "108.75", 0, 0, "108.75", 0, 0, "108.75"]),
        # Delay 12: A(2026) = 2027-12: settlement 435.00 + catch-up 3 x 108.75 = 326.25 +
        # December's 108.75 = 870.00; nothing before.
        (12, [*[0] * 11, "870.00"]),
    ],
)
def test_assessment_delay(side, delay, taxes_2027):
    data = plan(
        start="2026-01",
        horizon=24,
        tax=de(assessment_delay_months=delay),
        incomes=[income("Job", "15000", frequency="once", start="2026-01")],
    )
    rows, kpis = months_and_kpis(side, data)
    assert column(rows, "taxes") == figures(*[0] * 12, *taxes_2027)
    # 2027 had no profit: T_2027 = 0, all 435.00 prepaid for it comes back after the plan.
    assert kpis["owed_at_end"] == D("-435.00")


@both_sides
def test_a_year_without_a_prepayment_month(side):
    # Plan 2026-11 .. 2027-02, `estimate`, health `other`.
    # 2026: income 30,000 once in November: T = ESt(30,000) = 4,217.00 (loss example's figure);
    # q = 1 (December): Dec 2026 pays 4,217.00. Accrued 4,217 / 2 = 2,108.50.
    # 2027: income 20,000 once in January: z = 0.2201; (38.09931 + 2,397) x 0.2201 + 1,034.87 =
    # 1,570.84 -> 1,570. q = 0: paid in full at A(2027) = 2028-09, after the plan: owed_at_end
    # 1,570.00. Accrued 1,570 / 2 = 785.00.
    data = plan(
        start="2026-11",
        horizon=4,
        tax=de(prepayments="estimate"),
        incomes=[
            income("Autumn", "30000", frequency="once", start="2026-11"),
            income("Winter", "20000", frequency="once", start="2027-01"),
        ],
    )
    rows, kpis = months_and_kpis(side, data)
    assert column(rows, "taxes") == figures(0, "4217.00", 0, 0)
    assert column(rows, "taxes_accrued") == figures("2108.50", "2108.50", "785.00", "785.00")
    assert kpis["owed_at_end"] == D("1570.00")


@both_sides
@pytest.mark.parametrize(
    ("profit", "september", "december"),
    [
        # 2026 x = 14,000: y = 0.1652; (151.077 + 1,400) x 0.1652 = 256.24 -> 256 < 400:
        # B = 0. Sept 2027: settlement 256.00 only; no prepayments.
        ("14000", "256.00", "0.00"),
        # x = 15,000: T = 435 >= 400: Sept 2027: 435 + 2 x 435 / 4 + 435 / 4 = 435 + 217.50 +
        # 108.75 = 761.25; Dec 2027: 108.75.
        ("15000", "761.25", "108.75"),
        # x = 14,809: y = 0.2461; (225.060911 + 1,400) x 0.2461 = 399.93 -> 399 < 400: B = 0.
        ("14809", "399.00", "0.00"),
        # x = 14,810: y = 0.2462; (225.152362 + 1,400) x 0.2462 = 400.11 -> 400, not below 400:
        # Sept 2027: 400 + 2 x 100 + 100 = 700.00; Dec 2027: 100.00.
        ("14810", "700.00", "100.00"),
    ],
)
def test_prepayments_only_from_400(side, profit, september, december):
    data = plan(
        start="2026-01",
        horizon=24,
        tax=de(),
        incomes=[income("Job", profit, frequency="once", start="2026-01")],
    )
    rows, _ = months_and_kpis(side, data)
    assert column(rows, "taxes") == figures(*[0] * 20, september, 0, 0, december)


# --- VAT ------------------------------------------------------------------------------------

SHOP_INCOME = income("Shop", "5950.00", vat_rate_pct="19", prices_include_vat=True)
SHOP_COST = cost("Packaging", "119.00", vat_rate_pct="19")


@both_sides
def test_founding_year_passes_25000_in_may(side):
    # Small business; consumer prices 5,950 a month with VAT in them (19 %); a cost of 119.
    # R: Jan 5,950, Feb 11,900, Mar 17,850, Apr 23,800 (<= 25,000: exempt, as entered);
    # May 23,800 + 5,950 = 29,750 > 25,000: registered from May to December.
    # Registered: income net 5,950 / 1.19 = 5,000.00, output VAT 950; cost net 119 / 1.19 =
    # 100.00, input 19; vat_due 931.00. Q2 = Apr 0 + May 931 + Jun 931 = 1,862.00 paid in July;
    # Q3 = 2,793.00 in October; Q4 = 2,793.00 is paid in January 2027, after the plan: owed.
    # Cash in May: 5,000 + 931 - 100 = 5,831 (as in the exempt months: 5,950 - 119); July
    # 5,831 - 1,862 = 3,969.00.
    # Taxes (health `other`, assessment): P = 4 x 5,831 + 8 x 4,900 = 62,524; x = 62,524:
    # z = 4.4725; (774.18975 + 2,397) x 4.4725 + 1,034.87 = 15,218.02 -> 15,218 <= F. T =
    # 15,218.00 owed; owed_at_end = 15,218.00 + 2,793.00 = 18,011.00.
    # Final balance 12 x 5,831 - 1,862 - 2,793 = 65,317.00.
    # Reserve 2 months of outgoings: the cost as entered, VAT included: 2 x 119 = 238.00 in
    # every month, registered or not.
    reserve = {"kind": "months", "months": "2", "amount": None, "deadline": None}
    data = plan(
        start="2026-01",
        horizon=12,
        tax=de(),
        incomes=[SHOP_INCOME],
        costs=[SHOP_COST],
        reserve=reserve,
    )
    rows, kpis = months_and_kpis(side, data)
    assert column(rows, "reserve_target") == figures(*["238.00"] * 12)
    assert column(rows, "income") == figures(*["5950.00"] * 4, *["5000.00"] * 8)
    assert column(rows, "business_costs") == figures(*["119.00"] * 4, *["100.00"] * 8)
    assert column(rows, "vat_due") == figures(*[0] * 4, *["931.00"] * 8)
    assert column(rows, "vat_paid") == figures(*[0] * 6, "1862.00", 0, 0, "2793.00", 0, 0)
    assert rows[4]["net_cash_flow"] == D("5831.00")
    assert rows[6]["net_cash_flow"] == D("3969.00")
    assert kpis["owed_at_end"] == D("18011.00")
    assert kpis["final_balance"] == D("65317.00")


@both_sides
def test_a_founding_year_at_exactly_25000_stays_exempt(side):
    # Small business; a business client pays 5,000 a month plus 19 %. R: May 25,000 (not above
    # 25,000: exempt); June 30,000 > 25,000: registered from June: vat_due 950.00 a month.
    # Q2 = June's 950.00 paid in July; Q3 2,850.00 in October.
    data = plan(
        start="2026-01",
        horizon=12,
        tax=de(),
        incomes=[income("Client", "5000.00", vat_rate_pct="19")],
    )
    rows, _ = months_and_kpis(side, data)
    assert column(rows, "vat_due") == figures(*[0] * 5, *["950.00"] * 7)
    assert column(rows, "vat_paid") == figures(*[0] * 6, "950.00", 0, 0, "2850.00", 0, 0)


@both_sides
def test_a_year_starts_registered_after_a_year_above_25000(side):
    # The shop above for 24 months. 2026's turnover: 4 x 5,950 + 8 x 5,000 = 63,800 > 25,000:
    # all of 2027 is registered (income 5,000.00, vat_due 931.00 from January).
    # 2026's vat_due: 8 x 931 = 7,448 <= 9,000: quarterly returns in 2027.
    # vat_paid: Jan 2027 2,793.00 (Q4 2026), Apr, Jul, Oct 2027 3 x 931 = 2,793.00.
    data = plan(start="2026-01", horizon=24, tax=de(), incomes=[SHOP_INCOME], costs=[SHOP_COST])
    rows, _ = months_and_kpis(side, data)
    assert column(rows[12:], "income") == figures(*["5000.00"] * 12)
    assert column(rows[12:], "vat_due") == figures(*["931.00"] * 12)
    paid = "2793.00"
    assert column(rows[12:], "vat_paid") == figures(paid, 0, 0, paid, 0, 0, paid, 0, 0, paid, 0, 0)


@both_sides
def test_a_later_year_stays_exempt_up_to_100000(side):
    # Small business; a business client pays 2,000 a month plus 19 %. 2026: R reaches
    # 24,000 <= 25,000: exempt all year. 2027 starts exempt (24,000 <= 25,000); a second
    # client adds 3,000 a month: Oct 2027 R = 10 x 5,000 = 50,000 (above 25,000 but not above
    # 100,000: still exempt). November brings a one-off job of 60,000: R = 50,000 + 5,000 +
    # 60,000 = 115,000 > 100,000: registered from November: vat_due 0.19 x 65,000 = 12,350.00;
    # December 0.19 x 5,000 = 950.00; net income unchanged (VAT on top).
    data = plan(
        start="2026-01",
        horizon=24,
        tax=de(),
        incomes=[
            income("Client", "2000.00", vat_rate_pct="19"),
            income("Second client", "3000.00", vat_rate_pct="19", start="2027-01"),
            income("Big job", "60000.00", vat_rate_pct="19", frequency="once", start="2027-11"),
        ],
    )
    rows, _ = months_and_kpis(side, data)
    assert column(rows, "vat_due") == figures(*[0] * 22, "12350.00", "950.00")
    assert column(rows, "income") == figures(
        *["2000.00"] * 12, *["5000.00"] * 10, "65000.00", "5000.00"
    )
    assert column(rows, "vat_paid") == figures(*[0] * 24)  # Q4 2027 is paid after the plan


@both_sides
def test_monthly_returns_after_a_year_above_9000(side):
    # Registered; a business client pays 10,000 a month plus 19 %: vat_due 1,900 a month,
    # 2026: 22,800 > 9,000: 2027 files monthly.
    # vat_paid 2026: Apr, Jul, Oct 5,700.00; 2027: Jan 5,700.00 (Q4 2026), then from February
    # each month the previous month's 1,900.00 (December's is paid after the plan).
    data = plan(
        start="2026-01",
        horizon=24,
        tax=de(vat="registered"),
        incomes=[income("Client", "10000.00", vat_rate_pct="19")],
    )
    rows, _ = months_and_kpis(side, data)
    q = "5700.00"
    assert column(rows, "vat_paid") == figures(
        0, 0, 0, q, 0, 0, q, 0, 0, q, 0, 0, q, *["1900.00"] * 11
    )


@both_sides
def test_quarterly_returns_after_a_year_of_exactly_9000(side):
    # Registered; 300 at 19 % (57.00) and 9,900 at 7 % (693.00): vat_due 750.00 a month,
    # 2026: 9,000.00, not above 9,000: 2027 stays quarterly: Jan 2027 2,250.00 (Q4 2026), Apr
    # 2,250.00, Feb and Mar nothing.
    data = plan(
        start="2026-01",
        horizon=16,
        tax=de(vat="registered"),
        incomes=[
            income("Standard", "300.00", vat_rate_pct="19"),
            income("Reduced", "9900.00", vat_rate_pct="7"),
        ],
    )
    rows, _ = months_and_kpis(side, data)
    assert column(rows, "vat_due") == figures(*["750.00"] * 16)
    q = "2250.00"
    assert column(rows, "vat_paid") == figures(0, 0, 0, q, 0, 0, q, 0, 0, q, 0, 0, q, 0, 0, q)


@both_sides
def test_an_income_share_cost_when_registered(side):
    # Registered; consumer prices 1,190 with 19 % in them: net 1,000, output VAT 190; a second
    # stream of 500 at 0 %: income 1,500.00. A goods cost of 11.9 % of the shop stream only,
    # 19 %: 11.9 % of its net 1,000 = 119 paid, net 100.00, input VAT 19. vat_due 171.00.
    data = plan(
        start="2026-01",
        horizon=3,
        tax=de(vat="registered"),
        incomes=[
            income("Shop", "1190.00", vat_rate_pct="19", prices_include_vat=True),
            income("Lessons", "500.00", vat_rate_pct="0"),
        ],
        costs=[
            cost("Goods", "11.9", basis="income_share", income="Shop", vat_rate_pct="19"),
        ],
    )
    rows, _ = months_and_kpis(side, data)
    assert column(rows, "income") == figures(*["1500.00"] * 3)
    assert column(rows, "business_costs") == figures(*["100.00"] * 3)
    assert column(rows, "vat_due") == figures(*["171.00"] * 3)


# --- an income-share cost in a dry spell ----------------------------------------------------

DRY_SPELL_RISKS = {
    "sick_days_per_year": "0",
    "drought_chance_pct": "100",
    "drought_length_months": "60",
    "drought_income_drop_pct": "50",
    "paths": 200,
    "seed": 3,
}


def dry_spell_plan(amount: str) -> dict:
    # Flat 0 %; work paying `amount` a month (performance-based); goods 40 % of that stream;
    # living 500.
    return plan(
        start="2026-01",
        horizon=12,
        living="500.00",
        incomes=[income("Work", amount, performance_based=True)],
        costs=[cost("Goods", "40", category="goods", basis="income_share", income="Work")],
        risks=DRY_SPELL_RISKS,
    )


def test_an_income_share_cost_in_a_dry_spell_engine():
    # The plan: 2,000 - 40 % = 800 - 500: + 700 a month. With drought chance 100 % month 0 is
    # already dry and a spell ends with chance 1/60 a month: over 12 months about 83 % of the
    # paths stay dry throughout, so the median path is a dry one: income 1,000, goods 400 (a
    # fixed 800 would leave -300), + 100 a month: p50 = 100, 200, ..., 1,200.
    output = run_cli(dry_spell_plan("2000.00"))
    assert column(output["months"], "business_costs") == figures(*["800.00"] * 12)
    assert column(output["months"], "balance") == figures(*range(700, 8401, 700))
    assert output["risk"]["p50"] == figures(*range(100, 1201, 100))


def test_an_income_share_cost_in_a_dry_spell_reference():
    # The reference has no simulation: the dry path is the plan at half the income.
    rows, _ = reference_v2(dry_spell_plan("2000.00"))
    assert column(rows, "business_costs") == figures(*["800.00"] * 12)
    assert column(rows, "balance") == figures(*range(700, 8401, 700))
    rows, _ = reference_v2(dry_spell_plan("1000.00"))
    assert column(rows, "business_costs") == figures(*["400.00"] * 12)
    assert column(rows, "balance") == figures(*range(100, 1201, 100))


# --- self_sufficient_lost_month -------------------------------------------------------------


@both_sides
@pytest.mark.parametrize(
    ("end", "lost"),
    [
        # Income 1,000 to June, living 500, flat 0 %: 1,000 >= 500 from January; July 0 < 500:
        # the last month that meets it is June, so the business pays the living until 2026-07.
        ("2026-06", "2026-07"),
        # No end: December, the last month of the plan, meets it: null.
        (None, None),
    ],
)
def test_self_sufficient_lost_month(side, end, lost):
    data = plan(horizon=12, living="500.00", incomes=[income("Work", "1000.00", end=end)])
    _, kpis = months_and_kpis(side, data)
    assert kpis["self_sufficient_month"] == "2026-01"
    assert kpis["self_sufficient_lost_month"] == lost


# --- a v1 file means what it meant ------------------------------------------------------------


@both_sides
def test_the_v1_hand_worked_file_of_test_cli(side):
    # tests/projection/test_cli.py: profit 900 a month, flat 25 %: tax 225; net 1,000 - 100 -
    # 225 - 500 = 175; balances 1,175, 1,350, 1,525; reserve 2 x (500 + 100) = 1,200.
    rows, kpis = months_and_kpis(side, HAND_WORKED)
    assert column(rows, "taxes") == figures("225.00", "225.00", "225.00")
    assert column(rows, "net_cash_flow") == figures("175.00", "175.00", "175.00")
    assert column(rows, "balance") == figures("1175.00", "1350.00", "1525.00")
    assert column(rows, "reserve_target") == figures("1200.00", "1200.00", "1200.00")
    assert kpis["reserve_reached_month"] == "2027-02"
    assert kpis["runway_months"] == D("1.6")
