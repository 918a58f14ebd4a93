"""The plan's two milestones on every simulated path: set-up costs earned back, living paid.

DESIGN.md defines break_even_month and self_sufficient_month for the plan ("KPIs"); the risk
simulation lists no such outputs. These are the same tests applied to each path's own income,
costs and taxes (issue 13: every KPI card in three futures), so that the cards "Set-up costs
earned back" and "The business pays your living" can show the likely and the bad case:

- per path i, break_even_i = the first m where the sum of (income - business_costs -
  taxes_accrued) over 0..m >= 0, and self_sufficient_i = the first m where income_m -
  business_costs_m - taxes_accrued_m - social_insurance_accrued_m >= living_costs_m (each H,
  "never", when no month of the horizon meets it);
- break_even_month_p50 / self_sufficient_month_p50: the first month by which at least half of
  the paths have met the test (likely), or null;
- break_even_month_p90 / self_sufficient_month_p90: the first month by which at least 90 % of
  the paths have met it (the bad case: in 1 of 10 futures it comes later or never), or null.

With all risks at 0 every path repeats the plan, so both equal the plan's KPI month. The
accruals follow `flows.run` and `germany.payments` operation for operation, so a riskless path
agrees with the plan bit for bit.
"""

from __future__ import annotations

import numpy as np

from ecareer.projection import flows
from ecareer.projection.engine import EPSILON
from ecareer.projection.model import Scenario, TaxRegime


def first_true(mask: np.ndarray, horizon: int) -> np.ndarray:
    """Per path (columns), the first month where mask holds, or `horizon` when never."""
    return np.where(mask.any(axis=0), mask.argmax(axis=0), horizon)


def first_share(first_months: np.ndarray, share: float, horizon: int) -> int | None:
    """The first month by which at least `share` of the paths had their first hit, or None."""
    paths = len(first_months)
    counts = np.bincount(first_months[first_months < horizon], minlength=horizon).cumsum()
    hits = np.flatnonzero(counts >= share * paths - 1e-9)
    return int(hits[0]) if len(hits) else None


def living_costs(scenario: Scenario) -> np.ndarray:
    """The living costs of each month, (H,), as the plan counts them."""
    growth = 1.0 + float(scenario.living_increase_pct) / 100.0
    return float(scenario.living_monthly) * growth ** (np.arange(scenario.horizon_months) // 12)


def first_months(
    scenario: Scenario, co: flows.Coefficients, kept, result: flows.Flows
) -> tuple[np.ndarray, np.ndarray]:
    """Per path its break-even month and its first self-sufficient month (indices; H = never).

    `kept` is the simulation's (H, paths) array of kept shares (or 1.0 without risks) and
    `result` its `flows.run` of the same paths (`registered` and, for regime de, `yearly`).
    """
    horizon, paths = scenario.horizon_months, scenario.risks.paths
    profit = flows._at(
        co.profit_exempt, co.profit_registered, kept, result.registered, (horizon, paths)
    )
    lead, _, counts = flows.calendar(scenario)
    if scenario.tax.regime == TaxRegime.DE:
        amounts = result.yearly
        taxes_accrued = np.repeat(amounts.total / counts.astype(float)[:, None], counts, axis=0)
        per_month = amounts.contribution
        if amounts.pension is not None:  # summed per year first: one (H, paths) array, not two
            per_month = per_month + amounts.pension
        social_accrued = np.repeat(per_month, counts, axis=0)
    else:
        adjust = None if co.extra is None else co.extra.adjust
        taxes_accrued = flows.ytd_taxes(profit, float(scenario.tax_rate_pct), lead, adjust)
        social_accrued = None
    after_tax = profit
    if co.extra is not None and co.extra.loan_interest.any():
        after_tax -= co.extra.loan_interest[:, None]  # a business expense here (DESIGN.md)
    after_tax -= taxes_accrued
    del taxes_accrued
    break_even = first_true(np.cumsum(after_tax, axis=0) >= -EPSILON, horizon)
    if social_accrued is not None:
        after_tax -= social_accrued
    sufficient = after_tax >= living_costs(scenario)[:, None] - EPSILON
    return break_even, first_true(sufficient, horizon)
