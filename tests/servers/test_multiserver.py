"""Two gunicorn instances share one database and one cache and keep nothing of their own.

The production shape of DESIGN.md ("Running it"): a user signs in on one instance, edits on the
other, and every page on either shows the edit at once; sessions, the sign-in lock-out, the
content-keyed caches, the rate limits and the one-time use of authenticator codes are shared.
On SQLite both use the test database file; on PostgreSQL the test database. Every test runs
twice: with one Redis (REDIS_URL's, or a private redis-server otherwise), and with no Redis at
all on production's default, the database cache.
"""

import re
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django_ratelimit.core import _get_window

from ecareer.accounts.models import User
from ecareer.planning.models import Scenario
from tests.accounts.test_allauth_flows import totp
from tests.conftest import PASSWORD
from tests.planning.factories import SETTINGS, make_cost, make_income, make_scenario
from tests.servers.live import (
    Client,
    database_url,
    gunicorn,
    own_cache_prefix,
    redis_url,
)

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]
HX = {"HX-Request": "true"}


@pytest.fixture(scope="module", params=["redis", "database cache"])
def servers(request, cache_table):
    """Two instances, two workers each, on the test database and one shared cache (for every
    test of this module: the data is emptied after each test, the instances hold none of it):
    one Redis, or without REDIS_URL production's default, the database cache (issue 27)."""
    if request.param == "redis":
        with redis_url() as url, own_cache_prefix(url) as prefix:
            env = {"DATABASE_URL": database_url(), "REDIS_URL": url, "TEST_CACHE_PREFIX": prefix}
            with gunicorn(env) as first, gunicorn(env) as second:
                yield first, second
        return
    with own_cache_prefix(None) as prefix:
        env = {
            "DATABASE_URL": database_url(),
            "REDIS_URL": "",
            "CACHE_URL": "",
            "TEST_CACHE_PREFIX": prefix,
        }
        with gunicorn(env) as first, gunicorn(env) as second:
            yield first, second


def heading(text: str) -> str:
    return re.search(r'<h1 id="settings-heading">(.*?)</h1>', text, re.S)[1].strip()


def dashboard_kpis(text: str) -> str:
    """The KPI cards of a dashboard fragment (what the content-keyed cache holds)."""
    return re.search(r'<ul class="kpi-grid" id="kpis".*?</ul>', text, re.S)[0]


def test_sign_in_on_one_edit_on_the_other_see_it_everywhere(servers):
    a, b = servers
    user = User.objects.create_user("two@example.com", PASSWORD)
    scenario = make_scenario(user, name="Before")
    make_cost(scenario)
    make_income(scenario)
    page = f"/scenarios/{scenario.pk}/"
    dashboard = f"/scenarios/{scenario.pk}/dashboard/"

    client = Client(a)
    assert client.sign_in(user.email, PASSWORD).status == 302
    before = client.get(dashboard).text

    # The session made on A opens B.
    client.base = b
    assert client.get("/scenarios/").status == 200
    edit = {**SETTINGS, "name": "Edited on B", "living_monthly": "2222"}
    answer = client.post(f"{page}settings/", edit, **HX)
    assert answer.status == 200, answer.text[:500]
    assert Scenario.objects.get(pk=scenario.pk).living_monthly == Decimal(2222)

    # Every page on either instance (each of its two workers) shows the edit at once.
    seen = []
    for base in (a, b) * 4:
        client.base = base
        shown = client.get(page)
        assert shown.status == 200
        assert heading(shown.text) == "Edited on B"
        seen.append(client.get(dashboard).text)
    kpis = {dashboard_kpis(text) for text in seen}
    assert len(kpis) == 1
    assert kpis != {dashboard_kpis(before)}

    # Signing out on A ends the session on B.
    client.base = a
    assert client.post("/accounts/logout/").status == 302
    client.base = b
    assert client.get("/scenarios/").status == 302


def test_rate_limits_count_across_instances(servers):
    a, b = servers
    # tests/hardening/urls.py: three requests a minute per user, counted in fixed windows. If the
    # four requests straddle the end of the user's window (django-ratelimit's own reckoning, the
    # same clock as the servers'), the count starts again: try once more with a new user, whose
    # four requests cannot straddle another end within the minute.
    for attempt in range(2):
        user = User.objects.create_user(f"limited{attempt}@example.com", PASSWORD)
        client = Client(a)
        assert client.sign_in(user.email, PASSWORD).status == 302
        window = _get_window(str(user.pk), 60)
        statuses = []
        for base in (a, b, a, b):
            client.base = base
            statuses.append(client.get("/tests/tiny/").status)
        if _get_window(str(user.pk), 60) == window:
            break
    assert statuses == [200, 200, 200, 429]


def test_the_lock_out_holds_on_every_instance(servers):
    a, b = servers
    user = User.objects.create_user("guessed@example.com", PASSWORD)
    client = Client(a)
    # LOGIN_FAILURE_LIMIT's default, counted in the cache: failures alternate between instances.
    for attempt in range(5):
        client.base = (a, b)[attempt % 2]
        assert client.sign_in(user.email, "wrong").status == 200
    for base in (a, b):
        client.base = base
        refused = client.sign_in(user.email, PASSWORD)
        assert refused.status == 429
        assert "Too many failed sign-in attempts" in refused.text


def test_an_authenticator_code_is_accepted_once_on_any_instance(servers):
    a, b = servers
    user = User.objects.create_user("twofactor@example.com", PASSWORD)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    code = totp(secret)  # valid for this period and the ones either side (server_settings.py)

    first = Client(a)
    assert first.sign_in(user.email, PASSWORD).headers["Location"] == "/accounts/2fa/authenticate/"
    signed_in = first.post("/accounts/2fa/authenticate/", {"code": code})
    assert (signed_in.status, signed_in.headers["Location"]) == (302, "/scenarios/")

    # The same code again, on the other instance: refused, nobody signed in.
    second = Client(b)
    assert second.sign_in(user.email, PASSWORD).status == 302
    replayed = second.post("/accounts/2fa/authenticate/", {"code": code})
    assert replayed.status == 200
    assert second.get("/scenarios/").status == 302
