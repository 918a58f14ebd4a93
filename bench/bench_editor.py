"""Speed of the scenario page and an in-place row save (issue 4's targets). Always exits 0.

Run from the repository root: `python bench/bench_editor.py`. Uses the test settings and a
throwaway SQLite database; a scenario with 50 cost items and 20 income streams is timed through
Django's test client (server time: middleware, views, queries, templates; no network).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.template import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    _TestState,
    setup_test_environment,
    teardown_test_environment,
)

RUNS = 30
PAGE_TARGET_MS = 40
SAVE_TARGET_MS = 20
HX = {"HX-Request": "true"}


def timed(call) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def verdict(value: float, target: float) -> str:
    return "PASS" if value < target else "FAIL"


def main() -> None:
    from ecareer.accounts.models import User
    from tests.planning.factories import make_full_scenario

    user = User.objects.create_user("bench@example.com", "bench password 1234")
    scenario = make_full_scenario(user, costs=50, incomes=20)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page_url = f"/scenarios/{scenario.pk}/"
    cost = scenario.costs.order_by("id").first()
    save_url = f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/"

    def get_page():
        response = client.get(page_url)
        assert response.status_code == 200, response.status_code

    def save_row(n: int):
        data = {
            "name": f"Desk {n}",
            "category": "equipment",
            "amount": f"{900 + n}.00",
            "frequency": "once",
            "start_month": "2027-01",
            "end_month": "",
            "annual_increase_pct": "0",
            "share_pct": "100",
        }
        response = client.post(save_url, data, headers=HX)
        assert response.status_code == 200, response.status_code
        assert "scenario-changed" in response["HX-Trigger"]

    cold_page = timed(get_page)  # the dashboard's projection is computed once, then cached
    with CaptureQueriesContext(connection) as page_queries:
        get_page()
    page_query_count = len(page_queries)  # read now: a reconnect clears the log
    page_ms = statistics.median(timed(get_page) for _ in range(RUNS))

    with CaptureQueriesContext(connection) as save_queries:
        save_row(0)
    save_query_count = len(save_queries)
    save_ms = statistics.median(timed(lambda n=n: save_row(n)) for n in range(1, RUNS + 1))

    print(f"scenario page, 50 cost items + 20 income streams ({RUNS} runs):")
    print(f"  first request (projection not yet cached): {cold_page:.1f} ms")
    print(
        f"  median: {page_ms:.1f} ms (target < {PAGE_TARGET_MS} ms) "
        f"{verdict(page_ms, PAGE_TARGET_MS)}"
    )
    print(f"  SQL queries per page: {page_query_count}")
    print(f"in-place row save with HX-Request ({RUNS} runs):")
    print(
        f"  median: {save_ms:.1f} ms (target < {SAVE_TARGET_MS} ms) "
        f"{verdict(save_ms, SAVE_TARGET_MS)}"
    )
    print(f"  SQL queries per save: {save_query_count}")


if __name__ == "__main__":
    setup_test_environment()
    # Production renders templates without the test environment's per-template signal.
    Template._render = _TestState.saved_data.template_render
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        main()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    sys.exit(0)
