"""`manage.py decide`: one JSON object per --what, one-line errors, complete --help."""

import io
import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ecareer.projection import decide_cli
from tests.projection.v2_files import cost, income, plan

ROOT = Path(__file__).resolve().parents[2]
ENV = {"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////nonexistent/x.db"}
KEYS = ["what", "income", "target", "risk_pct", "factor", "value", "met"]

# The hand-worked plan of test_decisions: a desk for 1,000 in month 0, living costs 800, income
# 1,000 a month (and a second stream at 0), no tax, 12 months, starting balance 0.
# Price: A - 800 - 1,000 >= 0 in month 0: 1,800, factor 1.8 (the stream at 0 adds nothing).
# Starting balance: it gains 200 a month, so it is lowest in month 0 at start - 800: 800.00.
# Living costs: X_m = 1,000 (m + 1) - 1,000, c_m = m + 1: X_0 / c_0 = 0 is the smallest: 0.00.
DESK = plan(
    living="800",
    incomes=[income("Work", "1000.00"), income("Side", "0.00")],
    costs=[cost("Desk", "1000", frequency="once")],
)


def decide(*args: str, data: dict = DESK) -> tuple[int, dict | None, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = decide_cli.main(["-", *args], io.StringIO(json.dumps(data)), stdout, stderr)
    out = stdout.getvalue()
    return status, json.loads(out, parse_float=Decimal) if out else None, stderr.getvalue()


def test_price_of_one_stream():
    status, out, err = decide("--what", "price", "--income", "Work")
    assert (status, err) == (0, "")
    assert list(out)[:7] == KEYS
    assert out["factor"] == Decimal("1.800") and out["value"] == Decimal("1800.00")
    assert (out["target"], out["risk_pct"], out["met"], out["unit"]) == (
        "plan",
        None,
        True,
        "amount",
    )


def test_price_of_all_streams_with_a_risk():
    status, out, _ = decide("--what", "price", "--risk", "5")
    assert status == 0
    assert (out["income"], out["value"], out["factor"], out["target"]) == (
        None,
        None,
        Decimal("1.800"),
        "risk",
    )
    assert out["risk_pct"] == 5


def test_starting_balance_and_living_costs():
    _, out, _ = decide("--what", "starting_balance")
    assert (out["what"], out["value"], out["met"], out["factor"]) == (
        "starting_balance",
        Decimal("800.00"),
        True,
        None,
    )
    _, out, _ = decide("--what", "living_costs", "--risk", "10")
    assert (out["what"], out["value"], out["met"]) == ("living_costs", Decimal("0.00"), True)


def test_not_met_prints_null():
    data = plan(living="100", costs=[cost("Desk", "1000", frequency="once")])
    _, out, _ = decide("--what", "living_costs", data=data)  # no income: even 0 runs out
    assert (out["met"], out["value"]) == (False, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--what", "price", "--income", "Nope"], "--income: no income stream named 'Nope'"),
        (["--what", "living_costs", "--income", "Work"], "--income: only applies to --what price"),
        (["--what", "price", "--risk", "101"], "--risk: must be a number between 0 and 100"),
        (["--what", "price", "--risk", "five"], "--risk: must be a number between 0 and 100"),
        (["--what", "salary"], "invalid choice: 'salary'"),
        ([], "the following arguments are required: --what"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, message):
    status, out, err = decide(*args)
    assert (status, out) == (2, None)
    assert err.count("\n") == 1 and message in err


def test_bad_file_exits_2_naming_the_field():
    status, out, err = decide("--what", "price", data={**DESK, "horizon_months": 0})
    assert (status, out) == (2, None)
    assert err.startswith("horizon_months") and err.count("\n") == 1


def test_manage_py_decide_reads_no_database(tmp_path):
    path = tmp_path / "desk.json"
    path.write_text(json.dumps(DESK))
    result = subprocess.run(
        [sys.executable, "manage.py", "decide", str(path), "--what", "price", "--income", "Work"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["value"] == 1800.0
    bad = subprocess.run(
        [sys.executable, "manage.py", "decide", str(path), "--what", "price", "--income", "x"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "--income" in bad.stderr


def test_call_command_and_help():
    out = StringIO()
    call_command(
        "decide", "-", "--what", "starting_balance", stdin=StringIO(json.dumps(DESK)), stdout=out
    )
    assert json.loads(out.getvalue())["value"] == 800.0
    result = subprocess.run(
        [sys.executable, "manage.py", "decide", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
    )
    text = " ".join(result.stdout.split())
    for words in (
        "--what {price,starting_balance,living_costs,sick_pay}",
        "--what sick_pay (regime de, health insurance statutory or ksk)",
        "--income NAME",
        "--risk P",
        "one JSON object",
        "status 2",
    ):
        assert words in text
