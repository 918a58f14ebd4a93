"""Hypothesis strategies for valid planning-model scenarios, shared by the round-trip tests."""

from collections import Counter
from dataclasses import replace
from decimal import Decimal

from babel.numbers import list_currencies
from hypothesis import strategies as st

from ecareer.projection import limits
from ecareer.projection.model import (
    Category,
    CostBasis,
    CostItem,
    Frequency,
    HealthInsurance,
    Household,
    IncomeStream,
    Loan,
    LoanKind,
    Pension,
    Prepayments,
    Pricing,
    ReserveKind,
    ReserveTarget,
    RiskSettings,
    Scenario,
    StartGrant,
    TaxRegime,
    TaxSettings,
    VatStatus,
    YearMonth,
)


def decimals(bounds: limits.Bounds) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=bounds.lo, max_value=bounds.hi, places=2, allow_nan=False)


months = st.builds(YearMonth, st.integers(1900, 2999), st.integers(1, 12))
names = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=120
).filter(str.strip)


@st.composite
def spans(draw) -> tuple[YearMonth, YearMonth | None]:
    start = draw(st.builds(YearMonth, st.integers(1900, 2990), st.integers(1, 12)))
    return start, draw(st.none() | st.integers(0, 100).map(lambda n: start + n))


@st.composite
def costs(draw) -> CostItem:
    start, end = draw(spans())
    return CostItem(
        name=draw(names),
        category=draw(st.sampled_from(Category)),
        amount=draw(decimals(limits.MONEY)),
        frequency=draw(st.sampled_from(Frequency)),
        start=start,
        end=end,
        annual_increase_pct=draw(decimals(limits.ANNUAL_INCREASE_PCT)),
        share_pct=draw(decimals(limits.PERCENT)),
    )


@st.composite
def incomes(draw) -> IncomeStream:
    start, end = draw(spans())
    pricing = draw(st.sampled_from(Pricing))
    fixed = pricing == Pricing.FIXED
    optional = st.none() | decimals(limits.MONEY)
    return IncomeStream(
        name=draw(names),
        pricing=pricing,
        frequency=draw(st.sampled_from(Frequency)),
        start=start,
        end=end,
        amount=draw(decimals(limits.MONEY) if fixed else optional),
        rate=draw(optional if fixed else decimals(limits.MONEY)),
        quantity=draw(optional if fixed else decimals(limits.QUANTITY)),
        ramp_up_months=draw(st.integers(*limits.RAMP_UP_MONTHS)),
        annual_increase_pct=draw(decimals(limits.ANNUAL_INCREASE_PCT)),
        performance_based=draw(st.booleans()),
    )


@st.composite
def reserves(draw) -> ReserveTarget:
    kind = draw(st.sampled_from(ReserveKind))
    months_value = decimals(limits.RESERVE_MONTHS)
    amount = decimals(limits.MONEY)
    return ReserveTarget(
        kind=kind,
        months=draw(months_value if kind == ReserveKind.MONTHS else st.none() | months_value),
        amount=draw(amount if kind == ReserveKind.AMOUNT else st.none() | amount),
        deadline=draw(st.none() | months),
    )


risk_settings = st.builds(
    RiskSettings,
    sick_days_per_year=decimals(limits.SICK_DAYS),
    drought_chance_pct=decimals(limits.PERCENT),
    drought_length_months=decimals(limits.DROUGHT_LENGTH_MONTHS),
    drought_income_drop_pct=decimals(limits.PERCENT),
    paths=st.integers(*limits.PATHS),
    seed=st.integers(*limits.SEED),
)

scenarios = st.builds(
    Scenario,
    name=names,
    start=months,
    horizon_months=st.integers(*limits.HORIZON_MONTHS),
    starting_balance=decimals(limits.STARTING_BALANCE),
    living_monthly=decimals(limits.MONEY),
    living_increase_pct=decimals(limits.ANNUAL_INCREASE_PCT),
    tax_rate_pct=decimals(limits.PERCENT),
    costs=st.lists(costs(), max_size=4).map(tuple),
    incomes=st.lists(incomes(), max_size=4).map(tuple),
    reserve=reserves(),
    risks=risk_settings,
    currency=st.sampled_from(sorted(list_currencies())),  # ISO 4217 codes, as import requires
    notes=st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=50
    ),
)


# --- v2: tax settings, VAT fields and income-share costs ----------------------------------------

tax_settings = st.builds(
    TaxSettings,
    regime=st.sampled_from(TaxRegime),
    trade=st.booleans(),
    trade_tax_multiplier_pct=decimals(limits.TRADE_TAX_MULTIPLIER_PCT),
    church_tax_pct=decimals(limits.CHURCH_TAX_PCT),
    health_insurance=st.sampled_from(HealthInsurance),
    sick_pay=st.booleans(),
    health_extra_pct=decimals(limits.HEALTH_EXTRA_PCT),
    care_pct=decimals(limits.CARE_PCT),
    prepayments=st.sampled_from(Prepayments),
    assessment_delay_months=st.integers(*limits.ASSESSMENT_DELAY_MONTHS),
    vat=st.sampled_from(VatStatus),
    household=st.sampled_from(Household),
    other_taxable_income=decimals(limits.OTHER_TAXABLE_INCOME),
    pension=st.sampled_from(Pension),
).map(
    # ksk needs a care rate of at least 1.8 % (a validation error below)
    lambda tax: (
        replace(tax, care_pct=max(tax.care_pct, limits.KSK_MIN_CARE_PCT))
        if tax.health_insurance == HealthInsurance.KSK
        else tax
    )
)
vat_rates = st.sampled_from(limits.VAT_RATES_PCT)


# v2's own tax settings: v3's situation (household, other income, pension, employed / family /
# ksk insurance) at its defaults, for what stores only v2's settings (the web, until it keeps
# "Your situation")
v2_tax_settings = tax_settings.map(
    lambda tax: replace(
        tax,
        household=Household.SINGLE,
        other_taxable_income=Decimal("0.00"),
        pension=Pension.NONE,
        health_insurance=tax.health_insurance
        if tax.health_insurance in (HealthInsurance.STATUTORY, HealthInsurance.OTHER)
        else HealthInsurance.STATUTORY,
    )
)


@st.composite
def v2_scenarios(draw, situation: bool = True) -> Scenario:
    """Scenarios with v2's fields; with `situation`, v3's tax settings vary too."""
    base = draw(scenarios)
    streams = tuple(
        replace(item, vat_rate_pct=draw(vat_rates), prices_include_vat=draw(st.booleans()))
        for item in base.incomes
    )
    counts = Counter(item.name for item in streams)
    unique = sorted(name for name, count in counts.items() if count == 1)
    items = []
    for item in base.costs:
        if draw(st.booleans()):
            items.append(
                replace(
                    item,
                    basis=CostBasis.INCOME_SHARE,
                    income=draw(st.none() | st.sampled_from(unique)) if unique else None,
                    amount=draw(decimals(limits.INCOME_SHARE_PCT)),
                    frequency=Frequency.MONTHLY,
                    annual_increase_pct=Decimal("0.00"),
                    vat_rate_pct=draw(vat_rates),
                )
            )
        else:
            category = draw(st.sampled_from(Category))
            items.append(replace(item, vat_rate_pct=draw(vat_rates), category=category))
    taxes = tax_settings if situation else v2_tax_settings
    return replace(base, incomes=streams, costs=tuple(items), tax=draw(taxes))


# --- v3: the situation, start grant, loans, write-offs and long illness -------------------------


@st.composite
def v3_scenarios(draw) -> Scenario:
    """v2_scenarios with v3's settings: loans inside the plan, a grant (not with employed or
    family insurance), write-offs on once fixed costs, and long-illness settings."""
    base = draw(v2_scenarios())
    # a loan starts inside the plan, in a month a file can name (up to 2999-12)
    last = min(base.horizon_months - 1, YearMonth(limits.MONTH_YEARS.hi, 12) - base.start)
    loans = tuple(
        Loan(
            name=draw(names),
            amount=draw(decimals(limits.LOAN_AMOUNT)),
            start=base.start + draw(st.integers(0, last)),
            interest_pct=draw(decimals(limits.LOAN_INTEREST_PCT)),
            repay_months=draw(st.integers(*limits.LOAN_REPAY_MONTHS)),
            grace_months=draw(st.integers(*limits.LOAN_GRACE_MONTHS)),
            kind=draw(st.sampled_from(LoanKind)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    grant = None
    if base.tax.health_insurance not in (HealthInsurance.EMPLOYED, HealthInsurance.FAMILY):
        grant = draw(
            st.none()
            | st.builds(StartGrant, decimals(limits.GRANT_BENEFIT), second_phase=st.booleans())
        )
    costs = tuple(
        replace(item, useful_life_years=draw(st.integers(*limits.USEFUL_LIFE_YEARS)))
        if item.frequency == Frequency.ONCE and item.basis == CostBasis.FIXED
        else item
        for item in base.costs
    )
    risks = replace(
        base.risks,
        long_illness_chance_pct=draw(decimals(limits.LONG_ILLNESS_CHANCE_PCT)),
        long_illness_months=draw(st.integers(*limits.LONG_ILLNESS_MONTHS)),
        private_sick_pay_daily=draw(decimals(limits.PRIVATE_SICK_PAY_DAILY)),
        private_sick_pay_from_day=draw(st.integers(*limits.PRIVATE_SICK_PAY_FROM_DAY)),
    )
    return replace(base, loans=loans, start_grant=grant, costs=costs, risks=risks)


# --- v3: random `ecareer.scenario/3` files (dicts) for the comparison with reference_v3 ---------


def _money_text(low: str, high: str) -> st.SearchStrategy[str]:
    return st.decimals(low, high, places=2).map(str)


def _v3_month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@st.composite
def v3_files(draw, base: st.SearchStrategy[dict]) -> dict:
    """A v2 scenario file of `base` made `ecareer.scenario/3` with v3's settings drawn on top.

    Every v3 key is either given or left out for its default: `trade` and its multiplier (the
    v2 comparison leaves trade out since v3 moved its dates), household, other taxable income
    (up to the top zones), pension, the v3 health choices (ksk with care >= 1.8), a start grant
    (not with employed or family), up to three loans inside the plan, a useful life on `once`
    fixed costs, and the long-illness risk keys (which must not change the plan). Some plans run
    past the four founder years. Only valid files: the CLI must accept every one.
    """
    data = dict(draw(base), format="ecareer.scenario/3")
    if draw(st.integers(0, 5)) == 0:  # past 2029: founder_half turns `regular`
        data["horizon_months"] = draw(st.integers(49, 72))
    year, month = (int(part) for part in data["start"].split("-"))
    start, horizon = year * 12 + month - 1, data["horizon_months"]
    health = "statutory"
    if data.get("tax", {}).get("regime") == "de":
        tax = dict(data["tax"])
        options = {
            # drawn here too: the v2 comparison leaves `trade` out since v3 moved its dates
            "trade": st.booleans(),
            "trade_tax_multiplier_pct": _money_text("200", "900"),
            "household": st.sampled_from(("single", "married")),
            "other_taxable_income": st.sampled_from(("0", "12000", "40000", "95000.50", "300000"))
            | _money_text("0", "80000"),
            "pension": st.sampled_from(("none", "regular", "founder_half", "income")),
            "health_insurance": st.sampled_from(
                ("statutory", "other", "employed", "family", "ksk")
            ),
        }
        for key, values in options.items():
            if draw(st.integers(0, 3)) > 0:  # given 3 times in 4, else left to its default
                tax[key] = draw(values)
        health = tax.get("health_insurance", "statutory")
        if health == "ksk" and Decimal(tax.get("care_pct", "3.6")) < Decimal("1.8"):
            tax["care_pct"] = draw(_money_text("1.8", "5"))
        data["tax"] = tax
    elif data.get("tax", {}).get("regime") == "flat" and draw(st.booleans()):
        # regime `de` only; `flat` ignores them
        data["tax"] = {
            "regime": "flat",
            "household": "married",
            "other_taxable_income": "50000",
            "pension": draw(st.sampled_from(("regular", "income"))),
        }
    if health not in ("employed", "family") and draw(st.booleans()):
        grant = {"benefit": draw(st.sampled_from(("0", "1500.00")) | _money_text("0", "3000"))}
        grant.update(draw(st.fixed_dictionaries({}, optional={"second_phase": st.booleans()})))
        data["start_grant"] = grant
    loans = []
    for number in range(draw(st.sampled_from((0, 0, 1, 2, 3)))):
        loan = {
            "name": f"Loan {number}",
            "amount": draw(st.sampled_from(("10000.00", "25000.00")) | _money_text("0", "50000")),
            "start": _v3_month(start + draw(st.integers(0, horizon - 1))),
            "interest_pct": draw(st.sampled_from(("0", "6", "4.5")) | _money_text("0", "30")),
            "repay_months": draw(st.integers(1, 48) | st.integers(1, 48).map(str)),
        }
        loan.update(
            draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "grace_months": st.integers(0, 12),
                        "kind": st.sampled_from(("annuity", "linear")),
                    },
                )
            )
        )
        loans.append(loan)
    if loans or draw(st.booleans()):
        data["loans"] = loans
    costs = []
    for item in data["costs"]:
        item = dict(item)
        if item.get("basis", "fixed") == "fixed" and item["frequency"] == "once":
            life = draw(st.none() | st.integers(0, 5) | st.integers(1, 5).map(str))
            if life is not None:
                item["useful_life_years"] = life
        costs.append(item)
    data["costs"] = costs
    if draw(st.booleans()):
        risks = dict(data.get("risks") or {})
        risks.update(
            long_illness_chance_pct=draw(_money_text("0", "100")),
            long_illness_months=draw(st.integers(2, 24)),
            private_sick_pay_daily=draw(_money_text("0", "200")),
            private_sick_pay_from_day=draw(st.integers(1, 365)),
        )
        data["risks"] = risks
    return data
