"""The embedded default cache (no REDIS_URL): Django's database cache, shared by every process
(ecareer/cache.py, issue 27 point 3). Its counts are exact under concurrent increments, a cull
never resets a lock-out, `migrate` creates its table, and the page cache works on it.

The gunicorn side (two instances, no Redis: lock-out, one-time codes, rate limits) is
tests/servers/test_multiserver.py's "database cache" run.
"""

import subprocess
import sys
import threading

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection

from ecareer.cache import DatabaseCache
from tests.planning.factories import SETTINGS, make_cost, make_income, make_scenario
from tests.servers.live import ROOT
from tests.speed.test_scenario_page_cache import normalised, view

pytestmark = pytest.mark.django_db(transaction=True)
TABLE = "ecareer_cache"


@pytest.fixture
def database_cache(settings):
    """The default cache as production's without Redis, its table made as `migrate` makes it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "ecareer.cache.DatabaseCache",
            "LOCATION": TABLE,
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield caches["default"]
    cache.clear()


def stored_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(TABLE)}")  # noqa: S608
        return cursor.fetchone()[0]


def test_production_caches_in_the_database_without_redis():
    code = (
        "import ecareer.settings as s; c = s.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"
    )
    env = {"SECRET_KEY": "x" * 60 + "abcdefgh", "PATH": "/usr/bin:/bin", "DEBUG": "0"}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.decode().split() == ["ecareer.cache.DatabaseCache", TABLE]


def test_migrate_creates_the_cache_table(database_cache):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(TABLE)}")
    assert TABLE not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert TABLE in connection.introspection.table_names()
    database_cache.set("k", 1)
    assert database_cache.get("k") == 1


def test_concurrent_increments_all_count(database_cache):
    # 8 threads (8 database connections) x 25 increments of one count: 200, none lost. Django's
    # own incr reads and writes in two steps, so two threads could both write the same count.
    assert isinstance(database_cache, DatabaseCache)
    database_cache.add("count", 0, 60)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def count() -> None:
        try:
            barrier.wait()
            for _ in range(25):
                caches["default"].incr("count")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert database_cache.get("count") == 200
    with pytest.raises(ValueError, match="not found"):
        database_cache.incr("missing")


def test_a_full_cache_never_drops_a_lock_out_or_a_rate_limit_count(settings, database_cache):
    settings.CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 10}
    caches["default"].close()
    small = DatabaseCache(TABLE, {"OPTIONS": {"MAX_ENTRIES": 10}})
    small.set("allauth:rl:allauth.account:login_failed:5/900.0/key:abc", [1.0, 2.0], 900)
    small.set("allauth.mfa.totp.used?user=1&code=123456", "y", 90)
    small.set("rl:0123456789abcdef", 3, 60)
    for number in range(40):  # pages and projections a visitor can make as many of as he likes
        small.set(f"page:{number}", "x" * 100, 300)
    assert small.get("allauth:rl:allauth.account:login_failed:5/900.0/key:abc") == [1.0, 2.0]
    assert small.get("allauth.mfa.totp.used?user=1&code=123456") == "y"
    assert small.get("rl:0123456789abcdef") == 3
    assert stored_rows() <= 14  # culled: at most MAX_ENTRIES and the last few


def test_the_page_cache_works_on_the_database_cache(owner_client, owner, database_cache):
    scenario = make_scenario(owner)
    make_cost(scenario)
    make_income(scenario)
    first = view(owner_client, scenario)
    assert normalised(view(owner_client, scenario)) == normalised(first)  # from the cache
    assert stored_rows() > 0  # the page and its parts are stored in the table
    edit = {**SETTINGS, "name": "Renamed in the database cache", "version": str(scenario.version)}
    assert owner_client.post(f"/scenarios/{scenario.pk}/settings/", edit).status_code == 302
    assert "Renamed in the database cache" in view(owner_client, scenario)
