"""`decide --what sick_pay` and `decisions.sick_pay_choice` (DESIGN.md v3, "Long illness").

The decision is the scenario simulated twice, with `sick_pay` true and false and the same seed:
each side must equal a plain run of `project_scenario --format json` of the file with that
setting (its risk block's figures, the last p50 balance, the sum of the social_insurance
column), and the social-insurance totals are hand-worked below.
"""

import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecareer.projection import decide_cli, decisions
from ecareer.projection.scenario_file import loads as parse_scenario
from tests.projection.v2_files import cost, income, run_cli
from tests.projection.v3_files import worked

FIGURES = [
    "depletion_probability",
    "min_balance_p10",
    "final_balance_p50",
    "social_insurance_total",
]
RISKY = {
    "sick_days_per_year": "12",
    "drought_chance_pct": "15",
    "drought_length_months": "3",
    "drought_income_drop_pct": "60",
    "long_illness_chance_pct": "10",
    "long_illness_months": 4,
    "paths": 300,
    "seed": 7,
}


def writer(profit="2500.00", horizon=24, **tax) -> dict:
    """DESIGN.md's worked-example frame with performance-based income and risks."""
    data = worked(
        profit=profit,
        horizon=horizon,
        incomes=[income("Writing", profit, performance_based=True)],
        **tax,
    )
    data["starting_balance"] = "3000.00"
    data["living_costs"]["monthly"] = "1600.00"
    data["costs"] = [cost("Insurance", "60.00")]
    data["risks"] = dict(RISKY)
    return data


def decide(data: dict, *args: str) -> tuple[int, dict | None, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = decide_cli.main(
        ["-", "--what", "sick_pay", *args], io.StringIO(json.dumps(data)), stdout, stderr
    )
    out = stdout.getvalue()
    return status, json.loads(out, parse_float=Decimal) if out else None, stderr.getvalue()


def plain_run(data: dict, sick_pay: bool) -> dict:
    """The four figures from one ordinary `project_scenario --format json` run."""
    changed = copy.deepcopy(data)
    changed["tax"]["sick_pay"] = sick_pay
    output = run_cli(changed)
    risk = output["risk"]
    return {
        "depletion_probability": risk["depletion_probability"],
        "min_balance_p10": risk["min_balance_p10"],
        "final_balance_p50": risk["p50"][-1],
        "social_insurance_total": sum(row["social_insurance"] for row in output["months"]),
    }


@pytest.mark.parametrize("health", ["statutory", "ksk"])
def test_the_decision_equals_two_plain_runs(health):
    data = writer(health_insurance=health)
    status, out, err = decide(data)
    assert (status, err) == (0, "")
    assert list(out) == ["what", "with", "without"] and out["what"] == "sick_pay"
    for side, option in (("with", True), ("without", False)):
        assert list(out[side]) == FIGURES
        assert out[side] == plain_run(data, option)
    # The option costs money in the plan (a higher rate on the same base)...
    assert out["with"]["social_insurance_total"] > out["without"]["social_insurance_total"]


def test_the_python_api_matches_the_command():
    data = writer()
    api = decisions.sick_pay_choice(parse_scenario(json.dumps(data)))
    _, out, _ = decide(data)
    assert api["what"] == "sick_pay"
    for side in ("with", "without"):
        assert api[side]["depletion_probability"] == float(out[side]["depletion_probability"])
        for key in FIGURES[1:]:
            assert api[side][key] == out[side][key]
            assert isinstance(api[side][key], Decimal)


def test_the_option_costs_hand_worked():
    # Profit 0 in 2026, 12 months, `assessment` with delay 9: no assessment inside the plan, so
    # every month pays the provisional contribution on 2026's minimum base 1,318.33.
    # With sick pay: 14.6 + 2.9 + 3.6 = 21.1 %: 1,318.33 x 0.211 = 278.16763 -> 278.17 a month,
    # 12 x 278.17 = 3,338.04. Without: 14.0 + 2.9 + 3.6 = 20.5 %: 270.25765 -> 270.26,
    # 12 x 270.26 = 3,243.12. No risk: every path is the plan (balance -contributions).
    data = worked(profit="0.00", horizon=12)
    _, out, _ = decide(data)
    assert out["with"]["social_insurance_total"] == Decimal("3338.04")
    assert out["without"]["social_insurance_total"] == Decimal("3243.12")
    assert out["with"]["final_balance_p50"] == Decimal("-3338.04")
    assert out["without"]["final_balance_p50"] == Decimal("-3243.12")
    assert out["with"]["min_balance_p10"] == Decimal("-3338.04")
    assert out["with"]["depletion_probability"] == 1


@pytest.mark.parametrize(
    ("tax", "named"),
    [
        ({"regime": "flat"}, "regime de"),
        ({"health_insurance": "other"}, "statutory or ksk"),
        ({"health_insurance": "employed"}, "statutory or ksk"),
        ({"health_insurance": "family", "household": "married"}, "statutory or ksk"),
    ],
)
def test_refused_where_there_is_no_option(tax, named):
    data = writer()
    if tax.get("regime") == "flat":
        data["tax"] = tax
    else:
        data["tax"].update(tax)
    status, out, err = decide(data)
    assert (status, out) == (2, None)
    assert named in err and err.count("\n") == 1
    with pytest.raises(decisions.SickPayNotOffered):
        decisions.sick_pay_choice(parse_scenario(json.dumps(data)))


def test_risk_and_income_do_not_apply():
    status, _, err = decide(writer(), "--risk", "5")
    assert status == 2 and "--risk" in err
    status, _, err = decide(writer(), "--income", "Writing")
    assert status == 2 and "--income" in err


def test_manage_py_decide_sick_pay(tmp_path):
    path = tmp_path / "writer.json"
    path.write_text(json.dumps(writer()))
    out = io.StringIO()
    call_command("decide", str(path), "--what", "sick_pay", stdout=out)
    assert json.loads(out.getvalue())["what"] == "sick_pay"
    path.write_text(json.dumps(writer(health_insurance="other")))
    with pytest.raises(CommandError, match="statutory or ksk"):
        call_command("decide", str(path), "--what", "sick_pay")


def test_help_names_sick_pay():
    stdout = io.StringIO()
    decide_cli.main(["--help"], io.StringIO(), stdout, io.StringIO())
    assert "sick_pay (regime de, health insurance statutory or ksk)" in " ".join(
        stdout.getvalue().split()
    )
