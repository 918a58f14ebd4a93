"""Messages reach the page once: out of band on an htmx fragment, or on the next full page."""

import pytest
from django.urls import reverse

from tests.html import parse
from tests.planning.factories import make_income, make_scenario

SAVED = "The what-if values are saved in the scenario."


@pytest.fixture
def scenario(owner):
    scenario = make_scenario(owner)
    make_income(scenario)
    return scenario


def test_an_htmx_fragment_carries_its_message_out_of_band_once(owner_client, scenario, hx):
    url = reverse("planning:what_if_save", args=[scenario.pk])
    response = owner_client.post(url, {"price_pct": "10"}, headers=hx)
    status = parse(response.content).by_id("messages")
    assert status.attrs["hx-swap-oob"] == "innerHTML"
    assert [p.text for p in status.find_all("p", class_="message-success")] == [SAVED]
    page = parse(owner_client.get(scenario.get_absolute_url()).content)
    assert page.by_id("messages").text == ""  # shown once, not again on the next page


def test_without_htmx_the_next_page_shows_it(owner_client, scenario):
    url = reverse("planning:what_if_save", args=[scenario.pk])
    response = owner_client.post(url, {"price_pct": "10"})
    assert response.status_code == 302
    page = parse(owner_client.get(response["Location"]).content)
    assert page.by_id("messages").text == SAVED


def test_a_client_redirect_leaves_the_message_for_the_next_page(owner_client, scenario, hx):
    url = reverse("planning:duplicate", args=[scenario.pk])
    response = owner_client.post(url, {"name": "Plan C"}, headers=hx)
    assert "HX-Redirect" in response
    assert b'id="messages"' not in response.content
    page = parse(owner_client.get(response["HX-Redirect"]).content)
    assert page.by_id("messages").text == "Copied as “Plan C”."


def test_a_fragment_without_messages_gets_no_status_area(owner_client, scenario, hx):
    response = owner_client.get(reverse("planning:dashboard", args=[scenario.pk]), headers=hx)
    assert parse(response.content).find(id_="messages") is None
