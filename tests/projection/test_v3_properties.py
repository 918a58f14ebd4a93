"""Properties of planning model v3 on random scenarios (tests/strategies.py's v3_scenarios):
every v3 column is there, the cash-flow identity holds with grants and loans, tax_profit is
profit less interest with write-offs instead of the once costs, a riskless simulated path is
the plan, and the payment calendar adds up to the columns."""

import dataclasses
from collections import defaultdict
from decimal import Decimal as D

import numpy as np
from hypothesis import HealthCheck, assume, given, settings

from ecareer.projection import calendar
from ecareer.projection.engine import V3_COLUMNS, project
from ecareer.projection.model import RiskSettings
from ecareer.projection.money import to_cents
from ecareer.projection.risk import path_balances, simulate
from tests.strategies import v3_scenarios

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def short(scenario):
    """At most 60 months, amounts small enough never to overflow."""
    return dataclasses.replace(scenario, horizon_months=min(scenario.horizon_months, 60))


def projected(scenario):
    with np.errstate(over="ignore", invalid="ignore"):
        plan = project(short(scenario))
    assume(np.isfinite(plan.balance).all())
    assume(np.abs(plan.balance).max() < 1e12)
    return plan


@SLOW
@given(v3_scenarios())
def test_every_v3_column_is_an_array_of_the_horizons_length(scenario):
    plan = projected(scenario)
    for name in V3_COLUMNS:
        values = getattr(plan, name)
        assert values.shape == (plan.scenario.horizon_months,), name
        assert np.isfinite(values).all(), name
    assert not plan.sick_pay.any()  # long illness is issue 22
    assert (plan.pension_insurance <= plan.social_insurance_accrued + 1e-6).all()


@SLOW
@given(v3_scenarios())
def test_the_cash_flow_and_tax_profit_identities(scenario):
    plan = projected(scenario)
    zero = np.zeros(len(plan.income))
    vat_due = zero if plan.vat_due is None else plan.vat_due
    vat_paid = zero if plan.vat_paid is None else plan.vat_paid
    expected = (
        plan.income + vat_due - plan.business_costs - vat_paid - plan.taxes
        - plan.social_insurance - plan.living_costs
        + plan.grants + plan.loan_in - plan.loan_interest - plan.loan_repayment
    )  # fmt: skip
    scale = 1e-9 * (1 + np.abs(expected).max())
    assert np.allclose(plan.net_cash_flow, expected, atol=scale + 1e-6)
    # tax_profit = profit - interest + capitalised - depreciation; over the plan the
    # capitalised costs of write-offs that end inside the plan come back as depreciation
    gap = plan.profit - plan.loan_interest - plan.tax_profit  # depreciation - capitalised
    assert np.allclose(gap.sum(), plan.depreciation.sum() - _capitalised(plan), atol=1e-4 + scale)
    # outgoings hold the debt service
    assert (plan.outgoings >= plan.loan_interest + plan.loan_repayment - 1e-6).all()
    # the grant: at most 15 months, never income
    assert not plan.grants[15:].any()


def _capitalised(plan) -> float:
    total = 0.0
    for item, series in zip(plan.scenario.costs, plan.costs_by_item, strict=True):
        if item.useful_life_years and item.frequency == "once" and item.basis == "fixed":
            total += float(series.sum())
    return total


@SLOW
@given(v3_scenarios())
def test_loans_repay_no_more_than_they_lend(scenario):
    plan = projected(scenario)
    lent = sum(
        float(loan.amount) for loan in plan.scenario.loans if loan.start - plan.scenario.start >= 0
    )
    assert plan.loan_in.sum() <= lent + 1e-6
    assert plan.loan_repayment.sum() <= plan.loan_in.sum() + 1e-6
    assert (plan.loan_interest >= 0).all() and (plan.loan_repayment >= 0).all()


@SLOW
@given(v3_scenarios())
def test_a_riskless_path_is_the_plan(scenario):
    quiet = RiskSettings(paths=3, seed=scenario.risks.seed)
    scenario = dataclasses.replace(short(scenario), risks=quiet)
    plan = projected(scenario)
    balances = path_balances(scenario)
    for path in range(3):
        assert np.array_equal(balances[:, path], plan.balance)


@SLOW
@given(v3_scenarios())
def test_the_calendar_adds_up_to_the_columns(scenario):
    plan = projected(scenario)
    sums = defaultdict(lambda: D(0))
    for p in calendar.payments(plan):
        column = {"trade_tax": "tax", "pension": "social_insurance"}.get(p.kind, p.kind)
        sums[(p.month, column)] += p.amount
    for m, month in enumerate(plan.months):
        for kind, values in (("tax", plan.taxes), ("social_insurance", plan.social_insurance)):
            assert sums[(month, kind)] == to_cents(float(values[m])), (month, kind)


@SLOW
@given(v3_scenarios())
def test_a_riskless_simulation_has_the_plans_milestones(scenario):
    # interest counts as a business expense and the pension as a contribution on every path
    scenario = dataclasses.replace(short(scenario), risks=RiskSettings(paths=2, seed=1))
    plan = projected(scenario)
    risk = simulate(scenario, plan)
    assert risk.break_even_month_p50 == plan.kpis.break_even_month
    assert risk.self_sufficient_month_p50 == plan.kpis.self_sufficient_month


@SLOW
@given(v3_scenarios())
def test_rows_of_some_columns_are_those_of_all(scenario):
    plan = projected(scenario)
    some = plan.rows(("balance", "tax_profit"))
    every = plan.rows()
    assert [list(row) for row in some[:1]] == [["month", "balance", "tax_profit"]][: len(some)]
    assert some == [{key: row[key] for key in ("month", "balance", "tax_profit")} for row in every]
