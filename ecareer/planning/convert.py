"""Between the stored scenario and the planning model's plain dataclasses (both directions).

Data flows one way into the projection: models -> `to_plan` -> projection. Import, starter
templates and duplication go the other way through `create_scenario`.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from ecareer.planning.models import CostItem, IncomeStream, Loan, ReserveTarget, Scenario
from ecareer.projection import model as plan


def to_month(value: date | None) -> plan.YearMonth | None:
    """The stored first-of-month date as a YearMonth."""
    return None if value is None else plan.YearMonth(value.year, value.month)


def to_date(month: plan.YearMonth | None) -> date | None:
    """A YearMonth as the first-of-month date the database stores."""
    return None if month is None else date(month.year, month.month, 1)


def cost_to_plan(item: CostItem, income_names: dict | None = None) -> plan.CostItem:
    """A cost item; an income-share cost names its stream (looked up in `income_names` by id)."""
    income = None
    if item.income_id is not None:
        income = (income_names or {}).get(item.income_id) or item.income.name
    return plan.CostItem(
        name=item.name,
        category=plan.Category(item.category),
        amount=item.amount,
        frequency=plan.Frequency(item.frequency),
        start=to_month(item.start_month),
        end=to_month(item.end_month),
        annual_increase_pct=item.annual_increase_pct,
        share_pct=item.share_pct,
        basis=plan.CostBasis(item.basis),
        income=income,
        vat_rate_pct=Decimal(item.vat_rate_pct),
        useful_life_years=item.useful_life_years,
    )


def loan_to_plan(loan: Loan) -> plan.Loan:
    """A stored loan as the planning model's (v3)."""
    return plan.Loan(
        name=loan.name,
        amount=loan.amount,
        start=to_month(loan.start_month),
        interest_pct=loan.interest_pct,
        repay_months=loan.repay_months,
        grace_months=loan.grace_months,
        kind=plan.LoanKind(loan.kind),
    )


def income_to_plan(item: IncomeStream) -> plan.IncomeStream:
    return plan.IncomeStream(
        name=item.name,
        pricing=plan.Pricing(item.pricing),
        frequency=plan.Frequency(item.frequency),
        start=to_month(item.start_month),
        amount=item.amount,
        rate=item.rate,
        quantity=item.quantity,
        end=to_month(item.end_month),
        ramp_up_months=item.ramp_up_months,
        annual_increase_pct=item.annual_increase_pct,
        performance_based=item.performance_based,
        vat_rate_pct=Decimal(item.vat_rate_pct),
        prices_include_vat=item.prices_include_vat,
    )


def tax_to_plan(scenario: Scenario) -> plan.TaxSettings:
    """The scenario's tax settings; the de values are kept (and passed) under flat too."""
    return plan.TaxSettings(
        regime=plan.TaxRegime(scenario.tax_regime),
        trade=scenario.trade,
        trade_tax_multiplier_pct=scenario.trade_tax_multiplier_pct,
        church_tax_pct=scenario.church_tax_pct,
        health_insurance=plan.HealthInsurance(scenario.health_insurance),
        sick_pay=scenario.sick_pay,
        health_extra_pct=scenario.health_extra_pct,
        care_pct=scenario.care_pct,
        prepayments=plan.Prepayments(scenario.prepayments),
        assessment_delay_months=scenario.assessment_delay_months,
        vat=plan.VatStatus(scenario.vat_status),
        household=plan.Household(scenario.household),
        other_taxable_income=scenario.other_taxable_income,
        pension=plan.Pension(scenario.pension),
    )


def grant_to_plan(scenario: Scenario) -> plan.StartGrant | None:
    """The start grant, or None when the scenario has none."""
    if not scenario.start_grant:
        return None
    return plan.StartGrant(benefit=scenario.grant_benefit, second_phase=scenario.grant_second_phase)


def grant_fields(grant: plan.StartGrant | None) -> dict:
    """The Scenario model's fields for a start grant (None: none, the other fields default)."""
    if grant is None:
        return {"start_grant": False, "grant_benefit": Decimal(0), "grant_second_phase": True}
    return {
        "start_grant": True,
        "grant_benefit": grant.benefit,
        "grant_second_phase": grant.second_phase,
    }


def tax_fields(tax: plan.TaxSettings) -> dict:
    """The Scenario model's fields for the planning model's tax settings."""
    return {
        "tax_regime": tax.regime.value,
        "trade": tax.trade,
        "trade_tax_multiplier_pct": tax.trade_tax_multiplier_pct,
        "church_tax_pct": tax.church_tax_pct,
        "health_insurance": tax.health_insurance.value,
        "sick_pay": tax.sick_pay,
        "health_extra_pct": tax.health_extra_pct,
        "care_pct": tax.care_pct,
        "prepayments": tax.prepayments.value,
        "assessment_delay_months": tax.assessment_delay_months,
        "vat_status": tax.vat.value,
        "household": tax.household.value,
        "other_taxable_income": tax.other_taxable_income,
        "pension": tax.pension.value,
    }


def reserve_to_plan(reserve: ReserveTarget | None) -> plan.ReserveTarget:
    if reserve is None:
        return plan.ReserveTarget(kind=plan.ReserveKind.AMOUNT, amount=0)
    return plan.ReserveTarget(
        kind=plan.ReserveKind(reserve.kind),
        months=reserve.months,
        amount=reserve.amount,
        deadline=to_month(reserve.deadline),
    )


def to_plan(
    scenario: Scenario,
    costs=None,
    incomes=None,
    currency: str = "EUR",
    loans=None,
) -> plan.Scenario:
    """The planning model's input for a stored scenario (pass prefetched items to save queries)."""
    costs = scenario.costs.all() if costs is None else costs
    incomes = scenario.incomes.all() if incomes is None else incomes
    loans = scenario.loans.all() if loans is None else loans
    reserve = getattr(scenario, "reserve", None) if _has_reserve(scenario) else None
    incomes = list(incomes)
    income_names = {i.pk: i.name for i in incomes}
    return plan.Scenario(
        name=scenario.name,
        notes=scenario.notes,
        currency=currency,
        start=to_month(scenario.start_month),
        horizon_months=scenario.horizon_months,
        starting_balance=scenario.starting_balance,
        living_monthly=scenario.living_monthly,
        living_increase_pct=scenario.living_increase_pct,
        tax_rate_pct=scenario.tax_rate_pct,
        costs=tuple(cost_to_plan(c, income_names) for c in costs),
        incomes=tuple(income_to_plan(i) for i in incomes),
        reserve=reserve_to_plan(reserve),
        risks=plan.RiskSettings(
            sick_days_per_year=scenario.sick_days_per_year,
            drought_chance_pct=scenario.drought_chance_pct,
            drought_length_months=scenario.drought_length_months,
            drought_income_drop_pct=scenario.drought_income_drop_pct,
            paths=scenario.paths,
            seed=scenario.seed,
            long_illness_chance_pct=scenario.long_illness_chance_pct,
            long_illness_months=scenario.long_illness_months,
            private_sick_pay_daily=scenario.private_sick_pay_daily,
            private_sick_pay_from_day=scenario.private_sick_pay_from_day,
        ),
        tax=tax_to_plan(scenario),
        start_grant=grant_to_plan(scenario),
        loans=tuple(loan_to_plan(loan) for loan in loans),
    )


def _has_reserve(scenario: Scenario) -> bool:
    try:
        scenario.reserve  # noqa: B018
    except ReserveTarget.DoesNotExist:
        return False
    return True


@transaction.atomic
def create_scenario(user, data: plan.Scenario, name: str | None = None) -> Scenario:
    """Store a validated planning-model scenario as a new scenario of `user`."""
    scenario = Scenario.objects.create(
        user=user,
        name=name or data.name,
        notes=data.notes or "",
        start_month=to_date(data.start),
        horizon_months=data.horizon_months,
        starting_balance=data.starting_balance,
        living_monthly=data.living_monthly,
        living_increase_pct=data.living_increase_pct,
        tax_rate_pct=data.tax_rate_pct,
        sick_days_per_year=data.risks.sick_days_per_year,
        drought_chance_pct=data.risks.drought_chance_pct,
        drought_length_months=data.risks.drought_length_months,
        drought_income_drop_pct=data.risks.drought_income_drop_pct,
        paths=data.risks.paths,
        seed=data.risks.seed,
        long_illness_chance_pct=data.risks.long_illness_chance_pct,
        long_illness_months=data.risks.long_illness_months,
        private_sick_pay_daily=data.risks.private_sick_pay_daily,
        private_sick_pay_from_day=data.risks.private_sick_pay_from_day,
        **tax_fields(data.tax),
        **grant_fields(data.start_grant),
    )
    ReserveTarget.objects.create(
        scenario=scenario,
        kind=data.reserve.kind.value,
        months=data.reserve.months,
        amount=data.reserve.amount,
        deadline=to_date(data.reserve.deadline),
    )
    incomes = IncomeStream.objects.bulk_create(
        [
            IncomeStream(
                scenario=scenario,
                name=i.name,
                pricing=i.pricing.value,
                amount=i.amount,
                rate=i.rate,
                quantity=i.quantity,
                frequency=i.frequency.value,
                start_month=to_date(i.start),
                end_month=to_date(i.end),
                ramp_up_months=i.ramp_up_months,
                annual_increase_pct=i.annual_increase_pct,
                performance_based=i.performance_based,
                vat_rate_pct=int(i.vat_rate_pct),
                prices_include_vat=i.prices_include_vat,
            )
            for i in data.incomes
        ]
    )
    # The validator has checked that a named stream exists and its name is unique.
    by_name = {i.name: i for i in incomes}

    CostItem.objects.bulk_create(
        CostItem(
            scenario=scenario,
            name=c.name,
            category=c.category.value,
            amount=c.amount,
            frequency=c.frequency.value,
            start_month=to_date(c.start),
            end_month=to_date(c.end),
            annual_increase_pct=c.annual_increase_pct,
            share_pct=c.share_pct,
            basis=c.basis.value,
            income=None if c.income is None else by_name[c.income],
            vat_rate_pct=int(c.vat_rate_pct),
            useful_life_years=c.useful_life_years,
        )
        for c in data.costs
    )
    Loan.objects.bulk_create(
        Loan(
            scenario=scenario,
            name=loan.name,
            amount=loan.amount,
            start_month=to_date(loan.start),
            interest_pct=loan.interest_pct,
            grace_months=loan.grace_months,
            repay_months=loan.repay_months,
            kind=plan.LoanKind(loan.kind).value,
        )
        for loan in data.loans
    )
    return scenario
