"""Project a scenario file from the command line: the monthly table as CSV, or everything as JSON.

`python manage.py project_scenario FILE` (or `python -m ecareer.projection.cli FILE`) reads a
scenario file (`-` for stdin) and prints DESIGN.md's table; a bad file exits with status 2 and one
line naming the field and the problem. `write_csv` and `projection_json` also serve the web's
downloads, so the CLI and the web write the same table.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from io import StringIO
from typing import IO, Any

from ecareer.projection import scenario_file
from ecareer.projection.engine import Projection, project
from ecareer.projection.model import Scenario
from ecareer.projection.money import WIDE
from ecareer.projection.risk import RiskResult, simulate
from ecareer.projection.scenario_file import ScenarioFileError

COLUMNS = (
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
    "outgoings",
    # v3 (DESIGN.md, "New CSV columns")
    "pension_insurance",
    "grants",
    "sick_pay",
    "loan_in",
    "loan_interest",
    "loan_repayment",
    "depreciation",
    "tax_profit",
)
FORMATS = ("csv", "json")
PROG = "project_scenario"
EXIT_BAD_FILE = 2
TOO_LARGE = "amounts grow too large to project; lower amounts, quantities or annual increases"

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_KPI_TENTHS = frozenset({"runway_months"})  # a count of months with one decimal, not money


def money(value: Decimal) -> Decimal:
    """Money rounded to cents (half-up), without a negative zero; ArithmeticError if not finite."""
    if not Decimal(value).is_finite():
        raise ArithmeticError(f"not a finite amount: {value}")
    with localcontext(prec=WIDE):  # room for the cents of any finite amount
        cents = Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)
    return cents if cents != 0 else Decimal("0.00")


def money_text(value: Decimal) -> str:
    """Money as plain text with a dot and two decimals, e.g. -1234.50."""
    return format(money(value), "f")


def write_csv(projection: Projection, stream: IO[str]) -> None:
    """Write the monthly table (header and one row per month, `\\n` line ends) to a text stream."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in projection.rows():
        writer.writerow([row["month"], *(money_text(row[key]) for key in COLUMNS[1:])])


def projection_json(projection: Projection, risk: RiskResult) -> dict[str, Any]:
    """The months, KPIs and risk figures as a dict for `dumps_json` (money as 2-place Decimal)."""
    months = [
        {"month": row["month"], **{key: money(row[key]) for key in COLUMNS[1:]}}
        for row in projection.rows()
    ]
    kpis = {key: _kpi(key, value) for key, value in projection.kpis.as_dict().items()}
    figures = risk.as_dict()
    return {
        "months": months,
        "kpis": kpis,
        "risk": {
            "paths": int(figures["paths"]),
            "seed": int(figures["seed"]),
            "depletion_probability": float(figures["depletion_probability"]),
            "reserve_probability": float(figures["reserve_probability"]),
            "min_balance_p10": money(figures["min_balance_p10"]),
            "depletion_month_p10": figures["depletion_month_p10"],
            "reserve_month_p50": figures["reserve_month_p50"],
            **{key: [money(value) for value in figures[key]] for key in ("p10", "p50", "p90")},
        },
    }


def _kpi(key: str, value: object) -> object:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        if key in _KPI_TENTHS:
            return Decimal(value).quantize(_TENTH)
        return money(Decimal(value))
    return None if value is None else str(value)


def dumps_json(data: object) -> str:
    """JSON text in which a Decimal is written as its digits (1234.50), never through float."""
    return _encode(data, 0) + "\n"


def _is_scalar(value: object) -> bool:
    return not isinstance(value, Mapping | list | tuple)


def _encode(value: object, depth: int) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return format(value, "f")
    if isinstance(value, Mapping):
        items = [f"{_encode(str(k), depth)}: {_encode(v, depth + 1)}" for k, v in value.items()]
        brackets = "{}"
        inline = depth >= 2
    elif isinstance(value, list | tuple):
        items = [_encode(item, depth + 1) for item in value]
        brackets = "[]"
        inline = depth >= 2 or all(_is_scalar(item) for item in value)
    else:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    # The outer levels go one entry a line; a month object or a list of numbers stays on one line.
    if inline or not items:
        return brackets[0] + ", ".join(items) + brackets[1]
    pad = "  " * (depth + 1)
    return f"{brackets[0]}\n{pad}" + f",\n{pad}".join(items) + f"\n{'  ' * depth}{brackets[1]}"


def read_scenario(path: str, stdin: IO | None = None) -> Scenario:
    """Read and validate a scenario file from a path, or from stdin for `-`."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin
        data = getattr(stream, "buffer", stream).read()
    else:
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise ScenarioFileError("file", f"can't read {path!r}: {reason}") from None
    return scenario_file.loads(data)


def render(scenario: Scenario, output_format: str = "csv") -> str:
    """The projection of a scenario as CSV or JSON text."""
    projection = project(scenario)
    if output_format == "csv":
        buffer = StringIO()
        write_csv(projection, buffer)
        return buffer.getvalue()
    return dumps_json(projection_json(projection, simulate(scenario, projection)))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments, shared by this CLI and `manage.py project_scenario`."""
    parser.add_argument("file", metavar="FILE", help="a scenario file (JSON), or - for stdin")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="csv: the monthly table (default); json: months, KPIs and the risk simulation",
    )


DESCRIPTION = (
    "Project a scenario file (ecareer.scenario/3, /2 or /1) month by month and print the table "
    "as CSV, "
    "or months, KPIs and risk figures as JSON. Touches no database."
)


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse writing to the given streams, and reporting a usage error in one line."""

    def __init__(self, prog: str, description: str, stdout: IO[str], stderr: IO[str]) -> None:
        super().__init__(prog=prog, description=description)
        self.stdout, self.stderr = stdout, stderr

    def print_help(self, file: IO[str] | None = None) -> None:
        super().print_help(file or self.stdout)

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            self.stderr.write(message)
        raise _Exit(status)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.stderr.write(f"{self.prog}: error: {_one_line(message)}\n")
        raise _Exit(EXIT_BAD_FILE)


def _one_line(text: str) -> str:
    return " ".join(str(text).split("\n"))


def parse_command(
    prog: str,
    description: str,
    add: Callable[[argparse.ArgumentParser], None],
    argv: list[str] | None,
    stdin: IO | None,
    stdout: IO[str] | None,
    stderr: IO[str] | None,
) -> tuple[argparse.Namespace | int, IO, IO[str], IO[str]]:
    """The streams (sys's when None) and the parsed options, or, for --help or a usage error
    (written to those streams), argparse's exit status in place of the options."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = _Parser(prog, description, stdout, stderr)
    add(parser)
    try:
        return parser.parse_args(argv), stdin, stdout, stderr
    except _Exit as done:
        return done.status, stdin, stdout, stderr


def main(
    argv: list[str] | None = None,
    stdin: IO | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command; 0 on success, 2 for a bad file or bad arguments (one line on stderr)."""
    options, stdin, stdout, stderr = parse_command(
        PROG, DESCRIPTION, add_arguments, argv, stdin, stdout, stderr
    )
    if isinstance(options, int):
        return options
    try:
        scenario = read_scenario(options.file, stdin)
    except ScenarioFileError as error:
        stderr.write(_one_line(str(error)) + "\n")
        return EXIT_BAD_FILE
    try:
        text = render(scenario, options.format)
    except ArithmeticError:
        # Inside the limits, decades of 100 % growth on the largest amounts outgrow any number.
        stderr.write(f"file: {TOO_LARGE}\n")
        return EXIT_BAD_FILE
    stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
