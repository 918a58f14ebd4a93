"""The payment calendar: DESIGN.md's worked writer example entry by entry, and for any plan the
entries of a month add up to that month's taxes, social insurance and VAT paid."""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, assume, given, settings

from ecareer.projection import calendar
from ecareer.projection.engine import project
from ecareer.projection.model import (
    Frequency,
    IncomeStream,
    Pricing,
    Scenario,
    TaxRegime,
    TaxSettings,
    VatStatus,
    YearMonth,
)
from ecareer.projection.money import to_cents
from tests.strategies import v2_scenarios

D = Decimal


def writer(**tax) -> Scenario:
    """DESIGN.md's worked example: EUR 5,000 profit every month from 2026-01, 24 months."""
    income = IncomeStream(
        name="Articles",
        pricing=Pricing.FIXED,
        frequency=Frequency.MONTHLY,
        start=YearMonth(2026, 1),
        amount=D(5000),
        vat_rate_pct=D(0),
    )
    return Scenario(
        name="Writer",
        start=YearMonth(2026, 1),
        horizon_months=24,
        incomes=(income,),
        tax=TaxSettings(regime=TaxRegime.DE, **tax),
    )


def entries_of(payments, month: YearMonth) -> set[tuple]:
    return {(p.kind, p.what, p.year, p.months, p.amount) for p in payments if p.month == month}


def test_the_writer_example_of_design_md():
    projection = project(writer())
    payments = calendar.payments(projection)
    # Sep 2027 = A(2026): settlement 9,626.00; catch-up 2 x 9,626 / 4 = 4,813.00 for March and
    # June; the September prepayment 9,626 / 4 = 2,406.50; health: 12 x 1,055.00 - 12 x 278.17
    # = 9,321.96 back-payment, and the new provisional 21.1 % x 5,000.00 = 1,055.00.
    assert entries_of(payments, YearMonth(2027, 9)) == {
        ("tax", "settlement", 2026, (), D("9626.00")),
        ("tax", "catch_up", 2027, (3, 6), D("4813.00")),
        ("tax", "prepayment", 2027, (), D("2406.50")),
        ("social_insurance", "settlement", 2026, (), D("9321.96")),
        ("social_insurance", "contribution", 2027, (), D("1055.00")),
    }
    # Dec 2027: the December prepayment and the month's contribution.
    assert entries_of(payments, YearMonth(2027, 12)) == {
        ("tax", "prepayment", 2027, (), D("2406.50")),
        ("social_insurance", "contribution", 2027, (), D("1055.00")),
    }
    # Every month before: only the provisional contribution on the minimum base,
    # 21.1 % x 1,318.33 = 278.17; no tax.
    for m in range(20):
        month = YearMonth(2026, 1) + m
        assert entries_of(payments, month) == {
            ("social_insurance", "contribution", month.year, (), D("278.17"))
        }
    peak = calendar.peak_month(projection, payments)
    assert peak.month == YearMonth(2027, 9)
    # 16,845.50 tax + 9,321.96 + 1,055.00 insurance = 27,222.46
    assert peak.total == D("27222.46")
    assert peak.balance == to_cents(float(projection.balance[20]))


def test_estimate_prepays_each_year_in_its_own_quarters():
    payments = calendar.payments(project(writer(prepayments="estimate")))
    # 9,626.00 / 4 = 2,406.50 in March, June, September and December of both years.
    taxes = [(p.month, p.amount) for p in payments if p.kind == "tax"]
    assert taxes == [
        (YearMonth(year, month), D("2406.50")) for year in (2026, 2027) for month in (3, 6, 9, 12)
    ]


def test_vat_returns_are_named_by_their_quarter():
    # Registered, 1,000.00 a month plus 19 %: 190.00 VAT a month, 570.00 a quarter, paid the
    # month after the quarter: Apr (Q1), Jul (Q2), Oct (Q3); Q4 is paid after the plan.
    income = IncomeStream(
        name="Consulting",
        pricing=Pricing.FIXED,
        frequency=Frequency.MONTHLY,
        start=YearMonth(2027, 1),
        amount=D(1000),
    )
    scenario = Scenario(
        name="VAT",
        start=YearMonth(2027, 1),
        horizon_months=12,
        incomes=(income,),
        tax=TaxSettings(regime=TaxRegime.DE, vat=VatStatus.REGISTERED),
    )
    vat = [(p.month, p.what, p.period, p.amount) for p in calendar.payments(project(scenario))]
    vat = [v for v in vat if v[1] in ("quarter", "month")]
    assert vat == [
        (YearMonth(2027, 4), "quarter", 1, D("570.00")),
        (YearMonth(2027, 7), "quarter", 2, D("570.00")),
        (YearMonth(2027, 10), "quarter", 3, D("570.00")),
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=v2_scenarios())
def test_the_entries_of_every_month_add_up_to_its_columns(data):
    # Keep the plans short enough to project quickly; any start and any settings.
    data = replace(data, horizon_months=min(data.horizon_months, 60))
    with np.errstate(over="ignore", invalid="ignore"):
        projection = project(data)
    assume(np.isfinite(projection.balance).all())
    sums = defaultdict(lambda: D(0))
    for p in calendar.payments(projection):
        # v3: trade tax (the town's) is in taxes, the pension in social insurance
        column = {"trade_tax": "tax", "pension": "social_insurance"}.get(p.kind, p.kind)
        sums[(p.month, column)] += p.amount
    for m, month in enumerate(projection.months):
        for kind, column in (
            ("tax", projection.taxes),
            ("social_insurance", projection.social_insurance),
            ("vat", projection.vat_paid),
        ):
            expected = D("0.00") if column is None else to_cents(float(column[m]))
            assert sums[(month, kind)] == expected, (month, kind)
