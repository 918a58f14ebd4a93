"""The headline's three futures, the chance intervals and the sensitivity, by hand."""

import dataclasses
from decimal import Decimal as D

import numpy as np
import pytest

from ecareer.projection.engine import project
from ecareer.projection.futures import Chance, _half_held, chance_interval, three_futures
from ecareer.projection.model import YearMonth
from ecareer.projection.risk import simulate
from ecareer.projection.scenario_file import from_dict
from ecareer.projection.sensitivity import sensitivity
from tests.projection.test_decisions import PATHS, known_paths, sick_days_by_hand
from tests.projection.v2_files import cost, income, plan


def test_wilson_interval_of_70_in_1000():
    # p = 0.07, z = 1.959964, z^2 = 3.841459, z^2/n = 0.0038415;
    # centre = (0.07 + 0.0019207) / 1.0038415 = 0.0716453;
    # half = 1.959964 / 1.0038415 x sqrt(0.07 x 0.93 / 1000 + 3.841459 / 4e6)
    #      = 1.952464 x sqrt(6.51e-5 + 9.6036e-7) = 1.952464 x 0.0081278 = 0.0158693;
    # so 5.58 % .. 8.75 %: "7 % (6-9 %)".
    low, high = chance_interval(70, 1000)
    assert low == pytest.approx(0.055776, abs=2e-6)
    assert high == pytest.approx(0.087515, abs=2e-6)


def test_wilson_interval_at_the_ends():
    # k = 0: the upper end is z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.277533; k = n: the
    # lower end is n / (n + z^2) = 10 / 13.841459 = 0.722467.
    assert chance_interval(0, 10) == (0.0, pytest.approx(0.277533, abs=1e-6))
    assert chance_interval(10, 10) == (pytest.approx(0.722467, abs=1e-6), 1.0)
    assert chance_interval(0, 0) == (0.0, 1.0)
    # k = n/2: symmetric around 1/2
    low, high = chance_interval(50, 100)
    assert low + high == pytest.approx(1.0)


def test_chance_as_dict():
    chance = Chance(7, 100)
    assert chance.as_dict()["share"] == 0.07
    assert chance.low < 0.07 < chance.high


def test_three_futures_of_a_riskless_plan_are_the_plan():
    sc = from_dict(plan(starting_balance="100", living="50", incomes=[income("Work", "40")]))
    projection = project(sc)
    futures = three_futures(projection, simulate(sc, projection, keep_paths=True))
    # balance_m = 100 - 10 (m + 1): final -20 (month 11), lowest the same, runs out in month 10
    final = futures["final_balance"]
    assert (final.plan, final.likely, final.bad) == (D("-20.00"), D("-20.00"), D("-20.00"))
    assert futures["min_balance"].likely == D("-20.00") == futures["min_balance"].bad
    depletion = futures["depletion"]
    assert depletion.plan == YearMonth(2026, 11) == depletion.bad == depletion.likely
    assert (depletion.chance.k, depletion.chance.n) == (1, 1)  # NO_RISK: one path
    # Every path earns back in the plan's month (0 costs: at once), the likely and bad case too.
    assert futures["break_even"].as_dict() == {
        "kpi": "break_even",
        "plan": "2026-01",
        "likely": "2026-01",
        "bad": "2026-01",
        "chance": None,
    }


def test_a_reserve_touched_and_lost_is_not_in_place_in_any_future():
    # balance_m = 100 - 10 (m + 1): 90 in January is above the fixed target of 85, 80 in
    # February below it again, and so to the end: reached in January, never in place for good.
    sc = from_dict(
        plan(
            starting_balance="100",
            living="50",
            incomes=[income("Work", "40")],
            reserve={"kind": "amount", "months": None, "amount": "85", "deadline": None},
        )
    )
    projection = project(sc)
    assert projection.kpis.reserve_reached_month == YearMonth(2026, 1)
    futures = three_futures(projection, simulate(sc, projection, keep_paths=True))
    assert futures["reserve"].plan is None
    assert futures["reserve"].likely is None


def test_half_the_paths_hold_the_reserve():
    # Target 100 in four months; three paths:
    #   A 100, 50, 100, 100: last month below is 1, so in place from month 2;
    #   B   0, 100, 100, 100: in place from month 1;
    #   C 100, 100, 100, 50: below in the last month, never in place.
    # In place by month 0: none, by 1: B (1 of 3), by 2: A and B (2 of 3 >= half): month 2.
    balances = np.array([[100, 0, 100], [50, 100, 100], [100, 100, 100], [100, 100, 50]], float)
    target = np.full(4, 100.0)
    assert _half_held(balances, target, YearMonth(2027, 1)) == YearMonth(2027, 3)
    # C recovered in the last month: in place from 0 for C, by month 1 then 2 of 3
    balances[3, 2] = 100
    assert _half_held(balances, target, YearMonth(2027, 1)) == YearMonth(2027, 2)
    # every path below in the last month: never
    balances[3, :] = 99
    assert _half_held(balances, target, YearMonth(2027, 1)) is None


def test_three_futures_of_known_paths():
    # One month, balance_i = 300 - 100 k_i (see test_decisions): median and 10th percentile
    # of those, and the share with k_i > 3.
    days = sick_days_by_hand()
    balances = 300.0 - 100.0 * days
    sc = known_paths(starting_balance="300")
    projection = project(sc)
    futures = three_futures(projection, simulate(sc, projection, keep_paths=True))
    assert futures["final_balance"].plan == D("300.00")  # the plan has no sick days
    assert futures["final_balance"].likely == D(str(np.percentile(balances, 50))).quantize(
        D("0.01")
    )
    assert futures["final_balance"].bad == D(str(np.percentile(balances, 10))).quantize(D("0.01"))
    chance = futures["depletion"].chance
    assert (chance.k, chance.n) == (int((days > 3).sum()), PATHS)
    # without kept paths the median lowest balance is not known
    plain = three_futures(projection, simulate(sc, projection))
    assert plain["min_balance"].likely is None


# Flat plan, 12 months: income 1,000, room 200, living 500 a month, tax 10 %, no risk.
# Profit 800 a month, tax 80: net 220 a month, final balance 2,640.
#   price -20 / +20 %: profit 600 / 1,000, tax 60 / 100, net 40 / 400: final -2,160 / +2,160;
#   living 400 / 600: +1,200 / -1,200;
#   tax 5 / 15 %: tax 40 / 120: net 260 / 180: +480 / -480;
#   room 160 / 240: profit 840 / 760, tax 84 / 76, net 256 / 184: +432 / -432.
def small_plan(**fields):
    room = cost("Room", "200", category="room")
    return from_dict(
        plan(living="500", tax_rate_pct="10", incomes=[income("Work", "1000")], costs=[room])
    )


def test_sensitivity_of_a_hand_worked_plan():
    result = sensitivity(small_plan())
    assert result.final_balance == D("2640.00")
    rows = [
        (r.key, r.params, r.final_balance_low, r.final_balance_high, r.low, r.high)
        for r in result.rows
    ]
    assert rows == [
        ("income_price", {"income": "Work"}, D("-2160.00"), D("2160.00"), D("800"), D("1200")),
        ("living_costs", {}, D("1200.00"), D("-1200.00"), D("400"), D("600")),
        ("tax_rate", {}, D("480.00"), D("-480.00"), D("5"), D("15")),
        ("cost_category", {"category": "room"}, D("432.00"), D("-432.00"), None, None),
    ]
    assert all(r.depletion_low == r.depletion_high == 0 for r in result.rows)
    assert result.as_dict()["rows"][0]["step_unit"] == "pct"


def test_sensitivity_of_the_risks_and_the_trade_tax():
    data = plan(
        horizon=36,
        living="1500",
        starting_balance="3000",
        incomes=[income("Work", "3000", performance_based=True)],
        tax={"regime": "de", "trade": True, "health_insurance": "other"},
        risks={
            "sick_days_per_year": "20",
            "drought_chance_pct": "10",
            "drought_length_months": "3",
            "drought_income_drop_pct": "80",
            "paths": 400,
            "seed": 3,
        },
    )
    result = sensitivity(from_dict(data))
    rows = {r.key: r for r in result.rows}
    assert "tax_rate" not in rows
    trade = rows["trade_tax_multiplier"]
    assert (trade.base, trade.low, trade.high, trade.step_unit) == (
        D(400),
        D(300),
        D(500),
        "points",
    )
    # 36,000 a year: M = 0.035 x (36,000 - 24,500) = 402.50, GewSt 4.025 x multiplier; the
    # credit min(4 x M, GewSt, ESt) = 4 x M covers it up to 400 %, so a lower multiplier saves
    # nothing and a higher one costs the part above 400 % (paid at 2026's and 2027's
    # assessments, 2027-09 and 2028-09, inside the plan)
    assert trade.final_balance_low == 0
    assert trade.final_balance_high < 0
    # the same draws: more sick days / a higher dry-spell chance never lower the chance of
    # running out nor raise the bad case; the risks are measured by the bad case (the plan has
    # no risks, so it would call them harmless): the p10 final balance of two plain simulations
    sc = from_dict(data)
    plan_of = project(sc)
    bad = float(simulate(sc, plan_of).p10[-1])
    for key, field in (
        ("sick_days", "sick_days_per_year"),
        ("drought_chance", "drought_chance_pct"),
    ):
        row = rows[key]
        assert row.measure == "bad_case"
        assert row.depletion_low <= 0 <= row.depletion_high
        assert row.depletion_high > 0 or row.depletion_low < 0
        assert row.final_balance_low >= 0 >= row.final_balance_high
        assert row.final_balance_high < 0  # 20 -> 30 sick days or 10 -> 15 % dry spells hurt
        for moved, change in ((row.low, row.final_balance_low), (row.high, row.final_balance_high)):
            variant = dataclasses.replace(sc, risks=dataclasses.replace(sc.risks, **{field: moved}))
            by_hand = float(simulate(variant, project(variant)).p10[-1]) - bad
            assert change == D(str(round(by_hand, 2))).quantize(D("0.01"))
    assert rows["trade_tax_multiplier"].measure == "plan"
    assert result.by_depletion()[0].depletion_swing >= result.by_depletion()[-1].depletion_swing


def test_sensitivity_leaves_inputs_at_zero_out():
    sc = dataclasses.replace(small_plan(), living_monthly=D(0))
    assert "living_costs" not in {r.key for r in sensitivity(sc).rows}


def test_long_illness_is_measured_by_the_bad_case_and_never_shown_as_harmless():
    # The plan has no illness: a long illness with a 10 % chance a year moves only the
    # simulated futures. Income is all paid for work done, so an ill month earns nothing.
    data = plan(
        horizon=36,
        living="1500",
        starting_balance="4000",
        incomes=[income("Work", "3000", performance_based=True)],
        risks={
            "sick_days_per_year": "0",
            "drought_chance_pct": "0",
            "drought_length_months": "1",
            "drought_income_drop_pct": "0",
            "paths": 400,
            "seed": 5,
        },
    )
    data["format"] = "ecareer.scenario/3"
    data["risks"].update(long_illness_chance_pct="10", long_illness_months=3)
    sc = from_dict(data)
    result = sensitivity(sc)
    rows = {r.key: r for r in result.rows}
    row = rows["long_illness"]
    assert (row.base, row.low, row.high, row.measure) == (D(10), D(5), D(15), "bad_case")
    base = simulate(sc, project(sc))
    for moved, change, chance in (
        (row.low, row.final_balance_low, row.depletion_low),
        (row.high, row.final_balance_high, row.depletion_high),
    ):
        variant = dataclasses.replace(
            sc, risks=dataclasses.replace(sc.risks, long_illness_chance_pct=moved)
        )
        run = simulate(variant, project(variant))
        by_hand = float(run.p10[-1]) - float(base.p10[-1])
        assert change == D(str(round(by_hand, 2))).quantize(D("0.01"))
        assert chance == run.depletion_probability - base.depletion_probability
    # A higher chance of a long illness costs the bad case money (ill months earn nothing and
    # this plan has no sick pay): never shown as harmless.
    assert row.final_balance_high < 0 < row.final_balance_low
    assert row.depletion_low <= 0 <= row.depletion_high
