"""Cache headers on money pages, the request size limit, htmx error fragments, rate limits."""

import http.client
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from ecareer.accounts.models import User
from ecareer.sharing.models import ShareLink
from tests.conftest import PASSWORD
from tests.planning.factories import SETTINGS, make_cost, make_income, make_scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rate_limit_cache")]
MB = 1024 * 1024


@pytest.fixture
def scenario(owner):
    scenario = make_scenario(owner)
    make_cost(scenario)
    make_income(scenario)
    return scenario


def test_money_pages_and_downloads_are_never_stored(owner_client, owner, scenario, hx):
    second = make_scenario(owner, "Plan B")
    for url in [
        "/scenarios/",
        f"/scenarios/{scenario.pk}/",
        f"/scenarios/{scenario.pk}/dashboard/",
        f"/scenarios/{scenario.pk}/export.json",
        f"/scenarios/{scenario.pk}/projection.csv",
        f"/scenarios/compare/?ids={scenario.pk},{second.pk}",
        "/accounts/profile/",
    ]:
        response = owner_client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
    fragment = owner_client.get(f"/scenarios/{scenario.pk}/settings/", headers=hx)
    assert fragment["Cache-Control"] == "private, no-store"


def test_the_shared_report_is_never_stored(client, scenario):
    link = ShareLink.objects.create(scenario=scenario)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/r/" + "x" * 32 + "/")["Cache-Control"] == "private, no-store"


def test_a_views_own_cache_header_is_kept(owner_client):
    # /healthz says never_cache itself; the middleware adds nothing over it.
    response = owner_client.get("/healthz")
    assert "no-store" not in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_a_20_mb_body_is_refused_with_a_message(owner_client, hx):
    body = b"x" * (20 * MB)
    response = owner_client.generic("POST", "/scenarios/import/", body, "application/json")
    assert response.status_code == 413
    assert "The request is too large: at most 3.0 MB can be sent at once." in response.text
    fragment = owner_client.generic(
        "POST", "/scenarios/import/", body, "application/json", headers=hx
    )
    assert fragment.status_code == 413
    assert "<html" not in fragment.text and "data-error-message" in fragment.text


def test_a_body_just_under_the_limit_reaches_the_view(owner_client):
    # The view's own check answers (not valid form data), not the size limit.
    response = owner_client.generic(
        "POST", "/scenarios/import/", b"x" * (3 * MB - 1000), "application/octet-stream"
    )
    assert response.status_code != 413


@pytest.mark.django_db(transaction=True)
def test_an_oversize_body_is_refused_before_it_is_sent(live_server):
    # Only the headers go out: the answer comes without a byte of the 20 MB body.
    host = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    try:
        connection.putrequest("POST", "/scenarios/import/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(20 * MB))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert b"too large" in response.read()
    finally:
        connection.close()


def test_a_404_to_htmx_is_a_small_message_for_the_status_area(owner_client, scenario, hx):
    url = f"/scenarios/{scenario.pk}/settings/"
    scenario.delete()
    response = owner_client.post(url, SETTINGS, headers=hx)
    assert response.status_code == 404
    assert "<html" not in response.text and "<body" not in response.text
    assert len(response.text) < 400
    assert "data-error-message" in response.text
    assert "it may have been deleted in another tab" in response.text
    assert response["HX-Retarget"] == "#messages"
    assert response["HX-Reswap"] == "innerHTML"
    # Without htmx it stays the full 404 page.
    page = owner_client.post(url, SETTINGS)
    assert page.status_code == 404 and "<html" in page.text


def test_another_users_scenario_is_the_same_404_fragment(other_client, scenario, hx):
    response = other_client.get(f"/scenarios/{scenario.pk}/settings/", headers=hx)
    assert response.status_code == 404 and "<html" not in response.text


@pytest.mark.urls("tests.hardening.urls")
def test_a_500_to_htmx_is_a_small_message(owner, hx):
    client = Client(raise_request_exception=False)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/tests/broken/", headers=hx)
    assert response.status_code == 500
    assert "<html" not in response.text and "data-error-message" in response.text
    page = client.get("/tests/broken/")
    assert page.status_code == 500 and "<html" in page.text


@pytest.mark.urls("tests.hardening.urls")
def test_the_rate_limit_answers_429_with_when_to_try_again(
    still_clock, owner_client, other_client, hx
):
    for _ in range(3):
        assert owner_client.get("/tests/tiny/").status_code == 200
    refused = owner_client.get("/tests/tiny/")
    assert refused.status_code == 429
    seconds = int(refused["Retry-After"])
    assert 1 <= seconds <= 60
    unit = "second" if seconds == 1 else "seconds"
    assert f"Too many requests: please try again in {seconds} {unit}." in refused.text
    assert "<html" in refused.text
    fragment = owner_client.get("/tests/tiny/", headers=hx)
    assert fragment.status_code == 429
    assert "<html" not in fragment.text and "data-error-message" in fragment.text
    # Counted per user: another user is not held back.
    assert other_client.get("/tests/tiny/").status_code == 200
    # A minute later the next window has begun: answered again.
    still_clock.shift(60)
    assert owner_client.get("/tests/tiny/").status_code == 200


@pytest.mark.urls("tests.hardening.urls")
def test_the_rate_limit_message_in_german(still_clock, owner, hx):
    owner.profile.language = "de"
    owner.profile.save()
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(3):
        client.get("/tests/tiny/")
    refused = client.get("/tests/tiny/", headers=hx)
    assert refused.status_code == 429
    assert re.search(
        r"Zu viele Anfragen: Bitte versuchen Sie es in \d+ Sekunden? noch", refused.text
    )


@pytest.mark.urls("tests.hardening.urls")
def test_the_rate_limit_counts_signed_out_clients_by_address(still_clock, db):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert client.get("/tests/tiny/").status_code == 200
    assert client.get("/tests/tiny/").status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.8").get("/tests/tiny/").status_code == 200


def test_debug_pages_load_htmx_without_django_htmx_debug_script(client, settings):
    settings.DEBUG = True
    response = client.get("/accounts/login/")
    assert "django_htmx/htmx-2.min.js" in response.text
    assert "django-htmx.js" not in response.text


def test_signed_out_landing_page_is_left_to_the_browser(client):
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_sign_in_still_works_with_the_middleware(db):
    User.objects.create_user("someone@example.com", PASSWORD)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "someone@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_the_reports_csp_lets_no_data_leave_the_site(client, scenario):
    link = ShareLink.objects.create(scenario=scenario)
    policy = client.get(link.get_absolute_url())["Content-Security-Policy"]
    assert "connect-src 'self'" in policy
    assert "form-action 'self'" in policy
    assert "default-src 'self'" in policy
