"""Answer "what do I need?" for a scenario file from the command line (DESIGN.md, "Decisions").

`python manage.py decide FILE --what price|starting_balance|living_costs|sick_pay [--income NAME]
[--risk P]` (or `python -m ecareer.projection.decide_cli ...`) prints one JSON object, the
`Decision.as_dict()` of `decisions.decide` (for sick_pay, `decisions.sick_pay_choice`); a bad
file, a bad `--income` or `--risk` exits with status 2 and one line naming the problem.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from typing import IO

from ecareer.projection import cli, decisions
from ecareer.projection.model import Scenario
from ecareer.projection.scenario_file import ScenarioFileError

PROG = "decide"
DESCRIPTION = (
    "Answer 'what do I need?' for a scenario file (ecareer.scenario/3, /2 or /1; - reads stdin) "
    "and "
    "print one JSON object {what, income, target, risk_pct, factor, value, met, current, unit, "
    "pricing, threshold, depletion_probability} (--what sick_pay: {what, with, without}). "
    "Each answer is checked by projecting or "
    "simulating again with it. Touches no database."
)
WHAT_HELP = (
    "price: the smallest factor (0..100, to 0.1 %%) on the price (amount, or rate) of one income "
    "stream (--income) or of all of them, and the named stream's new price rounded up to the "
    "cent; starting_balance: the smallest starting balance; living_costs: the largest monthly "
    "living costs (take-home); sick_pay (regime de, health insurance statutory or ksk): "
    "the scenario simulated with the statutory sick-pay option and without, same seed, printed "
    "as {what, with, without}, each with depletion_probability, min_balance_p10, "
    "final_balance_p50 and social_insurance_total (--income and --risk do not apply)"
)
RISK_HELP = (
    "the chance of running out allowed, in percent (0..100), under the file's own risks and "
    "seed; without it the plan (nothing going wrong) must never run out"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments, shared by this CLI and `manage.py decide`."""
    parser.add_argument("file", metavar="FILE", help="a scenario file (JSON), or - for stdin")
    parser.add_argument("--what", required=True, choices=decisions.CLI_WHATS, help=WHAT_HELP)
    parser.add_argument(
        "--income",
        metavar="NAME",
        default=None,
        help="with --what price: the income stream's name (default: all streams together)",
    )
    parser.add_argument("--risk", metavar="P", default=None, help=RISK_HELP)


class ArgumentProblem(ValueError):
    """A bad --income or --risk, named in one line."""


def risk_pct(text: str | None) -> Decimal | None:
    """--risk as a Decimal 0..100, or None."""
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= 100:
        raise ArgumentProblem(f"--risk: must be a number between 0 and 100, got {text!r}")
    return value


def check_income(scenario: Scenario, what: str, income: str | None) -> None:
    """--income names a stream of the file, and only goes with --what price."""
    if income is None:
        return
    if what != "price":
        raise ArgumentProblem("--income: only applies to --what price")
    names = [stream.name for stream in scenario.incomes]
    if income not in names:
        known = ", ".join(repr(name) for name in names) or "none"
        raise ArgumentProblem(f"--income: no income stream named {income!r} (the file has {known})")


def run(scenario: Scenario, what: str, income: str | None, risk: str | None) -> str:
    """The decision as one line of JSON text; ArgumentProblem for a bad --income or --risk."""
    pct = risk_pct(risk)
    check_income(scenario, what, income)
    if what == "sick_pay":
        if pct is not None:
            raise ArgumentProblem("--risk: does not apply to --what sick_pay")
        try:
            return cli.dumps_json(decisions.sick_pay_choice(scenario))
        except decisions.SickPayNotOffered as error:
            raise ArgumentProblem(str(error)) from None
    decision = decisions.decide(scenario, what, income, pct)
    return cli.dumps_json(decision.as_dict())


def main(
    argv: list[str] | None = None,
    stdin: IO | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command; 0 on success, 2 for a bad file or bad arguments (one line on stderr)."""
    options, stdin, stdout, stderr = cli.parse_command(
        PROG, DESCRIPTION, add_arguments, argv, stdin, stdout, stderr
    )
    if isinstance(options, int):
        return options
    try:
        scenario = cli.read_scenario(options.file, stdin)
        text = run(scenario, options.what, options.income, options.risk)
    except (ScenarioFileError, ArgumentProblem) as error:
        stderr.write(cli._one_line(str(error)) + "\n")
        return cli.EXIT_BAD_FILE
    except ArithmeticError:
        stderr.write(f"file: {cli.TOO_LARGE}\n")
        return cli.EXIT_BAD_FILE
    stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
