"""A cost saved as a share of a stream that another request deletes meanwhile (issue 27, point
5): the save answers "no longer exists" at the stream's field (409), never a foreign-key error
at commit (500), and nothing is saved. Deterministic: a hook deletes the stream between the
form's validation and the save, as a delete committed by another request then would. Real
commits (transaction=True) on SQLite, and on PostgreSQL with DATABASE_URL."""

from decimal import Decimal as D

import pytest

from ecareer.planning.forms import CostItemForm
from ecareer.planning.models import CostItem, IncomeStream
from tests.planning.factories import COST, make_cost, make_income, make_scenario

pytestmark = pytest.mark.django_db(transaction=True)
GONE = "This income stream no longer exists; it may have been deleted in another tab."


@pytest.fixture
def scenario(owner):
    return make_scenario(owner)


@pytest.fixture
def stream(scenario):
    return make_income(scenario, "Shop sales")


def _delete_after_validation(monkeypatch, stream) -> None:
    """The stream deleted (and committed: autocommit) right after the cost form validated, the
    model's own checks included (they would find the stream gone), before the save begins."""
    validated = CostItemForm.is_valid

    def is_valid(form):
        valid = validated(form)
        IncomeStream.objects.filter(pk=stream.pk).delete()
        return valid

    monkeypatch.setattr(CostItemForm, "is_valid", is_valid)


@pytest.fixture
def deleted_after_validation(monkeypatch, stream):
    _delete_after_validation(monkeypatch, stream)


def _share_of(stream) -> dict:
    return {
        **COST,
        "name": "Goods for resale",
        "category": "goods",
        "basis": "income_share",
        "income": str(stream.pk),
        "amount": "40",
        "frequency": "monthly",
    }


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.usefixtures("deleted_after_validation")
def test_a_new_share_of_a_stream_deleted_meanwhile(owner_client, scenario, stream, hx, htmx):
    url = f"/scenarios/{scenario.pk}/costs/new/"
    answer = owner_client.post(url, _share_of(stream), headers=hx if htmx else {})
    assert answer.status_code == 409
    assert GONE in answer.text
    assert not CostItem.objects.filter(scenario=scenario).exists()
    assert not IncomeStream.objects.filter(pk=stream.pk).exists()


@pytest.mark.parametrize("htmx", [True, False])
def test_an_edit_into_a_share_of_a_stream_deleted_meanwhile(
    owner_client, scenario, stream, hx, htmx, monkeypatch
):
    cost = make_cost(scenario, "Packaging", amount=D("12.00"))
    _delete_after_validation(monkeypatch, stream)
    url = f"/scenarios/{scenario.pk}/costs/{cost.pk}/edit/"
    answer = owner_client.post(url, _share_of(stream), headers=hx if htmx else {})
    assert answer.status_code == 409
    assert GONE in answer.text
    stored = CostItem.objects.get(pk=cost.pk)
    assert (stored.name, stored.basis, stored.income_id) == ("Packaging", "fixed", None)


def test_deleting_a_stream_a_cost_was_just_made_a_share_of_keeps_it(
    owner_client, scenario, stream, hx
):
    # The other order: the share saved first; the delete, checked under the stream's lock,
    # sees it and keeps the stream (no RESTRICT error at delete either).
    url = f"/scenarios/{scenario.pk}/costs/new/"
    assert owner_client.post(url, _share_of(stream), headers=hx).status_code == 200
    delete = f"/scenarios/{scenario.pk}/incomes/{stream.pk}/delete/"
    answer = owner_client.post(delete, headers=hx)
    assert answer.status_code == 200
    assert "is kept: Goods for resale is a share of it" in answer.text
    assert IncomeStream.objects.filter(pk=stream.pk).exists()
