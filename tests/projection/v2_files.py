"""Scenario files (`ecareer.scenario/1` and `/2`) as dicts, and the CLI's JSON read back.

Shared by the hand-worked v2 examples and the hypothesis comparison with `reference_v2`.
"""

import io
import json
from decimal import Decimal

from ecareer.projection import cli
from tests.projection.reference_v2 import reference_v2

DESIGN_COLUMNS = (
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
)
NO_RISK = {
    "sick_days_per_year": "0",
    "drought_chance_pct": "0",
    "drought_length_months": "1",
    "drought_income_drop_pct": "0",
    "paths": 1,
    "seed": 0,
}


def income(name="Work", amount="0", start="2026-01", **fields) -> dict:
    """A fixed monthly income stream; `fields` override any key (vat_rate_pct defaults to 0)."""
    return {
        "name": name,
        "pricing": "fixed",
        "amount": amount,
        "rate": None,
        "quantity": None,
        "frequency": "monthly",
        "start": start,
        "end": None,
        "ramp_up_months": 0,
        "annual_increase_pct": "0",
        "performance_based": False,
        "vat_rate_pct": "0",
        **fields,
    }


def cost(name="Cost", amount="0", start="2026-01", **fields) -> dict:
    """A fixed monthly cost, fully business; `fields` override any key (vat_rate_pct 0)."""
    return {
        "name": name,
        "category": "other",
        "basis": "fixed",
        "income": None,
        "amount": amount,
        "frequency": "monthly",
        "start": start,
        "end": None,
        "annual_increase_pct": "0",
        "share_pct": "100",
        "vat_rate_pct": "0",
        **fields,
    }


def plan(
    start="2026-01",
    horizon=12,
    incomes=(),
    costs=(),
    tax=None,
    living="0",
    starting_balance="0",
    tax_rate_pct="0",
    risks=None,
    reserve=None,
) -> dict:
    """An `ecareer.scenario/2` file; tax None is regime `flat` with tax_rate_pct."""
    data = {
        "format": "ecareer.scenario/2",
        "name": "Hand-worked",
        "currency": "EUR",
        "start": start,
        "horizon_months": horizon,
        "starting_balance": starting_balance,
        "living_costs": {"monthly": living, "annual_increase_pct": "0"},
        "tax_rate_pct": tax_rate_pct,
        "costs": list(costs),
        "incomes": list(incomes),
        "risks": risks or NO_RISK,
    }
    if tax is not None:
        data["tax"] = tax
    if reserve is not None:
        data["reserve"] = reserve
    return data


def run_cli(data: dict) -> dict:
    """The CLI's `--format json` output of a scenario file, numbers read as Decimal."""
    stdin, stdout, stderr = io.StringIO(json.dumps(data)), io.StringIO(), io.StringIO()
    status = cli.main(["-", "--format", "json"], stdin, stdout, stderr)
    assert (status, stderr.getvalue()) == (0, ""), stderr.getvalue()
    return json.loads(stdout.getvalue(), parse_float=Decimal, parse_int=Decimal)


def months_and_kpis(side: str, data: dict) -> tuple[list[dict], dict]:
    """The monthly rows and KPIs of a file by the engine (through the CLI) or by the reference."""
    if side == "engine":
        output = run_cli(data)
        return output["months"], output["kpis"]
    return reference_v2(data)


SIDES = ("engine", "reference")
