"""Long illness in the risk simulation (DESIGN.md v3, "Long illness"), worked by hand.

The chain: before month 0 a path is well; a path well in m-1 falls ill in m when u[m, i] < 1 -
(1 - chance/100) ** (1/12); a path ill in m-1 is well again in m when u[m, i] < 1 /
long_illness_months. u = default_rng([seed, 1]).random((H, paths)). An ill month has no
performance-based income (its income-share costs follow); its place j in the illness pays
statutory sick pay for d_j = max(0, min(30, 30 j - 42)) days and a private benefit for
d'_j = max(0, min(30, 30 j - (from_day - 1))) days: with day 43, 0, 18, 30, 30, ... days.

SEED 4 with chance 50 % and a mean length of 4 months, 12 months, one path (worked below):
fall = 1 - 0.5 ** (1/12) = 0.056126, recover = 1/4 = 0.25;
u = 0.9798, 0.4340, 0.1454, 0.0614, 0.7337, 0.0402, 0.7313, 0.4476, 0.5167, 0.7497, 0.1018,
0.6406: months 0-4 stay well (u >= 0.0561, 0.0614 only just), month 5 falls ill (0.0402), months
6-9 stay ill (u >= 0.25), month 10 recovers (0.1018 < 0.25), month 11 stays well. Places:
0 0 0 0 0 1 2 3 4 5 0 0.
"""

import copy
import json
from decimal import Decimal as D

import numpy as np
import pytest

from ecareer.projection import decisions, risk
from ecareer.projection.scenario_file import loads
from tests.projection.reference_v3 import reference_v3_path
from tests.projection.v2_files import NO_RISK, cost, income, run_cli
from tests.projection.v3_files import plan3, worked

PLACES_SEED_4 = [0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0]
ILL = {
    **NO_RISK,
    "long_illness_chance_pct": "50",
    "long_illness_months": 4,
    "seed": 4,
    "paths": 1,
}


def balances(data: dict) -> list[D]:
    """The one simulated path's monthly balances (paths = 1: p10 = p50 = p90)."""
    out = run_cli(data)["risk"]
    assert out["p10"] == out["p50"] == out["p90"]
    return out["p50"]


def running(start: D, flows: list[str]) -> list[D]:
    total, out = start, []
    for flow in flows:
        total += D(flow)
        out.append(total)
    return out


def test_the_chain_of_seed_4_by_the_rule():
    u = np.random.default_rng([4, 1]).random((12, 1))[:, 0]
    assert np.round(u, 4).tolist() == [
        0.9798, 0.434, 0.1454, 0.0614, 0.7337, 0.0402, 0.7313, 0.4476, 0.5167, 0.7497, 0.1018,
        0.6406,
    ]  # fmt: skip
    data = plan3(horizon=12, incomes=[income("Work", "1", performance_based=True)], risks=ILL)
    assert risk.illness_places(loads(json.dumps(data)))[:, 0].tolist() == PLACES_SEED_4


def test_flat_with_a_private_daily_benefit():
    # flat 20 %, living 1,300, income 2,000 a month (performance-based) with a 10 % fee on it,
    # a private benefit of 50.00 a day from day 43 (0, 18, 30, 30, 30 days in months 5-9).
    # Well month: profit 2,000 - 200 = 1,800, tax 20 % of the year-to-date growth = 360,
    # net 1,800 - 360 - 1,300 = 140. Ill months: income 0, fee 0, profit 0, YTD unchanged: tax
    # 0; j=1: -1,300; j=2: 18 x 50 = 900 - 1,300 = -400; j=3..5: 1,500 - 1,300 = 200.
    data = plan3(
        horizon=12,
        living="1300",
        tax_rate_pct="20",
        incomes=[income("Work", "2000.00", performance_based=True)],
        costs=[cost("Fee", "10", basis="income_share", income="Work")],
        risks={**ILL, "private_sick_pay_daily": "50.00", "private_sick_pay_from_day": 43},
    )
    flows = ["140"] * 5 + ["-1300", "-400", "200", "200", "200"] + ["140"] * 2
    path = running(D(0), flows)
    assert balances(data) == path
    assert [row["balance"] for row in reference_v3_path(data)[0]] == path  # the second reading
    assert path[5:7] == [D("-600"), D("-1000")]
    out = run_cli(data)
    assert out["risk"]["depletion_probability"] == 1
    assert out["risk"]["min_balance_p10"] == D("-1000.00")
    assert out["risk"]["depletion_month_p10"] == "2026-06"
    # The plan has no illness: sick_pay 0 and every month well (12 x 140).
    assert {row["sick_pay"] for row in out["months"]} == {D("0.00")}
    assert out["kpis"]["final_balance"] == D("1680.00")


def test_a_private_benefit_from_day_one_and_day_22():
    # from day 1: d' = min(30, 30 j) = 30 days from the first month; from day 22:
    # 30 j - 21 = 9 days in the first month, then 30. 10.00 a day, no other money, flat 0 %.
    for day, first in ((1, "300"), (22, "90")):
        data = plan3(
            horizon=12,
            incomes=[income("Work", "0", performance_based=True)],
            risks={**ILL, "private_sick_pay_daily": "10.00", "private_sick_pay_from_day": day},
        )
        flows = ["0"] * 5 + [first, "300", "300", "300", "300"] + ["0"] * 2
        assert balances(data) == running(D(0), flows)


def _de(profit: str, **tax) -> dict:
    data = worked(
        profit=profit,
        horizon=12,
        incomes=[income("Writing", profit, performance_based=True)],
        **tax,
    )
    data["risks"] = dict(ILL)
    return data


def test_de_statutory_sick_pay_on_the_minimum_base():
    # 2026, `assessment`, delay 9: no assessment inside 12 months, so every month pays the
    # provisional contribution on the minimum base 1,318.33: 21.1 % -> 278.17 (278.16763).
    # Sick pay a day: round_cents(0.7 x 1,318.33 / 30) = round_cents(30.761033) = 30.76;
    # j=2: 18 x 30.76 = 553.68; j>=3: 30 x 30.76 = 922.80. Income 1,000, living 800, no tax
    # paid inside the plan. Well: 1,000 - 278.17 - 800 = -78.17; ill j=1: -1,078.17;
    # j=2: 553.68 - 1,078.17 = -524.49; j=3..5: 922.80 - 1,078.17 = -155.37.
    data = _de("1000.00")
    data["living_costs"]["monthly"] = "800"
    flows = ["-78.17"] * 5 + ["-1078.17", "-524.49", "-155.37", "-155.37", "-155.37"]
    flows += ["-78.17"] * 2
    path = running(D(0), flows)
    assert balances(data) == path
    assert [row["balance"] for row in reference_v3_path(data)[0]] == path  # the second reading
    assert path[-1] == D("-2615.96")
    # Without the option (14.0 %): 20.5 % x 1,318.33 = 270.25765 -> 270.26 and no sick pay:
    # 7 x (1,000 - 270.26 - 800) + 5 x (-1,070.26) = -491.82 - 5,351.30 = -5,843.12.
    without = copy.deepcopy(data)
    without["tax"]["sick_pay"] = False
    assert balances(without)[-1] == D("-5843.12")
    # The decision gives both, and the option's cost in the plan: 12 x 278.17 = 3,338.04
    # against 12 x 270.26 = 3,243.12.
    choice = decisions.sick_pay_choice(loads(json.dumps(data)))
    assert choice["with"]["final_balance_p50"] == D("-2615.96")
    assert choice["without"]["final_balance_p50"] == D("-5843.12")
    assert choice["with"]["social_insurance_total"] == D("3338.04")
    assert choice["without"]["social_insurance_total"] == D("3243.12")


def test_de_estimate_sick_pay_on_the_paths_own_base():
    # `estimate`: the base is base_Y of the path's own year. Income 4,000 (performance-based),
    # ill in months 5-9: P = 7 x 4,000 = 28,000, P / 12 = 2,333.33 (the base), S = 21.1 % x
    # 2,333.33 = 492.33263 -> 492.33. Sick pay a day: round_cents(0.7 x 2,333.33 / 30) =
    # round_cents(54.444367) = 54.44: 18 x 54.44 + 3 x 30 x 54.44 = 979.92 + 4,899.60 = 5,879.52.
    # Tax: x = floor(28,000 - 12 x 492.33) = floor(22,092.04) = 22,092; z = 0.4293;
    # (173.10 z + 2397) z + 1034.87 = 2,095.80 -> 2,095, paid in four quarters.
    # No living costs: final = 28,000 - 5,907.96 - 2,095 + 5,879.52 = 25,876.56.
    data = _de("4000.00", prepayments="estimate")
    assert balances(data)[-1] == D("25876.56")
    # ...and the plan (never ill) is untouched: P = 48,000, S on 4,000: 844.00 a month.
    assert run_cli(data)["months"][0]["social_insurance"] == D("844.00")


@pytest.mark.parametrize(
    "tax",
    [
        {"health_insurance": "other"},
        {"health_insurance": "employed"},
        {"sick_pay": False},
        {"health_insurance": "family", "household": "married"},  # see below
    ],
)
def test_no_statutory_sick_pay_without_the_option(tax):
    # The same path as above with no statutory sick pay: the ill months pay only their costs.
    # family: profit 7,000 / 12 = 583.33 > 565 is not a family year, but with `assessment` no
    # year is assessed inside the plan: the provisional contribution is 0 (treated as family),
    # so the base is 0 and no sick pay is paid (DESIGN.md: 0 when no contribution is due).
    data = _de("1000.00", **tax)
    out = run_cli(data)
    social = [row["social_insurance"] for row in out["months"]]
    flows = [D("1000") - s for s in social[:5]] + [-s for s in social[5:10]]
    flows += [D("1000") - s for s in social[10:]]
    assert balances(data) == running(D(0), [str(f) for f in flows])


def test_ksk_sick_pay_on_kb():
    # ksk: KB_Y = min(ceiling, max(BG / 6, P / n)); profit 1,000 x 7 months / 12 = 583.33 <
    # 3,955 / 6 = 659.17 (659.1666 -> 659.17 in cents), so KB = 659.17; S = round_cents((7.3 +
    # 1.45 + 3.6 - 1.8) % x 659.17) = round_cents(10.55 % x 659.17 = 69.542435) = 69.54;
    # pension part round_cents(9.3 % x max(325, 583.33)) = round_cents(54.24969) = 54.25.
    # Sick pay a day: round_cents(0.7 x 659.17 / 30) = round_cents(15.380633) = 15.38;
    # j=2: 18 x 15.38 = 276.84; j>=3: 461.40. Well: 1,000 - 69.54 - 54.25 = 876.21;
    # ill: -123.79 + sick pay.
    data = _de("1000.00", health_insurance="ksk")
    flows = ["876.21"] * 5 + ["-123.79", "153.05", "337.61", "337.61", "337.61"] + ["876.21"] * 2
    assert balances(data) == running(D(0), flows)


def test_prefix_stability_with_long_illness():
    # A longer plan draws the same numbers for its first months (u has H rows, each row the
    # paths of one month), so with `flat` and with `assessment` its first months repeat the
    # shorter plan's paths, and its chance of running out is never lower.
    def file(horizon, regime):
        data = plan3(
            horizon=horizon,
            living="1500",
            starting_balance="4000",
            tax_rate_pct="25",
            tax=None if regime == "flat" else {"regime": "de"},
            incomes=[
                income("Work", "2400.00", performance_based=True),
                income("Rent", "200.00"),
            ],
            risks={
                "sick_days_per_year": "8",
                "drought_chance_pct": "10",
                "drought_length_months": "3",
                "drought_income_drop_pct": "50",
                "long_illness_chance_pct": "12",
                "long_illness_months": 5,
                "private_sick_pay_daily": "40.00",
                "private_sick_pay_from_day": 29,
                "paths": 300,
                "seed": 11,
            },
        )
        scenario = loads(json.dumps(data))
        return risk.path_balances(scenario), risk.simulate(scenario)

    for regime in ("flat", "de"):
        short, short_risk = file(24, regime)
        long, long_risk = file(40, regime)
        assert np.array_equal(long[:24], short)
        assert long_risk.depletion_probability >= short_risk.depletion_probability
        assert (short.min(axis=0) < 0).any()  # the test reaches the cushion


def test_ill_months_keep_no_performance_income_and_v2_draws_stay():
    # Illness on: kept shares are v2's (the same sick days and dry spells) in well months and 0
    # in ill months; illness off (chance 0, any other illness setting): exactly v2's.
    base = {
        "sick_days_per_year": "10",
        "drought_chance_pct": "20",
        "drought_length_months": "2",
        "drought_income_drop_pct": "40",
        "paths": 200,
        "seed": 5,
    }
    data = plan3(horizon=36, incomes=[income("Work", "3000.00", performance_based=True)])
    v2 = loads(json.dumps({**data, "risks": base}))
    off = loads(
        json.dumps(
            {
                **data,
                "risks": {
                    **base,
                    "long_illness_months": 12,
                    "private_sick_pay_daily": "0",
                    "private_sick_pay_from_day": 3,
                },
            }
        )
    )
    on = loads(json.dumps({**data, "risks": {**base, "long_illness_chance_pct": "30"}}))
    assert np.array_equal(risk.kept_shares(off), risk.kept_shares(v2))
    assert np.array_equal(risk.path_balances(off), risk.path_balances(v2))
    places = risk.illness_places(on)
    assert (places > 0).any() and (places == 0).any()
    kept_on, kept_v2 = risk.kept_shares(on), risk.kept_shares(v2)
    assert np.array_equal(kept_on[places == 0], kept_v2[places == 0])
    assert (kept_on[places > 0] == 0).all()


def test_illness_without_any_benefit_or_performance_income_changes_nothing():
    # Income not performance-based and no benefit: an ill month loses nothing and gets nothing.
    data = plan3(
        horizon=24,
        living="100",
        incomes=[income("Salary", "1000.00")],
        risks={**ILL, "paths": 50},
    )
    out = run_cli(data)
    plan = [row["balance"] for row in out["months"]]
    assert out["risk"]["p10"] == out["risk"]["p90"] == plan


def test_the_simulation_reports_each_months_mean_sick_pay():
    # The flat example above (50.00 a day from day 43, ill in months 5-9 with places 1-5):
    # 0, 18 x 50 = 900, then 30 x 50 = 1,500 three times; one path, so the mean is the path's.
    data = plan3(
        horizon=12,
        living="1300",
        tax_rate_pct="20",
        incomes=[income("Work", "2000.00", performance_based=True)],
        risks={**ILL, "private_sick_pay_daily": "50.00", "private_sick_pay_from_day": 43},
    )
    result = risk.simulate(loads(json.dumps(data)))
    expected = ["0"] * 6 + ["900", "1500", "1500", "1500"] + ["0"] * 2
    assert result.sick_pay_cents() == [D(v).quantize(D("0.01")) for v in expected]
    # The same month statutory in `de` on the minimum base (30.76 a day): 553.68, then 922.80.
    result = risk.simulate(loads(json.dumps(_de("1000.00"))))
    expected = ["0"] * 6 + ["553.68", "922.80", "922.80", "922.80"] + ["0"] * 2
    assert result.sick_pay_cents() == [D(v) for v in expected]
    # Two paths: u = default_rng([4, 1]).random((12, 2)), path 0 = 0.9798 0.1454 0.7337 0.7313
    # 0.5167 0.1018 0.7929 0.2752 0.6230 0.2379 0.6045 0.2777 (never < 0.0561: never ill);
    # path 1 = 0.4340 0.0614 0.0402 0.4476 0.7497 0.6406 0.8228 0.5471 0.7282 0.2022 0.1096
    # 0.0135: ill from month 2 (0.0402), stays (>= 0.25) to month 8, well in 9 (0.2022), ill
    # again in 11 (0.0135): places 0 0 1 2 3 4 5 6 7 0 0 1, days 0 0 0 18 30 30 30 30 30 0 0 0.
    # Mean of the two paths: 18 x 50 / 2 = 450 in month 3, 30 x 50 / 2 = 750 in months 4-8.
    two = {**data, "risks": {**data["risks"], "paths": 2}}
    scenario = loads(json.dumps(two))
    assert risk.illness_places(scenario).T.tolist() == [
        [0] * 12,
        [0, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 1],
    ]
    expected = ["0"] * 3 + ["450"] + ["750"] * 5 + ["0"] * 3
    assert risk.simulate(scenario).sick_pay_cents() == [D(v).quantize(D("0.01")) for v in expected]


def test_no_mean_sick_pay_where_none_can_be_paid():
    # No long illness; or long illness in `flat` without a private benefit: nothing is due.
    quiet = plan3(horizon=12, incomes=[income("Work", "1000", performance_based=True)])
    assert risk.simulate(loads(json.dumps(quiet))).sick_pay_mean is None
    ill = {**quiet, "risks": ILL}
    assert risk.simulate(loads(json.dumps(ill))).sick_pay_mean is None
