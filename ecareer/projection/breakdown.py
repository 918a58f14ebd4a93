"""Breakdowns of a projection that the charts and tables show (the money is summed here)."""

from dataclasses import dataclass

import numpy as np

from ecareer.projection.engine import Projection
from ecareer.projection.model import Category

FIRST_YEAR_MONTHS = 12


@dataclass(frozen=True, slots=True)
class CategoryCost:
    """One cost category's business costs in the first year, and its share of their total."""

    category: Category
    amount: float
    share: float


def first_year_costs(projection: Projection) -> list[CategoryCost]:
    """Costs by category over the first 12 months (or a shorter horizon), largest first."""
    totals = [
        (category, float(np.sum(series[:FIRST_YEAR_MONTHS])))
        for category, series in projection.costs_by_category.items()
    ]
    totals = [(category, amount) for category, amount in totals if amount > 0.005]
    grand_total = sum(amount for _, amount in totals)
    order = list(Category)
    totals.sort(key=lambda pair: (-round(pair[1], 2), order.index(pair[0])))
    return [
        CategoryCost(category, round(amount, 2), amount / grand_total)
        for category, amount in totals
    ]
