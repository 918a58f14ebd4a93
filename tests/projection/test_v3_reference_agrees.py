"""The CLI's projection agrees with reference_v3, an exact reading of DESIGN.md's v3, on random
`ecareer.scenario/3` files (tests/strategies.py's `v3_files` on top of the v2 comparison's files).

Every column (v2's, `outgoings` and v3's) and every KPI (reserve_held_month and owed_at_end
included). With long illness (one path, `reference_v3_path`), the simulated path's monthly
balances and its lowest balance. Amounts agree within one cent: DESIGN.md lets the engine
compute in float64 and round at the end, so a value that is exactly a half cent (I_Y / 8,
c / 36, 0.50 x 19 %) may round either way there. The amounts v3 forms "in cents" (grants,
loans, the pension) must be equal to the cent; months (KPIs) equal, or the month the plan meets
within a millionth (float64 sums that are equal on paper differ by ~1e-12). Where a file has no
risk, the simulated paths must be the plan too.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.projection.reference_v3 import COLUMNS, illness_places, reference_v3, reference_v3_path
from tests.projection.test_v2_reference_agrees import files
from tests.projection.v2_files import cost, income, run_cli
from tests.projection.v3_files import loan, plan3
from tests.strategies import v3_files

CENT = Decimal("0.01")
NOISE = Fraction(1, 10**6)
EXACT = ("pension_insurance", "grants", "sick_pay", "loan_in", "loan_interest", "loan_repayment")
MONTH_KPIS = (
    "break_even_month",
    "self_sufficient_month",
    "self_sufficient_lost_month",
    "depletion_month",
    "min_balance_month",
    "reserve_reached_month",
    "reserve_held_month",
)
MONEY_KPIS = ("min_balance", "final_balance", "owed_at_end")
RISKS = ("sick_days_per_year", "drought_chance_pct", "long_illness_chance_pct")


def assert_agrees(data: dict) -> None:
    output = run_cli(data)
    rows, kpis = reference_v3(data)
    assert len(output["months"]) == len(rows)
    for got, want in zip(output["months"], rows, strict=True):
        assert got["month"] == want["month"]
        for name in COLUMNS:
            allowed = 0 if name in EXACT else CENT
            assert abs(got[name] - want[name]) <= allowed, (got["month"], name, got[name], want)
    lenient = reference_v3(data, noise=NOISE)[1]
    for name in MONTH_KPIS:
        assert output["kpis"][name] in (kpis[name], lenient[name]), (name, output["kpis"], kpis)
    for name in MONEY_KPIS:
        assert abs(output["kpis"][name] - kpis[name]) <= CENT, (name, output["kpis"][name], kpis)
    assert output["kpis"]["runway_months"] == kpis["runway_months"]
    if not any(Decimal(str(data["risks"].get(key, "0"))) for key in RISKS):
        # DESIGN.md: "With all risks at 0 every path equals the plan": v3's loans, grant,
        # pension and town dates in the simulation too (sick_pay stays 0 without illness)
        balances = [row["balance"] for row in rows]
        for name in ("p10", "p50", "p90"):
            for got, want in zip(output["risk"][name], balances, strict=True):
                assert abs(got - want) <= CENT, (name, got, want)
        assert abs(output["risk"]["min_balance_p10"] - kpis["min_balance"]) <= CENT


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v3_files(files(v2=True)))
def test_v3_files_agree_with_the_reference(data):
    assert_agrees(data)


def assert_path_agrees(data: dict) -> None:
    """The one simulated path (paths 1: p10 = p50 = p90) is the reference's path, month for month
    within a cent; its lowest balance and whether it runs out too."""
    output = run_cli(data)["risk"]
    rows, kpis = reference_v3_path(data)
    lenient = reference_v3_path(data, noise=NOISE)[1]
    assert output["p10"] == output["p50"] == output["p90"]
    for got, want in zip(output["p50"], rows, strict=True):
        assert abs(got - want["balance"]) <= CENT, (want["month"], got, want)
    assert abs(output["min_balance_p10"] - kpis["min_balance"]) <= CENT
    ran_out = {kpis["depletion_month"] is not None, lenient["depletion_month"] is not None}
    assert bool(output["depletion_probability"]) in ran_out


@st.composite
def ill_files(draw) -> dict:
    """v3 files with one path and long illness as the only risk: often ill, any benefit."""
    data = draw(v3_files(files(v2=True)))
    data["risks"] = {
        "sick_days_per_year": "0",
        "drought_chance_pct": "0",
        "drought_length_months": "1",
        "drought_income_drop_pct": "0",
        "paths": 1,
        "seed": draw(st.integers(0, 2**63 - 1)),
        "long_illness_chance_pct": draw(
            st.sampled_from(("30", "60", "90", "100")) | st.integers(0, 100).map(str)
        ),
        "long_illness_months": draw(st.integers(2, 24)),
        "private_sick_pay_daily": draw(st.sampled_from(("0", "0", "45.50", "100.00"))),
        "private_sick_pay_from_day": draw(st.sampled_from((43, 1, 22, 29, 365))),
    }
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ill_files())
def test_long_illness_paths_agree_with_the_reference(data):
    assert_path_agrees(data)


def test_the_path_comparison_sees_illness():
    # A file the comparison must get right with sick pay in it: the writer ill for months.
    data = plan3(
        horizon=30,
        tax=_de(),
        incomes=[income("Writing", "2500.00", performance_based=True)],
        risks={
            "sick_days_per_year": "0",
            "drought_chance_pct": "0",
            "drought_length_months": "1",
            "drought_income_drop_pct": "0",
            "paths": 1,
            "seed": 4,
            "long_illness_chance_pct": "50",
            "long_illness_months": 4,
            "private_sick_pay_daily": "20.00",
            "private_sick_pay_from_day": 29,
        },
    )
    assert max(illness_places(data)) >= 3
    rows, _ = reference_v3_path(data)
    assert any(row["sick_pay"] > 0 for row in rows)
    assert_path_agrees(data)


def _de(**settings) -> dict:
    return {"regime": "de", **settings}


def _shop(profit: str, start: str = "2026-01") -> dict:
    return income("Shop", profit, start=start)


# Corners random files seldom reach, each compared the same way.
EDGES = {
    # a plan starting in December: that year has no town month (q' = 0), paid at A(Y) + 1
    "estimate_trade_december_start": plan3(
        start="2025-12",
        horizon=30,
        tax=_de(trade=True, prepayments="estimate"),
        incomes=[_shop("30000.00", "2025-12")],
    ),
    # delay 21: A(2025) = 2027-09 is the plan's last month, A(2025) + 1 lies past it: owed
    "estimate_trade_december_start_ends_at_A": plan3(
        start="2025-12",
        horizon=22,
        tax=_de(trade=True, prepayments="estimate", assessment_delay_months=21),
        incomes=[_shop("30000.00", "2025-12")],
    ),
    # delay 1: A(Y) = January, A'(Y) = February, itself a town month (settlement, catch-up 0,
    # then the prepayment)
    "town_notice_in_a_town_month": plan3(
        horizon=30, tax=_de(trade=True, assessment_delay_months=1), incomes=[_shop("7000.00")]
    ),
    "town_notice_in_november": plan3(
        horizon=36, tax=_de(trade=True, assessment_delay_months=11), incomes=[_shop("7000.00")]
    ),
    # GewSt 199.50 (below 200: no town prepayments) and 210.00 (prepayments of 52.50)
    "gewst_just_below_200": plan3(
        horizon=40,
        tax=_de(trade=True, trade_tax_multiplier_pct="380", health_insurance="other"),
        incomes=[_shop("2166.67")],
    ),
    "gewst_just_above_200": plan3(
        horizon=40,
        tax=_de(trade=True, health_insurance="other"),
        incomes=[_shop("2166.67")],
    ),
    # a married start-up loss with `estimate`: I_Y < 0 refunded quarter by quarter
    "married_refund_estimate": plan3(
        horizon=24,
        tax=_de(
            household="married",
            other_taxable_income="60000",
            prepayments="estimate",
            health_insurance="other",
        ),
        costs=[cost("Start-up", "2500.00", end="2026-12")],
    ),
    # a large household income: zone 5 and the surcharge, single and married, church tax
    "zone_5_single_church": plan3(
        horizon=24,
        tax=_de(other_taxable_income="300000", church_tax_pct="9", trade=True),
        incomes=[_shop("8000.00")],
    ),
    "zone_5_married": plan3(
        horizon=24,
        tax=_de(household="married", other_taxable_income="300000", church_tax_pct="8"),
        incomes=[_shop("8000.00")],
    ),
    # a loss carried in both carries, with O: the trade carry and the income carry part
    "two_carries_apart": plan3(
        horizon=36,
        tax=_de(trade=True, other_taxable_income="20000", health_insurance="employed"),
        incomes=[_shop("9000.00", "2027-01")],
        costs=[cost("Stock", "3000.00", end="2026-12")],
    ),
    # the limits exactly: a family year at 565.00 a month, an `income` pension at 603.00
    "family_year_at_the_limit": plan3(
        horizon=36, tax=_de(health_insurance="family"), incomes=[_shop("565.00")]
    ),
    "income_pension_at_the_mini_job_limit": plan3(
        horizon=24, tax=_de(pension="income"), incomes=[_shop("603.00")]
    ),
    "income_pension_above_the_ceiling": plan3(
        horizon=24, tax=_de(pension="income"), incomes=[_shop("9000.00")]
    ),
    # years before 2025 use 2025's constants; founder_half 2024..2027, regular from 2028
    "founder_half_from_2024": plan3(
        start="2024-05",
        horizon=60,
        tax=_de(pension="founder_half", health_insurance="ksk"),
        incomes=[_shop("3000.00", "2024-05")],
    ),
    "founder_half_regular_from_2028": plan3(
        start="2024-05", horizon=60, tax=_de(pension="founder_half"), incomes=[_shop("3000.00")]
    ),
    # loans: a grace past the horizon, one at 30 %, an annuity without interest, one ending
    # early by rounding, two at once
    "loans": plan3(
        horizon=30,
        tax=_de(),
        incomes=[_shop("4000.00")],
        loans=[
            loan("Long grace", "20000.00", "2026-03", grace_months=120, repay_months=600),
            loan("Dear", "5000.00", "2026-02", interest_pct="30", repay_months=7, kind="linear"),
            loan("Free", "1000.00", "2026-01", interest_pct="0", repay_months=3),
            loan("Tiny", "0.07", "2026-01", interest_pct="30", repay_months=600),
        ],
    ),
    # depreciation straddling the horizon, in an exempt and a registered month, share 50 %
    "depreciation_past_the_horizon": plan3(
        horizon=20,
        tax=_de(vat="small_business"),
        incomes=[income("Sales", "2600.00", vat_rate_pct="19")],
        costs=[
            cost("Laptop", "1900.00", "2026-07", frequency="once", useful_life_years=3),
            cost(
                "Desk",
                "1190.00",
                "2026-12",
                frequency="once",
                useful_life_years=2,
                vat_rate_pct="19",
                share_pct="50",
            ),
        ],
    ),
    # a grant in a plan shorter than its months, under `estimate`
    "grant_short_plan_estimate": plan3(
        horizon=4,
        tax=_de(prepayments="estimate"),
        incomes=[_shop("1000.00")],
        start_grant={"benefit": "2000.00", "second_phase": False},
    ),
}


@pytest.mark.parametrize("case", EDGES)
def test_edge_files_agree_with_the_reference(case):
    assert_agrees(EDGES[case])
