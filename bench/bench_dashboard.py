"""Speed and size of the dashboard (issue 5's targets). Prints figures with PASS/FAIL; exits 0.

Run from the repository root: `python bench/bench_dashboard.py`. It uses the test settings and a
throw-away test database, a scenario with 50 items (40 costs, 10 incomes) over 120 months with
1,000 simulated paths, and Django's test client (server time only: no network, no browser).
Static files are collected into a temporary folder with the production storage (hashed,
compressed) and requested through WhiteNoise, as production serves them.
"""

import os
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal as D
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from ecareer.accounts.models import User  # noqa: E402
from ecareer.planning import convert  # noqa: E402
from ecareer.planning.models import CostItem  # noqa: E402
from ecareer.projection import model as m  # noqa: E402

START = m.YearMonth(2027, 1)
HORIZON = int(os.environ.get("BENCH_HORIZON", "120"))
PATHS = 1000
RUNS = 15
HX = {"HX-Request": "true"}
FAR_FUTURE = "max-age=315360000, public, immutable"


def plan() -> m.Scenario:
    """50 items: 40 costs over all categories and frequencies, 10 incomes, all risks on."""
    categories, frequencies = list(m.Category), list(m.Frequency)
    costs = tuple(
        m.CostItem(
            f"Cost {i}",
            categories[i % len(categories)],
            D(20 + 7 * i),
            frequencies[i % len(frequencies)],
            START + (i % 12),
            annual_increase_pct=D(2),
            share_pct=D(50 + i),
        )
        for i in range(40)
    )
    incomes = tuple(
        m.IncomeStream(
            f"Income {i}",
            m.Pricing.HOURLY if i % 2 else m.Pricing.FIXED,
            m.Frequency.MONTHLY,
            START + i,
            amount=D(300 + 50 * i),
            rate=D("25.00"),
            quantity=D(10 + i),
            ramp_up_months=3,
            annual_increase_pct=D(2),
            performance_based=bool(i % 3),
        )
        for i in range(10)
    )
    return m.Scenario(
        name="Benchmark plan",
        start=START,
        horizon_months=HORIZON,
        starting_balance=D(15000),
        living_monthly=D(1400),
        living_increase_pct=D(2),
        tax_rate_pct=D(25),
        costs=costs,
        incomes=incomes,
        reserve=m.ReserveTarget(m.ReserveKind.MONTHS, months=D(6), deadline=START + 36),
        risks=m.RiskSettings(D(10), D(10), D(2), D(50), paths=PATHS, seed=42),
    )


def timed(fn) -> float:
    """Milliseconds of one call."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(label: str, value: float, limit: float, unit: str) -> None:
    print(f"{verdict(value < limit)}  {label}: {value:.1f} {unit} (target < {limit:g} {unit})")


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
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page_url = f"/scenarios/{scenario.pk}/"
    fragment_url = f"/scenarios/{scenario.pk}/dashboard/"
    print(f"Scenario: 50 items, {HORIZON} months, {PATHS:,} paths; median of {RUNS} runs.")

    assert client.get(page_url).status_code == 200  # warm up imports and templates

    def uncached():
        cache.clear()
        return timed(lambda: client.get(page_url))

    report("scenario page, uncached", statistics.median(uncached() for _ in range(RUNS)), 150, "ms")
    client.get(page_url)
    cached = statistics.median(timed(lambda: client.get(page_url)) for _ in range(RUNS))
    report("scenario page, cached", cached, 60, "ms")

    item = CostItem.objects.filter(scenario=scenario).first()
    refreshes = []
    for i in range(RUNS):
        item.amount = D(100 + i)  # a new content each time: the refresh recomputes
        item.save()
        refreshes.append(timed(lambda: client.get(fragment_url, headers=HX)))
    report("dashboard fragment refresh after an edit", statistics.median(refreshes), 120, "ms")

    html = client.get(page_url).content
    figures = re.findall(
        rb'<script id="chart-[a-z]+-data" type="application/json">(.*?)</script>', html, re.S
    )
    figure_kb = sum(len(f) for f in figures) / 1024
    report(f"page HTML incl. figure JSON ({figure_kb:.0f} KB of it)", len(html) / 1024, 250, "KB")
    fragment = client.get(fragment_url, headers=HX).content
    print(f"      dashboard fragment alone: {len(fragment) / 1024:.1f} KB")

    check_static_caching(user, page_url)


def check_static_caching(user, page_url: str) -> None:
    """plotly.js and htmx: hashed names from the production storage, far-future headers."""
    with tempfile.TemporaryDirectory() as root:
        production = {
            "STATIC_ROOT": root,
            "STORAGES": {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                },
            },
            "WHITENOISE_USE_FINDERS": False,
            "WHITENOISE_AUTOREFRESH": False,
        }
        with override_settings(**production):
            call_command("collectstatic", interactive=False, verbosity=0)
            client = Client()  # a new handler, so WhiteNoise reads the collected files
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            cache.clear()  # a page cached before collectstatic names the unhashed files
            html = client.get(page_url).content.decode()
            # htmx by a script tag; plotly.js by charts.js's data-plotly (loaded when needed)
            scripts = re.findall(r'<script src="([^"]+)"|data-plotly="([^"]+)"', html)
            scripts = [a or b for a, b in scripts]
            for name, pattern in (("plotly.js", "plotly"), ("htmx", "htmx")):
                urls = [url for url in scripts if pattern in url]
                if not urls:
                    print(f"FAIL  {name}: no script on the scenario page")
                    continue
                response = client.get(urls[0])
                header = response.headers.get("Cache-Control", "")
                hashed = re.search(r"\.[0-9a-f]{12}\.", urls[0]) is not None
                ok = response.status_code == 200 and hashed and header == FAR_FUTURE
                size = len(b"".join(response.streaming_content)) / 1024
                print(
                    f"{verdict(ok)}  {name} {urls[0]} ({size:,.0f} KB): "
                    f"status {response.status_code}, Cache-Control: {header or '(none)'}"
                )


if __name__ == "__main__":
    main()
