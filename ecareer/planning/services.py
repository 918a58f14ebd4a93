"""Load a user's scenario with its items in a fixed number of queries, and project it (cached).

The projection and the simulation are cached by a hash of the scenario's content, so viewing an
unchanged scenario never recomputes it, and any edit changes the key and is seen at once.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Prefetch

from ecareer.planning.convert import to_plan
from ecareer.planning.models import CostItem, IncomeStream, Scenario
from ecareer.projection import model as plan
from ecareer.projection.engine import Projection, project
from ecareer.projection.risk import RiskResult, simulate

# Bump when the planning model's arithmetic changes, so cached results are not reused.
CACHE_VERSION = "1"
CACHE_SECONDS = 24 * 3600


def scenarios_with_items(user):
    """The user's scenarios with reserve, costs and incomes loaded in three queries."""
    return (
        Scenario.objects.for_user(user)
        .select_related("reserve")
        .prefetch_related(
            # In the order entered, so an export gives back the file it came from.
            Prefetch("costs", queryset=CostItem.objects.order_by("id")),
            Prefetch("incomes", queryset=IncomeStream.objects.order_by("id")),
        )
    )


def plan_of(scenario: Scenario, currency: str = "EUR") -> plan.Scenario:
    """The planning-model input of a scenario loaded by `scenarios_with_items`."""
    return to_plan(scenario, scenario.costs.all(), scenario.incomes.all(), currency=currency)


def content_key(data: plan.Scenario, what: str) -> str:
    """A cache key that changes with any field of the scenario's content."""
    digest = hashlib.sha256(repr(data).encode()).hexdigest()
    return f"ecareer:{what}:v{CACHE_VERSION}:{digest}"


def projection_of(data: plan.Scenario) -> Projection:
    """The deterministic projection, from the cache when the content is unchanged."""
    key = content_key(data, "projection")
    result = cache.get(key)
    if result is None:
        result = project(data)
        cache.set(key, result, CACHE_SECONDS)
    return result


def risk_of(data: plan.Scenario, projection: Projection | None = None) -> RiskResult:
    """The Monte Carlo simulation, from the cache when the content is unchanged."""
    key = content_key(data, "risk")
    result = cache.get(key)
    if result is None:
        result = simulate(data, projection or projection_of(data))
        cache.set(key, result, CACHE_SECONDS)
    return result
