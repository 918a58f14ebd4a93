"""The shared report from the cache (issue 26): never stale, never another link's, always counted.

The report is kept whole as the scenario page is (ecareer/planning/page_cache.py), keyed by the
owner's scenario, the link and the language. Each edit below goes through the app's own views as
the owner makes it; the next view of the report must then equal a report rendered from nothing
(the whole cache emptied). Nonces are compared as placeholders.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecareer.planning.convert import create_scenario
from ecareer.planning.models import CostItem
from ecareer.sharing.models import ShareLink
from ecareer.starters import STARTERS, load_starter
from tests.planning.factories import COST, SETTINGS

pytestmark = pytest.mark.django_db

NONCES = re.compile(r'(\bnonce=")[^"]*')


@pytest.fixture
def scenario(owner):
    return create_scenario(owner, load_starter(STARTERS[0].slug))


@pytest.fixture
def link(scenario) -> ShareLink:
    return ShareLink.objects.create(scenario=scenario, label="for my bank")


def report(link: ShareLink, client: Client | None = None) -> str:
    response = (client or Client()).get(f"/r/{link.token}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    return NONCES.sub(r"\1NONCE", response.content.decode())


def fresh(link: ShareLink) -> str:
    """The report rendered from nothing: no page, projection or dashboard in the cache."""
    cache.clear()
    return report(link)


def test_a_second_view_comes_from_the_cache_and_equals_a_fresh_report(link, cached):
    first = report(link)
    with CaptureQueriesContext(connection) as queries:
        second = report(link)
    assert second == first
    assert len(cached) == 1  # rendered once
    # Loaded neither the items nor anything computed from them.
    assert not any(q["sql"].startswith('SELECT "planning_costitem"') for q in queries)
    assert second == fresh(link)


def test_every_view_is_counted_cached_or_not(link):
    for _ in range(3):
        report(link)
    link.refresh_from_db()
    assert link.view_count == 3
    assert link.last_viewed_at is not None


def _edit_cost(client: Client, scenario) -> None:
    item = CostItem.objects.filter(scenario=scenario).order_by("id").first()
    url = reverse("planning:item_edit", args=[scenario.pk, "costs", item.pk])
    response = client.post(url, {**COST, "name": "Standing desk", "amount": "321.00"})
    assert response.status_code == 302


def _edit_settings(client: Client, scenario) -> None:
    response = client.post(reverse("planning:settings", args=[scenario.pk]), SETTINGS)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("edit", "shown"), [(_edit_cost, "Standing desk"), (_edit_settings, "Second try")]
)
def test_an_owners_edit_shows_at_once(owner_client, scenario, link, cached, edit, shown):
    before = report(link)
    assert report(link) == before and len(cached) == 1
    edit(owner_client, scenario)
    after = report(link)
    assert len(cached) == 2  # rendered anew
    assert shown in after and shown not in before
    assert after == fresh(link)


def test_a_change_made_in_the_database_only_shows_at_once(scenario, link):
    before = report(link)
    CostItem.objects.filter(scenario=scenario).update(name="Changed in the database")
    after = report(link)
    assert "Changed in the database" in after and "Changed in the database" not in before


def test_each_link_has_its_own_report(scenario, link, cached):
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    with_amounts = report(link)
    without = report(hidden)
    assert len(cached) == 2
    assert "report-amounts-hidden" in without and "report-amounts-hidden" not in with_amounts
    assert f"/r/{link.token}/" in with_amounts and link.token not in without
    assert hidden.token not in with_amounts


def test_another_users_report_shows_nothing_of_the_first(other, link, cached):
    theirs = create_scenario(other, load_starter(STARTERS[0].slug), name="Their own plan")
    their_link = ShareLink.objects.create(scenario=theirs)
    mine = report(link)
    assert "Their own plan" in report(their_link)
    assert "Their own plan" not in mine and link.token not in report(their_link)


def test_a_revoked_or_expired_link_answers_404_though_its_report_is_cached(link):
    report(link)
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    assert Client().get(f"/r/{link.token}/").status_code == 404


def test_the_language_is_part_of_the_key(link):
    english = report(link, Client(headers={"Accept-Language": "en"}))
    german = report(link, Client(headers={"Accept-Language": "de"}))
    assert 'lang="en"' in english and 'lang="de"' in german


def test_a_cached_report_sets_no_csrf_cookie_and_carries_its_own_nonce(link):
    report(link)
    response = Client().get(f"/r/{link.token}/")
    assert "csrftoken" not in response.cookies
    nonces = set(re.findall(r'\bnonce="([^"]*)"', response.content.decode()))
    assert len(nonces) == 1
    (nonce,) = nonces
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    again = Client().get(f"/r/{link.token}/")
    assert nonce not in again.content.decode()  # each response its own


def test_a_query_string_renders_the_report_anew(link, cached):
    report(link)
    response = Client().get(f"/r/{link.token}/?print=1")
    assert response.status_code == 200
    assert len(cached) == 1


@pytest.mark.parametrize("hide_amounts", [False, True])
def test_each_part_of_the_report_is_in_the_visitors_language(scenario, hide_amounts):
    # A link that hides amounts renders its report as any view does; one that shows them keeps
    # its parts by the stamp. Either way a German visitor after an English one reads German.
    link = ShareLink.objects.create(scenario=scenario, hide_amounts=hide_amounts)
    english = report(link, Client(headers={"Accept-Language": "en"}))
    german = report(link, Client(headers={"Accept-Language": "de"}))
    assert "Assumptions behind the futures" in english
    assert "Annahmen hinter den Zukünften" in german
    assert "Assumptions behind the futures" not in german
    assert "Costs of the home office" not in german
