"""`manage.py decide FILE --what ...`: the decisions CLI, run through Django's manage.py."""

import sys

from django.core.management.base import BaseCommand, CommandError

from ecareer.projection import cli, decide_cli
from ecareer.projection.scenario_file import ScenarioFileError


class Command(BaseCommand):
    help = (
        "Answer 'what do I need?' for a scenario file (ecareer.scenario/3, /2 or /1; "
        "- reads stdin): "
        "--what price (the price factor of one income stream, --income NAME, or of all), "
        "starting_balance or living_costs, for the plan or, with --risk P, for a chance of "
        "running out of at most P %. Prints one JSON object {what, income, target, risk_pct, "
        "factor, value, met, ...}; --what sick_pay (regime de, health insurance statutory or "
        "ksk) simulates the file with the statutory sick-pay option and without, same seed, and "
        "prints {what, with, without}, each with depletion_probability, min_balance_p10, "
        "final_balance_p50 and social_insurance_total; each answer is checked by running "
        "the model again. Reads no database and writes none; a bad file, --income or --risk "
        "exits with status 2 and one line naming the problem."
    )
    requires_system_checks = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)  # call_command(..., stdin=stream) feeds `-` in tests

    def add_arguments(self, parser):
        decide_cli.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            scenario = cli.read_scenario(options["file"], options.get("stdin") or sys.stdin)
            text = decide_cli.run(scenario, options["what"], options["income"], options["risk"])
        except (ScenarioFileError, decide_cli.ArgumentProblem) as error:
            raise CommandError(cli._one_line(str(error)), returncode=cli.EXIT_BAD_FILE) from None
        except ArithmeticError:
            raise CommandError(f"file: {cli.TOO_LARGE}", returncode=cli.EXIT_BAD_FILE) from None
        self.stdout.write(text, ending="")
