"""Loans and write-offs go into the database and come back out of it (DESIGN.md v3): imported from
a scenario file, exported again, duplicated, and passed to the projection."""

import json
from decimal import Decimal as D

import pytest

from ecareer.planning import convert, services
from ecareer.planning.models import CostItem, Loan, Scenario
from ecareer.projection import model as m
from ecareer.projection import scenario_file
from tests.planning.test_scenario_list import upload

pytestmark = pytest.mark.django_db

FILE = {
    "format": "ecareer.scenario/3",
    "name": "Founder with a loan",
    "currency": "EUR",
    "start": "2027-01",
    "horizon_months": 36,
    "starting_balance": "2000.00",
    "living_costs": {"monthly": "1200.00", "annual_increase_pct": "0"},
    "tax_rate_pct": "20",
    "costs": [
        {"name": "Laptop", "category": "equipment", "basis": "fixed", "income": None,
         "amount": "1500.00", "frequency": "once", "start": "2027-02", "end": None,
         "annual_increase_pct": "0", "share_pct": "100", "useful_life_years": 3},
        {"name": "Desk", "category": "equipment", "basis": "fixed", "income": None,
         "amount": "900.00", "frequency": "once", "start": "2027-01", "end": None,
         "annual_increase_pct": "0", "share_pct": "100", "useful_life_years": 13},
    ],
    "incomes": [
        {"name": "Design work", "pricing": "fixed", "amount": "3000.00", "frequency": "monthly",
         "start": "2027-01", "end": None, "ramp_up_months": 0, "annual_increase_pct": "0",
         "performance_based": True},
    ],
    "loans": [
        {"name": "Start-up loan", "amount": "12000.00", "start": "2027-01", "interest_pct": "6",
         "grace_months": 3, "repay_months": 24, "kind": "annuity"},
        {"name": "Family loan", "amount": "3000.00", "start": "2027-06", "interest_pct": "0",
         "grace_months": 0, "repay_months": 12, "kind": "linear"},
    ],
}  # fmt: skip


def test_import_stores_loans_and_write_offs_and_export_gives_them_back(owner_client, owner):
    response = upload(owner_client, json.dumps(FILE))
    assert response.status_code == 302, response.text[:2000]
    scenario = Scenario.objects.get(user=owner)
    loans = list(scenario.loans.order_by("id"))
    assert [(x.name, x.amount, x.interest_pct, x.grace_months, x.repay_months, x.kind)
            for x in loans] == [
        ("Start-up loan", D("12000.00"), D(6), 3, 24, "annuity"),
        ("Family loan", D("3000.00"), D(0), 0, 12, "linear"),
    ]  # fmt: skip
    assert [str(x.start_month) for x in loans] == ["2027-01-01", "2027-06-01"]
    lives = dict(scenario.costs.values_list("name", "useful_life_years"))
    assert lives == {"Laptop": 3, "Desk": 13}
    exported = owner_client.get(f"/scenarios/{scenario.pk}/export.json").json()
    assert exported["loans"] == FILE["loans"]
    assert [cost["useful_life_years"] for cost in exported["costs"]] == [3, 13]
    assert scenario_file.from_dict(exported) == scenario_file.from_dict(FILE)


def test_the_projection_sees_the_stored_loans_and_write_offs(owner):
    scenario = convert.create_scenario(owner, scenario_file.from_dict(FILE))
    stored = services.owned_scenario(owner, scenario.pk, with_items=True)
    data = services.plan_of(stored)
    assert data.loans[0] == m.Loan(
        name="Start-up loan",
        amount=D("12000.00"),
        start=m.YearMonth(2027, 1),
        interest_pct=D(6),
        repay_months=24,
        grace_months=3,
        kind=m.LoanKind.ANNUITY,
    )
    assert [cost.useful_life_years for cost in data.costs] == [3, 13]
    projection = services.projection_of(data)
    # Paid out in 2027-01 and 2027-06: the projection's loan_in holds both amounts.
    loan_in = [round(float(x), 2) for x in projection.loan_in]
    assert loan_in[0] == 12000.00 and loan_in[5] == 3000.00 and sum(loan_in) == 15000.00


def test_a_copy_keeps_the_loans_and_write_offs(owner_client, owner):
    scenario = convert.create_scenario(owner, scenario_file.from_dict(FILE))
    response = owner_client.post(f"/scenarios/{scenario.pk}/duplicate/", {"name": "Copy"})
    assert response.status_code == 302
    copy = Scenario.objects.get(user=owner, name="Copy")
    assert copy.loans.count() == 2 and Loan.objects.count() == 4
    assert CostItem.objects.filter(scenario=copy, useful_life_years=13).count() == 1


def test_a_file_of_twenty_one_loans_is_refused_and_nothing_is_saved(owner_client):
    data = {**FILE, "loans": [FILE["loans"][1]] * 21}
    response = upload(owner_client, json.dumps(data))
    assert response.status_code == 422
    assert "at most 20 loans" in response.text
    assert not Scenario.objects.exists() and not Loan.objects.exists()


def test_other_users_cannot_export_the_loans(other_client, owner):
    scenario = convert.create_scenario(owner, scenario_file.from_dict(FILE))
    assert other_client.get(f"/scenarios/{scenario.pk}/export.json").status_code == 404
