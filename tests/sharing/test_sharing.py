"""Share links: owner-only management, one 404 for every unusable token, the read-only report."""

import re
import secrets
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from ecareer.planning.convert import create_scenario
from ecareer.planning.models import Scenario
from ecareer.sharing.models import ShareLink, token_digest
from ecareer.starters import STARTERS, load_starter
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(owner) -> Scenario:
    return create_scenario(owner, load_starter(STARTERS[0].slug))


@pytest.fixture
def link(scenario) -> ShareLink:
    return ShareLink.objects.create(scenario=scenario, label="for my bank")


# --- managing links -------------------------------------------------------------------


def test_owner_creates_link_with_htmx(owner_client, scenario, hx):
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/share/",
        {"label": "for my bank", "expires_on": "", "hide_amounts": "on"},
        headers=hx,
    )
    assert response.status_code == 200
    assert "hx-Trigger" not in response  # no event that nothing listens to
    link = ShareLink.objects.get()
    assert (link.label, link.hide_amounts, link.expires_on) == ("for my bank", True, None)
    assert 'id="share"' in response.text
    assert f"/r/{link.token}/" in response.text
    assert "<html" not in response.text


def test_owner_creates_link_without_js(owner_client, scenario):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/share/", {"label": "", "expires_on": tomorrow.isoformat()}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/scenarios/{scenario.pk}/#share"
    assert ShareLink.objects.get().expires_on == tomorrow


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"expires_on": "2001-01-01"}, "must not be in the past"),
        ({"expires_on": "tomorrow"}, "Enter a valid date"),
        ({"label": "x" * 121}, "at most 120 characters"),
    ],
)
def test_bad_link_input_shows_message_and_saves_nothing(owner_client, scenario, data, message, hx):
    response = owner_client.post(f"/scenarios/{scenario.pk}/share/", data, headers=hx)
    assert response.status_code == 422
    assert message in response.text
    assert not ShareLink.objects.exists()


def test_owner_lists_links(owner_client, scenario, link, hx):
    link.count_view()
    response = owner_client.get(f"/scenarios/{scenario.pk}/share/", headers=hx)
    assert response.status_code == 200
    assert "for my bank" in response.text
    row = re.search(rf'<tr id="share-link-{link.pk}".*?</tr>', response.text, re.S)[0]
    assert '<td class="num">1</td>' in row


def test_owner_revokes_link(owner_client, scenario, link, hx):
    response = owner_client.post(f"/scenarios/{scenario.pk}/share/{link.pk}/revoke/", headers=hx)
    assert response.status_code == 200
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "revoked" in response.text
    assert Client().get(f"/r/{link.token}/").status_code == 404


def test_other_users_link_id_under_own_scenario_is_404(owner_client, other, link):
    own = create_scenario(other, load_starter(STARTERS[1].slug))
    client = Client()
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(f"/scenarios/{own.pk}/share/{link.pk}/revoke/")
    assert response.status_code == 404


def test_signed_out_cannot_manage(client, scenario, link):
    response = client.post(f"/scenarios/{scenario.pk}/share/", {"label": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- tokens ----------------------------------------------------------------------------


def test_tokens_are_long_unique_and_url_safe(scenario):
    links = [ShareLink.objects.create(scenario=scenario) for _ in range(20)]
    tokens = {link.token for link in links}
    assert len(tokens) == 20
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)  # 24 random bytes = 192 bits
    assert all(link.token_sha256 == token_digest(link.token) for link in links)


def test_revoked_expired_and_unknown_tokens_get_the_same_404(client, scenario):
    revoked = ShareLink.objects.create(scenario=scenario, revoked_at=timezone.now())
    expired = ShareLink.objects.create(
        scenario=scenario, expires_on=timezone.localdate() - timedelta(days=1)
    )
    answers = [
        client.get(f"/r/{token}/")
        for token in (revoked.token, expired.token, secrets.token_urlsafe(24), "short", "a" * 200)
    ]
    assert {a.status_code for a in answers} == {404}
    bodies = {re.sub(r"nonce-[^']+|nonce=\"[^\"]+\"", "", a.text) for a in answers}
    assert len(bodies) == 1
    assert "This report is not available" in answers[0].text


def test_link_expiring_today_still_works(client, scenario):
    link = ShareLink.objects.create(scenario=scenario, expires_on=timezone.localdate())
    assert client.get(f"/r/{link.token}/").status_code == 200


def test_deleting_the_scenario_ends_its_links(client, scenario, link):
    scenario.delete()
    assert client.get(f"/r/{link.token}/").status_code == 404


# --- the report ------------------------------------------------------------------------


def test_report_is_read_only_and_shows_nothing_of_the_account(client, owner, scenario, link):
    response = client.get(f"/r/{link.token}/")
    assert response.status_code == 200
    html = response.text
    assert scenario.name in html
    assert owner.email not in html
    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "hx-post" not in html
    assert "/accounts/" not in html
    assert "Desk" in html or scenario.costs.first().name in html


def test_report_headers(client, link):
    response = client.get(f"/r/{link.token}/")
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"].startswith("private")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-eval" not in csp
    # charts.js prefetches plotly.js's text here, to run it with this page's nonce if the reader
    # prints first (js/charts.js): its tag carries the nonce the policy allows.
    nonce = re.search(r"script-src [^;]*'nonce-([^']+)'", csp).group(1)
    assert re.search(
        r'<script src="/static/js/charts\.js" defer data-plotly="/static/vendor/plotly\.min\.js"'
        rf' data-plotly-prefetch nonce="{re.escape(nonce)}"></script>',
        response.text,
    )


def test_report_follows_the_scenario_live(client, scenario, link):
    client.get(f"/r/{link.token}/")
    Scenario.objects.filter(pk=scenario.pk).update(name="Renamed plan")
    assert "Renamed plan" in client.get(f"/r/{link.token}/").text


def test_hide_amounts_leaves_no_currency_amount(client, owner, scenario):
    link = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    html = client.get(f"/r/{link.token}/").text
    assert not re.search(r"€\s?-?\d|\d\s?€|EUR\s?-?\d", html)
    shown = ShareLink.objects.create(scenario=scenario)
    assert re.search(r"€\s?-?\d", client.get(f"/r/{shown.token}/").text)


def test_views_are_counted(client, link):
    for _ in range(3):
        client.get(f"/r/{link.token}/")
    link.refresh_from_db()
    assert link.view_count == 3
    assert link.last_viewed_at is not None


@pytest.mark.django_db(transaction=True)
def test_views_are_counted_under_20_concurrent_requests(owner):
    scenario = create_scenario(owner, load_starter(STARTERS[0].slug))
    link = ShareLink.objects.create(scenario=scenario)
    Client().get(f"/r/{link.token}/")  # warm the projection cache
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def view():
        barrier.wait()
        try:
            statuses.append(Client().get(f"/r/{link.token}/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=view) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 20
    link.refresh_from_db()
    assert link.view_count == 21


def test_hide_amounts_hides_the_notes_too(client, scenario):
    # Issue 27, point 7: notes are free text and name amounts; with the shown price change
    # they would give the hidden required rate away.
    Scenario.objects.filter(pk=scenario.pk).update(notes="Needs EUR 18.50 an hour to work")
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    assert "18.50" not in client.get(f"/r/{hidden.token}/").text
    shown = ShareLink.objects.create(scenario=scenario)
    assert "Needs EUR 18.50 an hour to work" in client.get(f"/r/{shown.token}/").text


def test_the_share_form_says_hiding_amounts_hides_the_notes(owner_client, scenario):
    page = parse(owner_client.get(f"/scenarios/{scenario.pk}/").text)
    checkbox = page.by_id("share").find("input", type="checkbox")
    help_text = page.by_id(checkbox.attrs["aria-describedby"]).text
    assert "no money amounts, and not the scenario’s notes" in help_text.replace("'", "’")
