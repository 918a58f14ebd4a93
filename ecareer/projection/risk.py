"""The risk simulation of DESIGN.md: sick days and dry spells hit performance-based income.

Paths are vectorised with numpy; months of a dry-spell chain are stepped one at a time for all
paths at once. The random draws are always made in the same order and shape, whatever risks are
zero (first one uniform per path and month for sick days, then one uniform per path for each
month's dry-spell step), so the same seed couples the paths of two scenarios that differ only in
their risks: per path, more sick days (or a higher dry-spell chance, see `dry_spells`) never
raise income, so they never raise a balance, a percentile, or lower the depletion probability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ecareer.projection.engine import EPSILON, Projection, project, ytd_taxes
from ecareer.projection.model import Scenario
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

    def as_dict(self) -> dict:
        """JSON-ready: probabilities as floats 0..1, percentile balances as Decimal cents."""
        return {
            "paths": self.paths,
            "seed": self.seed,
            "depletion_probability": self.depletion_probability,
            "reserve_probability": self.reserve_probability,
            "p10": [to_cents(v) for v in self.p10.tolist()],
            "p50": [to_cents(v) for v in self.p50.tolist()],
            "p90": [to_cents(v) for v in self.p90.tolist()],
        }


def poisson_cdf(rate: float, upto: int = WORKING_DAYS_PER_MONTH - 1) -> np.ndarray:
    """P(k <= j) for j = 0..upto of a Poisson(rate) count."""
    terms = np.empty(upto + 1)
    terms[0] = math.exp(-rate)
    for k in range(1, upto + 1):
        terms[k] = terms[k - 1] * rate / k
    return np.cumsum(terms)


def sick_days(uniforms: np.ndarray, days_per_year: float) -> np.ndarray:
    """Sick working days per path and month, Poisson(days/12) capped at 21, by inverse CDF.

    k = number of CDF values F(0..20) below U = min(Q(U), 21). Inversion keeps the draw monotone
    in the rate: for the same uniforms, more sick days per year never give fewer in any month.
    """
    return np.searchsorted(poisson_cdf(days_per_year / 12.0), uniforms, side="left")


def dry_spells(
    rng: np.random.Generator, paths: int, horizon: int, start_pct: float, length_months: float
):
    """Yield, month by month, which paths are in a dry spell (bool array of `paths`).

    The chain starts normal before month 0 and steps at the start of every month, month 0
    included, so month 0 can already be dry. One uniform d per path and month drives it: a normal
    month turns dry when d < start chance, a dry spell goes on when d < 1 - 1/length. Both
    transitions to "dry" take the small d, so when start chance <= 1 - 1/length (a spell is at
    least as likely to go on as to begin) a higher start chance gives, path by path, a superset
    of dry months. Outside that range no coupling can: with length 1 and chance 100 % exactly
    months 0, 2, 4, ... are dry, while a lower chance can make month 1 dry.
    """
    start_chance = start_pct / 100.0
    stay_chance = 1.0 - 1.0 / length_months
    dry = np.zeros(paths, dtype=bool)
    for _ in range(horizon):
        draw = rng.random(paths)
        dry = np.where(dry, draw < stay_chance, draw < start_chance)
        yield dry


def simulate_paths(scenario: Scenario, projection: Projection | None = None) -> np.ndarray:
    """The balance of every simulated path in every month, shape (paths, H)."""
    plan = project(scenario) if projection is None else projection
    risks = scenario.risks
    paths, horizon = risks.paths, scenario.horizon_months
    rng = np.random.default_rng(risks.seed)

    # Share of performance-based income kept, per path and month; it reuses the uniforms' memory.
    uniforms = rng.random((paths, horizon))
    days_per_year = float(risks.sick_days_per_year)
    if days_per_year == 0:
        kept = uniforms  # drawn anyway, so the dry-spell draws below stay the same
        kept.fill(1.0)
    else:
        days = sick_days(uniforms, days_per_year)
        kept_per_day_count = 1.0 - np.arange(WORKING_DAYS_PER_MONTH + 1) / WORKING_DAYS_PER_MONTH
        kept = np.take(kept_per_day_count, days, out=uniforms)
        del days

    dry_kept = 1.0 - float(risks.drought_income_drop_pct) / 100.0
    spells = dry_spells(
        rng, paths, horizon, float(risks.drought_chance_pct), float(risks.drought_length_months)
    )
    for m, dry in enumerate(spells):
        kept[dry, m] *= dry_kept

    # Each path's profit: the plan's, less the performance-based income lost (exactly 0 when
    # nothing is lost, so a path without risk repeats the plan's arithmetic bit for bit).
    lost = np.subtract(1.0, kept, out=kept)
    lost *= plan.performance_income
    net = np.subtract(plan.profit, lost, out=lost)
    taxes = ytd_taxes(net, float(scenario.tax_rate_pct), scenario.start.month)
    net -= taxes
    del taxes
    net -= plan.living_costs
    balance = np.cumsum(net, axis=1, out=net)
    balance += float(scenario.starting_balance)
    return balance


def reserve_deadline_index(scenario: Scenario) -> int:
    """Last month index counted for the reserve (-1 when the deadline lies before month 0)."""
    last = scenario.horizon_months - 1
    deadline = scenario.reserve.deadline
    if deadline is not None:
        last = min(last, deadline - scenario.start)
    return max(last, -1)


def simulate(scenario: Scenario, projection: Projection | None = None) -> RiskResult:
    """Run the Monte Carlo simulation of a scenario (DESIGN.md, "Risk simulation")."""
    plan = project(scenario) if projection is None else projection
    balance = simulate_paths(scenario, plan)
    p10, p50, p90 = np.percentile(balance, PERCENTILES, axis=0)
    # Same tolerance for float noise as the plan's KPIs, so a riskless path agrees with the plan.
    depleted = balance.min(axis=1) < -EPSILON
    last = reserve_deadline_index(scenario)
    if last < 0:
        reserve_probability = 0.0
    else:
        target = plan.reserve_target[: last + 1] - EPSILON
        reserve_probability = float((balance[:, : last + 1] >= target).any(axis=1).mean())
    return RiskResult(
        paths=scenario.risks.paths,
        seed=scenario.risks.seed,
        depletion_probability=float(depleted.mean()),
        reserve_probability=reserve_probability,
        p10=p10,
        p50=p50,
        p90=p90,
    )
