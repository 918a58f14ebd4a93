"""The scenario page from the page cache: process memory vs the database cache (issue 27).

Run from the repository root: `python bench/bench_cache_backends.py`. Test settings, a throwaway
SQLite database (or DATABASE_URL's test database); a scenario with 50 cost items and 20 income
streams is viewed through Django's test client, once to fill the cache, then RUNS times from it.
CPU time (time.process_time) and wall time per view, median, for each cache. Always exits 0.
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

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

RUNS = 60
CACHES = {
    "process memory (LocMemCache)": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    },
    "database (ecareer.cache.DatabaseCache)": {
        "BACKEND": "ecareer.cache.DatabaseCache",
        "LOCATION": "ecareer_cache",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
}


def view_times(client: Client, url: str) -> tuple[float, float]:
    """Median CPU and wall milliseconds of a view from the cache."""
    client.get(url)  # fills the page cache
    cpu, wall = [], []
    for _ in range(RUNS):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    from ecareer.accounts.models import User
    from tests.planning.factories import make_full_scenario

    user = User.objects.create_user("bench@example.com", "bench password 1234")
    scenario = make_full_scenario(user, costs=50, incomes=20)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/scenarios/{scenario.pk}/"
    print(f"scenario page (50 costs, 20 streams) from the page cache, median of {RUNS} views,")
    print(f"{connection.vendor}, load average {os.getloadavg()[0]:.1f}:")
    for name, config in CACHES.items():
        with override_settings(CACHES={"default": config}):
            call_command("createcachetable", verbosity=0)
            caches["default"].clear()
            cpu, wall = view_times(client, url)
        print(f"  {name:40} {cpu:6.2f} ms CPU  {wall:6.2f} ms wall")


if __name__ == "__main__":
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        main()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
