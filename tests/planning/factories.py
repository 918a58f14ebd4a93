"""Scenarios with items built straight through the ORM, for editor tests and the benchmark."""

from datetime import date
from decimal import Decimal

from ecareer.planning.models import CostItem, IncomeStream, ReserveTarget, Scenario

START = date(2027, 1, 1)
CATEGORIES = [value for value, _ in CostItem.Category.choices]


def make_scenario(user, name: str = "Home office plan", *, reserve: bool = True, **fields):
    """A scenario starting 2027-01 over 36 months, with a 6-months reserve unless told not to."""
    values = {
        "start_month": START,
        "horizon_months": 36,
        "starting_balance": Decimal("8000.00"),
        "living_monthly": Decimal("1400.00"),
        "tax_rate_pct": Decimal(25),
        **fields,
    }
    scenario = Scenario.objects.create(user=user, name=name, **values)
    if reserve:
        ReserveTarget.objects.create(
            scenario=scenario, kind=ReserveTarget.Kind.MONTHS, months=Decimal(6)
        )
    return scenario


def make_cost(scenario, name: str = "Internet share", **fields) -> CostItem:
    """A monthly cost item of 40.00 at 50 % business share unless told otherwise."""
    values = {
        "category": CostItem.Category.INTERNET_PHONE,
        "amount": Decimal("40.00"),
        "frequency": "monthly",
        "start_month": scenario.start_month,
        "share_pct": Decimal(50),
        **fields,
    }
    return CostItem.objects.create(scenario=scenario, name=name, **values)


def make_income(scenario, name: str = "Call-center hours", **fields) -> IncomeStream:
    """An hourly income stream of 18.50 x 80 a month unless told otherwise."""
    values = {
        "pricing": IncomeStream.Pricing.HOURLY,
        "rate": Decimal("18.50"),
        "quantity": Decimal(80),
        "frequency": "monthly",
        "start_month": scenario.start_month,
        "ramp_up_months": 3,
        **fields,
    }
    return IncomeStream.objects.create(scenario=scenario, name=name, **values)


def make_full_scenario(user, costs: int = 50, incomes: int = 20, **fields) -> Scenario:
    """A scenario with `costs` cost items spread over all categories and `incomes` streams."""
    scenario = make_scenario(user, **fields)
    CostItem.objects.bulk_create(
        CostItem(
            scenario=scenario,
            name=f"Cost {n}",
            category=CATEGORIES[n % len(CATEGORIES)],
            amount=Decimal(10 + n),
            frequency=("monthly", "quarterly", "yearly", "once")[n % 4],
            start_month=scenario.start_month,
            share_pct=Decimal(100),
        )
        for n in range(costs)
    )
    IncomeStream.objects.bulk_create(
        IncomeStream(
            scenario=scenario,
            name=f"Income {n}",
            pricing="fixed" if n % 2 else "hourly",
            amount=Decimal(500) if n % 2 else None,
            rate=None if n % 2 else Decimal("20.00"),
            quantity=None if n % 2 else Decimal(40),
            frequency="monthly",
            start_month=scenario.start_month,
        )
        for n in range(incomes)
    )
    return scenario
