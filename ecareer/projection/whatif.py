"""What if prices and rates changed by some percent, you were ill more or fewer days, or dry
spells of orders came more or less often?

One function for the dashboard's preview and for saving the preview in the scenario, so both
scale a price to the same cent.
"""

import dataclasses
from decimal import Decimal

from ecareer.projection import limits
from ecareer.projection import model as plan
from ecareer.projection.money import to_cents


def scaled(value: Decimal | None, price_pct: int) -> Decimal | None:
    """A price or rate changed by `price_pct` percent, in cents as the editor would store it."""
    if value is None or price_pct == 0:
        return value
    changed = value * (100 + price_pct) / 100
    return to_cents(min(changed, limits.MONEY.hi))


def scaled_income(stream: plan.IncomeStream, price_pct: int) -> plan.IncomeStream:
    """An income stream at changed prices: the fixed amount, or the rate per hour or unit."""
    if stream.pricing == plan.Pricing.FIXED:
        return dataclasses.replace(stream, amount=scaled(stream.amount, price_pct))
    return dataclasses.replace(stream, rate=scaled(stream.rate, price_pct))


def apply_what_if(
    data: plan.Scenario,
    price_pct: int = 0,
    sick_days: int | None = None,
    drought_chance_pct: int | None = None,
):
    """The scenario with its prices scaled and (unless None) its sick days per year and its
    chance of a dry spell per month replaced."""
    if price_pct:
        incomes = tuple(scaled_income(s, price_pct) for s in data.incomes)
        data = dataclasses.replace(data, incomes=incomes)
    if sick_days is not None:
        risks = dataclasses.replace(data.risks, sick_days_per_year=Decimal(sick_days))
        data = dataclasses.replace(data, risks=risks)
    if drought_chance_pct is not None:
        risks = dataclasses.replace(data.risks, drought_chance_pct=Decimal(drought_chance_pct))
        data = dataclasses.replace(data, risks=risks)
    return data
