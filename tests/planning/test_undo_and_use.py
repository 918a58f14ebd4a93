"""Undo after "use this" or a saved what-if puts back only what that answer changed, and only
while those fields still hold the values it wrote; "use this" refuses a stream the scenario
lacks (issue 27, points 4 and 10). The plan is tests/planning/test_decisions_views.py's."""

from decimal import Decimal as D

import pytest
from django.db.models import F
from django.urls import reverse

from ecareer.planning import convert
from ecareer.planning.models import IncomeStream, Scenario
from ecareer.planning.use_and_undo import _UNDO
from tests.html import parse
from tests.planning.test_dashboard_views import hand_worked_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(owner) -> Scenario:
    return convert.create_scenario(owner, hand_worked_plan())


def _url(name, scenario):
    return reverse(f"planning:{name}", args=[scenario.pk])


def _stored(scenario) -> Scenario:
    return Scenario.objects.get(pk=scenario.pk)


def _edit_elsewhere(scenario, **fields) -> None:
    """An edit saved in another tab, as the settings or risks form saves it (a version on)."""
    Scenario.objects.filter(pk=scenario.pk).update(version=F("version") + 1, **fields)


def _undo_offered(client, scenario, hx) -> bool:
    html = client.get(_url("dashboard", scenario), headers=hx).content.decode()
    return parse(html).find(id_="decisions-undo") is not None


def test_undo_keeps_living_costs_edited_after_using_a_starting_balance(owner_client, scenario, hx):
    use = {"what": "starting_balance", "value": "850.00"}
    assert owner_client.post(_url("decision_use", scenario), use, headers=hx).status_code == 200
    _edit_elsewhere(scenario, living_monthly=D("700.00"))
    answer = owner_client.post(_url("decision_undo", scenario), headers=hx)
    assert "The previous value is back." in answer.content.decode()
    stored = _stored(scenario)
    assert stored.starting_balance == D("1000.00")  # what the answer changed, put back
    assert stored.living_monthly == D("700.00")  # the later edit survives


def test_undo_refuses_when_the_used_field_was_edited_since(owner_client, scenario, hx):
    use = {"what": "living_costs", "value": "650.00"}
    owner_client.post(_url("decision_use", scenario), use, headers=hx)
    _edit_elsewhere(scenario, living_monthly=D("700.00"))
    answer = owner_client.post(_url("decision_undo", scenario), headers=hx)
    text = answer.content.decode()
    assert "Nothing was undone: changed since then: living costs per month." in text
    assert _stored(scenario).living_monthly == D("700.00")
    assert not _undo_offered(owner_client, scenario, hx)


def test_undo_of_a_saved_what_if_keeps_an_edit_of_another_field(owner_client, scenario, hx):
    # Prices +10 %: Writing's €1,000.00 becomes €1,100.00; the sick days are not part of it.
    assert owner_client.post(_url("what_if_save", scenario), {"price_pct": "10"}).status_code == 302
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1100.00")
    _edit_elsewhere(scenario, living_monthly=D("700.00"), sick_days_per_year=D("8"))
    owner_client.post(_url("decision_undo", scenario), headers=hx)
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1000.00")
    stored = _stored(scenario)
    assert (stored.living_monthly, stored.sick_days_per_year) == (D("700.00"), D("8"))


def test_undo_of_a_saved_what_if_refuses_after_its_sick_days_were_edited(
    owner_client, scenario, hx
):
    owner_client.post(_url("what_if_save", scenario), {"price_pct": "10", "sick_days": "5"})
    _edit_elsewhere(scenario, sick_days_per_year=D("8"))
    text = owner_client.post(_url("decision_undo", scenario), headers=hx).content.decode()
    assert "Nothing was undone: changed since then: sick days per year." in text
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1100.00")  # not half undone
    assert _stored(scenario).sick_days_per_year == D("8")


def test_undo_refuses_when_the_priced_stream_was_edited_since(owner_client, scenario, hx):
    use = {"what": "price", "income": "Writing", "factor": "0.538"}
    owner_client.post(_url("decision_use", scenario), use, headers=hx)
    IncomeStream.objects.filter(scenario=scenario).update(amount=D("600.00"))
    text = owner_client.post(_url("decision_undo", scenario), headers=hx).content.decode()
    assert "Nothing was undone: changed since then: Price of “Writing”." in text
    assert IncomeStream.objects.get(scenario=scenario).amount == D("600.00")


@pytest.mark.parametrize("htmx", [True, False])
def test_use_this_refuses_a_stream_the_scenario_lacks(owner_client, scenario, hx, htmx):
    use = {"what": "price", "income": "Renamed meanwhile", "factor": "0.538"}
    answer = owner_client.post(_url("decision_use", scenario), use, headers=hx if htmx else {})
    assert answer.status_code == 400
    assert "no income stream “Renamed meanwhile”" in answer.content.decode()
    assert "saved in the scenario" not in answer.content.decode()
    assert IncomeStream.objects.get(scenario=scenario).amount == D("1000.00")
    assert _UNDO not in owner_client.session or not owner_client.session[_UNDO]
    assert not _undo_offered(owner_client, scenario, hx)
