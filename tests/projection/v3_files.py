"""`ecareer.scenario/3` files as dicts, and the CLI's JSON and CSV read back.

Shared by the hand-worked v3 examples (the reference's and the CLI's) and the hypothesis
comparison with `reference_v3`. DESIGN.md's worked v3 examples are each "a plan starting 2026-01,
24 months, `assessment`, delay 9, extra 2.9, care 3.6, no trade, no church tax, no VAT (rates 0),
the writer's EUR 5,000 profit a month unless said": `worked` builds one.
"""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command

from tests.projection.v2_files import income, plan

V3_COLUMNS = (
    "pension_insurance",
    "grants",
    "sick_pay",
    "loan_in",
    "loan_interest",
    "loan_repayment",
    "depreciation",
    "tax_profit",
)


def plan3(loans=None, start_grant=None, **fields) -> dict:
    """An `ecareer.scenario/3` file: v2's `plan` plus loans and a start grant when given."""
    data = plan(**fields)
    data["format"] = "ecareer.scenario/3"
    if loans is not None:
        data["loans"] = list(loans)
    if start_grant is not None:
        data["start_grant"] = start_grant
    return data


def worked(profit="5000.00", horizon=24, incomes=None, **tax) -> dict:
    """DESIGN.md's frame of the worked v3 examples; `tax` adds or overrides `de` settings."""
    block = {
        "regime": "de",
        "trade": False,
        "church_tax_pct": "0",
        "health_insurance": "statutory",
        "sick_pay": True,
        "health_extra_pct": "2.9",
        "care_pct": "3.6",
        "prepayments": "assessment",
        "assessment_delay_months": 9,
        **tax,
    }
    streams = [income("Writing", profit)] if incomes is None else incomes
    return plan3(start="2026-01", horizon=horizon, tax=block, incomes=streams)


def loan(name="Loan", amount="10000.00", start="2026-01", **fields) -> dict:
    return {
        "name": name,
        "amount": amount,
        "start": start,
        "interest_pct": "6",
        "repay_months": 12,
        **fields,
    }


def project_file(tmp_path: Path, data: dict, fmt: str = "json") -> str:
    """`manage.py project_scenario FILE --format FMT`'s output for the file written to tmp_path."""
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("project_scenario", str(path), "--format", fmt, stdout=out)
    return out.getvalue()


def cli_json(tmp_path: Path, data: dict) -> tuple[list[dict], dict]:
    """The monthly rows and KPIs of the CLI's JSON, amounts read as Decimal."""
    output = json.loads(project_file(tmp_path, data), parse_float=Decimal, parse_int=Decimal)
    return output["months"], output["kpis"]


def cli_csv(tmp_path: Path, data: dict) -> tuple[list[str], list[dict]]:
    """The CLI's CSV: its header and its rows (amounts as Decimal)."""
    reader = csv.reader(io.StringIO(project_file(tmp_path, data, "csv")))
    header = next(reader)
    rows = []
    for line in reader:
        values = dict(zip(header, line, strict=True))
        rows.append(
            {name: value if name == "month" else Decimal(value) for name, value in values.items()}
        )
    return header, rows
