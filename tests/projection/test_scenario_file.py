"""The scenario file: every limit rejected with its field named, defaults, and the round trip."""

import copy
import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from ecareer.projection import scenario_file
from ecareer.projection.model import (
    Category,
    CostItem,
    Frequency,
    IncomeStream,
    Pricing,
    ReserveKind,
    ReserveTarget,
    RiskSettings,
    Scenario,
    YearMonth,
)
from ecareer.projection.scenario_file import FORMAT, ScenarioFileError
from tests.strategies import scenarios

# The example of DESIGN.md, "Scenario file", copied verbatim (DESIGN.md is not in the repository).
EXAMPLE = """{
  "format": "ecareer.scenario/1",
  "name": "Online shop from home",
  "currency": "EUR",
  "start": "2027-01",
  "horizon_months": 36,
  "starting_balance": "8000.00",
  "living_costs": {"monthly": "1400.00", "annual_increase_pct": "2"},
  "tax_rate_pct": "25",
  "costs": [
    {"name": "Desk and chair", "category": "equipment", "amount": "900.00", "frequency": "once",
     "start": "2027-01", "end": null, "annual_increase_pct": "0", "share_pct": "100"}
  ],
  "incomes": [
    {"name": "Call-center hours", "pricing": "hourly", "amount": null, "rate": "18.50",
     "quantity": "80", "frequency": "monthly", "start": "2027-02", "end": null,
     "ramp_up_months": 3, "annual_increase_pct": "2", "performance_based": true}
  ],
  "reserve": {"kind": "months", "months": "6", "amount": null, "deadline": "2028-12"},
  "risks": {"sick_days_per_year": "10", "drought_chance_pct": "10", "drought_length_months": "2",
            "drought_income_drop_pct": "50", "paths": 1000, "seed": 42}
}"""

EXPECTED_EXAMPLE = Scenario(
    name="Online shop from home",
    currency="EUR",
    start=YearMonth(2027, 1),
    horizon_months=36,
    starting_balance=Decimal("8000"),
    living_monthly=Decimal("1400"),
    living_increase_pct=Decimal("2"),
    tax_rate_pct=Decimal("25"),
    costs=(
        CostItem(
            name="Desk and chair",
            category=Category.EQUIPMENT,
            amount=Decimal("900"),
            frequency=Frequency.ONCE,
            start=YearMonth(2027, 1),
            end=None,
            annual_increase_pct=Decimal(0),
            share_pct=Decimal(100),
        ),
    ),
    incomes=(
        IncomeStream(
            name="Call-center hours",
            pricing=Pricing.HOURLY,
            frequency=Frequency.MONTHLY,
            start=YearMonth(2027, 2),
            amount=None,
            rate=Decimal("18.5"),
            quantity=Decimal("80"),
            ramp_up_months=3,
            annual_increase_pct=Decimal(2),
            performance_based=True,
        ),
    ),
    reserve=ReserveTarget(kind=ReserveKind.MONTHS, months=Decimal(6), deadline=YearMonth(2028, 12)),
    risks=RiskSettings(
        sick_days_per_year=Decimal(10),
        drought_chance_pct=Decimal(10),
        drought_length_months=Decimal(2),
        drought_income_drop_pct=Decimal(50),
        paths=1000,
        seed=42,
    ),
)

DELETE = object()


def example() -> dict:
    """The DESIGN.md example as a fresh dict, numbers read as Decimal like `loads` does."""
    return json.loads(EXAMPLE, parse_float=Decimal)


def changed(path: str, value: object, doc: dict | None = None) -> dict:
    """A copy of the example (or `doc`) with the value at a path like `costs[0].amount` replaced."""
    doc = copy.deepcopy(doc if doc is not None else example())
    keys: list = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path)]
    target = doc
    for key in keys[:-1]:
        target = target[key]
    if value is DELETE:
        target.pop(keys[-1], None)
    else:
        target[keys[-1]] = value
    return doc


def problem(data: object) -> ScenarioFileError:
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.from_dict(data)
    return info.value


def test_the_design_example_parses():
    assert scenario_file.loads(EXAMPLE) == EXPECTED_EXAMPLE


def test_loads_takes_bytes_and_a_byte_order_mark():
    assert scenario_file.loads(EXAMPLE.encode()) == EXPECTED_EXAMPLE
    assert scenario_file.loads(b"\xef\xbb\xbf" + EXAMPLE.encode()) == EXPECTED_EXAMPLE


def test_values_keep_two_places():
    scenario = scenario_file.loads(EXAMPLE)
    assert str(scenario.starting_balance) == "8000.00"
    assert str(scenario.incomes[0].rate) == "18.50"
    assert str(scenario.tax_rate_pct) == "25.00"


# (path, bad value, expected field): every limit of DESIGN.md, just outside and far outside.
LIMITS = [
    ("horizon_months", 0, "horizon_months"),
    ("horizon_months", 601, "horizon_months"),
    ("horizon_months", "36", "horizon_months"),
    ("horizon_months", Decimal("36.5"), "horizon_months"),
    ("starting_balance", "-1000000000.01", "starting_balance"),
    ("starting_balance", "1000000000.01", "starting_balance"),
    ("living_costs.monthly", "-0.01", "living_costs.monthly"),
    ("living_costs.monthly", "1000000000.01", "living_costs.monthly"),
    ("living_costs.annual_increase_pct", "-50.01", "living_costs.annual_increase_pct"),
    ("living_costs.annual_increase_pct", "100.01", "living_costs.annual_increase_pct"),
    ("tax_rate_pct", "-0.01", "tax_rate_pct"),
    ("tax_rate_pct", "100.01", "tax_rate_pct"),
    ("costs[0].amount", "-0.01", "costs[0].amount"),
    ("costs[0].amount", "1000000000.01", "costs[0].amount"),
    ("costs[0].annual_increase_pct", "-50.01", "costs[0].annual_increase_pct"),
    ("costs[0].annual_increase_pct", "100.01", "costs[0].annual_increase_pct"),
    ("costs[0].share_pct", "-0.01", "costs[0].share_pct"),
    ("costs[0].share_pct", "100.01", "costs[0].share_pct"),
    ("incomes[0].rate", "-0.01", "incomes[0].rate"),
    ("incomes[0].rate", "1000000000.01", "incomes[0].rate"),
    ("incomes[0].quantity", "-0.01", "incomes[0].quantity"),
    ("incomes[0].quantity", "1000000000.01", "incomes[0].quantity"),
    ("incomes[0].amount", "-1", "incomes[0].amount"),  # checked when given, even if unused
    ("incomes[0].ramp_up_months", -1, "incomes[0].ramp_up_months"),
    ("incomes[0].ramp_up_months", 121, "incomes[0].ramp_up_months"),
    ("incomes[0].ramp_up_months", "3", "incomes[0].ramp_up_months"),
    ("incomes[0].annual_increase_pct", "-50.01", "incomes[0].annual_increase_pct"),
    ("incomes[0].annual_increase_pct", "100.01", "incomes[0].annual_increase_pct"),
    ("incomes[0].performance_based", "yes", "incomes[0].performance_based"),
    ("incomes[0].performance_based", 1, "incomes[0].performance_based"),
    ("reserve.months", "-0.01", "reserve.months"),
    ("reserve.months", "60.01", "reserve.months"),
    ("reserve.amount", "-0.01", "reserve.amount"),
    ("risks.sick_days_per_year", "-0.01", "risks.sick_days_per_year"),
    ("risks.sick_days_per_year", "250.01", "risks.sick_days_per_year"),
    ("risks.drought_chance_pct", "-0.01", "risks.drought_chance_pct"),
    ("risks.drought_chance_pct", "100.01", "risks.drought_chance_pct"),
    ("risks.drought_length_months", "0.99", "risks.drought_length_months"),
    ("risks.drought_length_months", "60.01", "risks.drought_length_months"),
    ("risks.drought_income_drop_pct", "-0.01", "risks.drought_income_drop_pct"),
    ("risks.drought_income_drop_pct", "100.01", "risks.drought_income_drop_pct"),
    ("risks.paths", 0, "risks.paths"),
    ("risks.paths", 10_001, "risks.paths"),
    ("risks.paths", "1000", "risks.paths"),
    ("risks.seed", -1, "risks.seed"),
    ("risks.seed", 2**63, "risks.seed"),
    ("risks.seed", "42", "risks.seed"),
    ("risks.seed", Decimal("4.5"), "risks.seed"),
    ("name", "", "name"),
    ("name", "x" * 121, "name"),
    ("costs[0].name", "", "costs[0].name"),
    ("costs[0].name", "x" * 121, "costs[0].name"),
    ("incomes[0].name", "x" * 121, "incomes[0].name"),
    ("notes", "x" * 10_001, "notes"),
    ("currency", "eur", "currency"),
    ("currency", "EURO", "currency"),
    ("start", "2027-13", "start"),
    ("start", "2027-1", "start"),
    ("start", 202701, "start"),
    ("costs[0].start", "2027-00", "costs[0].start"),
    ("costs[0].end", "2026-12", "costs[0].end"),  # before its start
    ("incomes[0].end", "2027-01", "incomes[0].end"),  # before its start, 2027-02
    ("incomes[0].end", "soon", "incomes[0].end"),
    ("reserve.deadline", "2028-12-31", "reserve.deadline"),
    ("costs[0].category", "food", "costs[0].category"),
    ("costs[0].frequency", "weekly", "costs[0].frequency"),
    ("incomes[0].frequency", "daily", "incomes[0].frequency"),
    ("incomes[0].pricing", "per_day", "incomes[0].pricing"),
    ("reserve.kind", "percent", "reserve.kind"),
    ("format", "ecareer.scenario/4", "format"),
    ("costs", {}, "costs"),
    ("incomes", "none", "incomes"),
    ("costs[0]", "desk", "costs[0]"),
    ("living_costs", "1400", "living_costs"),
    ("risks", [], "risks"),
    ("reserve", 6, "reserve"),
]


@pytest.mark.parametrize(("path", "value", "field"), LIMITS)
def test_every_limit_is_rejected_with_its_field_named(path, value, field):
    error = problem(changed(path, value))
    assert error.field == field
    assert str(error) == f"{field}: {error.message}"
    assert "\n" not in str(error)


# The same values just inside the limits are fine: the bounds are inclusive.
INSIDE = [
    ("horizon_months", 1),
    ("horizon_months", 600),
    ("starting_balance", "-1000000000"),
    ("starting_balance", "1000000000.00"),
    ("living_costs.annual_increase_pct", "-50"),
    ("costs[0].amount", "1000000000"),
    ("costs[0].share_pct", "0"),
    ("costs[0].end", "2027-01"),
    ("incomes[0].ramp_up_months", 120),
    ("incomes[0].quantity", "0"),
    ("reserve.months", "60"),
    ("risks.sick_days_per_year", "250"),
    ("risks.drought_length_months", "1"),
    ("risks.drought_length_months", "60"),
    ("risks.paths", 1),
    ("risks.paths", 10_000),
    ("risks.seed", 2**63 - 1),
    ("name", "x" * 120),
    ("incomes[0].name", "x"),
    ("start", "1900-01"),
]


@pytest.mark.parametrize(("path", "value"), INSIDE)
def test_values_at_the_limits_are_accepted(path, value):
    scenario_file.from_dict(changed(path, value))


def test_messages_in_plain_english():
    cases = {
        ("costs[0].amount", "-5"): "costs[0].amount: must be a number between 0 and 1000000000",
        ("risks.paths", 0): "risks.paths: must be a whole number between 1 and 10000",
        ("start", "Jan 2027"): "start: must be a month in the form YYYY-MM",
        ("costs[0].end", "2026-01"): "costs[0].end: must not be before start",
        ("name", "x" * 121): "name: must be at most 120 characters",
        ("format", "csv"): 'format: must be "ecareer.scenario/3"',
        ("costs[0].category", "x"): (
            "costs[0].category: must be one of: equipment, room, utilities, internet_phone, "
            "software, insurance, journals, fairs_travel, advertising, training, goods, fees, other"
        ),
        ("incomes[0].pricing", "x"): "incomes[0].pricing: must be one of: fixed, hourly, per_unit",
        ("reserve.kind", "x"): "reserve.kind: must be one of: months, amount",
        ("costs[0].amount", "1.005"): "costs[0].amount: must have at most 2 decimal places",
    }
    for (path, value), message in cases.items():
        assert str(problem(changed(path, value))) == message


@pytest.mark.parametrize(
    "raw",
    ["NaN", "Infinity", "-Infinity", "1e400", '"abc"', "true", "false", '"12.345"', "12.345", "[]"],
)
def test_bad_numbers_in_the_file_name_the_field(raw):
    text = EXAMPLE.replace('"amount": "900.00"', f'"amount": {raw}')
    assert text != EXAMPLE
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.loads(text)
    assert info.value.field == "costs[0].amount"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, "1e3", "0x10"])
def test_bad_numbers_in_a_dict_name_the_field(value):
    assert problem(changed("living_costs.monthly", value)).field == "living_costs.monthly"


def test_json_numbers_are_read_digit_for_digit():
    text = EXAMPLE.replace('"rate": "18.50"', '"rate": 18.1').replace(
        '"amount": "900.00"', '"amount": 900'
    )
    scenario = scenario_file.loads(text)
    assert scenario.incomes[0].rate == Decimal("18.1")
    assert scenario.costs[0].amount == Decimal(900)


@pytest.mark.parametrize(
    ("pricing", "missing"),
    [
        ("fixed", "amount"),
        ("hourly", "rate"),
        ("hourly", "quantity"),
        ("per_unit", "rate"),
        ("per_unit", "quantity"),
    ],
)
@pytest.mark.parametrize("how", ["null", "absent"])
def test_each_pricing_needs_its_values(pricing, missing, how):
    doc = changed("incomes[0].pricing", pricing)
    doc["incomes"][0].update(amount="500.00", rate="20.00", quantity="10")
    scenario_file.from_dict(doc)  # complete: fine
    doc = changed(f"incomes[0].{missing}", None if how == "null" else DELETE, doc)
    assert str(problem(doc)) == f"incomes[0].{missing}: is required"


@pytest.mark.parametrize(
    ("pricing", "unused"),
    [("fixed", "rate"), ("fixed", "quantity"), ("hourly", "amount"), ("per_unit", "amount")],
)
def test_values_a_pricing_doesnt_use_may_be_null_or_absent(pricing, unused):
    doc = changed("incomes[0].pricing", pricing)
    doc["incomes"][0].update(amount="500.00", rate="20.00", quantity="10")
    assert (
        getattr(
            scenario_file.from_dict(changed(f"incomes[0].{unused}", None, doc)).incomes[0], unused
        )
        is None
    )
    assert (
        getattr(
            scenario_file.from_dict(changed(f"incomes[0].{unused}", DELETE, doc)).incomes[0], unused
        )
        is None
    )


def test_reserve_kind_needs_its_value():
    assert str(problem(changed("reserve.months", None))) == "reserve.months: is required"
    doc = changed("reserve.kind", "amount")
    assert str(problem(doc)) == "reserve.amount: is required"
    doc = changed("reserve.amount", "5000.00", doc)
    assert scenario_file.from_dict(doc).reserve.amount == Decimal(5000)


REQUIRED = [
    "format",
    "name",
    "currency",
    "start",
    "horizon_months",
    "starting_balance",
    "living_costs",
    "living_costs.monthly",
    "living_costs.annual_increase_pct",
    "tax_rate_pct",
    "costs",
    "incomes",
    "costs[0].name",
    "costs[0].category",
    "costs[0].amount",
    "costs[0].frequency",
    "costs[0].start",
    "costs[0].annual_increase_pct",
    "costs[0].share_pct",
    "incomes[0].name",
    "incomes[0].pricing",
    "incomes[0].frequency",
    "incomes[0].start",
    "incomes[0].ramp_up_months",
    "incomes[0].annual_increase_pct",
    "incomes[0].performance_based",
    "reserve.kind",
    "risks.sick_days_per_year",
    "risks.drought_chance_pct",
    "risks.drought_length_months",
    "risks.drought_income_drop_pct",
    "risks.paths",
]


@pytest.mark.parametrize("path", REQUIRED)
def test_a_missing_required_field_is_named(path):
    error = problem(changed(path, DELETE))
    assert error.field == path
    if path != "format":
        assert error.message == "is required"


@pytest.mark.parametrize("path", ["costs[0].end", "incomes[0].end", "reserve.deadline", "notes"])
@pytest.mark.parametrize("value", [None, DELETE])
def test_end_deadline_and_notes_may_be_null_or_absent(path, value):
    scenario = scenario_file.from_dict(changed(path, value))
    assert scenario.costs[0].end is None
    assert scenario.incomes[0].end is None
    assert scenario.notes == ""
    if path == "reserve.deadline":
        assert scenario.reserve.deadline is None


def test_missing_risks_mean_no_risk():
    scenario = scenario_file.from_dict(changed("risks", DELETE))
    assert scenario.risks == RiskSettings(
        sick_days_per_year=Decimal(0),
        drought_chance_pct=Decimal(0),
        drought_length_months=Decimal(1),
        drought_income_drop_pct=Decimal(0),
        paths=1000,
        seed=0,
    )


def test_missing_reserve_means_a_target_of_zero():
    reserve = scenario_file.from_dict(changed("reserve", DELETE)).reserve
    assert reserve.kind == ReserveKind.AMOUNT
    assert reserve.amount == 0
    assert reserve.deadline is None


@pytest.mark.parametrize("value", [None, DELETE])
def test_missing_seed_means_zero(value):
    assert scenario_file.from_dict(changed("risks.seed", value)).risks.seed == 0


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("colour", "colour"),
        ("costs[0].amout", "costs[0].amout"),
        ("risks.sick_days", "risks.sick_days"),
        ("living_costs.yearly", "living_costs.yearly"),
        ('costs[0]["a b\\n"]', 'costs[0]["a b\\n"]'),
    ],
)
def test_unknown_fields_are_named(path, field):
    doc = example()
    if path.startswith('costs[0]["'):
        doc["costs"][0]["a b\n"] = 1
    else:
        doc = changed(path, "1")
    error = problem(doc)
    assert (error.field, error.message) == (field, "unknown field")
    assert "\n" not in str(error)


def _cost(index: int) -> dict:
    return dict(example()["costs"][0], name=f"Item {index}")


def test_at_most_200_items():
    assert (
        len(scenario_file.from_dict(changed("costs", [_cost(i) for i in range(199)])).costs) == 199
    )
    assert str(problem(changed("costs", [_cost(i) for i in range(201)]))) == (
        "costs: at most 200 items per scenario"
    )
    both = changed("costs", [_cost(i) for i in range(200)])  # + the one income: 201
    assert str(problem(both)) == "incomes: at most 200 items per scenario"


def test_the_first_problem_is_reported():
    doc = changed("costs", [_cost(0), dict(_cost(1), amount="-1"), dict(_cost(2), share_pct="x")])
    doc = changed("incomes[0].rate", "-1", doc)
    assert problem(doc).field == "costs[1].amount"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("", "file: is not valid JSON"),
        ("{", "file: is not valid JSON"),
        ("{'format': 1}", "file: is not valid JSON"),
        ("[]", "file: must be a JSON object"),
        ("null", "file: must be a JSON object"),
        ("1" * 5000, "file: holds a number with too many digits"),
        ("[" * 100_000 + "]" * 100_000, "file: is nested too deeply"),
        (b"\xff\xfe{}", "file: is not valid UTF-8 text"),
        ('{"format": "ecareer.scenario/1", "name": "\\ud800"}', "name: must not contain"),
    ],
)
def test_bad_files(text, start):
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.loads(text)
    assert str(info.value).startswith(start)
    assert "\n" not in str(info.value)


def test_error_is_a_value_error_with_field_and_message():
    error = problem(changed("risks.paths", 0))
    assert isinstance(error, ValueError)
    assert error.field == "risks.paths"
    assert error.message == "must be a whole number between 1 and 10000"


def test_to_dict_writes_the_documented_format():
    data = scenario_file.to_dict(scenario_file.loads(EXAMPLE))
    expected = json.loads(EXAMPLE)
    expected["notes"] = ""
    # A v1 file is written as v3: flat regime with every default setting, fixed costs at 19 %,
    # no grant, no loans, nothing written off, no long illness.
    expected["format"] = "ecareer.scenario/3"
    expected["tax"] = {
        "regime": "flat", "trade": False, "trade_tax_multiplier_pct": "400",
        "church_tax_pct": "0", "health_insurance": "statutory", "sick_pay": True,
        "health_extra_pct": "2.9", "care_pct": "3.6", "prepayments": "assessment",
        "assessment_delay_months": 9, "vat": "small_business",
        "household": "single", "other_taxable_income": "0.00", "pension": "none",
    }  # fmt: skip
    expected["start_grant"] = None
    expected["loans"] = []
    expected["risks"] = dict(
        expected["risks"], long_illness_chance_pct="0", long_illness_months=3,
        private_sick_pay_daily="0.00", private_sick_pay_from_day=43,
    )  # fmt: skip
    for cost in expected["costs"]:
        cost.update(basis="fixed", income=None, vat_rate_pct="19", useful_life_years=0)
    for income in expected["incomes"]:
        income.update(vat_rate_pct="19", prices_include_vat=False)
    expected["tax"] = dict(expected["tax"])
    assert data == {key: expected[key] for key in data}
    assert set(data) == set(expected)
    assert list(data) == [
        "format",
        "name",
        "notes",
        "currency",
        "start",
        "horizon_months",
        "starting_balance",
        "living_costs",
        "tax_rate_pct",
        "tax",
        "start_grant",
        "costs",
        "incomes",
        "loans",
        "reserve",
        "risks",
    ]


def test_to_dict_number_forms():
    scenario = Scenario(
        name="n",
        start=YearMonth(2027, 1),
        horizon_months=12,
        starting_balance=Decimal("-1234.5"),
        living_monthly=Decimal(0),
        living_increase_pct=Decimal("2.50"),
        tax_rate_pct=Decimal("100.00"),
        risks=RiskSettings(drought_length_months=Decimal("1.0"), paths=5, seed=7),
    )
    data = scenario_file.to_dict(scenario)
    assert data["starting_balance"] == "-1234.50"
    assert data["living_costs"] == {"monthly": "0.00", "annual_increase_pct": "2.5"}
    assert data["tax_rate_pct"] == "100"
    assert data["risks"]["drought_length_months"] == "1"
    assert data["risks"]["paths"] == 5
    assert data["risks"]["seed"] == 7
    # A fixed-amount reserve without an amount is the engine's 0, written so the file loads again.
    assert data["reserve"] == {"kind": "amount", "months": None, "amount": "0.00", "deadline": None}
    assert scenario_file.from_dict(data).reserve.amount == 0


def test_dumps_is_indented_json_that_loads_back():
    scenario = scenario_file.loads(EXAMPLE)
    text = scenario_file.dumps(scenario)
    assert text.startswith('{\n  "format": "ecareer.scenario/3",\n')
    assert text.endswith("}\n")
    assert '"starting_balance": "8000.00"' in text
    assert scenario_file.loads(text) == scenario


def test_dumps_keeps_unicode_characters():
    scenario = scenario_file.from_dict(changed("name", "Büro – Café"))
    assert '"name": "Büro – Café"' in scenario_file.dumps(scenario)


# --- round trip: any valid scenario survives to_dict -> from_dict (and dumps -> loads) -----------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios)
def test_round_trip(scenario):
    assert scenario_file.from_dict(scenario_file.to_dict(scenario)) == scenario
    assert scenario_file.loads(scenario_file.dumps(scenario)) == scenario


def test_round_trip_compares_values():
    # Guards the property above: a changed value must make the scenarios differ.
    scenario = scenario_file.loads(EXAMPLE)
    data = scenario_file.to_dict(scenario)
    data["costs"][0]["amount"] = "900.01"
    assert scenario_file.from_dict(data) != scenario
    assert scenario_file.FORMAT == FORMAT == "ecareer.scenario/3"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (EXAMPLE.replace('"name": "Online shop from home",', '"name": "A", "name": "B",'), "name"),
        (EXAMPLE.replace('"amount": "900.00",', '"amount": "9.00", "amount": "900.00",'), "amount"),
        (EXAMPLE.replace('"monthly": "1400.00",', '"monthly": "1", "monthly": "2",'), "monthly"),
    ],
)
def test_a_key_given_twice_is_refused_by_name(text, key):
    # json.loads alone keeps the last value silently.
    with pytest.raises(ScenarioFileError) as caught:
        scenario_file.loads(text)
    assert str(caught.value) == f'file: holds the key "{key}" twice in one object'


@pytest.mark.parametrize("code", ["ZZZ", "ABC", "EUX"])
def test_an_unknown_currency_is_refused_at_its_field(code):
    text = EXAMPLE.replace('"currency": "EUR"', f'"currency": "{code}"')
    with pytest.raises(ScenarioFileError) as caught:
        scenario_file.loads(text)
    assert str(caught.value) == "currency: is not an ISO 4217 currency code"


@pytest.mark.parametrize("code", ["EUR", "USD", "CHF", "JPY", "GBP"])
def test_known_currencies_are_read(code):
    text = EXAMPLE.replace('"currency": "EUR"', f'"currency": "{code}"')
    assert scenario_file.loads(text).currency == code
