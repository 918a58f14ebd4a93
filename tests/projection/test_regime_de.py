"""Regime `de` against examples worked by hand from DESIGN.md's formulas (the working is in the
comments; the expected figures never come from the code)."""

import dataclasses
from decimal import Decimal as D

import numpy as np
import pytest

from ecareer.projection import germany
from ecareer.projection.engine import project
from ecareer.projection.model import (
    Category,
    CostItem,
    Frequency,
    HealthInsurance,
    IncomeStream,
    Prepayments,
    Pricing,
    Scenario,
    TaxRegime,
    TaxSettings,
    YearMonth,
)

DE = TaxSettings(regime=TaxRegime.DE)


def ym(text: str) -> YearMonth:
    return YearMonth.parse(text)


def income(amount, start="2026-01", vat="0", **fields) -> IncomeStream:
    return IncomeStream(
        name=fields.pop("name", "work"),
        pricing=Pricing.FIXED,
        amount=D(amount),
        frequency=fields.pop("frequency", Frequency.MONTHLY),
        start=ym(start),
        vat_rate_pct=D(vat),
        **fields,
    )


def plan(incomes, costs=(), start="2026-01", horizon=24, **tax) -> Scenario:
    return Scenario(
        name="de",
        start=ym(start),
        horizon_months=horizon,
        incomes=tuple(incomes),
        costs=tuple(costs),
        tax=dataclasses.replace(DE, **tax),
    )


def column(projection, name) -> list[D]:
    return [row[name] for row in projection.rows()]


def cents(*values) -> list[D]:
    return [D(str(v)).quantize(D("0.01")) for v in values]


# --- income tax tariff (§ 32a EStG), one value in each zone ----------------------------------


@pytest.mark.parametrize(
    ("year", "x", "expected"),
    [
        # 2025: zone 1 up to GFB 12,096: no tax
        (2025, 12096, 0),
        # zone 2: y = (15,000 - 12,096)/10,000 = 0.2904; (932.30 y + 1,400) y = 485.18... -> 485
        (2025, 15000, 485),
        # zone 3: z = (40,000 - 17,443)/10,000 = 2.2557; (176.64 z + 2,397) z + 1,015.13
        # = 7,320.82 -> 7,320
        (2025, 40000, 7320),
        # zone 4: 0.42 x 100,000 - 10,911.92 = 31,088.08 -> 31,088
        (2025, 100000, 31088),
        # zone 5: 0.45 x 300,000 - 19,246.67 = 115,753.33 -> 115,753
        (2025, 300000, 115753),
        # 2026: zone 1 up to GFB 12,348
        (2026, 12348, 0),
        # one euro above: y = 0.0001; (914.51 y + 1,400) y = 0.14 -> 0
        (2026, 12349, 0),
        # zone 2: y = (15,000 - 12,348)/10,000 = 0.2652; (914.51 y + 1,400) y = 435.60 -> 435
        (2026, 15000, 435),
        # zone 3 (DESIGN.md's writer): z = 2.9541; (173.10 z + 2,397) z + 1,034.87 = 9,626.44
        (2026, 47340, 9626),
        # zone 4: 0.42 x 100,000 - 11,135.63 = 30,864.37 -> 30,864
        (2026, 100000, 30864),
        # zone 5: 0.45 x 300,000 - 19,470.38 = 115,529.62 -> 115,529
        (2026, 300000, 115529),
        # a year after 2026 uses 2026's figures, one before 2025 uses 2025's
        (2031, 100000, 30864),
        (2020, 100000, 31088),
    ],
)
def test_income_tax_tariff(year, x, expected):
    assert germany.income_tax(np.array([float(x)]), year).tolist() == [expected]


# --- solidarity surcharge ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "est", "expected"),
    [
        (2026, 20350, 0),  # at the exemption limit F = 20,350: nothing
        # 11.9 % zone: min(0.055 x 21,000 = 1,155, 0.119 x 650 = 77.35) = 77.35
        (2026, 21000, 77.35),
        # full 5.5 %: min(0.055 x 40,000 = 2,200, 0.119 x 19,650 = 2,338.35) = 2,200
        (2026, 40000, 2200),
        (2025, 19950, 0),  # 2025's limit F = 19,950
        # one euro above: 0.119 x 1 = 0.119, rounded down to cents: 0.11
        (2025, 19951, 0.11),
    ],
)
def test_solidarity_surcharge(year, est, expected):
    assert germany.solidarity_surcharge(np.array([float(est)]), year).tolist() == [expected]


# --- trade tax and its credit --------------------------------------------------------------------


def yearly_2026(profit, trade=True, multiplier="400", **settings):
    """One full year 2026 (n = 12), other health insurance so that S = 0 unless asked."""
    settings.setdefault("health_insurance", HealthInsurance.OTHER)
    tax = dataclasses.replace(DE, trade=trade, trade_tax_multiplier_pct=D(multiplier), **settings)
    return germany.yearly(np.array([[float(profit)]]), np.array([12]), 2026, tax)


def test_trade_tax_allowance_and_rounding_down_to_100():
    # U = 24,599.99: floor(U/100) x 100 = 24,500, less the allowance 24,500: 0 -> no trade tax
    assert yearly_2026("24599.99").trade_tax.tolist() == [[0.0]]
    # U = 24,600: base 100, M = 0.035 x 100 = 3.50, GewSt = 3.50 x 400 % = 14.00
    assert yearly_2026("24600").trade_tax.tolist() == [[14.0]]
    # U = 24,699.99 still rounds down to 24,600: 14.00
    assert yearly_2026("24699.99").trade_tax.tolist() == [[14.0]]


def test_trade_tax_credit_capped_at_four_times_the_base_amount():
    # U = 60,049.99: base 60,000 - 24,500 = 35,500; M = 1,242.50; multiplier 500 %:
    # GewSt = 6,212.50. x = 60,049; z = 4.225; ESt = floor(14,252.14) = 14,252.
    # K = min(4 x 1,242.50 = 4,970, 6,212.50, 14,252) = 4,970 -> ESt' = 9,282 (< F: no soli)
    # T = 9,282 + 6,212.50 = 15,494.50
    amounts = yearly_2026("60049.99", multiplier="500")
    assert amounts.trade_tax.tolist() == [[6212.5]]
    assert amounts.income_tax.tolist() == [[9282.0]]
    assert amounts.total.tolist() == [[15494.5]]


def test_trade_tax_credit_capped_at_the_trade_tax():
    # The same profit at 300 %: GewSt = 1,242.50 x 3 = 3,727.50;
    # K = min(4,970, 3,727.50, 14,252) = 3,727.50 -> ESt' = 10,524.50; T = 14,252.00
    amounts = yearly_2026("60049.99", multiplier="300")
    assert amounts.income_tax.tolist() == [[10524.5]]
    assert amounts.total.tolist() == [[14252.0]]


def test_no_trade_no_trade_tax():
    # Without trade: T = ESt = 14,252 on x = 60,049
    amounts = yearly_2026("60049.99", trade=False)
    assert amounts.trade_tax.tolist() == [[0.0]]
    assert amounts.total.tolist() == [[14252.0]]


def test_church_tax_on_the_income_tax_before_the_credit():
    # ESt 14,252 (before the credit of 4,970 at 400 %): church 9 % = 1,282.68
    # T = 9,282 + 0 + 1,282.68 + 4,970 = 15,534.68
    amounts = yearly_2026("60049.99", church_tax_pct=D(9))
    assert amounts.church.tolist() == [[1282.68]]
    assert amounts.total.tolist() == [[15534.68]]


# --- health and care insurance ---------------------------------------------------------------


def test_health_base_at_the_minimum():
    # 2026, 1,000 a month < minimum 1,318.33: 21.1 % x 1,318.33 = 278.1676 -> 278.17
    p = project(plan([income("1000")], horizon=12))
    assert set(column(p, "social_insurance_accrued")) == {D("278.17")}
    # 2025's minimum 1,248.33: 21.1 % x 1,248.33 = 263.3976 -> 263.40
    p = project(plan([income("1000", start="2025-01")], start="2025-01", horizon=12))
    assert set(column(p, "social_insurance_accrued")) == {D("263.40")}


def test_health_base_at_the_ceiling():
    # 2026, 10,000 a month > ceiling 5,812.50: 21.1 % x 5,812.50 = 1,226.4375 -> 1,226.44
    p = project(plan([income("10000")], horizon=12))
    assert set(column(p, "social_insurance_accrued")) == {D("1226.44")}
    # without sick pay 14.0 + 2.9 + 3.6 = 20.5 %: 1,191.5625 -> 1,191.56
    p = project(plan([income("10000")], horizon=12, sick_pay=False))
    assert set(column(p, "social_insurance_accrued")) == {D("1191.56")}


def test_childless_care_rate_and_other_insurance():
    # 14.6 + 2.9 + 4.2 = 21.7 % x 1,318.33 = 286.0776 -> 286.08
    p = project(plan([income("1000")], horizon=12, care_pct=D("4.2")))
    assert set(column(p, "social_insurance_accrued")) == {D("286.08")}
    p = project(plan([income("1000")], horizon=12, health_insurance=HealthInsurance.OTHER))
    assert set(column(p, "social_insurance_accrued")) == {D("0.00")}
    assert set(column(p, "social_insurance")) == {D("0.00")}


# --- loss carried forward ----------------------------------------------------------------------


def test_a_loss_is_carried_into_the_next_year():
    # 2026: a 10,000 cost in June and no income: P = -10,000, C = 10,000, U = 0.
    # 2027: 2,500 a month: P = 30,000, used = 10,000, U = 20,000; other insurance (S = 0):
    # x = 20,000, z = 0.2201, ESt = floor(1,570.84) = 1,570 = T; 1,570/12 = 130.8333 a month
    loss = CostItem("Course", Category.TRAINING, D(10000), Frequency.ONCE, ym("2026-06"))
    p = project(
        plan(
            [income("2500", start="2027-01")],
            costs=[loss],
            health_insurance=HealthInsurance.OTHER,
        )
    )
    accrued = column(p, "taxes_accrued")
    assert set(accrued[:12]) == {D("0.00")}
    assert set(accrued[12:]) == {D("130.83")}
    assert p.yearly.total[:, 0].tolist() == [0.0, 1570.0]
    # Without the loss: x = 30,000, ESt = floor(4,217.13) = 4,217
    p = project(plan([income("2500", start="2027-01")], health_insurance=HealthInsurance.OTHER))
    assert p.yearly.total[:, 0].tolist() == [0.0, 4217.0]


# --- when the money leaves: DESIGN.md's worked example ----------------------------------------


def writer(**tax):
    return plan([income("5000", performance_based=True)], **tax)


def test_assessment_timing_of_the_worked_example():
    p = project(writer())
    taxes, social = column(p, "taxes"), column(p, "social_insurance")
    # 2026: P = 60,000; base 5,000; 21.1 % -> S = 1,055.00; x = 60,000 - 12 x 1,055 = 47,340;
    # ESt = 9,626 = T (no surcharge). 2027 the same.
    assert p.yearly.total[:, 0].tolist() == [9626.0, 9626.0]
    assert p.yearly.contribution[:, 0].tolist() == [1055.0, 1055.0]
    # Jan 2026 .. Aug 2027: the provisional contribution on the minimum base, 278.17, no tax
    assert taxes[:20] == cents(*[0] * 20)
    assert social[:20] == cents(*[278.17] * 20)
    # Sep 2027 = A(2026): settlement 9,626.00 + catch-up 2 x 9,626/4 = 4,813.00 + the September
    # prepayment 2,406.50 = 16,845.50; health 12 x 1,055 - 12 x 278.17 = 9,321.96 + 1,055.00
    assert taxes[20] == D("16845.50")
    assert social[20] == D("10376.96")
    # Oct, Nov: the new provisional 1,055.00; Dec: the prepayment 2,406.50
    assert taxes[21:] == cents(0, 0, 2406.50)
    assert social[21:] == cents(1055, 1055, 1055)
    # owed_at_end: 2027's tax all prepaid (4 x 2,406.50 = 9,626: 0), its health back-payment
    # 12 x 1,055 - (8 x 278.17 + 4 x 1,055) = 12,660 - 6,445.36 = 6,214.64
    assert p.kpis.owed_at_end == D("6214.64")
    # accrued: 9,626/12 = 802.1666... -> 802.17 and 1,055.00 in every month
    assert set(column(p, "taxes_accrued")) == {D("802.17")}
    assert set(column(p, "social_insurance_accrued")) == {D("1055.00")}
    # the reserve's outgoings count the contribution: 0 living + 1,055
    assert set(column(p, "outgoings")) == {D("1055.00")}


def test_estimate_timing_of_the_worked_example():
    p = project(writer(prepayments=Prepayments.ESTIMATE))
    # T / 4 = 2,406.50 in March, June, September, December of both years; S every month
    expected = [2406.50 if m % 3 == 2 else 0 for m in range(24)]
    assert column(p, "taxes") == cents(*expected)
    assert set(column(p, "social_insurance")) == {D("1055.00")}
    assert p.kpis.owed_at_end == D("0.00")


def test_a_year_without_a_prepayment_month_is_owed_at_the_end():
    # estimate, 20,000 a month, 2026-01 for 14 months: 2027 has January and February only.
    # 2026: P = 240,000; base = ceiling 5,812.50, S = 1,226.44; x = 240,000 - 14,717.28
    # = 225,282 (zone 4): 0.42 x 225,282 - 11,135.63 = 83,482.81 -> 83,482;
    # surcharge min(0.055 x 83,482 = 4,591.51, 0.119 x 63,132) = 4,591.51; T = 88,073.51,
    # a quarter of it, 22,018.3775 -> 22,018.38, in each prepayment month.
    # 2027 (n = 2): P = 40,000; base 5,812.50, S = 1,226.44; x = 40,000 - 2,452.88 = 37,547;
    # z = 1.9748; ESt = floor(6,443.53) = 6,443 = T. No prepayment month inside the plan: it
    # is due at A(2027) = 2028-09, after the plan: owed_at_end 6,443.00.
    p = project(plan([income("20000")], horizon=14, prepayments=Prepayments.ESTIMATE))
    assert p.yearly.total[:, 0].tolist() == [88073.51, 6443.0]
    taxes = column(p, "taxes")
    assert taxes == cents(*[22018.38 if m in (2, 5, 8, 11) else 0 for m in range(14)])
    assert p.kpis.owed_at_end == D("6443.00")


def test_owed_at_end_with_assessment_counts_tax_and_health():
    # The writer over 12 months: A(2026) = 2027-09 is after the plan: T = 9,626.00 is owed, and
    # the health back-payment 12 x 1,055 - 12 x 278.17 = 9,321.96: 18,947.96
    p = project(dataclasses.replace(writer(), horizon_months=12))
    assert p.kpis.owed_at_end == D("18947.96")
    assert set(column(p, "taxes")) == {D("0.00")}


def test_small_tax_sets_no_prepayments():
    # 1,200 a month, other insurance: x = 14,400, y = 0.2052: (914.51 y + 1,400) y = 325.78
    # -> 325 < 400: no prepayments follow its assessment.
    low = project(plan([income("1200")], horizon=36, health_insurance=HealthInsurance.OTHER))
    assert low.yearly.total[:, 0].tolist() == [325.0, 325.0, 325.0]
    taxes = column(low, "taxes")
    # Sep 2027: settlement of 2026 (325.00), B = 0: no catch-up and no prepayment; Sep 2028 the
    # same for 2027.
    assert taxes[20] == D("325.00") and taxes[32] == D("325.00")
    assert sum(taxes) == D("650.00")


def test_flat_regime_keeps_its_arithmetic():
    # The same writer under flat 25 %: 1,250 a month (YTD tax), nothing owed at the end
    p = project(dataclasses.replace(writer(), tax=TaxSettings(), tax_rate_pct=D(25)))
    assert set(column(p, "taxes")) == {D("1250.00")}
    assert set(column(p, "social_insurance")) == {D("0.00")}
    assert p.kpis.owed_at_end == D("0.00")


# --- KPIs on accrued taxes ---------------------------------------------------------------------


def test_self_sufficient_on_accrued_taxes_and_until_when():
    # The writer with 3,000 living costs; income ends after June 2027.
    # 2026 months: 5,000 - 802.17 - 1,055 = 3,142.83 >= 3,000: self-sufficient from 2026-01.
    # 2027 (12 plan months, income in six): P = 30,000; base 2,500, S = 527.50;
    # x = 30,000 - 6,330 = 23,670; z = 0.5871; ESt = floor(2,501.81) = 2,501; 2,501/12 = 208.42;
    # 5,000 - 208.42 - 527.50 = 4,264.08 >= 3,000 through June; July has no income: lost from
    # 2027-07.
    s = dataclasses.replace(
        writer(),
        living_monthly=D(3000),
        incomes=(income("5000", end=ym("2027-06")),),
    )
    kpis = project(s).kpis
    assert kpis.self_sufficient_month == ym("2026-01")
    assert kpis.self_sufficient_lost_month == ym("2027-07")
