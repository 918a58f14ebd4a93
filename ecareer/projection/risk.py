"""The risk simulation of DESIGN.md: sick days and dry spells hit performance-based income.

The random numbers of a run are one array `default_rng(seed).random((H, 2, paths))`: [m, 0]
decides the sick days and [m, 1] the dry-spell step of every path in month m, so a longer horizon
repeats a shorter one's draws month for month. v3's long illness has its own chain, drawn from
`default_rng([seed, 1]).random((H, paths))` (`illness_places`): an ill month keeps no
performance-based income, and its sick pay (statutory and private) is added to the path's cash.
The draws are the same whatever risks are zero, so the same seed couples the paths of two
scenarios that differ only in their risks: per path, more sick days (or a higher dry-spell
chance, see `dry_spells`) never raise income.

Each path's income-share costs, VAT, taxes and contributions are recomputed on its own income
(`flows.run`, vectorised over paths). `path_balances` gives every path's monthly balance, shape
(H, paths), for decisions that need more than the percentiles (issue 13): a path's lowest
balance is `path_balances(...).min(axis=0)`; `simulate(..., keep_paths=True)` keeps both on the
result (`balances`, `lowest`) at no extra cost. `simulate` also applies the plan's break-even
and self-sufficiency tests to every path (`milestones`): `break_even_month_p50`/`_p90` and
`self_sufficient_month_p50`/`_p90`, the months by which half and 90 % of the paths got there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ecareer.projection import flows
from ecareer.projection.engine import EPSILON, Projection, project
from ecareer.projection.milestones import first_months
from ecareer.projection.milestones import first_share as _first_share
from ecareer.projection.milestones import first_true as _first_true
from ecareer.projection.model import Scenario, YearMonth
from ecareer.projection.money import to_cents

WORKING_DAYS_PER_MONTH = 21
PERCENTILES = (10, 50, 90)


@dataclass(frozen=True, eq=False)
class RiskResult:
    """Balance percentiles per month and the chances of running out and of reaching the reserve."""

    paths: int
    seed: int
    depletion_probability: float
    reserve_probability: float
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    min_balance_p10: float = 0.0
    depletion_month_p10: YearMonth | None = None
    reserve_month_p50: YearMonth | None = None
    # The plan's milestones on every path (`milestones`): likely (half) and bad case (90 %).
    break_even_month_p50: YearMonth | None = None
    break_even_month_p90: YearMonth | None = None
    self_sufficient_month_p50: YearMonth | None = None
    self_sufficient_month_p90: YearMonth | None = None
    balances: np.ndarray | None = None  # (H, paths), with keep_paths=True
    lowest: np.ndarray | None = None  # (paths,): each path's lowest balance, with keep_paths=True
    # Each month's sick pay (DESIGN.md v3's `sick_pay` column) as the mean over the paths, (H,);
    # None when no sick pay can be due (no long illness, or neither statutory nor private pay).
    sick_pay_mean: np.ndarray | None = None

    def as_dict(self) -> dict:
        """JSON-ready: probabilities as floats 0..1, percentile balances as Decimal cents."""
        month = self.depletion_month_p10
        reserve = self.reserve_month_p50
        return {
            "paths": self.paths,
            "seed": self.seed,
            "depletion_probability": self.depletion_probability,
            "reserve_probability": self.reserve_probability,
            "min_balance_p10": to_cents(self.min_balance_p10),
            "depletion_month_p10": None if month is None else str(month),
            "reserve_month_p50": None if reserve is None else str(reserve),
            "p10": [to_cents(v) for v in self.p10.tolist()],
            "p50": [to_cents(v) for v in self.p50.tolist()],
            "p90": [to_cents(v) for v in self.p90.tolist()],
        }

    def sick_pay_cents(self) -> list | None:
        """Each month's mean sick pay over the paths in cents (Decimal), or None (see
        `sick_pay_mean`)."""
        if self.sick_pay_mean is None:
            return None
        return [to_cents(v) for v in self.sick_pay_mean.tolist()]


def poisson_cdf(rate: float, upto: int = WORKING_DAYS_PER_MONTH - 1) -> np.ndarray:
    """P(k <= j) for j = 0..upto of a Poisson(rate) count."""
    terms = np.empty(upto + 1)
    terms[0] = math.exp(-rate)
    for k in range(1, upto + 1):
        terms[k] = terms[k - 1] * rate / k
    return np.cumsum(terms)


def sick_kept(uniforms: np.ndarray, days_per_year: float) -> np.ndarray:
    """The share of income kept, 1 - k/21, for the sick days k that `sick_days` draws.

    k counts the CDF values below u, as searchsorted does, by one comparison per count that any
    u still exceeds (a handful at realistic rates, and much faster than a binary search).
    """
    cdf = poisson_cdf(days_per_year / 12.0)
    days = np.zeros(uniforms.shape, dtype=np.int8)
    for bound in cdf:
        above = uniforms > bound
        if not above.any():
            break
        days += above
    per_count = 1.0 - np.arange(WORKING_DAYS_PER_MONTH + 1) / WORKING_DAYS_PER_MONTH
    return np.take(per_count, days)


def sick_days(uniforms: np.ndarray, days_per_year: float) -> np.ndarray:
    """Sick working days per path and month, Poisson(days/12) capped at 21, by inverse CDF.

    k = number of CDF values F(0..20) below U = min(Q(U), 21). Inversion keeps the draw monotone
    in the rate: for the same uniforms, more sick days per year never give fewer in any month.
    """
    return np.searchsorted(poisson_cdf(days_per_year / 12.0), uniforms, side="left")


def dry_spells(draws: np.ndarray, start_pct: float, length_months: float):
    """Yield, month by month, which paths are in a dry spell (bool array of `paths`).

    `draws` is (H, paths), one uniform d per month and path. The chain starts normal before
    month 0 and steps at the start of every month, month 0 included, so month 0 can already be
    dry: a normal month turns dry when d < start chance, a dry spell goes on when
    d < 1 - 1/length. Both transitions to "dry" take the small d, so when start chance <=
    1 - 1/length (a spell is at least as likely to go on as to begin) a higher start chance
    gives, path by path, a superset of dry months. Outside that range no coupling can: with
    length 1 and chance 100 % exactly months 0, 2, 4, ... are dry, while a lower chance can make
    month 1 dry.
    """
    start_chance = start_pct / 100.0
    stay_chance = 1.0 - 1.0 / length_months
    dry = np.zeros(draws.shape[1], dtype=bool)
    for draw in draws:
        dry = np.where(dry, draw < stay_chance, draw < start_chance)
        yield dry


ILLNESS_STREAM = 1  # the long-illness chain draws from default_rng([seed, 1])
_ILLNESS_BLOCK = 64  # months drawn at a time (the same numbers as one draw of all H rows)


def illness_places(scenario: Scenario) -> np.ndarray | None:
    """Each month's place j = 1, 2, ... in its path's long illness (0: well), (H, paths) int16;
    None when nobody can fall ill (long_illness_chance_pct 0).

    DESIGN.md v3, "Long illness": the third chain draws u = default_rng([seed, 1]).random((H,
    paths)). Before month 0 a path is well; a path well in m-1 falls ill in m when u[m, i] < 1 -
    (1 - chance/100) ** (1/12); a path ill in m-1 is well again in m when u[m, i] < 1 /
    long_illness_months, else stays ill (and its place grows by one). The rows are drawn in
    blocks of months, which gives the same numbers as one draw (the generator fills them in
    order), so a longer plan repeats a shorter one's illnesses month for month.
    """
    risks = scenario.risks
    chance = float(risks.long_illness_chance_pct)
    if chance == 0:
        return None
    paths, horizon = risks.paths, scenario.horizon_months
    fall = 1.0 - (1.0 - chance / 100.0) ** (1.0 / 12.0)
    recover = 1.0 / float(risks.long_illness_months)
    rng = np.random.default_rng([risks.seed, ILLNESS_STREAM])
    places = np.empty((horizon, paths), dtype=np.int16)
    before = np.zeros(paths, dtype=np.int16)  # well before month 0
    for start in range(0, horizon, _ILLNESS_BLOCK):
        block = rng.random((min(_ILLNESS_BLOCK, horizon - start), paths))
        falls, stays = block < fall, block >= recover
        del block
        for row in range(falls.shape[0]):
            ill = np.where(before > 0, stays[row], falls[row])
            place = places[start + row]
            np.add(before, 1, out=place)
            np.multiply(place, ill, out=place)
            before = place
    return places


def draws(scenario: Scenario) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(kept shares, illness places) of a run: `kept_shares` and `illness_places` at once."""
    places = illness_places(scenario)
    kept = _kept_v2(scenario)
    if places is not None:
        if kept is None:
            kept = np.ones(places.shape)
        kept[places > 0] = 0.0  # an ill month keeps no performance-based income
    return kept, places


def kept_shares(scenario: Scenario) -> np.ndarray | None:
    """Share of performance-based income kept, (H, paths); None when no risk is set.

    A month of a long illness (`illness_places`) keeps 0 of it; its sick pay is not income:
    pass `illness_places` to `flows.run` for it (or take both from `draws`)."""
    return draws(scenario)[0]


def _kept_v2(scenario: Scenario) -> np.ndarray | None:
    """v2's sick days and dry spells: the share kept, (H, paths); None when both are off."""
    risks = scenario.risks
    paths, horizon = risks.paths, scenario.horizon_months
    days_per_year = float(risks.sick_days_per_year)
    dry_pct = float(risks.drought_chance_pct)
    drop = float(risks.drought_income_drop_pct)
    if days_per_year == 0 and (dry_pct == 0 or drop == 0):
        return None  # every path keeps all: the same as the uniforms' outcome, without drawing
    draws = np.random.default_rng(risks.seed).random((horizon, 2, paths))
    sick = draws[:, 0]
    kept = sick_kept(sick, days_per_year) if days_per_year else np.ones((horizon, paths))
    if dry_pct and drop:
        dry_kept = 1.0 - drop / 100.0
        spells = dry_spells(draws[:, 1], dry_pct, float(risks.drought_length_months))
        for m, dry in enumerate(spells):
            kept[m] *= np.where(dry, dry_kept, 1.0)
    return kept


def path_balances(scenario: Scenario, coefficients: flows.Coefficients | None = None):
    """The balance of every simulated path in every month, shape (H, paths)."""
    return _run_paths(scenario, coefficients)[0]


def _run_paths(scenario: Scenario, coefficients: flows.Coefficients | None = None):
    """(balances (H, paths), coefficients, kept shares, the paths' `flows.run` result).

    The result's `net` array has become the balances (in place).
    """
    paths, horizon = scenario.risks.paths, scenario.horizon_months
    if coefficients is None:
        incomes, fixed, shares = flows.item_series(scenario, scenario.start, horizon)
        coefficients = flows.coefficients(scenario, incomes, fixed, shares)
    kept, places = draws(scenario)
    if kept is None:
        kept = 1.0
    result = flows.run(scenario, coefficients, kept, paths, arrays=False, places=places)
    living = float(scenario.living_monthly) * (
        1.0 + float(scenario.living_increase_pct) / 100.0
    ) ** (np.arange(horizon) // 12)
    # The plan's order of operations (engine.project), so a riskless path repeats it bit for bit.
    net = result.net
    net -= living[:, None]
    balance = np.cumsum(net, axis=0, out=net)
    balance += float(scenario.starting_balance)
    return balance, coefficients, kept, result


def simulate_paths(scenario: Scenario, projection: Projection | None = None) -> np.ndarray:
    """The balance of every simulated path in every month, shape (paths, H) (a transposed view)."""
    return path_balances(scenario).T


def reserve_deadline_index(scenario: Scenario) -> int:
    """Last month index counted for the reserve (-1 when the deadline lies before month 0)."""
    last = scenario.horizon_months - 1
    deadline = scenario.reserve.deadline
    if deadline is not None:
        last = min(last, deadline - scenario.start)
    return max(last, -1)


def simulate(
    scenario: Scenario, projection: Projection | None = None, keep_paths: bool = False
) -> RiskResult:
    """Run the Monte Carlo simulation of a scenario (DESIGN.md, "Risk simulation")."""
    plan = project(scenario) if projection is None else projection
    horizon = scenario.horizon_months
    balance, co, kept, flows_result = _run_paths(scenario)
    break_even, sufficient = first_months(scenario, co, kept, flows_result)
    sick_pay = flows_result.sick_pay_total
    del co, kept, flows_result
    p10, p50, p90 = np.percentile(balance, PERCENTILES, axis=1)
    lowest = balance.min(axis=0)
    # Same tolerance for float noise as the plan's KPIs, so a riskless path agrees with the plan.
    depleted = lowest < -EPSILON
    depletion_first = _first_true(balance < -EPSILON, horizon)
    # reserve_probability counts months up to the deadline; reserve_month_p50, like the plan's
    # reserve_reached_month, the whole horizon.
    reached = balance >= plan.reserve_target[:, None] - EPSILON
    reserve_first = _first_true(reached, horizon)
    del reached
    last = reserve_deadline_index(scenario)
    reserve_probability = float((reserve_first <= last).mean()) if last >= 0 else 0.0

    def month(index: int | None) -> YearMonth | None:
        return None if index is None else scenario.start + index

    return RiskResult(
        paths=scenario.risks.paths,
        seed=scenario.risks.seed,
        depletion_probability=float(depleted.mean()),
        reserve_probability=reserve_probability,
        p10=p10,
        p50=p50,
        p90=p90,
        min_balance_p10=float(np.percentile(lowest, 10)),
        depletion_month_p10=month(_first_share(depletion_first, 0.10, horizon)),
        reserve_month_p50=month(_first_share(reserve_first, 0.50, horizon)),
        break_even_month_p50=month(_first_share(break_even, 0.50, horizon)),
        break_even_month_p90=month(_first_share(break_even, 0.90, horizon)),
        self_sufficient_month_p50=month(_first_share(sufficient, 0.50, horizon)),
        self_sufficient_month_p90=month(_first_share(sufficient, 0.90, horizon)),
        balances=balance if keep_paths else None,
        lowest=lowest if keep_paths else None,
        sick_pay_mean=None if sick_pay is None else sick_pay / scenario.risks.paths,
    )
