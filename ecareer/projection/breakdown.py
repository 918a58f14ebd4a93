"""Breakdowns of a projection that the charts and tables show (the money is summed here)."""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from ecareer.projection.engine import EPSILON, Projection
from ecareer.projection.model import Category, YearMonth
from ecareer.projection.money import to_cents

FIRST_YEAR_MONTHS = 12


@dataclass(frozen=True, slots=True)
class CategoryCost:
    """One cost category's business costs in the first year (in cents), and its share of all."""

    category: Category
    amount: Decimal
    share: float


def first_year_costs(projection: Projection) -> list[CategoryCost]:
    """Costs by category over the first 12 months (or a shorter horizon), largest first."""
    totals = [
        (category, float(np.sum(series[:FIRST_YEAR_MONTHS])))
        for category, series in projection.costs_by_category.items()
    ]
    totals = [(category, amount) for category, amount in totals if to_cents(amount) > 0]
    grand_total = sum(amount for _, amount in totals)
    order = list(Category)
    totals.sort(key=lambda pair: (-to_cents(pair[1]), order.index(pair[0])))
    return [
        CategoryCost(category, to_cents(amount), amount / grand_total)
        for category, amount in totals
    ]


def first_year_item_totals(projection: Projection) -> tuple[Decimal, ...]:
    """Each cost item's business cost over the first 12 months (net of VAT where registered)."""
    return tuple(
        to_cents(float(np.sum(series[:FIRST_YEAR_MONTHS]))) for series in projection.costs_by_item
    )


def first_year_total(costs: list[CategoryCost]) -> Decimal:
    """The first year's business costs: the sum of the categories' amounts as shown."""
    return sum((c.amount for c in costs), Decimal(0))


def share_of_target(values: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Each month's value in percent of that month's reserve target (NaN where it is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(target > 0, values / np.where(target > 0, target, 1) * 100, np.nan)
    return np.round(shares, 1)


def whole_percent(share: float) -> int:
    """A share 0..1 as a whole percentage (0.123 -> 12), as pages and charts write it."""
    return round(float(share) * 100)


def reserve_lost_month(projection: Projection) -> YearMonth | None:
    """The first month after the reserve was first reached in which the balance is below the
    target again (the cushion touched and lost), or None when it never falls below after.

    The same test as the engine's reserve KPIs (balance >= target, float noise aside), so that
    with reserve_reached_month and reserve_held_month it tells the cushion's story.
    """
    reached = projection.kpis.reserve_reached_month
    if reached is None:
        return None
    start = reached - projection.scenario.start
    below = projection.balance[start:] < projection.reserve_target[start:] - EPSILON
    if not below.any():
        return None
    return projection.months[start + int(np.argmax(below))]
