"""The scenario file `ecareer.scenario/3`: every new field read with its default, checked with
its field named, written back exactly; v1 and v2 files read as before."""

import json
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings

from ecareer.projection import scenario_file
from ecareer.projection.model import (
    HealthInsurance,
    Household,
    Loan,
    LoanKind,
    Pension,
    RiskSettings,
    StartGrant,
    YearMonth,
)
from ecareer.projection.scenario_file import ScenarioFileError
from tests.projection.v2_files import cost, income, plan
from tests.strategies import v3_scenarios


def v3(**fields) -> dict:
    """A v3 file of 24 months from 2026-01 in regime de, with `fields` at the top level."""
    data = plan(horizon=24, incomes=[income(amount="1000")], tax={"regime": "de"})
    data["format"] = "ecareer.scenario/3"
    data.update(fields)
    return data


def problem(data: dict) -> str:
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.from_dict(data)
    return str(info.value)


def grant_with(data: dict, health: str) -> None:
    data["start_grant"] = {"benefit": "1"}
    data["tax"]["health_insurance"] = health


LOAN = {"name": "KfW", "amount": "10000.00", "start": "2026-03", "interest_pct": "6",
        "repay_months": 12}  # fmt: skip


def test_defaults_of_every_v3_field():
    scenario = scenario_file.from_dict(v3())
    assert scenario.tax.household == Household.SINGLE
    assert scenario.tax.other_taxable_income == 0
    assert scenario.tax.pension == Pension.NONE
    assert scenario.start_grant is None and scenario.loans == ()
    assert scenario.risks == RiskSettings(paths=1, seed=0)
    loan = scenario_file.from_dict(v3(loans=[LOAN])).loans[0]
    assert loan == Loan("KfW", D("10000.00"), YearMonth(2026, 3), D("6.00"), 12)
    assert loan.grace_months == 0 and loan.kind == LoanKind.ANNUITY
    grant = scenario_file.from_dict(v3(start_grant={"benefit": "1500"})).start_grant
    assert grant == StartGrant(D("1500.00"), True)


def test_every_v3_field_is_read():
    data = v3(
        start_grant={"benefit": "1200.50", "second_phase": False},
        loans=[dict(LOAN, grace_months="3", kind="linear", repay_months="24")],
    )
    data["tax"].update(household="married", other_taxable_income="40000", pension="income",
                       health_insurance="ksk", care_pct="4.2")  # fmt: skip
    data["risks"] = dict(data["risks"], long_illness_chance_pct="5", long_illness_months="6",
                         private_sick_pay_daily="80", private_sick_pay_from_day=43)  # fmt: skip
    data["costs"] = [cost("Laptop", "1900.00", "2026-06", frequency="once", useful_life_years=3)]
    scenario = scenario_file.from_dict(data)
    assert scenario.tax.household == Household.MARRIED
    assert scenario.tax.other_taxable_income == D("40000.00")
    assert scenario.tax.pension == Pension.INCOME
    assert scenario.tax.health_insurance == HealthInsurance.KSK
    assert scenario.start_grant == StartGrant(D("1200.50"), False)
    assert scenario.loans[0].grace_months == 3 and scenario.loans[0].repay_months == 24
    assert scenario.loans[0].kind == LoanKind.LINEAR
    assert scenario.risks.long_illness_months == 6 and scenario.risks.private_sick_pay_daily == 80
    assert scenario.costs[0].useful_life_years == 3
    assert scenario_file.loads(scenario_file.dumps(scenario)) == scenario


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tax"].update(household="couple"),
         "tax.household: must be one of: single, married"),
        (lambda d: d["tax"].update(other_taxable_income="10000000.01"),
         "tax.other_taxable_income: must be a number between 0 and 10000000"),
        (lambda d: d["tax"].update(pension="half"),
         "tax.pension: must be one of: none, regular, founder_half, income"),
        (lambda d: d["tax"].update(health_insurance="ksk", care_pct="1.7"),
         "tax.care_pct: must be at least 1.8 with health insurance ksk"),
        (lambda d: grant_with(d, "employed"),
         "start_grant: needs a main business: not with health insurance employed or family"),
        (lambda d: grant_with(d, "family"),
         "start_grant: needs a main business: not with health insurance employed or family"),
        (lambda d: d.update(start_grant={"benefit": "-1"}),
         "start_grant.benefit: must be a number between 0 and 1000000000"),
        (lambda d: d.update(start_grant={"benefit": "1", "second_phase": "yes"}),
         "start_grant.second_phase: must be true or false"),
        (lambda d: d.update(costs=[cost(useful_life_years=3)]),
         "costs[0].useful_life_years: must be 0 unless the cost is once with basis fixed"),
        (lambda d: d.update(costs=[cost(frequency="once", useful_life_years=51)]),
         "costs[0].useful_life_years: must be a whole number between 0 and 50"),
        (lambda d: d.update(costs=[cost(frequency="once", useful_life_years="2.5")]),
         "costs[0].useful_life_years: must be a whole number between 0 and 50"),
        (lambda d: d.update(loans=[dict(LOAN, start="2028-01")]),
         "loans[0].start: must be a month inside the plan (2026-01 to 2027-12)"),
        (lambda d: d.update(loans=[dict(LOAN, start="2025-12")]),
         "loans[0].start: must be a month inside the plan (2026-01 to 2027-12)"),
        (lambda d: d.update(loans=[dict(LOAN, interest_pct="30.01")]),
         "loans[0].interest_pct: must be a number between 0 and 30"),
        (lambda d: d.update(loans=[dict(LOAN, repay_months=0)]),
         "loans[0].repay_months: must be a whole number between 1 and 600"),
        (lambda d: d.update(loans=[dict(LOAN, grace_months=121)]),
         "loans[0].grace_months: must be a whole number between 0 and 120"),
        (lambda d: d.update(loans=[dict(LOAN, kind="bullet")]),
         "loans[0].kind: must be one of: annuity, linear"),
        (lambda d: d.update(loans=[{k: v for k, v in LOAN.items() if k != "amount"}]),
         "loans[0].amount: is required"),
        (lambda d: d.update(loans=[LOAN] * 21), "loans: at most 20 loans per scenario"),
        (lambda d: d.update(loans={}), "loans: must be a list"),
        (lambda d: d["risks"].update(long_illness_months=1),
         "risks.long_illness_months: must be a whole number between 2 and 24"),
        (lambda d: d["risks"].update(long_illness_chance_pct="101"),
         "risks.long_illness_chance_pct: must be a number between 0 and 100"),
        (lambda d: d["risks"].update(private_sick_pay_daily="10000.01"),
         "risks.private_sick_pay_daily: must be a number between 0 and 10000"),
        (lambda d: d["risks"].update(private_sick_pay_from_day=366),
         "risks.private_sick_pay_from_day: must be a whole number between 1 and 365"),
    ],
)  # fmt: skip
def test_every_v3_value_is_checked_with_its_field_named(change, message):
    data = v3()
    data["risks"] = dict(data["risks"])
    change(data)
    assert problem(data) == message


def test_v3_fields_are_unknown_in_a_v2_file_and_v2_health_stays_v2():
    data = v3()
    data["format"] = "ecareer.scenario/2"
    assert scenario_file.from_dict(data).tax.health_insurance == HealthInsurance.STATUTORY
    assert problem(dict(data, loans=[])) == "loans: unknown field"
    assert problem(dict(data, start_grant=None)) == "start_grant: unknown field"
    data["tax"] = {"regime": "de", "household": "married"}
    assert problem(data) == "tax.household: unknown field"
    data["tax"] = {"regime": "de", "health_insurance": "ksk"}
    assert problem(data) == "tax.health_insurance: must be one of: statutory, other"
    data["tax"] = {"regime": "de"}
    data["costs"] = [cost(frequency="once", useful_life_years=3)]
    assert problem(data) == "costs[0].useful_life_years: unknown field"


def test_the_writer_writes_v3_with_every_field():
    data = v3(loans=[LOAN], start_grant={"benefit": "1500.00"})
    written = json.loads(scenario_file.dumps(scenario_file.from_dict(data)))
    assert written["format"] == "ecareer.scenario/3"
    assert written["start_grant"] == {"benefit": "1500.00", "second_phase": True}
    assert written["loans"] == [dict(LOAN, grace_months=0, kind="annuity")]
    assert written["tax"]["household"] == "single"
    assert written["tax"]["other_taxable_income"] == "0.00"
    assert written["risks"]["long_illness_months"] == 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v3_scenarios())
def test_round_trip_of_v3(scenario):
    assert scenario_file.from_dict(scenario_file.to_dict(scenario)) == scenario
    assert scenario_file.loads(scenario_file.dumps(scenario)) == scenario
