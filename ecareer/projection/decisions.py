"""Answers to "what do I need?" (DESIGN.md, "Decisions"): required price, starting balance and
affordable living costs, each for the plan or for a risk of running out <= p %.

API (pure Python + numpy; the web and `manage.py decide` call these):

- `required_price(scenario, income=None, risk_pct=None) -> Decision`: the smallest factor k in
  [0, 100] on the grid of 0.1 % (k = n / 1000; lower where a new price would pass the limit of
  1,000,000,000) by which the price (amount, or rate) of the income
  stream named `income` (None: of every stream) must be multiplied so that the plan never runs
  out (`risk_pct` None) or depletion_probability <= risk_pct/100 under the scenario's own seed.
  Bisection on one set of random numbers (`risk.draws` drawn once). When the re-check
  finds that k fails, or that k - 0.1 % meets too, it scans upward from 0 in 1 % steps and
  bisects inside the first step that meets. For the plan target it also scans whenever a chosen
  stream's prices include VAT in regime de with small_business (a higher price can end the
  status and keep only 1/(1 + r/100); the check alone cannot see a lower window when today's
  price lies in the gap above the limit): the plan's scan runs every step in one vectorised
  run (so does a risk target whose risks are all 0). A risk target with risks scans only when
  the check fails (each step is a simulation).
  `threshold` is True when a price above the answer was seen to fail ("prices just above the
  threshold earn less than just below"). A window narrower than 1 % between two steps can be
  missed, as DESIGN.md's scan allows. Applying a factor rounds each new price UP to the cent
  (`apply_price_factor`).
- `required_starting_balance(scenario, risk_pct=None, paths=None) -> Decision`: closed form from
  each path's lowest balance (D_i = -lowest_i; j = floor(p x paths / 100); the start plus the
  (j+1)-th largest D_i), rounded up to the cent. `paths` may be a `RiskResult` of
  `simulate(..., keep_paths=True)` of the same scenario already at hand (saves one
  simulation; used only for a risk target).
- `affordable_living_costs(scenario, risk_pct=None, paths=None) -> Decision`: closed form:
  every path's balance is X_m - L x c_m, path i holds while L <= L_i = min_m (X_m + eps) / c_m; the
  (j+1)-th smallest L_i, rounded down to the cent. `paths` as above.
- `decide(scenario, what, income=None, risk_pct=None)`: one of the three by name
  ("price", "starting_balance", "living_costs").
- `sick_pay_choice(scenario) -> dict` (DESIGN.md v3, "Long illness"): the scenario simulated
  twice, with the statutory sick-pay option (`tax.sick_pay`) and without, same seed:
  `{"what": "sick_pay", "with": {...}, "without": {...}}`, each with `depletion_probability`
  (float 0..1), `min_balance_p10`, `final_balance_p50` (the p50 balance of the last month) and
  `social_insurance_total` (the plan's social_insurance summed over its monthly cents), money as
  Decimal cents. `SickPayNotOffered` (a ValueError) unless regime `de` with health insurance
  `statutory` or `ksk`.

Every answer is checked by projecting (plan) or simulating (risk) the scenario again with the
answer before it is returned: the answer meets the target and 0.1 % less (price) / one cent less
(starting balance) / one cent more (living costs) does not, unless the answer sits at a limit.
When nothing inside the limits meets the target, `met` is False and `value`/`factor` None.

`Decision.as_dict()` is JSON-ready (Decimal money, floats for probabilities): the keys of
DESIGN.md `what, income, target, risk_pct, factor, value, met`, then `current` (the value
today, in the same unit), `unit` ("amount" per occurrence, "rate" per hour or unit, "money" for
the starting balance, "per_month" for living costs), `pricing` (the stream's pricing or None),
`threshold`, `depletion_probability` (of the checked answer; None for the plan target).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

import numpy as np

from ecareer.projection import flows, limits
from ecareer.projection.engine import EPSILON, project
from ecareer.projection.model import HealthInsurance, Pricing, Scenario, TaxRegime, VatStatus
from ecareer.projection.money import WIDE, to_cents
from ecareer.projection.risk import RiskResult, draws, path_balances, simulate

WHATS = ("price", "starting_balance", "living_costs")  # the `Decision`s of `decide`
CLI_WHATS = (*WHATS, "sick_pay")  # `decide --what`: sick_pay is `sick_pay_choice`
GRID = 1000  # factor steps per unit: k = n / GRID, so one step is 0.1 %
MAX_FACTOR = 100
SCAN_STEP = 10  # 1 % in grid steps
_CHUNK = 256  # factors per vectorised run of the plan's scan (memory: H x 256 floats a time)
CENT = Decimal("0.01")
_NUDGES = 5  # cents the re-check may move a closed-form answer (float noise at a cent's edge)


@dataclass(frozen=True)
class Decision:
    """One answer to "what do I need?", already checked by running the model again."""

    what: str  # "price" | "starting_balance" | "living_costs"
    income: str | None  # the stream's name (price), None: all streams / not a price
    target: str  # "plan" | "risk"
    risk_pct: Decimal | None
    factor: Decimal | None  # price: k (3 decimals); None otherwise or when not met
    value: Decimal | None  # money (cents); None when not met, or for the price of all streams
    met: bool
    current: Decimal | None  # today's value in the same unit (None for the price of all streams)
    unit: str  # "amount" | "rate" | "money" | "per_month"
    pricing: str | None = None  # the stream's pricing ("fixed", "hourly", "per_unit")
    threshold: bool = False  # price: a higher price than the answer fails (VAT); see module doc
    depletion_probability: float | None = None  # risk target: of the checked answer

    def as_dict(self) -> dict:
        """JSON-ready, DESIGN.md's keys first (money as Decimal, see cli.dumps_json)."""
        return {
            "what": self.what,
            "income": self.income,
            "target": self.target,
            "risk_pct": self.risk_pct,
            "factor": self.factor,
            "value": self.value,
            "met": self.met,
            "current": self.current,
            "unit": self.unit,
            "pricing": self.pricing,
            "threshold": self.threshold,
            "depletion_probability": self.depletion_probability,
        }


def allowed_failures(risk_pct: Decimal | None, paths: int) -> int:
    """j = floor(p x paths / 100): how many paths may run out (0 for the plan target)."""
    if risk_pct is None:
        return 0
    with localcontext(prec=WIDE):
        return int((Decimal(risk_pct) * paths / 100).to_integral_value(ROUND_FLOOR))


def _round(value: float, rounding: str) -> Decimal:
    with localcontext(prec=WIDE):
        return Decimal(repr(float(value))).quantize(CENT, rounding=rounding) + Decimal("0.00")


def _living_growth(scenario: Scenario) -> np.ndarray:
    """(1 + living increase) ** floor(m / 12) per month (the engine's living costs per unit)."""
    return (1.0 + float(scenario.living_increase_pct) / 100.0) ** (
        np.arange(scenario.horizon_months) // 12
    )


def _depleted_count(balances: np.ndarray) -> int:
    return int((balances.min(axis=0) < -EPSILON).sum())


def _check(scenario: Scenario, risk_pct: Decimal | None):
    """(meets, depletion_probability or None, balances (H, paths)) by running the model again."""
    if risk_pct is None:
        balance = project(scenario).balance[:, None]
        return _depleted_count(balance) == 0, None, balance
    # The simulation's paths without its percentiles: depletion_probability is this count / paths.
    balances = path_balances(scenario)
    count = _depleted_count(balances)
    paths = balances.shape[1]
    return count <= allowed_failures(risk_pct, paths), count / paths, balances


def _target(risk_pct) -> str:
    return "plan" if risk_pct is None else "risk"


# -- required price ---------------------------------------------------------------------------


def _price_of(stream) -> Decimal:
    return (stream.amount if stream.pricing == Pricing.FIXED else stream.rate) or Decimal(0)


def apply_price_factor(scenario: Scenario, factor: Decimal, income: str | None = None) -> Scenario:
    """The scenario with the price of stream `income` (None: of every stream) times `factor`,
    each new price rounded up to the cent (the side that still meets a target)."""
    streams = []
    for stream in scenario.incomes:
        if income is not None and stream.name != income:
            streams.append(stream)
            continue
        with localcontext(prec=WIDE):
            price = (_price_of(stream) * Decimal(factor)).quantize(CENT, rounding=ROUND_CEILING)
        key = "amount" if stream.pricing == Pricing.FIXED else "rate"
        streams.append(dataclasses.replace(stream, **{key: price}))
    return dataclasses.replace(scenario, incomes=tuple(streams))


class _PriceSearch:
    """meets(n) for factor n / GRID, on series and random numbers built once."""

    def __init__(self, scenario: Scenario, income: str | None, risk_pct: Decimal | None) -> None:
        self.scenario = scenario
        horizon = scenario.horizon_months
        self.incomes, self.fixed, self.shares = flows.item_series(scenario, scenario.start, horizon)
        self.scaled = [income is None or s.name == income for s in scenario.incomes]
        kept, self.places = (None, None) if risk_pct is None else draws(scenario)
        if kept is None:  # the plan, or risks at 0: every path is the plan
            self.kept, self.paths = 1.0, 1
            paths = 1 if risk_pct is None else scenario.risks.paths
            self.allowed = 0 if allowed_failures(risk_pct, paths) < paths else 1
        else:
            self.kept, self.paths = kept, scenario.risks.paths
            self.allowed = allowed_failures(risk_pct, self.paths)
        self.riskless = kept is None
        self.living = float(scenario.living_monthly) * _living_growth(scenario)
        self.cache: dict[int, bool] = {}

    def meets(self, n: int) -> bool:
        if n not in self.cache:
            k = n / GRID
            incomes = tuple(
                series * k if scaled else series
                for series, scaled in zip(self.incomes, self.scaled, strict=True)
            )
            co = flows.coefficients(self.scenario, incomes, self.fixed, self.shares)
            net = flows.run(
                self.scenario, co, self.kept, self.paths, arrays=False, places=self.places
            ).net
            # The order of operations of risk.path_balances, so the search agrees with the check.
            net -= self.living[:, None]
            balance = np.cumsum(net, axis=0, out=net)
            balance += float(self.scenario.starting_balance)
            self.cache[n] = _depleted_count(balance) <= self.allowed
        return self.cache[n]

    def first_step(self, upto: int) -> int | None:
        """The first multiple of SCAN_STEP in 0..upto that meets (the upward scan), or None."""
        steps = list(range(0, upto + 1, SCAN_STEP))
        if self.paths == 1 and isinstance(self.kept, float):
            self._plan_steps(steps)  # the plan: every step at once
        return next((n for n in steps if self.meets(n)), None)

    def _plan_steps(self, steps: list[int]) -> None:
        """meets() of many factors of the plan at once, as columns of one run.

        The chosen streams are marked as the ones whose income the `kept` multiplier scales,
        and each column's multiplier is its factor: the same sums as `meets`, vectorised.
        """
        scenario = dataclasses.replace(
            self.scenario,
            incomes=tuple(
                dataclasses.replace(stream, performance_based=scaled)
                for stream, scaled in zip(self.scenario.incomes, self.scaled, strict=True)
            ),
        )
        co = flows.coefficients(scenario, self.incomes, self.fixed, self.shares)
        horizon = scenario.horizon_months
        for at in range(0, len(steps), _CHUNK):
            chunk = steps[at : at + _CHUNK]
            factors = np.array(chunk, dtype=float) / GRID
            kept = np.broadcast_to(factors, (horizon, len(chunk)))
            net = flows.run(scenario, co, kept, len(chunk), arrays=False).net
            net -= self.living[:, None]
            balance = np.cumsum(net, axis=0, out=net)
            balance += float(scenario.starting_balance)
            ok = (balance.min(axis=0) >= -EPSILON).tolist()
            for n, meets in zip(chunk, ok, strict=True):
                self.cache.setdefault(n, meets)

    def smallest(self, lo: int, hi: int) -> int:
        """The smallest n in (lo, hi] that meets, by bisection, given that hi meets."""
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.meets(mid):
                hi = mid
            else:
                lo = mid
        return hi


def required_price(
    scenario: Scenario, income: str | None = None, risk_pct: Decimal | None = None
) -> Decision:
    """The smallest price factor (0.1 % grid, 0..100) that meets the target; see module doc."""
    stream = None
    if income is not None:
        stream = next((s for s in scenario.incomes if s.name == income), None)
        if stream is None:
            raise ValueError(f"no income stream named {income!r}")
    search = _PriceSearch(scenario, income, risk_pct)
    top = MAX_FACTOR * GRID
    # No new price may pass the limit of an amount or rate (1,000,000,000).
    highest = max(
        (_price_of(s) for s, scaled in zip(scenario.incomes, search.scaled, strict=True) if scaled),
        default=Decimal(0),
    )
    if highest > 0:
        with localcontext(prec=WIDE):
            most = (limits.MONEY.hi * GRID / highest).to_integral_value(ROUND_FLOOR)
        top = min(top, int(most))

    def decision(n: int | None, threshold: bool, meets: bool, probability) -> Decision:
        factor = None if n is None else Decimal(n) / GRID
        value = None
        if stream is not None and factor is not None:
            value = (_price_of(stream) * factor).quantize(CENT, rounding=ROUND_CEILING)
        return Decision(
            what="price",
            income=income,
            target=_target(risk_pct),
            risk_pct=risk_pct,
            factor=None if factor is None else factor.quantize(Decimal("0.001")),
            value=value,
            met=meets,
            current=None if stream is None else _price_of(stream),
            unit="amount" if stream is None or stream.pricing == Pricing.FIXED else "rate",
            pricing=None if stream is None else str(stream.pricing),
            threshold=threshold,
            depletion_probability=probability,
        )

    def verified(n: int) -> tuple[bool, bool, float | None]:
        """(the answer meets, 0.1 % less fails) by running the model again."""
        factor = Decimal(n) / GRID
        meets, probability, _ = _check(apply_price_factor(scenario, factor, income), risk_pct)
        if n == 0:
            return meets, True, probability
        less = _exact_factor(scenario, factor - Decimal(1) / GRID, income)
        return meets, not _check(less, risk_pct)[0], probability

    if search.meets(0):
        n = 0
    elif not search.meets(top):
        return decision(None, False, False, None)
    elif search.meets(GRID):  # today's price meets: the answer lies below it
        n = search.smallest(0, GRID)
    else:
        n = search.smallest(GRID, top)
    meets, less_fails, probability = verified(n)
    # The plan's scan is one vectorised run; a risk target scans only when the check fails.
    always = search.riskless and _vat_sensitive(scenario, income)
    if meets and less_fails and not always:
        return decision(n, False, True, probability)
    # A higher price can earn less (VAT): scan up in 1 % steps, bisect inside the first that meets.
    step = search.first_step(n + SCAN_STEP - 1 if meets else top)
    if step is None:
        return decision(None, True, False, None)
    n = step if step == 0 else search.smallest(step - SCAN_STEP, step)
    meets, _, probability = verified(n)
    if not meets:  # the rounded prices fail where the search met: take the step itself
        n = step
        meets, _, probability = verified(n)
    if not meets:
        return decision(None, True, False, None)
    # The flag: some price above the answer was seen to fail.
    threshold = any(m > n and not ok for m, ok in search.cache.items())
    return decision(n, threshold, True, probability)


def _vat_sensitive(scenario: Scenario, income: str | None) -> bool:
    """Can a higher price end the small-business status and so earn less (DESIGN.md)?

    Only a stream whose prices include VAT keeps less when the status ends. The bisection's
    check cannot see a lower window that meets when today's price lies in the gap above the
    limit, so such a scenario is always scanned.
    """
    tax = scenario.tax
    if tax.regime != TaxRegime.DE or tax.vat != VatStatus.SMALL_BUSINESS:
        return False
    return any(
        (income is None or s.name == income) and s.prices_include_vat and s.vat_rate_pct > 0
        for s in scenario.incomes
    )


def _exact_factor(scenario: Scenario, factor: Decimal, income: str | None) -> Scenario:
    """The prices times `factor`, unrounded (the check that 0.1 % less does not meet)."""
    streams = []
    for stream in scenario.incomes:
        if income is None or stream.name == income:
            key = "amount" if stream.pricing == Pricing.FIXED else "rate"
            stream = dataclasses.replace(stream, **{key: _price_of(stream) * factor})
        streams.append(stream)
    return dataclasses.replace(scenario, incomes=tuple(streams))


# -- required starting balance ----------------------------------------------------------------


def _path_balances(scenario: Scenario, risk_pct, paths: RiskResult | None) -> np.ndarray:
    """(H, paths) balances of the simulation (risk target) or (H, 1) of the plan."""
    if risk_pct is None:
        return project(scenario).balance[:, None]
    if paths is not None and paths.balances is not None:
        return paths.balances
    return path_balances(scenario)


def _balance_decision(
    what: str, unit: str, current: Decimal, risk_pct: Decimal | None
) -> Callable[..., Decision]:
    """The answer of `required_starting_balance` or `affordable_living_costs` for a value
    (None: the target cannot be met inside the limits) and its chance of running out."""

    def decision(value: Decimal | None, probability=None) -> Decision:
        return Decision(
            what=what,
            income=None,
            target=_target(risk_pct),
            risk_pct=risk_pct,
            factor=None,
            value=value,
            met=value is not None,
            current=current,
            unit=unit,
            depletion_probability=probability,
        )

    return decision


def required_starting_balance(
    scenario: Scenario, risk_pct: Decimal | None = None, paths: RiskResult | None = None
) -> Decision:
    """The smallest starting balance (cents) that meets the target; see the module docstring."""
    balances = _path_balances(scenario, risk_pct, paths)
    start = float(scenario.starting_balance)
    shortfall = -(balances.min(axis=0) - start)  # D_i + start: what path i needs to start with
    j = allowed_failures(risk_pct, balances.shape[1])
    lo, hi = limits.STARTING_BALANCE
    decision = _balance_decision("starting_balance", "money", scenario.starting_balance, risk_pct)

    if j >= len(shortfall):
        value = lo  # every path may run out: any starting balance will do
    else:
        needed = np.sort(shortfall)[::-1][j]  # the (j+1)-th largest
        value = max(lo, _round(needed - EPSILON, ROUND_CEILING))
    if value > hi:
        return decision(None)
    meets, probability, checked = _check(
        dataclasses.replace(scenario, starting_balance=value), risk_pct
    )
    # One cent less shifts every path down by one cent: no second simulation needed.
    for _ in range(_NUDGES):
        if meets or value >= hi:
            break
        value += CENT
        checked = checked + float(CENT)
        meets = _depleted_count(checked) <= j
    if not meets:
        return decision(None)
    for _ in range(_NUDGES):
        if value <= lo or _depleted_count(checked - float(CENT)) > j:
            break
        value -= CENT
        checked = checked - float(CENT)
    if risk_pct is not None:
        probability = _depleted_count(checked) / checked.shape[1]
    return decision(value, probability)


# -- affordable living costs ------------------------------------------------------------------


def affordable_living_costs(
    scenario: Scenario, risk_pct: Decimal | None = None, paths: RiskResult | None = None
) -> Decision:
    """The largest monthly living costs (cents) that meet the target; see the module docstring.

    Taxes, VAT and contributions never depend on living costs, so X (the balance before living
    costs) is the same for every L, and c_m > 0 (the yearly factor is at least 0.5).
    """
    balances = _path_balances(scenario, risk_pct, paths)
    growth = _living_growth(scenario)
    c = np.cumsum(growth)[:, None]
    living = float(scenario.living_monthly)
    before_living = balances + living * c  # X_m per path
    bound = ((before_living + EPSILON) / c).min(axis=0)  # L_i
    j = allowed_failures(risk_pct, balances.shape[1])
    lo, hi = limits.MONEY
    decision = _balance_decision("living_costs", "per_month", scenario.living_monthly, risk_pct)

    if j >= len(bound):
        value = hi
    else:
        affordable = np.sort(bound)[j]  # the (j+1)-th smallest
        if not math.isfinite(affordable) or affordable < 0:
            return decision(None)
        value = min(hi, _round(affordable, ROUND_FLOOR))
    meets, probability, checked = _check(
        dataclasses.replace(scenario, living_monthly=value), risk_pct
    )
    cent = float(CENT) * c  # one cent more a month costs c_m cents by month m
    for _ in range(_NUDGES):
        if meets or value <= lo:
            break
        value -= CENT
        checked = checked + cent
        meets = _depleted_count(checked) <= j
    if not meets:
        return decision(None)
    for _ in range(_NUDGES):
        if value >= hi or _depleted_count(checked - cent) > j:
            break
        value += CENT
        checked = checked - cent
    if risk_pct is not None:
        probability = _depleted_count(checked) / checked.shape[1]
    return decision(value, probability)


def decide(
    scenario: Scenario, what: str, income: str | None = None, risk_pct: Decimal | None = None
) -> Decision:
    """One decision by name: "price", "starting_balance" or "living_costs"."""
    if what == "price":
        return required_price(scenario, income, risk_pct)
    if income is not None:
        raise ValueError("an income stream only applies to --what price")
    if what == "starting_balance":
        return required_starting_balance(scenario, risk_pct)
    if what == "living_costs":
        return affordable_living_costs(scenario, risk_pct)
    if what == "sick_pay":
        raise ValueError("--what sick_pay is answered by sick_pay_choice, not as a Decision")
    raise ValueError(f"unknown decision {what!r}; choose one of {', '.join(WHATS)}")


SICK_PAY_HEALTH = (HealthInsurance.STATUTORY, HealthInsurance.KSK)


class SickPayNotOffered(ValueError):
    """The sick-pay option exists only in regime de with statutory or KSK health insurance."""


def _sick_pay_figures(scenario: Scenario) -> dict:
    """The four figures of one side of the sick-pay decision."""
    plan = project(scenario)
    risk = simulate(scenario, plan)
    social = plan.social_insurance
    total = (
        sum((to_cents(v) for v in social.tolist()), Decimal("0.00"))
        if social is not None
        else Decimal("0.00")
    )
    return {
        "depletion_probability": risk.depletion_probability,
        "min_balance_p10": to_cents(risk.min_balance_p10),
        "final_balance_p50": to_cents(float(risk.p50[-1])),
        "social_insurance_total": total,
    }


def sick_pay_choice(scenario: Scenario) -> dict:
    """The statutory sick-pay option with and without, same seed (DESIGN.md v3, "Long illness").

    `{"what": "sick_pay", "with": {...}, "without": {...}}`, each side with
    `depletion_probability`, `min_balance_p10`, `final_balance_p50`, `social_insurance_total`.
    Raises `SickPayNotOffered` unless regime `de` with health insurance `statutory` or `ksk`.
    """
    tax = scenario.tax
    if tax.regime != TaxRegime.DE:
        raise SickPayNotOffered(
            "--what sick_pay: the sick-pay option exists only in tax regime de "
            f"(the file has {tax.regime.value!r})"
        )
    if tax.health_insurance not in SICK_PAY_HEALTH:
        raise SickPayNotOffered(
            "--what sick_pay: the sick-pay option needs health insurance statutory or ksk "
            f"(the file has {tax.health_insurance.value!r})"
        )
    sides = {}
    for key, option in (("with", True), ("without", False)):
        changed = dataclasses.replace(scenario, tax=dataclasses.replace(tax, sick_pay=option))
        sides[key] = _sick_pay_figures(changed)
    return {"what": "sick_pay", **sides}


def sick_pay_cost_a_year(choice: dict, horizon_months: int) -> Decimal:
    """What the sick-pay option costs a year (the web's "Sick pay: worth it?"): the plan's
    social insurance with it minus without (`sick_pay_choice`), over the plan's years
    (horizon / 12), rounded half up to the cent."""
    extra = choice["with"]["social_insurance_total"] - choice["without"]["social_insurance_total"]
    return (extra * 12 / horizon_months).quantize(CENT, rounding=ROUND_HALF_UP)
