"""Guided hints on the scenario page: shown until dismissed, remembered per user, no JS needed."""

import pytest

from ecareer.accounts.hints import HINTS
from tests.planning.factories import make_scenario


@pytest.fixture
def scenario(owner):
    return make_scenario(owner)


def test_a_new_user_sees_a_hint_on_each_part(owner_client, scenario):
    html = owner_client.get(scenario.get_absolute_url()).text
    for key in HINTS:
        assert f'id="hint-{key}"' in html


def test_dismiss_without_javascript_is_remembered(owner_client, owner, scenario):
    url = scenario.get_absolute_url()
    response = owner_client.post("/accounts/hints/costs/dismiss/", {"next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    owner.profile.refresh_from_db()
    assert owner.profile.dismissed_hints == ["costs"]
    html = owner_client.get(url).text
    assert 'id="hint-costs"' not in html
    assert 'id="hint-incomes"' in html


def test_dismiss_with_htmx_returns_nothing_to_swap_in(owner_client, owner, hx):
    response = owner_client.post("/accounts/hints/settings/dismiss/", headers=hx)
    assert response.status_code == 200
    assert response.content == b""
    owner.profile.refresh_from_db()
    assert owner.profile.dismissed_hints == ["settings"]


def test_hide_all(owner_client, owner, scenario, hx):
    response = owner_client.post("/accounts/hints/all/dismiss/", {"shown": "costs"}, headers=hx)
    assert 'id="hint-settings" hx-swap-oob="delete"' in response.text
    assert 'id="hint-costs"' not in response.text  # htmx swaps that one out as the target
    html = owner_client.get(scenario.get_absolute_url()).text
    assert 'class="hint"' not in html


def test_other_users_still_see_their_hints(owner_client, other_client, other):
    owner_client.post("/accounts/hints/all/dismiss/")
    theirs = make_scenario(other)
    assert 'class="hint"' in other_client.get(theirs.get_absolute_url()).text


def test_unknown_hint_is_404_and_get_is_refused(owner_client):
    assert owner_client.post("/accounts/hints/nope/dismiss/").status_code == 404
    assert owner_client.get("/accounts/hints/costs/dismiss/").status_code == 405


def test_signed_out_is_sent_to_sign_in(client, db):
    response = client.post("/accounts/hints/costs/dismiss/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_next_must_stay_on_the_site(owner_client):
    response = owner_client.post("/accounts/hints/costs/dismiss/", {"next": "https://evil.test/"})
    assert response["Location"] == "/scenarios/"


def test_landing_page_shows_the_example_charts_as_still_pictures(client, db):
    html = client.get("/").text
    assert 'id="example-cashflow-data"' in html and 'id="example-cushion-data"' in html
    assert '"staticPlot": true' in html
    assert "vendor/plotly.min.js" in html
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de").text
    assert "Onlineshop von zu Hause" in german


def test_hide_all_deletes_only_the_tips_still_on_the_page(owner_client, hx):
    owner_client.post("/accounts/hints/costs/dismiss/")
    response = owner_client.post("/accounts/hints/all/dismiss/", {"shown": "share"}, headers=hx)
    assert 'id="hint-costs"' not in response.text  # gone already: htmx would find no target
    assert 'id="hint-incomes" hx-swap-oob="delete"' in response.text
