"""The headline's words never claim a success that the plan or the bad case undoes, and a plan
with nothing in it says so (narrative_futures, on the real model's outputs)."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from ecareer.planning import narrative
from ecareer.planning.narrative_decisions import answer
from ecareer.planning.narrative_futures import with_futures
from ecareer.projection import model as m
from ecareer.projection.decisions import Decision
from ecareer.projection.engine import project
from ecareer.projection.futures import three_futures
from ecareer.projection.risk import simulate
from tests.planning.test_dashboard_views import JAN, hand_worked_plan
from tests.projection.test_milestones import ALTERNATE_DRY, desk_and_work


def cards(data: m.Scenario) -> dict[str, dict]:
    projection = project(data)
    risk = simulate(data, projection, keep_paths=True)
    shown = narrative.kpi_cards(data, projection, risk)
    shown = with_futures(shown, data, projection, risk, three_futures(projection, risk))
    return {card["key"]: card for card in shown}


def writing(**changes) -> m.IncomeStream:
    fields = {"amount": D("1000.00"), **changes}
    return m.IncomeStream("Writing", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN + 1, **fields)


def test_the_hand_worked_plan_keeps_its_successes(db):
    shown = cards(hand_worked_plan())
    assert shown["break_even"]["tone"] == "good"
    assert shown["self_sufficient"]["tone"] == "good"
    assert shown["reserve"]["tone"] == "good"
    # The reserve: 1 month of outgoings at the deadline, Mar (500 living + 50 internet).
    assert "The reserve target is €550.00, 1 month of outgoings." in shown["reserve"]["sentence"]
    assert shown["depletion"]["value"] == "never within the horizon"


def test_a_business_that_pays_the_living_only_for_a_while_is_not_green(db):
    # Writing ends in Feb: Feb's profit covers the living, Mar has none.
    shown = cards(hand_worked_plan(incomes=(writing(end=JAN + 1),)))
    card = shown["self_sufficient"]
    assert card["value"] == "Feb 2027"
    assert card["tone"] != "good"
    assert "From March 2027 on it no longer does." in card["sentence"]


def test_a_bad_case_that_runs_dry_takes_back_every_green(db):
    # Dry spells take all of Writing (paid for work done) and start in half the months: a dry
    # Feb leaves 150 - 550 < 0, so far more than 1 in 10 futures run out by Feb.
    risks = m.RiskSettings(
        paths=200,
        seed=7,
        drought_chance_pct=D("50"),
        drought_length_months=D("2"),
        drought_income_drop_pct=D("100"),
    )
    shown = cards(hand_worked_plan(risks=risks, incomes=(writing(performance_based=True),)))
    assert shown["break_even"]["value"] == "Feb 2027"  # the plan's month still shows
    for key in ("break_even", "self_sufficient"):
        assert shown[key]["tone"] != "good", key
        but = "But in 1 of 10 futures your money runs out by February 2027."
        assert but in shown[key]["sentence"]
    assert shown["reserve"]["tone"] == "bad"
    assert "In the likely future you do not reach it" in shown["reserve"]["sentence"]
    money_runs_out = shown["depletion"]
    assert money_runs_out["tone"] == "bad"
    futures = {row["label"]: row["value"] for row in money_runs_out["futures"]}
    assert futures["Bad case (1 in 10)"] == "Feb 2027"
    assert futures["If nothing goes wrong"] == "never within the horizon"


def test_a_plan_with_nothing_in_it_says_so(db):
    data = m.Scenario("Blank", JAN, 12, starting_balance=D("1000.00"))
    shown = cards(data)
    assert "empty" in shown
    assert not [key for key, card in shown.items() if card["tone"] == "good"]


def _decision(**changes) -> Decision:
    fields = {
        "what": "price",
        "income": "Coaching",
        "target": "risk",
        "risk_pct": D("5"),
        "factor": D("1.216"),
        "value": D("38.90"),
        "met": True,
        "current": D("32.00"),
        "unit": "rate",
        "pricing": "hourly",
        "depletion_probability": 0.045,
    }
    return Decision(**{**fields, **changes})


def test_a_price_is_said_in_the_streams_own_unit_with_the_vat_note():
    shown = answer(_decision(threshold=True), "EUR")
    assert shown["figure"] == "your lowest price: €38.90 per hour (now €32.00)"
    assert "at most 5\u00a0% of the simulated futures" in shown["sentence"].replace(" %", "\u00a0%")
    assert "small-business VAT status" in shown["sentence"]
    assert shown["use"] is not None


def test_an_answer_out_of_reach_offers_nothing_to_use():
    shown = answer(_decision(met=False, factor=None, value=None), "EUR")
    assert shown["figure"] == "not reachable"
    assert shown["use"] is None


# --- the milestones' likely and bad case (projection/milestones.py) --------------------------


def futures_rows(card: dict) -> list[tuple[str, str]]:
    return [(row["label"], row["value"]) for row in card["futures"]]


def test_milestones_show_three_futures_and_keep_a_green_nothing_undoes(db):
    # The hand-worked plan has no risk: every path earns back in Feb and pays the living from
    # Feb, as the plan does.
    shown = cards(hand_worked_plan())
    for key in ("break_even", "self_sufficient"):
        assert futures_rows(shown[key]) == [
            ("If nothing goes wrong", "Feb 2027"),
            ("Likely", "Feb 2027"),
            ("Bad case (1 in 10)", "Feb 2027"),
        ]
        assert shown[key]["tone"] == "good"
        assert "within the plan" not in shown[key]["sentence"]


@pytest.mark.parametrize(
    ("language", "rows", "not_likely"),
    [
        (
            "en",
            [
                ("If nothing goes wrong", "Feb 2027"),
                ("Likely", "never within the horizon"),
                ("Bad case (1 in 10)", "never within the horizon"),
            ],
            "In the likely future the set-up costs are not earned back within the plan.",
        ),
        (
            "de",
            [
                ("Wenn nichts schiefgeht", "Feb. 2027"),
                ("Wahrscheinlich", "nie im Planungszeitraum"),
                ("Schlechter Fall (1 von 10)", "nie im Planungszeitraum"),
            ],
            "In der wahrscheinlichen Zukunft werden die Anlaufkosten im Plan nicht wieder "
            "eingespielt.",
        ),
    ],
)
def test_a_plan_whose_futures_never_earn_back_is_not_green(db, language, rows, not_likely):
    # Plan: after tax -400, 500, 500 summed -400, 100: earned back in Feb. Every path loses
    # Jan's and Mar's income in a dry spell: -900, 500, 0 summed -900, -400, -400: never
    # (tests/projection/test_milestones.py). The living (100) is paid from Feb on every path.
    data = desk_and_work(3, risks=ALTERNATE_DRY, starting_balance=D("2000.00"))
    with translation.override(language):
        shown = cards(data)
    card = shown["break_even"]
    assert futures_rows(card) == rows
    assert card["tone"] == "bad"
    assert card["sentence"].endswith(not_likely)
    assert shown["self_sufficient"]["tone"] == "good"  # Feb in all three futures
    assert shown["depletion"]["value"] in ("never within the horizon", "nie im Planungszeitraum")


BAD_CASE_WORDS = {
    "en": {
        "break_even": "In 1 of 10 futures the set-up costs are not earned back within the plan.",
        "self_sufficient": "In 1 of 10 futures the business does not pay your living within "
        "the plan.",
        "Feb": "Feb 2027",
        "never": "never within the horizon",
    },
    "de": {
        "break_even": "In 1 von 10 Zukünften werden die Anlaufkosten im Plan nicht wieder "
        "eingespielt.",
        "self_sufficient": "In 1 von 10 Zukünften trägt das Geschäft Ihren Lebensunterhalt im "
        "Plan nicht.",
        "Feb": "Feb. 2027",
        "never": "nie im Planungszeitraum",
    },
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_bad_case_that_undoes_the_milestones_takes_their_green(db, language):
    # Two months; a dry spell (all of Work's income lost, one month long) starts in a normal
    # month with chance 20 %, so month 0 is dry with 20 % and month 1 with 80 % x 20 % = 16 %.
    # Earned back in Feb (-400 + 500) only when both months are normal: 64 % of the futures,
    # more than half, fewer than 9 in 10. The living (100) is paid in Feb when Feb is normal:
    # 84 %, again between. 1,000 paths keep the shares within 2 points (one standard error
    # 1.5 points) of 64 and 84 %, far from 50 and 90 %.
    risks = m.RiskSettings(
        paths=1000,
        seed=11,
        drought_chance_pct=D("20"),
        drought_length_months=D("1"),
        drought_income_drop_pct=D("100"),
    )
    data = desk_and_work(2, risks=risks, starting_balance=D("2000.00"))
    with translation.override(language):
        shown = cards(data)
    words = BAD_CASE_WORDS[language]
    for key in ("break_even", "self_sufficient"):
        card = shown[key]
        plan_row, likely_row, bad_row = futures_rows(card)
        assert plan_row[1] == likely_row[1] == words["Feb"]
        assert bad_row[1] == words["never"]
        assert card["tone"] == ""  # not green, not red: the plan and likely future get there
        assert card["sentence"].endswith(words[key]), card["sentence"]
