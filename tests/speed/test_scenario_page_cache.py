"""The signed-in scenario page from the cache: never stale, never another request's or user's.

Each edit below goes through the app's own view, as a user makes it; the next plain view of the
page must then equal a page rendered from nothing (the whole cache emptied), and differ from the
page before the edit. Tokens and nonces are compared as placeholders.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecareer.accounts.models import Profile
from ecareer.planning import page_cache
from ecareer.planning.models import CostItem, IncomeStream
from tests.planning.factories import (
    COST,
    INCOME,
    RESERVE,
    RISKS,
    SETTINGS,
    TAX,
    make_scenario,
)

TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*|("X-CSRFToken": ")[^"]*')
NONCES = re.compile(r'(\bnonce=")[^"]*')


def normalised(html: str) -> str:
    """The page with every CSRF token and nonce replaced by a placeholder."""
    return NONCES.sub(r"\1NONCE", TOKENS.sub(r"\1\2TOKEN", html))


def view(client: Client, scenario) -> str:
    response = client.get(reverse("planning:detail", args=[scenario.pk]))
    assert response.status_code == 200
    return response.content.decode()


def fresh(client: Client, scenario) -> str:
    """The page rendered from nothing: no page, table, projection or dashboard in the cache."""
    from django.core.cache import cache

    cache.clear()
    return view(client, scenario)


def url(name: str, scenario, *args) -> str:
    return reverse(f"planning:{name}", args=[scenario.pk, *args])


def _cost(scenario):
    return CostItem.objects.get(scenario=scenario)


def _income(scenario):
    return IncomeStream.objects.get(scenario=scenario)


# Each edit as the app's views make it: (what it posts, a text the page shows afterwards).
EDITS = {
    "item edited": lambda c, s: (
        c.post(url("item_edit", s, "costs", _cost(s).pk), {**COST, "name": "Standing desk"}),
        "Standing desk",
    ),
    "item added": lambda c, s: (
        c.post(url("item_new", s, "incomes"), {**INCOME, "name": "Translations"}),
        "Translations",
    ),
    "item deleted": lambda c, s: (c.post(url("item_delete", s, "costs", _cost(s).pk)), None),
    "settings": lambda c, s: (c.post(url("settings", s), SETTINGS), "Second try"),
    "reserve": lambda c, s: (c.post(url("reserve", s), RESERVE), "5,000.00"),
    "risks": lambda c, s: (c.post(url("risks", s), RISKS), None),
    "tax": lambda c, s: (c.post(url("tax", s), TAX), "Germany"),
    "what-if saved": lambda c, s: (c.post(url("what_if_save", s), {"price_pct": "10"}), "20.35"),
    "answer used": lambda c, s: (
        c.post(url("decision_use", s), {"what": "starting_balance", "value": "12345.00"}),
        "12,345.00",
    ),
    "renamed": lambda c, s: (c.post(url("rename", s), {"name": "Renamed plan"}), "Renamed plan"),
    "share link": lambda c, s: (
        c.post(reverse("sharing:links", args=[s.pk]), {"label": "for the bank"}),
        "for the bank",
    ),
    "hint hidden": lambda c, s: (c.post(reverse("dismiss_hint", args=["all"])), None),
    "changed in the database only": lambda c, s: (
        CostItem.objects.filter(scenario=s).update(amount="77.00"),  # no version, no timestamp
        "77.00",
    ),
    "display name": lambda c, s: (
        Profile.objects.filter(user=s.user).update(display_name="Ada L."),
        "Ada L.",
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_shows_at_once_and_equals_a_fresh_page(owner_client, scenario, cached, edit):
    before = view(owner_client, scenario)
    assert normalised(view(owner_client, scenario)) == normalised(before)  # from the cache
    assert len(cached) == 1
    response, shown = EDITS[edit](owner_client, scenario)
    assert getattr(response, "status_code", 302) in (200, 302)
    list(get_messages_of(owner_client))  # a message the edit left is shown once; see below
    after = view(owner_client, scenario)
    assert normalised(after) != normalised(before)
    if shown is not None:
        assert shown in after and shown not in before
    assert normalised(after) == normalised(fresh(owner_client, scenario))


def get_messages_of(client: Client):
    """Show (and so use up) a message the edit left, on the scenario list."""
    response = client.get(reverse("planning:list"))
    return get_messages(response.wsgi_request)


def test_use_this_then_undo_shows_the_old_value_again(owner_client, scenario):
    first = view(owner_client, scenario)
    owner_client.post(url("decision_use", scenario), {"what": "living_costs", "value": "650.00"})
    get_messages_of(owner_client)
    used = view(owner_client, scenario)
    assert "650.00" in used and 'id="decisions-undo"' in used
    owner_client.post(url("decision_undo", scenario))
    get_messages_of(owner_client)
    undone = view(owner_client, scenario)
    assert "650.00" not in undone and 'id="decisions-undo"' not in undone
    assert normalised(undone) == normalised(first)


def test_a_plain_view_from_the_cache_loads_no_item(owner_client, scenario):
    view(owner_client, scenario)
    with CaptureQueriesContext(connection) as queries:
        view(owner_client, scenario)
    sql = [query["sql"] for query in queries.captured_queries]
    assert len(sql) <= 4, sql  # session, user, language, and the one stamp
    assert not any('"planning_costitem"."name"' in q for q in sql)


def test_a_message_is_shown_once_and_never_cached(owner_client, scenario, cached):
    view(owner_client, scenario)  # the page is in the cache
    response = owner_client.post(url("what_if_save", scenario), {"price_pct": "10"})
    assert response.status_code == 302
    with_message = view(owner_client, scenario)
    assert "The what-if values are saved in the scenario." in with_message
    again = view(owner_client, scenario)
    assert "The what-if values are saved" not in again
    assert normalised(view(owner_client, scenario)) == normalised(again)
    assert cached and not any("The what-if values are saved" in html for html in cached)
    assert not any('class="message message-success"' in html for html in cached)


def test_cached_html_holds_only_stand_ins(owner_client, scenario, cached):
    view(owner_client, scenario)
    (html,) = cached
    (csrf,) = set(re.findall(page_cache.CSRF_STAND_IN + r"[0-9a-f]{32}", html))
    (nonce,) = set(re.findall(page_cache.NONCE_STAND_IN + r"[0-9a-f]{32}", html))
    assert page_cache.only_stand_ins(html, csrf, nonce)
    assert html.count(csrf) >= 5  # header, rows, forms, footer


def test_text_that_looks_like_a_stand_in_stays_as_typed(owner_client, scenario):
    name = f"{page_cache.CSRF_STAND_IN}x {page_cache.NONCE_STAND_IN}y"
    scenario.name = name
    scenario.save()
    view(owner_client, scenario)
    assert name in view(owner_client, scenario)  # from the cache, not replaced by a token


def test_each_response_carries_its_own_working_token_and_nonce(owner, scenario):
    clients = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens, nonces = [], []
    for client in clients:
        client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
        for _ in range(2):  # the second comes from the cache
            response = client.get(url("detail", scenario))
            html = response.content.decode()
            assert page_cache.CSRF_STAND_IN not in html and page_cache.NONCE_STAND_IN not in html
            (nonce,) = set(re.findall(r'\bnonce="([^"]+)"', html))
            assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
            nonces.append(nonce)
            tokens.append(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(set(nonces)) == 4
    # Each page's tokens work for its own client (a foreign token would be a 403).
    for client, page_tokens in zip(clients, tokens[1::2], strict=True):
        data = {"language": "en", "next": "/", "csrfmiddlewaretoken": page_tokens[-1]}
        assert client.post(reverse("set_language"), data).status_code == 302
    foreign = {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[3][-1]}
    assert clients[0].post(reverse("set_language"), foreign).status_code == 403


def test_another_user_gets_404_from_a_cached_page(owner_client, other_client, scenario):
    view(owner_client, scenario)
    view(owner_client, scenario)
    assert other_client.get(url("detail", scenario)).status_code == 404
    assert Client().get(url("detail", scenario)).status_code == 302  # to the sign-in page


def test_another_users_own_page_shows_nothing_of_the_owner(owner_client, other, scenario):
    view(owner_client, scenario)
    theirs = make_scenario(other, name="Other plan")
    client = Client()
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    html = view(client, theirs)
    assert "Other plan" in html and "owner@example.com" not in html
    assert "Internet share" not in html and "other@example.com" in html


def test_the_language_switch_shows_the_other_language(owner_client, scenario):
    assert "Cost items" in view(owner_client, scenario)
    owner_client.post(reverse("set_language"), {"language": "de", "next": "/"})
    german = view(owner_client, scenario)
    assert '<html lang="de">' in german and "Kostenposten" in german
    owner_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in view(owner_client, scenario)


def test_a_query_string_renders_the_page_anew(owner_client, scenario, cached):
    view(owner_client, scenario)
    response = owner_client.get(url("detail", scenario), {"price_pct": "10"})
    assert response.status_code == 200 and len(cached) == 1


def test_gzip_answer_is_the_same_page(owner_client, scenario):
    import gzip

    plain = view(owner_client, scenario)
    response = owner_client.get(url("detail", scenario), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert normalised(gzip.decompress(response.content).decode()) == normalised(plain)
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<input name="csrfmiddlewaretoken" value="C"><script nonce="N">', True),
        ('<body hx-headers=\'{"X-CSRFToken": "C"}\'><script nonce="N">', True),
        ('<b data-nonce="x">', False),  # taken for a nonce: never cached, to be safe
        (
            '<input name="csrfmiddlewaretoken" value="C">'
            '<input name="csrfmiddlewaretoken" value="R">',
            False,
        ),
        ('<body hx-headers=\'{"X-CSRFToken": "real"}\'>', False),
        ('<script nonce="N"></script><style nonce="real">', False),
        ('<script nonce="Nx">', False),  # the stand-in with more after it is another value
    ],
)
def test_only_stand_ins_tells_a_page_with_a_real_token_or_nonce(html, expected):
    assert page_cache.only_stand_ins(html, "C", "N") is expected
