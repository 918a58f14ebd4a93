"""Shared fixtures: three users (owner, other, signed out) and a real Chromium (Playwright)."""

import os
import shutil
import time

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.test import Client
from django.utils import translation

from ecareer.accounts.models import User

PASSWORD = "correct horse battery staple 42"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: allauth counts rate limits there; and without the
    parts of pages this process keeps of its own (ecareer/planning/fragments.py)."""
    from ecareer.planning import fragments

    cache.clear()
    fragments.forget()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a German request before leaves its thread in
    German (LocaleMiddleware activates a language and does not take it back)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def still_clock():
    """The clock held still at the present for the test (time-machine): django-ratelimit counts
    in fixed windows numbered from int(time.time()), so a loop of slow requests that crossed into
    the next window would start counting afresh. shift(seconds) moves the still clock on."""
    with time_machine.travel(time.time(), tick=False) as clock:
        yield clock


@pytest.fixture
def own_rate_limit_cache(settings):
    """Rate-limit counts in a local cache of this test's own, empty at its start (the default
    cache may be a Redis other runs share, which is never flushed here)."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit-tests": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit-tests",
        },
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit-tests"
    caches["ratelimit-tests"].clear()


def assert_limited_per_minute(client, url: str, limit: int, clock, headers) -> None:
    """`limit` GETs a minute answer 200, the next 429 with when to retry (1-60 s); a minute on
    (`clock`: the `still_clock` fixture, so all fall into one of the limit's fixed windows) the
    next is answered again."""
    for _ in range(limit):
        assert client.get(url, headers=headers).status_code == 200
    refused = client.get(url, headers=headers)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    clock.shift(60)
    assert client.get(url, headers=headers).status_code == 200


@pytest.fixture(scope="session", autouse=True)
def _no_keys_left():
    """A shared Redis keeps none of the run's keys afterwards (clear() is scoped to the run)."""
    yield
    cache.clear()


@pytest.fixture(scope="session")
def cache_table(django_db_setup, django_db_blocker) -> None:
    """The database cache's table in the test database, for the gunicorn instances of
    tests/servers that run without Redis on production's default cache (this process caches in
    its memory: tests/settings.py)."""
    from tests.servers.live import create_cache_table

    with django_db_blocker.unblock():
        create_cache_table()


@pytest.fixture
def owner(db) -> User:
    """The user who owns the objects under test."""
    return User.objects.create_user("owner@example.com", PASSWORD)


@pytest.fixture
def other(db) -> User:
    """A signed-in user with no access to the owner's objects."""
    return User.objects.create_user("other@example.com", PASSWORD)


@pytest.fixture
def hx() -> dict[str, str]:
    """The headers of an htmx request: `client.get(url, headers=hx)`."""
    return {"HX-Request": "true"}


@pytest.fixture
def owner_client(owner) -> Client:
    """A test client signed in as the owner."""
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def other_client(other) -> Client:
    """A test client signed in as the other user."""
    client = Client()
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session; missing Chromium is an error, not a skip."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls made there are
    # still synchronous, so Django's async-safety guard would be a false alarm.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def task_worker(live_server):
    """A queue worker beside the live server (in a thread of this process, on the same
    database), for the pages that wait for a computation."""
    from tests.worker import WorkerThread

    thread = WorkerThread()
    thread.start()
    yield thread
    thread.stop()


def computed(client, url: str, params=None, headers=None):
    """GET `url`; when the answer is a computation's progress, run the queued tasks (the
    worker) and ask again as the page does. The answer with the result."""
    from tests.worker import run_queued

    response = client.get(url, params or {}, headers=headers or {})
    if response.status_code == 200 and b"data-job-progress" in response.content:
        run_queued()
        response = client.get(url, params or {}, headers=headers or {})
    return response


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context and page; fails the test on any console error or CSP violation."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.console_problems = problems
    yield page
    context.close()
    assert not problems, f"browser console errors: {problems}"


@pytest.fixture
def cached(monkeypatch) -> list[str]:
    """The HTML of every page the page cache stores during the test (scenario page, report)."""
    from ecareer.planning import page_cache
    from ecareer.precompressed import StitchedPage

    pages: list[str] = []

    class Recorded(StitchedPage):
        @classmethod
        def of(cls, html, stand_ins, content_type, lengths=None, **options):
            pages.append(html)
            return StitchedPage.of(html, stand_ins, content_type, lengths, **options)

    monkeypatch.setattr(page_cache, "StitchedPage", Recorded)
    return pages
