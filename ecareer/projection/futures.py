"""The headline in three futures: the plan ("if nothing goes wrong"), likely and bad case.

API:
- `chance_interval(k, n, z=Z95) -> (low, high)`: the Wilson score interval of k hits in n tries
  (95 % by default), so a chance from 1,000 paths shows as "7 % (5-9 %)".
- `Chance(k, n)`: a simulated share with `.share`, `.low`, `.high` and `as_dict()`.
- `three_futures(projection, risk) -> dict[str, Future]`, keyed by KPI:
  - `final_balance`: plan, likely = p50 of the last month, bad = p10 of the last month;
  - `min_balance`: plan, likely = the median of the paths' lowest balances (needs `risk` from
    `simulate(..., keep_paths=True)`, else None), bad = `min_balance_p10`;
  - `depletion`: plan = the month the money runs out (or None), chance = depletion_probability
    with its interval, bad = `depletion_month_p10`; likely = the month by which half the paths
    have run out (with kept paths, else None);
  - `reserve`: plan = the month the reserve is in place for good (`reserve_held_month`), likely =
    the month from which half the paths hold it to the end (with kept paths, else
    `reserve_month_p50`, the first month half have touched it), chance = reserve_probability (by
    the deadline) with its interval;
  - `break_even`, `self_sufficient`: plan = the plan's month, likely = the month by which half
    the paths have got there (`break_even_month_p50`, `self_sufficient_month_p50`), bad = the
    month by which 90 % have (`..._p90`: in 1 of 10 futures later or never; see `milestones`);
  - `self_sufficient_lost`: the plan's month only.
  Months are YearMonth or None; money Decimal cents. `Future.as_dict()` is JSON-ready
  (months "YYYY-MM").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from ecareer.projection.engine import EPSILON, Projection
from ecareer.projection.model import YearMonth
from ecareer.projection.money import to_cents
from ecareer.projection.risk import RiskResult

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def chance_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval (low, high) for k hits in n tries; (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # At k = 0 or k = n one end is exactly 0 or 1 on paper; float noise would miss it.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Chance:
    """k of n simulated futures, with its 95 % interval."""

    k: int
    n: int

    @property
    def share(self) -> float:
        return self.k / self.n if self.n else 0.0

    @property
    def low(self) -> float:
        return chance_interval(self.k, self.n)[0]

    @property
    def high(self) -> float:
        return chance_interval(self.k, self.n)[1]

    def as_dict(self) -> dict:
        return {"k": self.k, "n": self.n, "share": self.share, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Future:
    """One KPI in three futures; a part the model does not define is None."""

    kpi: str
    plan: Decimal | YearMonth | None
    likely: Decimal | YearMonth | None = None
    bad: Decimal | YearMonth | None = None
    chance: Chance | None = None

    def as_dict(self) -> dict:
        def out(value):
            return str(value) if isinstance(value, YearMonth) else value

        return {
            "kpi": self.kpi,
            "plan": out(self.plan),
            "likely": out(self.likely),
            "bad": out(self.bad),
            "chance": None if self.chance is None else self.chance.as_dict(),
        }


def _hits(share: float, n: int) -> int:
    return round(share * n)


def _half_depleted(balances: np.ndarray, start: YearMonth) -> YearMonth | None:
    """The first month by which at least half the paths (columns) have run out, or None."""
    below = balances < -EPSILON
    horizon, paths = balances.shape
    first = np.where(below.any(axis=0), below.argmax(axis=0), horizon)
    counts = np.bincount(first, minlength=horizon + 1)[:horizon].cumsum()
    hits = np.flatnonzero(counts >= 0.5 * paths - 1e-9)
    return start + int(hits[0]) if len(hits) else None


def _half_held(balances: np.ndarray, target: np.ndarray, start: YearMonth) -> YearMonth | None:
    """The first month by which at least half the paths hold the reserve to the plan's end (as
    `reserve_held_month` for one path: a target touched and lost again is not in place), or
    None."""
    horizon, paths = balances.shape
    below = balances < target[:, None] - EPSILON
    # a path's first month after its last month below (0 when never below, horizon when the
    # last month is below: never in place)
    last_below = horizon - 1 - below[::-1].argmax(axis=0)
    held = np.where(below.any(axis=0), last_below + 1, 0)
    counts = np.bincount(held, minlength=horizon + 1)[:horizon].cumsum()
    hits = np.flatnonzero(counts >= 0.5 * paths - 1e-9)
    return start + int(hits[0]) if len(hits) else None


def three_futures(projection: Projection, risk: RiskResult) -> dict[str, Future]:
    """Per KPI the plan, the likely (median path) and the bad case (1 in 10); see module doc."""
    kpis = projection.kpis
    start = projection.scenario.start
    kept = risk.lowest is not None and risk.balances is not None
    n = risk.paths
    return {
        "final_balance": Future(
            "final_balance", kpis.final_balance, to_cents(risk.p50[-1]), to_cents(risk.p10[-1])
        ),
        "min_balance": Future(
            "min_balance",
            kpis.min_balance,
            to_cents(float(np.percentile(risk.lowest, 50))) if kept else None,
            to_cents(risk.min_balance_p10),
        ),
        "depletion": Future(
            "depletion",
            kpis.depletion_month,
            _half_depleted(risk.balances, start) if kept else None,
            risk.depletion_month_p10,
            Chance(_hits(risk.depletion_probability, n), n),
        ),
        "reserve": Future(
            "reserve",
            kpis.reserve_held_month,
            _half_held(risk.balances, projection.reserve_target, start)
            if kept
            else risk.reserve_month_p50,
            None,
            Chance(_hits(risk.reserve_probability, n), n),
        ),
        "break_even": Future(
            "break_even",
            kpis.break_even_month,
            risk.break_even_month_p50,
            risk.break_even_month_p90,
        ),
        "self_sufficient": Future(
            "self_sufficient",
            kpis.self_sufficient_month,
            risk.self_sufficient_month_p50,
            risk.self_sufficient_month_p90,
        ),
        "self_sufficient_lost": Future("self_sufficient_lost", kpis.self_sufficient_lost_month),
    }
