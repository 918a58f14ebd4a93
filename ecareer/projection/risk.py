"""The risk simulation of DESIGN.md: sick days and dry spells hit performance-based income.

Paths are vectorised with numpy; months of a dry-spell chain are stepped one at a time for all
paths at once. The random draws are always made in the same order and shape, whatever risks are
zero, so the same seed couples the paths of two scenarios that differ only in their risks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ecareer.projection.engine import EPSILON, Projection, calendar_months, project, ytd_taxes
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

    Inversion keeps the draw monotone in the rate: for the same uniforms, more sick days per
    year never give fewer sick days in any month.
    """
    cdf = poisson_cdf(days_per_year / 12.0)
    return np.searchsorted(cdf, uniforms, side="right")


def simulate_paths(scenario: Scenario, projection: Projection | None = None) -> np.ndarray:
    """The balance of every simulated path in every month, shape (paths, H)."""
    plan = projection or project(scenario)
    risks = scenario.risks
    paths, horizon = risks.paths, scenario.horizon_months
    rng = np.random.default_rng(risks.seed)

    # Factor of performance-based income kept per path and month; sick days first.
    kept = rng.random((paths, horizon))
    days = sick_days(kept, float(risks.sick_days_per_year))
    kept = 1.0 - days / WORKING_DAYS_PER_MONTH
    del days

    # Dry spells: a two-state chain per path, starting normal; the state of month m is decided
    # at its start (so month 0 can already be dry), then month m is hit if it is dry.
    start_chance = float(risks.drought_chance_pct) / 100.0
    end_chance = 1.0 / float(risks.drought_length_months)
    dry_factor = 1.0 - float(risks.drought_income_drop_pct) / 100.0
    dry = np.zeros(paths, dtype=bool)
    for m in range(horizon):
        draw = rng.random(paths)
        dry = np.where(dry, draw >= end_chance, draw < start_chance)
        kept[dry, m] *= dry_factor

    # Income of each path: the plan, less what sick days and dry spells take.
    lost = kept
    np.subtract(1.0, kept, out=lost)
    lost *= plan.performance_income
    profit = np.subtract(plan.profit, lost, out=lost)
    january = calendar_months(scenario.start, horizon) == 1
    january[0] = True
    taxes = ytd_taxes(profit, float(scenario.tax_rate_pct), january)
    net = profit
    net -= taxes
    del taxes
    net -= plan.living_costs
    balance = np.cumsum(net, axis=1, out=net)
    balance += float(scenario.starting_balance)
    return balance


def simulate(scenario: Scenario, projection: Projection | None = None) -> RiskResult:
    """Run the Monte Carlo simulation of a scenario (DESIGN.md, "Risk simulation")."""
    plan = projection or project(scenario)
    balance = simulate_paths(scenario, plan)
    p10, p50, p90 = np.percentile(balance, PERCENTILES, axis=0)
    depleted = (balance < -EPSILON).any(axis=1)
    deadline = scenario.reserve.deadline
    last = scenario.horizon_months - 1
    if deadline is not None:
        last = min(last, deadline - scenario.start)
    if last < 0:
        reserve_probability = 0.0
    else:
        reached = (balance[:, : last + 1] >= plan.reserve_target[: last + 1] - EPSILON).any(axis=1)
        reserve_probability = float(reached.mean())
    return RiskResult(
        paths=scenario.risks.paths,
        seed=scenario.risks.seed,
        depletion_probability=float(depleted.mean()),
        reserve_probability=reserve_probability,
        p10=p10,
        p50=p50,
        p90=p90,
    )
