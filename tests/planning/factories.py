"""Test builders: scenarios with items straight through the ORM (for the tests and the
benchmark), valid form data for each editor form, and checks on what a request changed."""

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


# --- form data and checks shared by the editor's tests ----------------------------------------

COST = {
    "name": "Desk and chair",
    "category": "equipment",
    "amount": "900.00",
    "frequency": "once",
    "start_month": "2027-01",
    "end_month": "",
    "annual_increase_pct": "0",
    "share_pct": "100",
    "version": "1",  # the version the form was made from: that of a row just made
}
INCOME = {
    "name": "Articles",
    "pricing": "per_unit",
    "amount": "",
    "rate": "120",
    "quantity": "4",
    "frequency": "monthly",
    "start_month": "2027-02",
    "end_month": "2028-12",
    "ramp_up_months": "3",
    "annual_increase_pct": "2",
    "performance_based": "on",
    "version": "1",
}
SETTINGS = {
    "name": "Plan B",
    "start_month": "2027-03",
    "horizon_months": "48",
    "starting_balance": "-500.50",
    "living_monthly": "1500",
    "living_increase_pct": "2",
    "tax_rate_pct": "30",
    "notes": "Second try",
    "version": "1",
}
RESERVE = {"kind": "amount", "months": "", "amount": "5000", "deadline": "2028-06", "version": "1"}
RISKS = {
    "sick_days_per_year": "10",
    "drought_chance_pct": "5",
    "drought_length_months": "2",
    "drought_income_drop_pct": "50",
    "long_illness_chance_pct": "0",
    "long_illness_months": "3",
    "private_sick_pay_daily": "0",
    "private_sick_pay_from_day": "43",
    "paths": "500",
    "version": "1",
}
# Regime de with every setting off its default (the tax card).
TAX = {
    "job": "no",
    "household": "single",
    "other_taxable_income": "0",
    "pension": "none",
    "start_grant": "",
    "grant_benefit": "0",
    "grant_second_phase": "on",
    "tax_regime": "de",
    "trade": "on",
    "trade_tax_multiplier_pct": "435",
    "church_tax_pct": "8",
    "health_insurance": "statutory",
    "sick_pay": "",
    "health_extra_pct": "2.5",
    "care_pct": "4.2",
    "prepayments": "estimate",
    "assessment_delay_months": "14",
    "vat_status": "registered",
    "version": "1",
}
PAYLOAD = {"costs": COST, "incomes": INCOME}


def changed(response) -> bool:
    return "scenario-changed" in response.headers.get("HX-Trigger", "")


def snapshot(scenario) -> tuple:
    """Everything stored of a scenario, to show that a request changed nothing."""
    scenario = Scenario.objects.get(pk=scenario.pk)
    reserve = ReserveTarget.objects.filter(scenario=scenario).values().first()
    return (
        {k: v for k, v in vars(scenario).items() if not k.startswith("_")},
        reserve,
        list(CostItem.objects.filter(scenario=scenario).values()),
        list(IncomeStream.objects.filter(scenario=scenario).values()),
    )
