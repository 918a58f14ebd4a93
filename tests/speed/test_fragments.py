"""Parts of the scenario page and the shared report kept by what they show (issue 26).

After an edit the page renders again, but only the part whose fields the edit changed: the other
cards, the share section and the report's facts and needs come as they were. That they are
never stale is checked with every kind of edit by test_scenario_page_cache.py and
tests/sharing/test_report_cache.py (each next view equals a page rendered from an empty cache);
here: what is rendered anew after which edit, that no kept part holds a token, and the parts that
change with the day or the link rather than with a row.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecareer.planning import fragments
from ecareer.sharing.models import ShareLink
from tests.planning.factories import COST, SETTINGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The template (or partial) of every part rendered anew during the test."""
    from ecareer.planning.views import editor

    names: list[str] = []
    for module in (fragments, editor):
        real = module.render_to_string

        def recording(template_name, *args, real=real, **kwargs):
            if template_name != fragments.SCENARIO_PAGE:  # the page itself
                names.append(template_name)
            return real(template_name, *args, **kwargs)

        monkeypatch.setattr(module, "render_to_string", recording)
    return names


def page(client: Client, scenario) -> str:
    response = client.get(reverse("planning:detail", args=[scenario.pk]))
    assert response.status_code == 200
    return response.content.decode()


CARDS = [f"{fragments.SCENARIO_PAGE}#{name}-card" for name in fragments.CARDS]
SHARE = "sharing/share_section.html"


def test_the_first_view_renders_each_part_and_the_next_after_an_edit_none(
    owner_client, scenario, rendered
):
    page(owner_client, scenario)
    assert sorted(rendered) == sorted([*CARDS, SHARE])
    rendered.clear()
    # A cost edited: its table and the figures change, no card and not the share section.
    cost = scenario.costs.get()
    edit = reverse("planning:item_edit", args=[scenario.pk, "costs", cost.pk])
    assert owner_client.post(edit, {**COST, "amount": "61.00"}).status_code == 302
    assert "61.00" in page(owner_client, scenario)
    assert rendered == []


def test_a_settings_edit_renders_the_cards_anew_and_shows_at_once(owner_client, scenario, rendered):
    page(owner_client, scenario)
    rendered.clear()
    response = owner_client.post(reverse("planning:settings", args=[scenario.pk]), SETTINGS)
    assert response.status_code == 302
    html = page(owner_client, scenario)
    assert SETTINGS["name"] in html
    assert sorted(rendered) == sorted(CARDS)  # the share section shows no setting


def test_a_kept_part_never_holds_a_token_and_each_page_gets_its_own(owner, scenario, monkeypatch):
    stored: dict[str, str] = {}
    real = cache.set_many

    def recording(values, *args, **kwargs):
        stored.update(values)
        return real(values, *args, **kwargs)

    monkeypatch.setattr(fragments.cache, "set_many", recording)
    clients = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for client in clients:
        client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    first = page(clients[0], scenario)
    kept = [value for key, value in stored.items() if "share:" in key]
    assert len(kept) == 1 and fragments.TOKEN_INPUT in kept[0]
    for value in stored.values():  # the share section, the tables' delete forms
        assert not re.search(r'csrfmiddlewaretoken" value="(?!csrf-fragment-stand-in")', value)
    # The share form of each client's page carries a token that works for that client.
    for client in clients:
        html = first if client is clients[0] else page(client, scenario)
        form = html[html.index('id="share"') :]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        assert token != fragments.CSRF_STAND_IN
        response = client.post(
            reverse("sharing:links", args=[scenario.pk]),
            {"label": "for the bank", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302


def test_a_link_expiring_today_shows_as_expired_tomorrow_without_any_change(
    owner_client, scenario, monkeypatch
):
    today = timezone.localdate()
    ShareLink.objects.create(scenario=scenario, label="until today", expires_on=today)
    assert "Copy link" in page(owner_client, scenario)
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    html = page(owner_client, scenario)
    assert "Copy link" not in html and "expired" in html


def test_each_language_has_its_own_cards(owner, owner_client, scenario):
    assert "Edit settings" in page(owner_client, scenario)
    owner.profile.language = "de"
    owner.profile.save()
    html = page(owner_client, scenario)
    assert "Einstellungen bearbeiten" in html and "Edit settings" not in html


def test_the_report_hides_amounts_in_its_kept_facts_for_a_link_that_hides_them(scenario):
    shown = ShareLink.objects.create(scenario=scenario)
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    cost_cell = '<td class="num">'
    with_amounts = Client().get(f"/r/{shown.token}/").content.decode()
    without = Client().get(f"/r/{hidden.token}/").content.decode()
    facts = with_amounts[with_amounts.index('id="report-costs"') :]
    hidden_facts = without[without.index('id="report-costs"') :]
    assert "Internet share" in facts and "Internet share" in hidden_facts
    assert facts.count(cost_cell) > hidden_facts.count(cost_cell)
    assert "€" not in hidden_facts.split("</section>")[0]


def test_the_header_and_footer_are_each_users_and_each_pages_own(owner, other, scenario):
    from ecareer.accounts.models import Profile

    Profile.objects.filter(user=owner).update(display_name="Ada")
    clients = {}
    for user in (owner, other):
        clients[user] = Client()
        clients[user].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    mine = page(clients[owner], scenario)
    theirs = clients[other].get(reverse("planning:list")).content.decode()
    assert ">Ada</a>" in mine and other.email not in mine
    assert f">{other.email}</a>" in theirs and ">Ada</a>" not in theirs
    # The language switch returns to the page it is on.
    path = reverse("planning:detail", args=[scenario.pk])
    assert f'name="next" type="hidden" value="{path}"' in mine
    assert 'name="next" type="hidden" value="/scenarios/"' in theirs
    Profile.objects.filter(user=owner).update(display_name="Ada L.")
    assert ">Ada L.</a>" in page(clients[owner], scenario)
    signed_out = Client().get("/").content.decode()
    assert "Sign in" in signed_out and ">Ada" not in signed_out


def test_nothing_is_kept_with_debug_on(owner_client, scenario, rendered, settings):
    settings.DEBUG = True
    page(owner_client, scenario)
    # A query string: not from the page cache, so the parts are asked again.
    url = reverse("planning:detail", args=[scenario.pk])
    assert owner_client.get(url, {"cashflow": "months"}).status_code == 200
    assert sorted(rendered) == sorted([*CARDS, SHARE] * 2)
