"""DESIGN.md's worked v3 examples (and the issue's other hand-worked cases) through the CLI.

Each scenario file is written to disk and projected by `manage.py project_scenario FILE
--format json` (and CSV); the figures are the hand-worked ones of test_reference_v3_worked.py
(the arithmetic is in each check's comment there), so the engine and reference_v3 are held to
the same numbers worked from DESIGN.md's text.
"""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.projection import test_reference_v3_worked as worked
from tests.projection.v3_files import V3_COLUMNS, cli_csv, cli_json

ROOT = Path(__file__).resolve().parents[2]

CASES = {
    "example_1_married_family": (worked.EXAMPLE_1, worked.check_example_1),
    "example_2_founder_half": (worked.EXAMPLE_2, worked.check_example_2),
    "example_3_start_grant": (worked.EXAMPLE_3, worked.check_example_3),
    "example_4_annuity": (worked.EXAMPLE_4, worked.check_example_4),
    "example_5_trade_tax_on_the_towns_dates": (worked.EXAMPLE_5, worked.check_example_5),
    "v2_writer": (worked.V2_WRITER, worked.check_v2_writer),
    "founder_half_into_regular": (worked.FOUNDER_YEARS, worked.check_founder_years),
    "grant_raises_the_statutory_base": (worked.GRANT_RAISES_BASE, worked.check_grant_raises_base),
    "linear_loan_past_the_horizon": (worked.LINEAR, worked.check_linear),
    "plan_ending_between_the_notices": (worked.ENDS_BETWEEN, worked.check_ends_between),
    "married_start_up_loss": (worked.MARRIED_LOSS, worked.check_married_loss),
    "commuter_on_a_salary": (worked.COMMUTER, worked.check_commuter),
    "family_insured_crossing_565": (worked.FAMILY_CROSSING, worked.check_family_crossing),
    "ksk_below_the_bases": (worked.KSK_LOW, worked.check_ksk_low),
    "ksk_above_the_bases": (worked.KSK_HIGH, worked.check_ksk_high),
    "laptop_three_years": (worked.LAPTOP, worked.check_laptop),
    "laptop_net_of_vat": (worked.REGISTERED_LAPTOP, worked.check_registered_laptop),
}


@pytest.mark.parametrize("case", CASES)
def test_cli_json_gives_the_hand_worked_figures(tmp_path, case):
    data, check = CASES[case]
    check(*cli_json(tmp_path, data))


@pytest.mark.parametrize("case", CASES)
def test_cli_csv_gives_the_same_figures(tmp_path, case):
    # The CSV's header ends with DESIGN.md's new columns in its order (after v2's, `outgoings`
    # may stand before them), and its rows carry the same figures as the JSON.
    data, check = CASES[case]
    header, rows = cli_csv(tmp_path, data)
    assert header[:13] == [
        "month",
        "income",
        "business_costs",
        "taxes",
        "living_costs",
        "net_cash_flow",
        "balance",
        "reserve_target",
        "social_insurance",
        "taxes_accrued",
        "social_insurance_accrued",
        "vat_due",
        "vat_paid",
    ]
    assert header[-len(V3_COLUMNS) :] == list(V3_COLUMNS)
    months, kpis = cli_json(tmp_path, data)
    assert rows == months
    check(rows, kpis)


def test_manage_py_project_scenario_json_in_a_process(tmp_path):
    # Example 5 through `python manage.py project_scenario FILE --format json` itself.
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(worked.EXAMPLE_5), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "project_scenario", str(path), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    worked.check_example_5(output["months"], output["kpis"])
    assert output["kpis"]["reserve_held_month"] == "2026-01"  # reserve target 0: always held
