"""Per-user rate limits on the expensive endpoints: what-if preview, compare, import.

The limits come from WHAT_IF_RATE_LIMIT, COMPARE_RATE_LIMIT and IMPORT_RATE_LIMIT; here 2 an
hour, so the third request of a user gets 429 with "try again in N s" (a fragment for htmx).
"""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from ecareer.env import envrate
from tests.planning.factories import make_cost, make_income, make_scenario

LIMIT = 2


@pytest.fixture(autouse=True)
def tight_limits(settings, own_rate_limit_cache, still_clock):
    """Two requests an hour, counted in a local cache of these tests alone, with the clock held
    still (django-ratelimit counts in fixed windows: a test crossing into the next window would
    start counting afresh)."""
    settings.WHAT_IF_RATE_LIMIT = settings.COMPARE_RATE_LIMIT = f"{LIMIT}/h"
    settings.IMPORT_RATE_LIMIT = f"{LIMIT}/h"


@pytest.fixture
def scenarios(owner):
    plans = [make_scenario(owner, name) for name in ("Plan A", "Plan B")]
    for plan in plans:
        make_cost(plan)
        make_income(plan)
    return plans


def assert_refused(response, htmx: bool) -> None:
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 3600
    unit = "second" if seconds == 1 else "seconds"
    assert f"Too many requests: please try again in {seconds} {unit}." in response.text
    assert ("<html" in response.text) is not htmx
    assert "data-error-message" in response.text


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_what_if_previews_are_limited_per_user(
    owner_client, other, other_client, scenarios, hx, htmx
):
    url = f"/scenarios/{scenarios[0].pk}/dashboard/"
    headers = {**hx, "HX-Target": "dashboard-results"} if htmx else {}
    for price in range(LIMIT):
        preview = owner_client.get(
            url, {"price_pct": str(price * 5), "sick_days": ""}, headers=headers
        )
        assert preview.status_code == 200
    assert_refused(owner_client.get(url, {"price_pct": "10"}, headers=headers), htmx)
    # The dashboard without what-if values (refreshed after every edit) is not counted.
    assert owner_client.get(url, headers=hx).status_code == 200
    # Counted per user: another user's preview of their own plan still answers.
    own = make_scenario(other)
    other_url = f"/scenarios/{own.pk}/dashboard/"
    assert other_client.get(other_url, {"price_pct": "5"}, headers=headers).status_code == 200


def test_compare_is_limited_per_user(owner_client, scenarios, hx):
    ids = ",".join(str(plan.pk) for plan in scenarios)
    for _ in range(LIMIT):
        assert owner_client.get("/scenarios/compare/", {"ids": ids}).status_code == 200
    assert_refused(owner_client.get("/scenarios/compare/", {"ids": ids}), htmx=False)
    assert_refused(owner_client.get("/scenarios/compare/", {"ids": ids}, headers=hx), htmx=True)
    # Choosing (no ids yet) costs nothing and is never refused.
    assert owner_client.get("/scenarios/compare/").status_code == 200


def test_imports_are_limited_per_user_and_nothing_is_saved_when_refused(
    owner, owner_client, scenarios, hx
):
    exported = owner_client.get(f"/scenarios/{scenarios[0].pk}/export.json").content
    name = json.loads(exported)["scenario"]["name"] if b'"scenario"' in exported else None

    def upload(headers=None):
        file = SimpleUploadedFile("plan.json", exported, content_type="application/json")
        return owner_client.post("/scenarios/import/", {"file": file}, headers=headers or {})

    for _ in range(LIMIT):
        assert upload().status_code == 302
    count = owner.scenarios.count()
    assert_refused(upload(), htmx=False)
    assert_refused(upload(hx), htmx=True)
    assert owner.scenarios.count() == count == 2 + LIMIT
    assert name is None or owner.scenarios.filter(name__startswith=name).exists()


def test_the_limits_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("X_RATE", "5/10s")
    assert envrate("X_RATE", "30/m") == "5/10s"
    monkeypatch.delenv("X_RATE")
    assert envrate("X_RATE", "30/m") == "30/m"
    for bad in ("30", "0/m", "30/minute", "x/m", "3/0m"):
        monkeypatch.setenv("X_RATE", bad)
        with pytest.raises(ImproperlyConfigured, match="X_RATE"):
            envrate("X_RATE", "30/m")


# Issue 27, point 8: the what-if limit follows the computation, whichever URL asks for it.
WHAT_IF_URLS = {
    "dashboard": "/scenarios/{pk}/dashboard/",
    "scenario page": "/scenarios/{pk}/",
    "cash-flow table": "/scenarios/{pk}/table/cashflow/",
    "cushion table": "/scenarios/{pk}/table/cushion/",
}


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
@pytest.mark.parametrize("where", WHAT_IF_URLS)
def test_the_what_if_limit_holds_through_every_url(owner_client, scenarios, hx, htmx, where):
    url = WHAT_IF_URLS[where].format(pk=scenarios[0].pk)
    headers = hx if htmx else {}
    for price in range(1, LIMIT + 1):
        assert owner_client.get(url, {"price_pct": str(price)}, headers=headers).status_code == 200
    assert_refused(owner_client.get(url, {"sick_days": "30"}, headers=headers), htmx)
    # Without what-if values the same URL is not counted (the page, the refreshed tables).
    assert owner_client.get(url, headers=headers).status_code == 200


def test_one_count_for_all_what_if_urls(owner_client, scenarios):
    pk = scenarios[0].pk
    first, second, third = (WHAT_IF_URLS[w].format(pk=pk) for w in WHAT_IF_URLS if w != "dashboard")
    assert owner_client.get(first, {"price_pct": "5"}).status_code == 200
    assert owner_client.get(second, {"price_pct": "5"}).status_code == 200
    assert_refused(owner_client.get(third, {"price_pct": "5"}), False)
