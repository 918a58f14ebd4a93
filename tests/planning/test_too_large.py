"""Plans inside every limit whose amounts still outgrow any number: refused with a message, not
a crash; and the largest finite amounts still format on every page and in the CSV."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from ecareer.planning.models import CostItem, IncomeStream, Scenario
from tests.planning.factories import SETTINGS, make_income, make_scenario
from tests.projection.test_scenario_file import EXAMPLE

pytestmark = pytest.mark.django_db

MESSAGE = "The amounts grow too large to project."
BIG = Decimal(1_000_000_000)


@pytest.fixture
def growing(owner) -> Scenario:
    """1e9 a month since 1900, doubling every year: about 1e47 in 2027, finite."""
    scenario = make_scenario(owner)
    make_income(
        scenario, amount=BIG, start_month=datetime.date(1900, 1, 1), annual_increase_pct=100
    )
    return scenario


@pytest.mark.parametrize("htmx", [False, True])
def test_settings_that_overflow_the_plan_are_refused_and_nothing_is_saved(
    owner_client, growing, htmx, hx
):
    # From 2999-12 the income has doubled 1,100 times: past float64's largest number.
    url = reverse("planning:settings", args=[growing.pk])
    data = {**SETTINGS, "start_month": "2999-12", "horizon_months": "12"}
    response = owner_client.post(url, data, headers=hx if htmx else {})
    assert response.status_code == 422
    assert MESSAGE in response.content.decode()
    growing.refresh_from_db()
    assert growing.start_month == datetime.date(2027, 1, 1)
    assert owner_client.get(growing.get_absolute_url()).status_code == 200


def test_an_item_that_overflows_the_plan_is_refused(owner_client, owner, hx):
    scenario = make_scenario(owner, start_month=datetime.date(2999, 1, 1))
    url = reverse("planning:item_new", args=[scenario.pk, "incomes"])
    data = {
        "name": "Old contract",
        "pricing": "fixed",
        "amount": "1000000000",
        "frequency": "monthly",
        "start_month": "1900-01",
        "ramp_up_months": "0",
        "annual_increase_pct": "100",
    }
    response = owner_client.post(url, data, headers=hx)
    assert response.status_code == 422
    assert MESSAGE in response.content.decode()
    assert not IncomeStream.objects.filter(scenario=scenario).exists()


def test_a_file_that_overflows_is_not_imported(owner_client):
    plan = json.loads(EXAMPLE)  # DESIGN.md's example, valid as it is
    plan["name"] = "Too much"
    plan["start"] = "2999-01"
    plan["incomes"][0].update(start="1900-01", annual_increase_pct=100)
    upload = io.BytesIO(json.dumps(plan).encode())
    upload.name = "plan.json"
    response = owner_client.post(reverse("planning:import"), {"file": upload})
    assert response.status_code == 422
    assert MESSAGE in response.content.decode()
    assert not Scenario.objects.filter(name="Too much").exists()


def test_the_largest_finite_amounts_show_on_every_page(owner_client, owner):
    # 1e9 x 1e9 an hour, doubling for 50 years: 1e18 x 2^49, far past 28 digits but finite.
    scenario = make_scenario(owner, horizon_months=600)
    make_income(
        scenario,
        pricing="hourly",
        amount=None,
        rate=BIG,
        quantity=BIG,
        annual_increase_pct=100,
    )
    CostItem.objects.filter(scenario=scenario).delete()
    for url in (
        reverse("planning:list"),
        scenario.get_absolute_url(),
        reverse("planning:dashboard", args=[scenario.pk]),
    ):
        assert owner_client.get(url).status_code == 200, url
    csv = owner_client.get(reverse("planning:projection_csv", args=[scenario.pk]))
    assert csv.status_code == 200
    last = csv.content.decode().strip().splitlines()[-1]
    assert len(last.split(",")[1].split(".")[0]) > 30  # income in month 599: 33 digits


@pytest.mark.parametrize("ids", ["²,³", "1,²", "١,٢"])
def test_compare_takes_only_ascii_digits(owner_client, ids):
    response = owner_client.get(reverse("planning:compare"), {"ids": ids})
    assert response.status_code == 400


@pytest.fixture
def overflowing(growing) -> Scenario:
    """Stored before such plans were refused (as by a direct database write)."""
    Scenario.objects.filter(pk=growing.pk).update(
        start_month=datetime.date(2999, 12, 1), horizon_months=12
    )
    return growing


def test_an_overflowing_stored_plan_never_gives_a_500(owner_client, owner, overflowing):
    from ecareer.planning.models import Scenario as Model
    from ecareer.sharing.models import ShareLink

    other = make_scenario(owner, name="Other")
    pages = {
        reverse("planning:list"): 200,
        overflowing.get_absolute_url(): 200,
        reverse("planning:dashboard", args=[overflowing.pk]): 200,
        reverse("planning:projection_csv", args=[overflowing.pk]): 422,
        reverse("planning:compare") + f"?ids={overflowing.pk},{other.pk}": 422,
        reverse("planning:required_price", args=[overflowing.pk]) + "?target=risk": 200,
    }
    for url, status in pages.items():
        response = owner_client.get(url)
        assert response.status_code == status, url
        assert MESSAGE in response.content.decode(), url
    for hide in (False, True):
        link = ShareLink.objects.create(
            scenario=Model.objects.get(pk=overflowing.pk), hide_amounts=hide
        )
        response = owner_client.get(link.get_absolute_url())
        assert response.status_code == 200
        assert MESSAGE in response.content.decode()


def test_a_what_if_that_overflows_is_not_saved(owner_client, owner, hx):
    # 5e8 since 1900 at +100 %: 5e8 x 2^995 = 1.67e308 in 2895, just under float64's largest
    # number (1.80e308); +50 % on prices pushes it past.
    scenario = make_scenario(owner, start_month=datetime.date(2895, 1, 1), horizon_months=1)
    make_income(
        scenario,
        pricing="fixed",
        amount=BIG / 2,
        rate=None,
        quantity=None,
        start_month=datetime.date(1900, 1, 1),
        annual_increase_pct=100,
        ramp_up_months=0,
    )
    page = owner_client.get(scenario.get_absolute_url())
    assert page.status_code == 200 and MESSAGE not in page.content.decode()
    url = reverse("planning:what_if_save", args=[scenario.pk])
    response = owner_client.post(url, {"price_pct": "50", "sick_days": "0"}, headers=hx)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert IncomeStream.objects.get(scenario=scenario).amount == BIG / 2


def test_below_the_safe_span_the_largest_plan_stays_finite():
    # The check skips plans whose items started fewer than SAFE_GROWTH_YEARS before the end:
    # 200 items of 1e9 x 1e9 doubling every year since 1900, to the last month that is safe.
    from ecareer.projection import model as m
    from ecareer.projection import overflow
    from ecareer.projection.engine import project

    start = m.YearMonth(1900 + overflow.SAFE_GROWTH_YEARS - 50, 1)  # 600 months: 1900 + 900
    income = m.IncomeStream(
        "i", m.Pricing.HOURLY, m.Frequency.MONTHLY, m.YearMonth(1900, 1),
        rate=BIG, quantity=BIG, annual_increase_pct=Decimal(100),
    )  # fmt: skip
    plan = m.Scenario(
        name="edge",
        start=start,
        horizon_months=600,
        incomes=(income,) * 200,
        reserve=m.ReserveTarget(m.ReserveKind.MONTHS, months=Decimal(60)),
    )
    # This plan is the first that the check projects; a month earlier it is not projected.
    assert overflow.may_overflow(start, 600, m.YearMonth(1900, 1))
    assert not overflow.may_overflow(m.YearMonth(2749, 12), 600, m.YearMonth(1900, 1))
    projection = project(plan)
    assert overflow.is_finite(projection)
    assert projection.balance[-1] > 1e290
