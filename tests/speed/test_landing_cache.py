"""The signed-out landing page: cached per language, with each visitor's own CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.test import Client

from ecareer.precompressed import StitchedPage
from ecareer.views import CSRF_STAND_IN, NONCE_STAND_IN, landing_cache_key, landing_version

PAGE_MARKER = f"<!doctype html><p>page from the cache</p><i>{CSRF_STAND_IN}</i>"
SECTION_MARKER = "<p>example section from the cache</p>"


def cached_text(language: str) -> str:
    """The landing page's fixed text as cached (the stand-ins cut out)."""
    return b"|".join(cache.get(landing_cache_key(language)).texts()).decode()


def cache_marker_page(language: str) -> None:
    stand_ins = (CSRF_STAND_IN, NONCE_STAND_IN)
    page = StitchedPage.of(PAGE_MARKER, stand_ins, "text/html; charset=utf-8")
    cache.set(landing_cache_key(language), page)


def csrf_in(html: str) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', html)[1]


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_each_language_gets_its_own_cached_page(client, db, empty_cache):
    german = client.get("/", headers={"accept-language": "de"}).text
    english = client.get("/", headers={"accept-language": "en"}).text
    assert '<html lang="de">' in german and "Onlineshop von zu Hause" in german
    assert '<html lang="en">' in english and "Online shop from home" in english
    assert "Onlineshop von zu Hause" in cached_text("de")
    assert "Online shop from home" in cached_text("en")
    # Each language answers from its own entry, not the other's.
    again = client.get("/", headers={"accept-language": "en"}).text
    assert '<html lang="en">' in again and "Onlineshop" not in again
    again = client.get("/", headers={"accept-language": "de"}).text
    assert '<html lang="de">' in again and "Online shop from home" not in again


def test_second_request_is_the_cached_page_with_this_visitors_token(client, db, empty_cache):
    client.get("/", headers={"accept-language": "de"})
    # What the cache holds is what the next visitor gets: had the view rendered the page or
    # built the charts again, they would be in the answer instead of the marker.
    cache_marker_page("de")
    html = client.get("/", headers={"accept-language": "de"}).text
    assert html.startswith("<!doctype html><p>page from the cache</p>")
    assert CSRF_STAND_IN not in html and re.fullmatch(r"<i>[A-Za-z0-9]{64}</i>", html[-71:])
    # The other language was never built, so it is built now, not taken from German's entry.
    english = client.get("/", headers={"accept-language": "en"}).text
    assert "page from the cache" not in english and "example-cashflow-data" in english


def test_cached_page_carries_a_working_csrf_token_per_visitor(db, empty_cache):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = csrf_in(first.get("/").text)
    second_token = csrf_in(second.get("/").text)
    assert CSRF_STAND_IN not in (first_token, second_token) and first_token != second_token
    response = second.post(
        "/i18n/setlang/", {"language": "de", "next": "/"}, headers={"x-csrftoken": second_token}
    )
    assert response.status_code == 302  # accepted; a stale or foreign token would be a 403


def test_cached_page_carries_the_nonce_of_its_own_header(client, db, empty_cache):
    nonces = []
    for _ in range(3):  # the first fills the cache, the others come from it
        response = client.get("/")
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        tags = re.findall(r'<script[^>]* nonce="([^"]+)"', response.text)
        assert tags and set(tags) == {header}
        nonces.append(header)
    assert len(set(nonces)) == 3 and NONCE_STAND_IN not in nonces
    assert cache.get(landing_cache_key("en")).stand_ins == (
        NONCE_STAND_IN,
        CSRF_STAND_IN,  # the header's language switch
        CSRF_STAND_IN,
        CSRF_STAND_IN,
    )


def test_query_string_renders_anew_around_the_cached_example(client, db, empty_cache):
    client.get("/")
    cache_marker_page("en")
    fragment = make_template_fragment_key("landing-example", ["en", landing_version()])
    cache.set(fragment, SECTION_MARKER)
    html = client.get("/?ref=newsletter", headers={"accept-language": "en"}).text
    assert "page from the cache" not in html
    assert 'name="next" type="hidden" value="/?ref=newsletter"' in html
    assert SECTION_MARKER in html and "example-cashflow-data" not in html


def test_a_message_for_this_visitor_is_shown_not_the_cached_page(owner_client, empty_cache):
    Client().get("/")  # someone else filled the cache
    owner_client.post(
        "/accounts/profile/", {"display_name": "Anna", "currency": "EUR", "language": "en"}
    )
    owner_client.post("/accounts/logout/")  # the message waits in its cookie
    html = owner_client.get("/").text
    assert "Your profile has been saved." in html
    assert "Your profile has been saved." not in owner_client.get("/").text  # shown once


def test_a_signed_in_visitor_is_still_sent_on(owner_client):
    response = owner_client.get("/")
    assert response.status_code == 302 and response["Location"] == "/scenarios/"
