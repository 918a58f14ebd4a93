"""The headline's words never claim a success that the plan or the bad case undoes, and a plan
with nothing in it says so (narrative_futures, on the real model's outputs)."""

from decimal import Decimal as D

from ecareer.planning import narrative
from ecareer.planning.narrative_decisions import answer
from ecareer.planning.narrative_futures import with_futures
from ecareer.projection import model as m
from ecareer.projection.decisions import Decision
from ecareer.projection.engine import project
from ecareer.projection.futures import three_futures
from ecareer.projection.risk import simulate
from tests.planning.test_dashboard_views import JAN, hand_worked_plan


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
    assert "From Mar 2027 on it no longer does." in card["sentence"]


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
        assert "But in 1 of 10 futures your money runs out by Feb 2027." in shown[key]["sentence"]
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
    assert shown["figure"] == "€38.90 per hour instead of €32.00"
    assert "at most 5\u00a0% of the simulated futures" in shown["sentence"].replace(" %", "\u00a0%")
    assert "small-business VAT status" in shown["sentence"]
    assert shown["use"] is not None


def test_an_answer_out_of_reach_offers_nothing_to_use():
    shown = answer(_decision(met=False, factor=None, value=None), "EUR")
    assert shown["figure"] == "not reachable"
    assert shown["use"] is None
