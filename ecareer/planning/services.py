"""Load a user's scenario with its items in a fixed number of queries, and project it (cached).

The projection and the simulation are cached by a hash of the scenario's content, so viewing an
unchanged scenario never recomputes it, and any edit changes the key and is seen at once.
"""

import dataclasses
import functools
import hashlib
from contextlib import contextmanager

import numpy as np
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from ecareer import rows
from ecareer.planning.convert import to_plan
from ecareer.planning.models import CostItem, IncomeStream, Loan, ReserveTarget, Scenario
from ecareer.projection import model as plan
from ecareer.projection.engine import Projection, project
from ecareer.projection.futures import Future, three_futures
from ecareer.projection.overflow import is_finite, may_overflow
from ecareer.projection.risk import RiskResult, simulate

# Bump when the planning model's arithmetic changes, so cached results are not reused.
CACHE_VERSION = "6"  # 6: the mean sick pay of the paths (RiskResult)
CACHE_SECONDS = 24 * 3600


def scenarios_with_items(user):
    """The user's scenarios with reserve, costs, incomes and loans loaded in four queries."""
    return _with_items(Scenario.objects.for_user(user))


def owned_scenario(user, pk: int, *, with_items: bool = False) -> Scenario:
    """The user's scenario `pk` (with its items loaded if asked), or 404 for anyone else's.

    Every view loads its scenario here: the query starts from the user, so another user's
    scenario is simply not found.
    """
    if with_items:
        found = loaded_scenarios(user, pk)
        if not found:
            raise Http404("No scenario matches the given query.")
        return found[0]
    return get_object_or_404(Scenario.objects.for_user(user), pk=pk)


@functools.cache
def _select(vendor: str, model, one: bool) -> str:
    """SELECT of every stored field of `model`'s rows in one user's scenarios (or in one of
    them), by id."""
    q = connection.ops.quote_name
    where = f"{q('user_id')} = %s" + (f" AND {q('id')} = %s" if one else "")
    return (
        f"SELECT {rows.columns(model)} FROM {q(model._meta.db_table)} WHERE {q('scenario_id')} IN "  # noqa: S608 (names from the models, values as parameters)
        f"(SELECT {q('id')} FROM {q(Scenario._meta.db_table)} WHERE {where}) ORDER BY {q('id')}"
    )


def loaded_scenarios(user, pk: int | None = None) -> list[Scenario]:
    """The user's scenarios (or only `pk`, if theirs) with reserve, costs, incomes and loans,
    in four queries of plain SQL: the same objects as `scenarios_with_items`, read without the
    ORM's select_related and prefetch_related, whose queries Django builds anew for every view
    (they were most of the time of loading a scenario, and a fifth of the dashboard refresh's).

    `scenario.reserve` is the loaded reserve (or raises as ever when there is none);
    `scenario.costs.all()`, `.incomes.all()` and `.loans.all()` give the loaded rows (in id
    order) and each knows its scenario; anything else asked of those managers queries as usual,
    limited to the scenario.
    """
    if not user.is_authenticated:
        return []
    params = [user.pk] if pk is None else [user.pk, pk]
    one = pk is not None
    found = rows.joined_rows_of(
        (Scenario, ReserveTarget), _with_reserve(connection.vendor, one), params
    )
    if not found:
        return []
    scenarios = []
    for scenario, reserve in found:
        if reserve.pk is None:  # no reserve row (LEFT JOIN): scenario.reserve raises, as ever
            reserve = None
        else:
            ReserveTarget.scenario.field.set_cached_value(reserve, scenario)
        Scenario.reserve.related.set_cached_value(scenario, reserve)
        scenarios.append(scenario)
    for name, model in (("costs", CostItem), ("incomes", IncomeStream), ("loans", Loan)):
        loaded = _rows(model, one, params)
        for scenario in scenarios:
            own = [item for item in loaded if item.scenario_id == scenario.pk]
            for item in own:
                model.scenario.field.set_cached_value(item, scenario)
            cache_of = scenario.__dict__.setdefault("_prefetched_objects_cache", {})
            queryset = getattr(scenario, name).get_queryset()  # filtered by the scenario, not run
            queryset._result_cache = own  # as prefetch_related leaves it
            queryset._prefetch_done = True
            cache_of[name] = queryset
    return scenarios


@functools.cache
def _with_reserve(vendor: str, one: bool) -> str:
    """Every stored field of the user's scenarios (or one of them), latest change first, each
    with its reserve target's (NULL where it has none)."""
    q = connection.ops.quote_name
    where = f"s.{q('user_id')} = %s" + (f" AND s.{q('id')} = %s" if one else "")
    columns = f"{rows.columns(Scenario, 's')}, {rows.columns(ReserveTarget, 'r')}"
    order = ", ".join(
        f"s.{q(Scenario._meta.get_field(name.lstrip('-')).column)}"
        + (" DESC" if name.startswith("-") else "")
        for name in Scenario._meta.ordering
    )
    return (
        f"SELECT {columns} FROM {q(Scenario._meta.db_table)} s "  # noqa: S608 (names from the models, values as parameters)
        f"LEFT JOIN {q(ReserveTarget._meta.db_table)} r ON r.{q('scenario_id')} = s.{q('id')} "
        f"WHERE {where} ORDER BY {order}"
    )


def _rows(model, one: bool, params: list) -> list:
    """The rows of `_select` as `model` instances."""
    return rows.rows_of(model, _select(connection.vendor, model, one), params)


def _with_items(scenarios):
    return scenarios.select_related("reserve").prefetch_related(
        # In the order entered, so an export gives back the file it came from.
        Prefetch("costs", queryset=CostItem.objects.order_by("id")),
        Prefetch("incomes", queryset=IncomeStream.objects.order_by("id")),
        Prefetch("loans", queryset=Loan.objects.order_by("id")),
    )


def plan_of(scenario: Scenario, currency: str = "EUR") -> plan.Scenario:
    """The planning-model input of a scenario loaded by `scenarios_with_items`."""
    return to_plan(
        scenario,
        scenario.costs.all(),
        scenario.incomes.all(),
        currency=currency,
        loans=scenario.loans.all(),
    )


# The last plan digested and its digest: a view asks the key of one plan several times
# (dashboard, projection, prices), and its repr is most of a key's time. Held as one tuple, so a
# reader sees a plan with its own digest; the plan is immutable (frozen), so its digest is too.
_LAST_DIGEST: tuple = (None, "")


def content_key(data: plan.Scenario, what: str) -> str:
    """A cache key that changes with any field of the scenario's content."""
    global _LAST_DIGEST
    last, digest = _LAST_DIGEST
    if last is not data:
        digest = hashlib.sha256(repr(data).encode()).hexdigest()
        _LAST_DIGEST = (data, digest)
    return f"ecareer:{what}:v{CACHE_VERSION}:{digest}"


class TooLarge(ArithmeticError):
    """The plan's amounts outgrow float64 (decades of steep growth on the largest amounts)."""


TOO_LARGE = gettext_lazy(
    "The amounts grow too large to project. Lower the amounts, quantities or yearly increases."
)


def projection_of(data: plan.Scenario) -> Projection:
    """The deterministic projection, from the cache when the content is unchanged.

    Raises TooLarge for a plan inside the limits whose amounts still overflow; the forms and
    the import refuse to save such a plan (`check_projectable`).
    """
    key = content_key(data, "projection")
    result = cache.get(key)
    if result is None:
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is checked just below
            result = project(data)
        if not is_finite(result):
            raise TooLarge(str(TOO_LARGE))
        cache.set(key, result, CACHE_SECONDS)
    return result


@contextmanager
def kept_if_projectable(scenario: Scenario):
    """A transaction for a change to `scenario`, rolled back with TooLarge if the changed plan
    can no longer be projected."""
    with transaction.atomic():
        yield
        check_projectable(scenario)


def check_projectable(scenario: Scenario) -> None:
    """TooLarge unless the stored scenario (reloaded with its items) can be projected.

    Most plans are known to be fine from two small queries, without projecting them.
    """
    starts = [scenario.start_month]
    for items in (CostItem.objects, IncomeStream.objects, Loan.objects):
        first = items.filter(scenario_id=scenario.pk).aggregate(first=Min("start_month"))
        starts += [first["first"]] if first["first"] else []
    if not may_overflow(scenario.start_month, scenario.horizon_months, min(starts)):
        return
    fresh = _with_items(Scenario.objects.filter(pk=scenario.pk)).get()
    projection_of(plan_of(fresh))


def risk_of(data: plan.Scenario, projection: Projection | None = None) -> RiskResult:
    """The Monte Carlo simulation, from the cache when the content is unchanged."""
    result = cache.get(content_key(data, "risk"))
    if result is None:
        result, _futures = _simulate_and_cache(data, projection)
    return result


def futures_of(data: plan.Scenario, projection: Projection | None = None) -> dict[str, Future]:
    """The headline in three futures (plan, likely, bad case), cached with the simulation."""
    result = cache.get(content_key(data, "futures"))
    if result is None:
        _risk, result = _simulate_and_cache(data, projection)
    return result


def _simulate_and_cache(data: plan.Scenario, projection: Projection | None):
    """One simulation with its paths: the futures need them, the cache keeps neither path array."""
    projection = projection or projection_of(data)
    with np.errstate(over="ignore", invalid="ignore"):  # a plan at the edge of float64
        risk = simulate(data, projection, keep_paths=True)
        futures = three_futures(projection, risk)
    risk = dataclasses.replace(risk, balances=None, lowest=None)
    cache.set(content_key(data, "risk"), risk, CACHE_SECONDS)
    cache.set(content_key(data, "futures"), futures, CACHE_SECONDS)
    return risk, futures
