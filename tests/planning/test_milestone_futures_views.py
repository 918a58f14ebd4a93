"""The milestones' likely and bad case ("Set-up costs earned back", "The business pays your
living") on compare and on the shared report, in English and German, on hand-worked plans.

Three plans of tests/planning/test_futures_words.py and tests/projection/test_milestones.py:
- Hand-worked: no risk, every path earns back and pays the living from Feb, as the plan does.
- Dry in Jan and Mar: after tax -400, 500, 500 summed -400, 100 earns back in Feb in the plan;
  every path loses Jan's and Mar's income (-900, 500, 0 summed -900, -400, -400): never. The
  living (100) is paid from Feb on every path.
- One dry spell in 5: both months normal (earned back in Feb) in 64 % of the paths, Feb normal
  (living paid in Feb) in 84 %: likely Feb, bad case (90 %) never, for both milestones.
"""

import dataclasses
from decimal import Decimal as D

import pytest
from django.urls import reverse

from ecareer.planning import convert
from ecareer.projection import model as m
from ecareer.sharing.models import ShareLink
from tests.html import parse
from tests.planning.test_dashboard_views import hand_worked_plan
from tests.projection.test_milestones import ALTERNATE_DRY, desk_and_work

ONE_IN_FIVE_DRY = m.RiskSettings(
    paths=1000,
    seed=11,
    drought_chance_pct=D("20"),
    drought_length_months=D("1"),
    drought_income_drop_pct=D("100"),
)

WORDS = {
    "en": {
        "Feb": "Feb 2027",
        "never": "never within the horizon",
        "earned likely": "Set-up costs earned back, likely",
        "earned bad": "Set-up costs earned back, bad case (1 in 10)",
        "pays likely": "The business pays your living, likely",
        "pays bad": "The business pays your living, bad case (1 in 10)",
        "card rows": ["If nothing goes wrong", "Likely", "Bad case (1 in 10)"],
    },
    "de": {
        "Feb": "Feb. 2027",
        "never": "nie im Planungszeitraum",
        "earned likely": "Anlaufkosten wieder eingespielt, wahrscheinlich",
        "earned bad": "Anlaufkosten wieder eingespielt, schlechter Fall (1 von 10)",
        "pays likely": "Das Geschäft trägt Ihren Lebensunterhalt, wahrscheinlich",
        "pays bad": "Das Geschäft trägt Ihren Lebensunterhalt, schlechter Fall (1 von 10)",
        "card rows": ["Wenn nichts schiefgeht", "Wahrscheinlich", "Schlechter Fall (1 von 10)"],
    },
}
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}


@pytest.fixture
def plans(owner):
    """Hand-worked, dry in Jan and Mar, one dry spell in 5 (the module's docstring)."""
    fields = {
        "starting_balance": D("2000.00"),
        "reserve": m.ReserveTarget(m.ReserveKind.MONTHS, D("1")),
    }
    dry = desk_and_work(3, risks=ALTERNATE_DRY, **fields)
    fifth = desk_and_work(2, risks=ONE_IN_FIVE_DRY, **fields)
    return [
        convert.create_scenario(owner, hand_worked_plan()),
        convert.create_scenario(owner, dataclasses.replace(dry, name="Dry in Jan and Mar")),
        convert.create_scenario(owner, dataclasses.replace(fifth, name="One dry spell in 5")),
    ]


def table_rows(html: str) -> dict[str, list[str]]:
    table = parse(html).by_id("compare-futures")
    return {
        tr.find("th").text: [td.text for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if tr.find("td")
    }


@pytest.mark.parametrize("language", ["en", "de"])
def test_compare_shows_the_milestones_likely_and_bad_case(owner, owner_client, plans, language):
    owner.profile.language = language  # a signed-in user's language is the profile's
    owner.profile.save()
    ids = ",".join(str(plan.pk) for plan in plans)
    response = owner_client.get(reverse("planning:compare"), {"ids": ids})
    assert response.status_code == 200
    rows, w = table_rows(response.content.decode()), WORDS[language]
    feb, never = w["Feb"], w["never"]
    assert rows[w["earned likely"]] == [feb, never, feb]
    assert rows[w["earned bad"]] == [feb, never, never]
    assert rows[w["pays likely"]] == [feb, feb, feb]
    assert rows[w["pays bad"]] == [feb, feb, never]


def card_rows(page, key: str) -> list[tuple[str, str]]:
    card = page.by_id(f"kpi-{key}")
    futures = card.find(class_="kpi-futures")
    return [(div.find("dt").text, div.find("dd").text) for div in futures.find_all("div")]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("hide", [False, True], ids=["amounts", "hidden-amounts"])
def test_the_report_shows_the_milestones_likely_and_bad_case(client, plans, language, hide):
    w = WORDS[language]
    feb, never = w["Feb"], w["never"]
    expected = {  # (earned back, pays the living): plan, likely, bad case
        0: ([feb, feb, feb], [feb, feb, feb]),
        1: ([feb, never, never], [feb, feb, feb]),
        2: ([feb, feb, never], [feb, feb, never]),
    }
    headers = GERMAN if language == "de" else {}
    for index, plan in enumerate(plans):
        link = ShareLink.objects.create(scenario=plan, hide_amounts=hide)
        response = client.get(f"/r/{link.token}/", **headers)
        assert response.status_code == 200
        page = parse(response.content.decode())
        for key, months in zip(("break_even", "self_sufficient"), expected[index], strict=True):
            assert card_rows(page, key) == list(zip(w["card rows"], months, strict=True)), (
                plan.name,
                key,
            )
