"""Server time of issue 13's web endpoints. Prints figures with the issue's goals; exits 0.

The scenario of `bench_decisions.py` (30 items, 1,000 paths x 360 months, all risks on, living
costs that put every answer away from the limits), stored in a throw-away test database and
asked through Django's test client (server time: views, templates and the model; no network,
no browser), in regime flat and regime de. Each request is timed with an empty cache (what a
first request costs) and again with the answer cached by the scenario's content. Wall and
CPU (process) time are both printed: the machine is shared. Rate limits are off.

The issue's goals, at 1,000 paths x 360 months: a required price < 1.5 s; the required
starting balance and the affordable living costs < 100 ms. "What you need" asks four answers
(two prices, then both closed forms), so its goal is their sum; compare's price cell is one
price. "What matters most" is the sensitivity (bench_decisions.py's goal, < 2 s). The what-if
preview has no goal of issue 13 (issue 5's dashboard refresh, < 120 ms, was set at 120 months).

Run from the repository root: `python bench/bench_decisions_web.py` (or `make bench`).
"""

import dataclasses
import os
import statistics
import sys
import time
from decimal import Decimal as D
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.bench_projection import scenario  # noqa: E402
from ecareer.accounts.models import User  # noqa: E402
from ecareer.planning import convert, decisions_web, services  # noqa: E402
from ecareer.projection.model import TaxRegime  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
HX = {"HX-Request": "true"}


def timed(fn) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def figure(label: str, samples: list[tuple[float, float]], goal: float | None, why: str) -> None:
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    if goal is None:
        verdict, target = "    ", f"({why})"
    else:  # wall time judged; the CPU's verdict beside it (other jobs inflate the wall time)
        verdict = "PASS" if wall < goal else "FAIL"
        target = f"(goal < {goal:g} ms: {why}; CPU {'PASS' if cpu < goal else 'FAIL'})"
    print(f"{verdict}  {label:<46} {wall:8.0f} ms  [CPU {cpu:6.0f} ms]  {target}")


def get(client: Client, url: str, fresh: bool, **query) -> tuple[float, float]:
    """One request's time; `fresh`: with an empty cache, as the first request of a content."""
    if fresh:
        cache.clear()

    def request():
        response = client.get(url, query, headers=HX)
        assert response.status_code == 200, (url, response.status_code)

    return timed(request)


def measure(client: Client, user: User, regime: TaxRegime) -> None:
    data = dataclasses.replace(
        scenario(items=30, horizon=360, paths=1000, regime=regime), living_monthly=D(3000)
    )
    stored = convert.create_scenario(user, data)
    other = convert.create_scenario(user, dataclasses.replace(data, name="Other"))
    pk = stored.pk
    print(f"-- regime {regime.value}: 30 items, 360 months, 1,000 paths; median of {RUNS} runs")
    loaded = services.plan_of(services.scenarios_with_items(user).get(pk=pk))
    get(client, f"/scenarios/{pk}/", True)  # warm-up: imports, templates

    url = f"/scenarios/{pk}/decisions/"
    question = {"risk_pct": "5", "income": ""}
    for fresh in (True, False):
        runs = [get(client, url, fresh, **question) for _ in range(RUNS)]
        label = "What you need (panel)" + ("" if fresh else ", cached")
        figure(label, runs, 3200 if fresh else None, "2 prices + 2 closed forms")

    url = f"/scenarios/{pk}/required-price/"
    for target, extra in (("plan", {}), ("risk", {"risk_pct": "5"})):
        for fresh in (True, False):
            runs = [get(client, url, fresh, target=target, **extra) for _ in range(RUNS)]
            label = f"compare price cell, {target}" + ("" if fresh else ", cached")
            figure(label, runs, 1500 if fresh else None, "a required price")

    def closed_forms():
        cache.clear()
        services.projection_of(loaded)
        return timed(lambda: decisions_web.closed_form_answers(loaded))

    figure(
        "starting balance + living costs (web's call)",
        [closed_forms() for _ in range(RUNS)],
        200,
        "2 x 100 ms; one simulation",
    )
    ids = {"ids": f"{pk},{other.pk}"}
    runs = [get(client, "/scenarios/compare/", True, **ids) for _ in range(RUNS)]
    figure("compare page, 2 scenarios (prices not in it)", runs, None, "no goal of issue 13")

    url = f"/scenarios/{pk}/what-matters/"
    for fresh in (True, False):
        runs = [get(client, url, fresh) for _ in range(RUNS)]
        label = "What matters most (tornado)" + ("" if fresh else ", cached")
        figure(label, runs, 2000 if fresh else None, "the sensitivity")

    url = f"/scenarios/{pk}/dashboard/"
    get(client, url, False)  # the plain dashboard cached: a what-if recomputes only itself
    runs = [
        get(client, url, False, price_pct=str(5 + i), sick_days="8", drought_chance="10")
        for i in range(RUNS)
    ]
    figure("what-if preview (new values each time)", runs, None, "no goal of issue 13")


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        with override_settings(RATELIMIT_ENABLE=False):
            user = User.objects.create_user("bench@example.com", "bench password 12345")
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            for regime in (TaxRegime.FLAT, TaxRegime.DE):
                measure(client, user, regime)
    finally:
        cache.clear()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
