"""The scenario file `ecareer.scenario/2`: DESIGN.md's example, defaults, every new field's
check, v1 files, and an exact round trip."""

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from ecareer.projection import cli, scenario_file
from ecareer.projection.model import (
    CostBasis,
    HealthInsurance,
    Prepayments,
    TaxRegime,
    TaxSettings,
    VatStatus,
)
from ecareer.projection.scenario_file import ScenarioFileError
from tests.strategies import v2_scenarios

# DESIGN.md's v2 example, copied verbatim.
EXAMPLE = """{
  "format": "ecareer.scenario/2",
  "name": "Online shop from home",
  "currency": "EUR",
  "start": "2027-01",
  "horizon_months": 36,
  "starting_balance": "8000.00",
  "living_costs": {"monthly": "1400.00", "annual_increase_pct": "2"},
  "tax_rate_pct": "25",
  "tax": {"regime": "de", "trade": true, "trade_tax_multiplier_pct": "400",
          "church_tax_pct": "0", "health_insurance": "statutory", "sick_pay": true,
          "health_extra_pct": "2.9", "care_pct": "3.6", "prepayments": "assessment",
          "assessment_delay_months": 9, "vat": "small_business"},
  "costs": [
    {"name": "Desk and chair", "category": "equipment", "basis": "fixed", "income": null,
     "amount": "900.00", "frequency": "once", "start": "2027-01", "end": null,
     "annual_increase_pct": "0", "share_pct": "100"},
    {"name": "Goods for resale", "category": "goods", "basis": "income_share",
     "income": "Shop sales", "amount": "40", "frequency": "monthly", "start": "2027-01",
     "end": null, "annual_increase_pct": "0", "share_pct": "100"}
  ],
  "incomes": [
    {"name": "Call-center hours", "pricing": "hourly", "amount": null, "rate": "18.50",
     "quantity": "80", "frequency": "monthly", "start": "2027-02", "end": null,
     "ramp_up_months": 3, "annual_increase_pct": "2", "performance_based": true},
    {"name": "Shop sales", "pricing": "per_unit", "amount": null, "rate": "24.90",
     "quantity": "120", "frequency": "monthly", "start": "2027-01", "end": null,
     "ramp_up_months": 6, "annual_increase_pct": "0", "performance_based": true}
  ],
  "reserve": {"kind": "months", "months": "6", "amount": null, "deadline": "2028-12"},
  "risks": {"sick_days_per_year": "10", "drought_chance_pct": "10", "drought_length_months": "2",
            "drought_income_drop_pct": "50", "paths": 1000, "seed": 42}
}"""


def example() -> dict:
    return json.loads(EXAMPLE)


def problem(data: dict) -> str:
    with pytest.raises(ScenarioFileError) as caught:
        scenario_file.from_dict(data)
    return str(caught.value)


def test_the_design_example_reads():
    scenario = scenario_file.loads(EXAMPLE)
    assert scenario.tax == TaxSettings(regime=TaxRegime.DE, trade=True)
    goods = scenario.costs[1]
    assert (goods.basis, goods.income, goods.amount) == (
        CostBasis.INCOME_SHARE,
        "Shop sales",
        Decimal("40"),
    )
    assert goods.vat_rate_pct == 19  # absent: 19
    assert scenario.incomes[0].prices_include_vat is False  # absent: false
    assert scenario.costs[0].basis == CostBasis.FIXED


def test_the_design_example_projects_through_the_cli(tmp_path):
    path = tmp_path / "shop.json"
    path.write_text(EXAMPLE)
    out, err = __import__("io").StringIO(), __import__("io").StringIO()
    assert cli.main([str(path), "--format", "json"], stdout=out, stderr=err) == 0
    data = json.loads(out.getvalue())
    assert set(data["risk"]) >= {"min_balance_p10", "depletion_month_p10", "reserve_month_p50"}
    assert set(data["kpis"]) >= {"self_sufficient_lost_month", "owed_at_end"}
    assert list(data["months"][0])[8:13] == [
        "social_insurance",
        "taxes_accrued",
        "social_insurance_accrued",
        "vat_due",
        "vat_paid",
    ]


def test_a_de_block_takes_every_default():
    data = example()
    data["tax"] = {"regime": "de"}
    del data["tax_rate_pct"]  # ignored with regime de, so it may be left out
    scenario = scenario_file.from_dict(data)
    assert scenario.tax == TaxSettings(
        regime=TaxRegime.DE,
        trade=False,
        trade_tax_multiplier_pct=Decimal(400),
        church_tax_pct=Decimal(0),
        health_insurance=HealthInsurance.STATUTORY,
        sick_pay=True,
        health_extra_pct=Decimal("2.9"),
        care_pct=Decimal("3.6"),
        prepayments=Prepayments.ASSESSMENT,
        assessment_delay_months=9,
        vat=VatStatus.SMALL_BUSINESS,
    )


def test_a_missing_tax_block_means_flat():
    data = example()
    del data["tax"]
    assert scenario_file.from_dict(data).tax == TaxSettings(regime=TaxRegime.FLAT)
    del data["tax_rate_pct"]
    assert problem(data) == "tax_rate_pct: is required"


def set_path(data: dict, path: str, value) -> dict:
    data = copy.deepcopy(data)
    target = data
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("tax.regime", "us", "must be one of: flat, de"),
        ("tax.trade", "yes", "must be true or false"),
        ("tax.trade_tax_multiplier_pct", "199", "must be a number between 200 and 900"),
        ("tax.trade_tax_multiplier_pct", "901", "must be a number between 200 and 900"),
        ("tax.church_tax_pct", "10", "must be a number between 0 and 9"),
        ("tax.health_insurance", "private", "must be one of: statutory, other"),
        ("tax.sick_pay", 1, "must be true or false"),
        ("tax.health_extra_pct", "5.01", "must be a number between 0 and 5"),
        ("tax.care_pct", "-1", "must be a number between 0 and 5"),
        ("tax.prepayments", "monthly", "must be one of: estimate, assessment"),
        ("tax.assessment_delay_months", 0, "must be a whole number between 1 and 24"),
        ("tax.assessment_delay_months", 25, "must be a whole number between 1 and 24"),
        ("tax.vat", "exempt", "must be one of: small_business, registered"),
        ("tax.other", 1, "unknown field"),
        ("costs[0].vat_rate_pct", "16", "must be one of: 19, 7, 0"),
        ("incomes[0].vat_rate_pct", "5", "must be one of: 19, 7, 0"),
        ("incomes[0].prices_include_vat", "no", "must be true or false"),
        ("costs[0].basis", "percent", "must be one of: fixed, income_share"),
        ("costs[0].income", "Shop sales", "must be null unless basis is income_share"),
        ("costs[1].income", "Shop", "names no income stream of this scenario"),
        ("costs[1].income", 3, "must be the name of an income stream, or null"),
        ("costs[1].frequency", "quarterly", "must be monthly for a cost that is a share of income"),
        ("costs[1].annual_increase_pct", "2", "must be 0 for a cost that is a share of income"),
        ("costs[1].amount", "100.01", "must be a number between 0 and 100"),
    ],
)  # fmt: skip
def test_every_new_value_is_checked_with_its_field_named(path, value, message):
    assert problem(set_path(example(), path, value)) == f"{path}: {message}"


def test_a_cost_may_not_follow_a_name_used_twice():
    data = example()
    data["incomes"][0]["name"] = "Shop sales"
    assert problem(data) == (
        "costs[1].income: names an income stream whose name is used more than once"
    )


def test_vat_rates_may_be_written_with_places():
    data = set_path(example(), "costs[0].vat_rate_pct", "7.00")
    assert scenario_file.from_dict(data).costs[0].vat_rate_pct == 7


def test_a_v1_file_still_reads_and_means_flat():
    data = example()
    data["format"] = "ecareer.scenario/1"
    del data["tax"]
    for item in data["costs"]:
        del item["basis"], item["income"]
    data["costs"] = data["costs"][:1]
    scenario = scenario_file.from_dict(data)
    assert scenario.tax == TaxSettings()
    assert scenario.costs[0].basis == CostBasis.FIXED
    # v2 fields are unknown in a v1 file
    assert problem(dict(data, tax={"regime": "de"})) == "tax: unknown field"
    data["costs"][0]["basis"] = "fixed"
    assert problem(data) == "costs[0].basis: unknown field"


def test_export_writes_v3_and_reads_back_exactly():
    scenario = scenario_file.loads(EXAMPLE)
    text = scenario_file.dumps(scenario)
    assert text.startswith('{\n  "format": "ecareer.scenario/3",\n')  # the app writes v3
    written = json.loads(text)
    v3_defaults = {"household": "single", "other_taxable_income": "0.00", "pension": "none"}
    assert written["tax"] == {**example()["tax"], **v3_defaults}
    assert written["costs"][1]["basis"] == "income_share"
    assert written["costs"][1]["income"] == "Shop sales"
    assert written["incomes"][1]["prices_include_vat"] is False
    assert scenario_file.loads(text) == scenario


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v2_scenarios())
def test_round_trip_of_v2(scenario):
    assert scenario_file.from_dict(scenario_file.to_dict(scenario)) == scenario
    assert scenario_file.loads(scenario_file.dumps(scenario)) == scenario
