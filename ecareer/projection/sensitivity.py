"""What matters most (DESIGN.md, "Decisions", sensitivity): each input moved on its own.

API: `sensitivity(scenario) -> Sensitivity`. Inputs moved (an input at 0 is left out, since
moving it changes nothing): each income stream's price (amount or rate) by -20 / +20 %; each
cost category's amounts (an income-share cost's percentage, at most 100) by -20 / +20 %; the
living costs by -20 / +20 %; in regime flat the tax rate by -5 / +5 points (within 0..100), in
regime de with `trade` the trade-tax multiplier by -100 / +100 points (within 200..900); sick
days, the dry-spell chance and the chance of a long illness by -50 / +50 % (a chance at most
100). Each variant's effect is the change of the plan's final balance and of the chance of running
out (same seed, so the difference is the input's, not the dice's) -- except the risks: the plan has
no illness and no dry spell in it, so moving them never moves the plan, and a chart of the plan
would call them harmless however much they matter. They are measured by the bad case instead
(issue 22): the change of the final balance 1 in 10 simulated futures falls below (p10 of the last
month, from `risk.simulate`, which holds every risk of the engine), `measure` "bad_case".

`Sensitivity.rows` are sorted by the larger of the two final-balance changes (absolute), then by
the chance; `by_depletion()` sorts by the chance. Each `SensitivityRow.as_dict()` carries a
label key and its parameters (`{"key": "income_price", "params": {"income": "Shop sales"}}`,
`cost_category` with `{"category": "room"}`, `living_costs`, `tax_rate`,
`trade_tax_multiplier`, `sick_days`, `drought_chance`, `long_illness`) so the web translates
the label, the
moved values (`base`, `low`, `high`: None for a cost category; `step`, `step_unit` "pct" or
"points"), and the deltas.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from ecareer.projection import flows
from ecareer.projection.engine import EPSILON, Projection, project
from ecareer.projection.model import CostBasis, Pricing, Scenario, TaxRegime
from ecareer.projection.money import to_cents
from ecareer.projection.risk import draws, simulate

PRICE_STEP = Decimal(20)
TAX_POINTS = Decimal(5)
MULTIPLIER_POINTS = Decimal(100)
RISK_STEP = Decimal(50)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SensitivityRow:
    """One input moved down and up, and what that does to the final balance and the chance."""

    key: str
    params: dict
    base: Decimal | None  # the input today (None for a cost category: its items differ in kind)
    low: Decimal | None  # the input moved down / up
    high: Decimal | None
    step: Decimal
    step_unit: str  # "pct" (relative) or "points" (absolute)
    final_balance_low: Decimal  # change of the plan's final balance, in money
    final_balance_high: Decimal
    depletion_low: float  # change of the chance of running out, -1..1
    depletion_high: float
    # "plan": the final balance above is the plan's; "bad_case": the p10 final balance (risks)
    measure: str = "plan"

    @property
    def balance_swing(self) -> Decimal:
        return max(abs(self.final_balance_low), abs(self.final_balance_high))

    @property
    def depletion_swing(self) -> float:
        return max(abs(self.depletion_low), abs(self.depletion_high))

    def as_dict(self) -> dict:
        """JSON-ready (money as Decimal)."""
        return {
            "key": self.key,
            "params": dict(self.params),
            "base": self.base,
            "low": self.low,
            "high": self.high,
            "step": self.step,
            "step_unit": self.step_unit,
            "final_balance_low": self.final_balance_low,
            "final_balance_high": self.final_balance_high,
            "depletion_low": self.depletion_low,
            "depletion_high": self.depletion_high,
            "measure": self.measure,
        }


@dataclass(frozen=True)
class Sensitivity:
    """The base figures and one row per moved input, largest final-balance effect first."""

    final_balance: Decimal
    depletion_probability: float
    paths: int
    rows: tuple[SensitivityRow, ...]

    def by_depletion(self) -> tuple[SensitivityRow, ...]:
        """The rows sorted by their effect on the chance of running out, largest first."""
        return tuple(sorted(self.rows, key=lambda r: (-r.depletion_swing, -r.balance_swing)))

    def as_dict(self) -> dict:
        return {
            "final_balance": self.final_balance,
            "depletion_probability": self.depletion_probability,
            "paths": self.paths,
            "rows": [row.as_dict() for row in self.rows],
        }


def _figures(scenario: Scenario, kept, places=None) -> tuple[float, float]:
    """(the plan's final balance, the share of paths that run out) with the given kept shares
    and long-illness places (`risk.draws`)."""
    horizon = scenario.horizon_months
    incomes, fixed, shares = flows.item_series(scenario, scenario.start, horizon)
    co = flows.coefficients(scenario, incomes, fixed, shares)
    living = float(scenario.living_monthly) * (
        1.0 + float(scenario.living_increase_pct) / 100.0
    ) ** (np.arange(horizon) // 12)
    start = float(scenario.starting_balance)

    def balances(shares_kept, paths, ill=None):
        # risk.path_balances' order of operations, so the figures equal the plan's and simulate's
        net = flows.run(scenario, co, shares_kept, paths, arrays=False, places=ill).net
        net -= living[:, None]
        balance = np.cumsum(net, axis=0, out=net)
        balance += start
        return balance

    plan = balances(1.0, 1)
    final = float(plan[-1, 0])
    if kept is None:  # no risk: every path is the plan
        return final, float(plan.min() < -EPSILON)
    paths = balances(kept, scenario.risks.paths, places)
    return final, float((paths.min(axis=0) < -EPSILON).mean())


def _scaled(value: Decimal, pct: Decimal, top: Decimal | None = None) -> Decimal:
    moved = (value * (1 + pct / 100)).quantize(CENT, rounding=ROUND_HALF_UP)
    return moved if top is None else min(top, moved)


def _variants(scenario: Scenario):
    """(key, params, base, step, unit, risky, make(sign) -> (moved value, scenario))."""

    def price_of(stream):
        return (stream.amount if stream.pricing == Pricing.FIXED else stream.rate) or Decimal(0)

    for index, stream in enumerate(scenario.incomes):
        price = price_of(stream)
        if price == 0:
            continue

        def make(sign, index=index, stream=stream, price=price):
            moved = _scaled(price, sign * PRICE_STEP)
            field = "amount" if stream.pricing == Pricing.FIXED else "rate"
            incomes = list(scenario.incomes)
            incomes[index] = dataclasses.replace(stream, **{field: moved})
            return moved, dataclasses.replace(scenario, incomes=tuple(incomes))

        yield "income_price", {"income": stream.name}, price, PRICE_STEP, "pct", False, make

    categories = []
    for item in scenario.costs:
        if item.amount != 0 and item.category not in categories:
            categories.append(item.category)
    for category in categories:

        def make(sign, category=category):
            costs = tuple(
                dataclasses.replace(
                    c,
                    amount=_scaled(
                        c.amount,
                        sign * PRICE_STEP,
                        Decimal(100) if c.basis == CostBasis.INCOME_SHARE else None,
                    ),
                )
                if c.category == category
                else c
                for c in scenario.costs
            )
            return None, dataclasses.replace(scenario, costs=costs)

        params = {"category": str(category)}
        yield "cost_category", params, None, PRICE_STEP, "pct", False, make

    if scenario.living_monthly != 0:

        def make(sign):
            moved = _scaled(scenario.living_monthly, sign * PRICE_STEP)
            return moved, dataclasses.replace(scenario, living_monthly=moved)

        yield "living_costs", {}, scenario.living_monthly, PRICE_STEP, "pct", False, make

    tax = scenario.tax
    if tax.regime == TaxRegime.FLAT:

        def make(sign):
            moved = min(Decimal(100), max(Decimal(0), scenario.tax_rate_pct + sign * TAX_POINTS))
            return moved, dataclasses.replace(scenario, tax_rate_pct=moved)

        yield "tax_rate", {}, scenario.tax_rate_pct, TAX_POINTS, "points", False, make
    elif tax.trade:

        def make(sign):
            base = tax.trade_tax_multiplier_pct
            moved = min(Decimal(900), max(Decimal(200), base + sign * MULTIPLIER_POINTS))
            moved_tax = dataclasses.replace(tax, trade_tax_multiplier_pct=moved)
            return moved, dataclasses.replace(scenario, tax=moved_tax)

        base = tax.trade_tax_multiplier_pct
        yield "trade_tax_multiplier", {}, base, MULTIPLIER_POINTS, "points", False, make

    risks = scenario.risks
    # The risks, each by -50 / +50 % of itself (a chance at most 100); dry spells only when
    # they cost income.
    for key, field, top, moves in (
        ("sick_days", "sick_days_per_year", Decimal(250), True),
        ("drought_chance", "drought_chance_pct", Decimal(100), risks.drought_income_drop_pct != 0),
        ("long_illness", "long_illness_chance_pct", Decimal(100), True),
    ):
        base = getattr(risks, field)
        if base != 0 and moves:
            yield key, {}, base, RISK_STEP, "pct", True, _risk_mover(scenario, field, top)


def _risk_mover(scenario: Scenario, field: str, top: Decimal):
    """`make(sign)` of a risk setting: its value moved by sign x RISK_STEP % (at most `top`),
    and the scenario with it."""
    risks = scenario.risks

    def make(sign):
        moved = _scaled(getattr(risks, field), sign * RISK_STEP, top)
        return moved, dataclasses.replace(
            scenario, risks=dataclasses.replace(risks, **{field: moved})
        )

    return make


def _bad_case(scenario: Scenario, plan: Projection) -> tuple[float, float]:
    """(the final balance 1 in 10 simulated futures falls below, the chance of running out)."""
    risk = simulate(scenario, plan)
    return float(risk.p10[-1]), risk.depletion_probability


def sensitivity(scenario: Scenario) -> Sensitivity:
    """Every input moved on its own; rows sorted by their effect on the final balance."""
    drawn = draws(scenario)  # one set of random numbers for every variant but the risks'
    base_final, base_depleted = _figures(scenario, *drawn)
    rows = []
    plan = bad_final = bad_depleted = None
    for key, params, base, step, unit, risky, make in _variants(scenario):
        if risky and plan is None:  # a risk moves no plan: one projection serves every variant
            plan = project(scenario)
            bad_final, bad_depleted = _bad_case(scenario, plan)
        figures: list[tuple[Decimal | None, float, float]] = []
        for sign in (-1, 1):
            moved, variant = make(sign)
            final, depleted = _bad_case(variant, plan) if risky else _figures(variant, *drawn)
            figures.append((moved, final, depleted))
        (low, final_low, dep_low), (high, final_high, dep_high) = figures
        final_base, depleted_base = (
            (bad_final, bad_depleted) if risky else (base_final, base_depleted)
        )
        rows.append(
            SensitivityRow(
                key=key,
                params=params,
                base=base,
                low=low,
                high=high,
                step=step,
                step_unit=unit,
                final_balance_low=to_cents(final_low - final_base),
                final_balance_high=to_cents(final_high - final_base),
                depletion_low=dep_low - depleted_base,
                depletion_high=dep_high - depleted_base,
                measure="bad_case" if risky else "plan",
            )
        )
    rows.sort(key=lambda r: (-r.balance_swing, -r.depletion_swing))
    return Sensitivity(to_cents(base_final), base_depleted, scenario.risks.paths, tuple(rows))
