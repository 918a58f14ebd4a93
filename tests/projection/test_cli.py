"""The command line: CSV and JSON of a hand-worked scenario, stdin, exit codes, one-line errors."""

import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from ecareer.projection import cli, scenario_file
from ecareer.projection.engine import project
from ecareer.starters import STARTERS, starter_text

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "month,income,business_costs,taxes,living_costs,net_cash_flow,balance,reserve_target,"
    "social_insurance,taxes_accrued,social_insurance_accrued,vat_due,vat_paid,outgoings,"
    # v3's columns follow v2's always (DESIGN.md, "New CSV columns"): 0 when unused
    "pension_insurance,grants,sick_pay,loan_in,loan_interest,loan_repayment,depreciation,tax_profit"
)
V3_UNUSED = ",0.00,0.00,0.00,0.00,0.00,0.00,0.00"

# One monthly cost of 100 and a fixed income of 1000 over three months; tax 25 %, living 500,
# starting with 1000 and a reserve of 2 months of outgoings.
HAND_WORKED = {
    "format": "ecareer.scenario/1",
    "name": "Hand-worked",
    "currency": "EUR",
    "start": "2027-01",
    "horizon_months": 3,
    "starting_balance": "1000.00",
    "living_costs": {"monthly": "500.00", "annual_increase_pct": "0"},
    "tax_rate_pct": "25",
    "costs": [
        {
            "name": "Software",
            "category": "software",
            "amount": "100.00",
            "frequency": "monthly",
            "start": "2027-01",
            "end": None,
            "annual_increase_pct": "0",
            "share_pct": "100",
        }
    ],
    "incomes": [
        {
            "name": "Retainer",
            "pricing": "fixed",
            "amount": "1000.00",
            "frequency": "monthly",
            "start": "2027-01",
            "ramp_up_months": 0,
            "annual_increase_pct": "0",
            "performance_based": False,
        }
    ],
    "reserve": {"kind": "months", "months": "2", "deadline": None},
    "risks": {
        "sick_days_per_year": "0",
        "drought_chance_pct": "0",
        "drought_length_months": "1",
        "drought_income_drop_pct": "0",
        "paths": 20,
        "seed": 1,
    },
}
# Each month: profit 900, tax 25 % of it 225, net 1000 - 100 - 225 - 500 = 175;
# outgoings 500 + 100 = 600, reserve 2 x 600 = 1200.
HAND_WORKED_CSV = (
    HEADER + "\n"
    "2027-01,1000.00,100.00,225.00,500.00,175.00,1175.00,1200.00,0.00,225.00,0.00,0.00,0.00,600.00"
    + V3_UNUSED
    + ",900.00\n"  # tax_profit = profit without loans and write-offs
    "2027-02,1000.00,100.00,225.00,500.00,175.00,1350.00,1200.00,0.00,225.00,0.00,0.00,0.00,600.00"
    + V3_UNUSED
    + ",900.00\n"  # tax_profit = profit without loans and write-offs
    "2027-03,1000.00,100.00,225.00,500.00,175.00,1525.00,1200.00,0.00,225.00,0.00,0.00,0.00,600.00"
    + V3_UNUSED
    + ",900.00\n"  # tax_profit = profit without loans and write-offs
)

# Nothing but a negative starting balance: the minus sign, the cents and the null KPIs.
IN_DEBT = {
    "format": "ecareer.scenario/1",
    "name": "In debt",
    "currency": "EUR",
    "start": "2027-12",
    "horizon_months": 2,
    "starting_balance": "-1234.5",
    "living_costs": {"monthly": "0", "annual_increase_pct": "0"},
    "tax_rate_pct": "0",
    "costs": [],
    "incomes": [],
}


def run(argv: list[str], stdin: str | bytes = "") -> tuple[int, str, str]:
    """Run the CLI in-process; stdin given as bytes behaves like a real binary-backed stdin."""
    stream = io.TextIOWrapper(io.BytesIO(stdin)) if isinstance(stdin, bytes) else io.StringIO(stdin)
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(argv, stream, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def hand_worked(tmp_path) -> str:
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(HAND_WORKED), encoding="utf-8")
    return str(path)


def test_csv_of_the_hand_worked_scenario(hand_worked):
    assert run([hand_worked]) == (0, HAND_WORKED_CSV, "")
    assert run([hand_worked, "--format", "csv"]) == (0, HAND_WORKED_CSV, "")


def test_csv_negative_amounts():
    status, out, err = run(["-"], json.dumps(IN_DEBT))
    assert (status, err) == (0, "")
    assert out == (
        HEADER + "\n"
        "2027-12,0.00,0.00,0.00,0.00,0.00,-1234.50,0.00,0.00,0.00,0.00,0.00,0.00,0.00"
        + V3_UNUSED
        + ",0.00\n"
        "2028-01,0.00,0.00,0.00,0.00,0.00,-1234.50,0.00,0.00,0.00,0.00,0.00,0.00,0.00"
        + V3_UNUSED
        + ",0.00\n"
    )


def test_json_of_the_hand_worked_scenario(hand_worked):
    status, out, err = run([hand_worked, "--format", "json"])
    assert (status, err) == (0, "")
    data = json.loads(out, parse_float=Decimal)
    assert list(data) == ["months", "kpis", "risk"]
    assert data["months"][0] == {
        "month": "2027-01",
        "income": Decimal("1000.00"),
        "business_costs": Decimal("100.00"),
        "taxes": Decimal("225.00"),
        "living_costs": Decimal("500.00"),
        "net_cash_flow": Decimal("175.00"),
        "balance": Decimal("1175.00"),
        "reserve_target": Decimal("1200.00"),
        "social_insurance": Decimal("0.00"),
        "taxes_accrued": Decimal("225.00"),  # regime flat: accrued = paid
        "social_insurance_accrued": Decimal("0.00"),
        "vat_due": Decimal("0.00"),
        "vat_paid": Decimal("0.00"),
        "outgoings": Decimal("600.00"),
        "pension_insurance": Decimal("0.00"),
        "grants": Decimal("0.00"),
        "sick_pay": Decimal("0.00"),
        "loan_in": Decimal("0.00"),
        "loan_interest": Decimal("0.00"),
        "loan_repayment": Decimal("0.00"),
        "depreciation": Decimal("0.00"),
        "tax_profit": Decimal("900.00"),
    }
    assert [month["month"] for month in data["months"]] == ["2027-01", "2027-02", "2027-03"]
    assert [month["balance"] for month in data["months"]] == [1175, 1350, 1525]
    assert data["kpis"] == {
        "break_even_month": "2027-01",
        "self_sufficient_month": "2027-01",
        "self_sufficient_lost_month": None,  # the last month still meets the test
        "depletion_month": None,
        "min_balance": Decimal("1175.00"),
        "min_balance_month": "2027-01",
        "final_balance": Decimal("1525.00"),
        "reserve_reached_month": "2027-02",
        # 1175 < 1200 in January, 1350 and 1525 >= 1200 after: held for good from February
        "reserve_held_month": "2027-02",
        "runway_months": Decimal("1.6"),  # 1000 / 600 = 1.66..., rounded down
        "owed_at_end": Decimal("0.00"),  # regime flat owes nothing after the plan
    }
    # No risk set: every path is the plan.
    assert data["risk"] == {
        "paths": 20,
        "seed": 1,
        "depletion_probability": 0,
        "reserve_probability": 1,
        "min_balance_p10": Decimal("1175.00"),
        "depletion_month_p10": None,
        "reserve_month_p50": "2027-02",  # 1350 >= 2 x 600 in February on every path
        "p10": [1175, 1350, 1525],
        "p50": [1175, 1350, 1525],
        "p90": [1175, 1350, 1525],
    }


def test_json_money_is_written_with_two_decimals(hand_worked):
    out = run([hand_worked, "--format", "json"])[1]
    assert '"min_balance": 1175.00' in out
    assert '"final_balance": 1525.00' in out
    assert '"runway_months": 1.6' in out
    assert '"p50": [1175.00, 1350.00, 1525.00]' in out
    assert '{"month": "2027-01", "income": 1000.00, "business_costs": 100.00,' in out
    assert '"depletion_month": null' in out


def test_json_null_kpis_and_negative_money():
    status, out, _ = run(["-", "--format", "json"], json.dumps(IN_DEBT))
    assert status == 0
    assert '"balance": -1234.50' in out
    assert '"min_balance": -1234.50' in out
    data = json.loads(out)
    assert data["kpis"]["depletion_month"] == "2027-12"
    assert data["kpis"]["runway_months"] is None  # no outgoings in month 0
    assert data["kpis"]["break_even_month"] == "2027-12"  # 0 >= 0
    assert data["risk"]["depletion_probability"] == 1
    assert data["risk"]["paths"] == 1000  # no risks block: the default
    assert data["risk"]["seed"] == 0


def test_every_number_in_the_json_is_a_plain_number(hand_worked):
    out = run([hand_worked, "--format", "json"])[1]
    numbers = re.findall(r"(?<![\w\"-])-?\d[\d.eE+-]*", out)
    assert numbers
    for number in numbers:
        assert re.fullmatch(r"-?\d+(\.\d+)?", number), number


def test_stdin_text_and_bytes():
    text = json.dumps(HAND_WORKED)
    assert run(["-"], text) == (0, HAND_WORKED_CSV, "")
    assert run(["-"], text.encode("utf-8")) == (0, HAND_WORKED_CSV, "")


def test_write_csv_is_the_cli_table():
    buffer = io.StringIO()
    cli.write_csv(project(scenario_file.from_dict(HAND_WORKED)), buffer)
    assert buffer.getvalue() == HAND_WORKED_CSV


def test_projection_json_and_dumps_json():
    from ecareer.projection.risk import simulate

    scenario = scenario_file.from_dict(HAND_WORKED)
    data = cli.projection_json(project(scenario), simulate(scenario))
    assert data["months"][2]["balance"] == Decimal("1525.00")
    assert isinstance(data["kpis"]["final_balance"], Decimal)
    text = cli.dumps_json(data)
    assert text.endswith("}\n")
    assert json.loads(text, parse_float=Decimal)["kpis"]["final_balance"] == Decimal("1525.00")


def test_dumps_json_writes_decimal_digits_and_refuses_non_finite():
    assert cli.dumps_json({"a": [Decimal("0.10"), Decimal("-1234.50")], "b": None}) == (
        '{\n  "a": [0.10, -1234.50],\n  "b": null\n}\n'
    )
    with pytest.raises(ValueError):
        cli.dumps_json({"a": Decimal("NaN")})


def test_money_text():
    assert cli.money_text(Decimal("-1234.5")) == "-1234.50"
    assert cli.money_text(Decimal("0.005")) == "0.01"  # half-up
    assert cli.money_text(Decimal("-0.001")) == "0.00"  # no negative zero


def _bad_field(tmp_path) -> str:
    data = json.loads(json.dumps(HAND_WORKED))
    data["costs"] = [data["costs"][0]] * 3
    data["costs"][2] = dict(data["costs"][2], amount="-5")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    return str(path)


@pytest.mark.parametrize(
    ("make", "line"),
    [
        (lambda tmp: str(tmp / "missing.json"), "file: can't read '"),
        (lambda tmp: str(tmp), "file: can't read '"),
        (lambda tmp: _write(tmp, "{ not json"), "file: is not valid JSON ("),
        (lambda tmp: _write(tmp, b"\xff\xfe\x00"), "file: is not valid UTF-8 text"),
        (lambda tmp: _write(tmp, "[]"), "file: must be a JSON object"),
        (
            lambda tmp: _write(tmp, '{"format": "x"}'),
            'format: must be "ecareer.scenario/3"',
        ),
        (_bad_field, "costs[2].amount: must be a number between 0 and 1000000000"),
    ],
)
@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_a_bad_file_exits_2_with_one_line(tmp_path, make, line, output_format):
    status, out, err = run([make(tmp_path), "--format", output_format])
    assert status == 2
    assert out == ""
    assert err.startswith(line)
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def _write(tmp_path, content: str | bytes) -> str:
    path = tmp_path / "scenario.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return str(path)


@pytest.mark.parametrize("stdin", ["", "{", b"\xff"])
def test_bad_stdin_exits_2_with_one_line(stdin):
    status, out, err = run(["-"], stdin)
    assert (status, out) == (2, "")
    assert err.startswith("file: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "argv", [[], ["--format", "xml", "x.json"], ["a.json", "b.json"], ["--frmat", "csv", "x"]]
)
def test_bad_arguments_exit_2_with_one_line(argv):
    status, out, err = run(argv)
    assert (status, out) == (2, "")
    assert err.startswith("project_scenario: error: ")
    assert err.count("\n") == 1


def test_help():
    status, out, err = run(["--help"])
    assert (status, err) == (0, "")
    assert out.startswith("usage: project_scenario [-h] [--format {csv,json}] FILE")


def test_a_real_process_prints_no_traceback(tmp_path):
    bad = _bad_field(tmp_path)
    command = [sys.executable, "-m", "ecareer.projection.cli", bad]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "costs[2].amount: must be a number between 0 and 1000000000\n"


def test_a_real_process_reads_stdin(tmp_path):
    command = [sys.executable, "-m", "ecareer.projection.cli", "-"]
    result = subprocess.run(
        command,
        cwd=ROOT,
        input=json.dumps(HAND_WORKED),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == HAND_WORKED_CSV


@pytest.mark.parametrize("starter", [s.slug for s in STARTERS])
def test_starters_through_the_cli(starter):
    status, out, err = run(["-"], starter_text(starter))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 1 + 36
    assert lines[1].startswith("2027-01,")
    assert lines[-1].startswith("2029-12,")
    status, out, err = run(["-", "--format", "json"], starter_text(starter))
    data = json.loads(out)
    assert len(data["months"]) == len(data["risk"]["p50"]) == 36
    assert data["risk"]["paths"] == 1000
    assert 0 <= data["risk"]["depletion_probability"] <= 1
    assert 0 <= data["risk"]["reserve_probability"] <= 1


def _largest(growth: str) -> dict:
    """The largest plan the limits allow: 200 items at 1e9 growing `growth` % a year, 50 years."""
    cost = dict(HAND_WORKED["costs"][0], amount="1000000000", annual_increase_pct=growth)
    income = dict(
        HAND_WORKED["incomes"][0],
        pricing="hourly",
        rate="1000000000",
        quantity="1000000000",
        annual_increase_pct=growth,
    )
    return dict(
        HAND_WORKED,
        start="2999-12",
        horizon_months=600,
        starting_balance="-1000000000",
        costs=[cost] * 100,
        incomes=[income] * 100,
        risks=dict(HAND_WORKED["risks"], paths=50),
    )


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("growth", ["0", "100"])
@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_the_largest_plans_give_output_or_one_line(growth, output_format):
    status, out, err = run(["-", "--format", output_format], json.dumps(_largest(growth)))
    if status == 0:
        assert err == ""
        assert out.startswith(HEADER if output_format == "csv" else "{")
    else:
        assert (status, out) == (2, "")
        assert err == f"file: {cli.TOO_LARGE}\n"
