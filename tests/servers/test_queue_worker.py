"""The worst-case "what matters most" (200 items, 600 months, 10,000 paths; about half a
minute of CPU) runs in the queue's worker, not in a web worker (issue 27, point 9).

One gunicorn worker with one thread: if the computation ran in the request, nothing else could
answer until it ended. Here a page and /healthz answer while it runs in `manage.py db_worker`.
"""

import re
import time
from decimal import Decimal

import pytest

from ecareer.accounts.models import User
from ecareer.jobs.models import Computation
from ecareer.planning.models import CostItem
from tests.conftest import PASSWORD
from tests.planning.factories import make_cost, make_income, make_scenario
from tests.servers.live import Client, database_url, db_worker, gunicorn, own_cache_prefix

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]
HX = {"HX-Request": "true"}
QUICK = 5.0  # seconds: a page answering within this is not waiting for the computation


def largest_plan(user):
    """A plan at every limit: 100 costs and 100 income streams, 600 months, 10,000 paths, with
    sick days and dry spells so every path differs."""
    scenario = make_scenario(
        user,
        "Largest",
        horizon_months=600,
        paths=10_000,
        sick_days_per_year=Decimal(10),
        drought_chance_pct=Decimal(10),
    )
    categories = list(CostItem.Category.values)
    for i in range(100):
        make_cost(scenario, f"Cost {i}", category=categories[i % len(categories)])
        make_income(scenario, f"Stream {i}", rate=Decimal(20 + i))
    return scenario


def _until(check, seconds: float) -> bool:
    """Poll the database until `check` holds (the worker picking the job up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)  # polling another process's progress, not waiting for a page
    return False


def _timed(call):
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def test_the_worst_case_runs_in_the_worker_while_pages_answer(cache_table):
    user = User.objects.create_user("largest@example.com", PASSWORD)
    scenario = largest_plan(user)
    small = make_scenario(user, "Small")
    make_cost(small)
    make_income(small)
    with own_cache_prefix(None) as prefix:
        env = {"DATABASE_URL": database_url(), "TEST_CACHE_PREFIX": prefix, "REDIS_URL": ""}
        env["CACHE_URL"] = ""
        with gunicorn(env, workers=1, threads=1) as base, db_worker(env, "computations"):
            client = Client(base)
            assert client.sign_in(user.email, PASSWORD).status == 302
            url = f"/scenarios/{scenario.pk}/what-matters/"
            asked, seconds = _timed(lambda: client.get(url, **HX))
            assert asked.status == 200 and "data-job-progress" in asked.text
            assert seconds < QUICK * 4  # the plan's projection only (cached for the page)

            assert _until(lambda: Computation.objects.filter(status="running").exists(), 60)
            health, seconds = _timed(lambda: client.get("/healthz"))
            assert health.status == 200 and seconds < QUICK
            # Another plan's page (the list would project the largest plan for its cards).
            other, seconds = _timed(lambda: client.get(small.get_absolute_url()))
            assert other.status == 200 and "Small" in other.text and seconds < QUICK
            poll = re.search(r'hx-get="([^"]+)"', asked.text)[1].replace("&amp;", "&")
            progress, seconds = _timed(lambda: client.get(poll, **HX))
            assert "seconds so far" in progress.text or "second so far" in progress.text
            assert seconds < QUICK
            # All of it while the computation was still running in the worker.
            assert Computation.objects.get().status == "running"
