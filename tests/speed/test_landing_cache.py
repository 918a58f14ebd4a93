"""The signed-out landing page builds its example charts once per language, then uses the cache."""

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

from ecareer.views import example_version

MARKER = "<p>example section from the cache</p>"


def fragment_key(language: str) -> str:
    return make_template_fragment_key("landing-example", [language, example_version()])


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_each_language_gets_its_own_cached_example(client, db, empty_cache):
    german = client.get("/", headers={"accept-language": "de"}).text
    english = client.get("/", headers={"accept-language": "en"}).text
    assert "Onlineshop von zu Hause" in german and "Monatlicher Cashflow" in german
    assert "Online shop from home" in english and "Monthly cash flow" in english
    assert "Onlineshop von zu Hause" in cache.get(fragment_key("de"))
    assert "Online shop from home" in cache.get(fragment_key("en"))
    # Each language answers from its own entry, not the other's.
    assert "Onlineshop" not in client.get("/", headers={"accept-language": "en"}).text
    assert "Online shop from home" not in client.get("/", headers={"accept-language": "de"}).text


def test_second_request_uses_the_cache_and_builds_nothing(client, db, empty_cache):
    client.get("/", headers={"accept-language": "de"})
    # What the cache holds is what the next visitor gets: had the view built the charts again,
    # their data would be on the page instead of the marker.
    cache.set(fragment_key("de"), MARKER)
    html = client.get("/", headers={"accept-language": "de"}).text
    assert MARKER in html
    assert "example-cashflow-data" not in html
    # The other language was never built, so it is built now, not taken from German's entry.
    english = client.get("/", headers={"accept-language": "en"}).text
    assert MARKER not in english and "example-cashflow-data" in english


def test_a_signed_in_visitor_is_still_sent_on(owner_client):
    response = owner_client.get("/")
    assert response.status_code == 302 and response["Location"] == "/scenarios/"
