"""Server time of the shared report (issue 6's target). Prints figures with PASS/FAIL; exits 0.

Run from the repository root: `python bench/bench_report.py`. It uses the test settings, a
throw-away test database, the same 50-item, 120-month, 1,000-path scenario as the dashboard
benchmark, and Django's test client (server time only).
"""

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench.bench_dashboard import RUNS, plan, report, timed  # noqa: E402
from ecareer.accounts.models import User  # noqa: E402
from ecareer.planning import convert  # noqa: E402
from ecareer.sharing.models import ShareLink  # noqa: E402


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    user = User.objects.create_user("bench@example.com", "bench password 12345")
    scenario = convert.create_scenario(user, plan())
    client = Client()
    print(f"Scenario: 50 items, 120 months, 1,000 paths; median of {RUNS} runs.")
    for hide in (False, True):
        link = ShareLink.objects.create(scenario=scenario, hide_amounts=hide)
        url = f"/r/{link.token}/"
        label = "report, amounts hidden" if hide else "report"
        cache.clear()
        uncached = timed(lambda url=url: client.get(url))
        print(f"      {label}, first view (projection and simulation computed): {uncached:.0f} ms")
        cached = statistics.median(timed(lambda url=url: client.get(url)) for _ in range(RUNS))
        report(f"{label}, projection cached", cached, 60, "ms")
        with CaptureQueriesContext(connection) as queries:
            size = len(client.get(url).content) / 1024
        print(f"      {len(queries)} SQL queries, {size:.0f} KB of HTML")
    link = ShareLink.objects.first()
    link.refresh_from_db()
    print(f"      views counted on the last link: {link.view_count}")


if __name__ == "__main__":
    main()
