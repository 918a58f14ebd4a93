"""`manage.py project_scenario FILE`: the projection CLI, run through Django's manage.py."""

import sys

from django.core.management.base import BaseCommand, CommandError

from ecareer.projection import cli
from ecareer.projection.scenario_file import ScenarioFileError


class Command(BaseCommand):
    help = (
        "Project a scenario file (ecareer.scenario/3, /2 or /1; - reads stdin) month by month and "
        "print "
        "the monthly table as CSV, or with --format json the months, KPIs and risk simulation. "
        "Reads no database and writes none; a bad file exits with status 2 and one line naming "
        "the field and the problem."
    )
    requires_system_checks = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)  # call_command(..., stdin=stream) feeds `-` in tests

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            scenario = cli.read_scenario(options["file"], options.get("stdin") or sys.stdin)
        except ScenarioFileError as error:
            raise CommandError(str(error), returncode=cli.EXIT_BAD_FILE) from None
        try:
            text = cli.render(scenario, options["format"])
        except ArithmeticError:
            raise CommandError(f"file: {cli.TOO_LARGE}", returncode=cli.EXIT_BAD_FILE) from None
        self.stdout.write(text, ending="")
