"""Plain input dataclasses of the planning model (DESIGN.md, "Domain" and "The planning model").

Nothing here imports Django: the web, the CLI and the tests build these from their own sources.
Money, rates and percentages are Decimal; months are YearMonth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True, slots=True)
class YearMonth:
    """A calendar month; ordering and arithmetic are in whole months."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise ValueError(f"not a month: {self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """Read "YYYY-MM"; raise ValueError on anything else."""
        match = _MONTH_RE.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
        return cls(int(match[1]), int(match[2]))

    @property
    def index(self) -> int:
        """Months since January of year 0, so that differences are month counts."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    def __add__(self, months: int) -> YearMonth:
        return YearMonth.from_index(self.index + months)

    def __sub__(self, other: YearMonth) -> int:
        return self.index - other.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Frequency(StrEnum):
    ONCE = "once"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Category(StrEnum):
    EQUIPMENT = "equipment"
    ROOM = "room"
    UTILITIES = "utilities"
    INTERNET_PHONE = "internet_phone"
    SOFTWARE = "software"
    INSURANCE = "insurance"
    JOURNALS = "journals"
    FAIRS_TRAVEL = "fairs_travel"
    ADVERTISING = "advertising"
    TRAINING = "training"
    GOODS = "goods"  # goods and material bought for resale
    FEES = "fees"  # payment and platform fees
    OTHER = "other"


class CostBasis(StrEnum):
    FIXED = "fixed"
    INCOME_SHARE = "income_share"  # a percentage of one income stream's or of all income


class TaxRegime(StrEnum):
    FLAT = "flat"
    DE = "de"


class HealthInsurance(StrEnum):
    STATUTORY = "statutory"  # voluntary member of the statutory scheme
    OTHER = "other"  # private or through someone else: 0 here
    EMPLOYED = "employed"  # v3: insured through a job the founder keeps
    FAMILY = "family"  # v3: free through the spouse while the profit stays under the limit
    KSK = "ksk"  # v3: the artists' social insurance (Künstlersozialkasse)


class Household(StrEnum):
    """v3: single, or married and assessed jointly (splitting)."""

    SINGLE = "single"
    MARRIED = "married"


class Pension(StrEnum):
    """v3: the statutory pension of the self-employed who must pay in (or choose to)."""

    NONE = "none"
    REGULAR = "regular"
    FOUNDER_HALF = "founder_half"
    INCOME = "income"


class LoanKind(StrEnum):
    ANNUITY = "annuity"
    LINEAR = "linear"


class Prepayments(StrEnum):
    ESTIMATE = "estimate"
    ASSESSMENT = "assessment"


class VatStatus(StrEnum):
    SMALL_BUSINESS = "small_business"
    REGISTERED = "registered"


VAT_RATES = (Decimal(19), Decimal(7), Decimal(0))


class Pricing(StrEnum):
    FIXED = "fixed"
    HOURLY = "hourly"
    PER_UNIT = "per_unit"


class ReserveKind(StrEnum):
    MONTHS = "months"
    AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class CostItem:
    name: str
    category: Category
    amount: Decimal
    frequency: Frequency
    start: YearMonth
    end: YearMonth | None = None
    annual_increase_pct: Decimal = Decimal(0)
    share_pct: Decimal = Decimal(100)
    basis: CostBasis = CostBasis.FIXED
    income: str | None = None  # basis income_share: the stream's name, None = all income
    vat_rate_pct: Decimal = Decimal(19)
    useful_life_years: int = 0  # v3: a `once` fixed cost written off over N years; 0 = at once


@dataclass(frozen=True, slots=True)
class IncomeStream:
    name: str
    pricing: Pricing
    frequency: Frequency
    start: YearMonth
    amount: Decimal | None = None  # pricing fixed
    rate: Decimal | None = None  # pricing hourly / per_unit
    quantity: Decimal | None = None  # pricing hourly / per_unit
    end: YearMonth | None = None
    ramp_up_months: int = 0
    annual_increase_pct: Decimal = Decimal(0)
    performance_based: bool = False
    vat_rate_pct: Decimal = Decimal(19)
    prices_include_vat: bool = False

    @property
    def base(self) -> Decimal:
        """Amount of one full occurrence before growth and ramp-up."""
        if self.pricing == Pricing.FIXED:
            return self.amount or Decimal(0)
        return (self.rate or Decimal(0)) * (self.quantity or Decimal(0))


@dataclass(frozen=True, slots=True)
class ReserveTarget:
    kind: ReserveKind = ReserveKind.AMOUNT
    months: Decimal | None = None  # kind months
    amount: Decimal | None = None  # kind amount
    deadline: YearMonth | None = None  # None = end of horizon


@dataclass(frozen=True, slots=True)
class RiskSettings:
    sick_days_per_year: Decimal = Decimal(0)
    drought_chance_pct: Decimal = Decimal(0)
    drought_length_months: Decimal = Decimal(1)
    drought_income_drop_pct: Decimal = Decimal(0)
    paths: int = 1000
    seed: int = 0
    # v3, "Long illness": the chance a year of an illness longer than six weeks, its mean length
    long_illness_chance_pct: Decimal = Decimal(0)
    long_illness_months: int = 3
    private_sick_pay_daily: Decimal = Decimal(0)  # a private daily sickness benefit
    private_sick_pay_from_day: int = 43


@dataclass(frozen=True, slots=True)
class TaxSettings:
    """The tax regime and its settings (DESIGN.md, "Tax regime flat" and "Tax regime de")."""

    regime: TaxRegime = TaxRegime.FLAT
    trade: bool = False
    trade_tax_multiplier_pct: Decimal = Decimal(400)
    church_tax_pct: Decimal = Decimal(0)
    health_insurance: HealthInsurance = HealthInsurance.STATUTORY
    sick_pay: bool = True
    health_extra_pct: Decimal = Decimal("2.9")
    care_pct: Decimal = Decimal("3.6")
    prepayments: Prepayments = Prepayments.ASSESSMENT
    assessment_delay_months: int = 9
    vat: VatStatus = VatStatus.SMALL_BUSINESS
    # v3, "Your situation": the household, its other taxable income a year, the pension
    household: Household = Household.SINGLE
    other_taxable_income: Decimal = Decimal(0)
    pension: Pension = Pension.NONE


@dataclass(frozen=True, slots=True)
class StartGrant:
    """v3: the start grant (Gründungszuschuss): benefit + 300 for 6 months, then 300 for 9."""

    benefit: Decimal = Decimal(0)
    second_phase: bool = True


@dataclass(frozen=True, slots=True)
class Loan:
    """v3: a start-up loan paid out in `start`, repaid after `grace_months` of interest only."""

    name: str
    amount: Decimal
    start: YearMonth
    interest_pct: Decimal
    repay_months: int
    grace_months: int = 0
    kind: LoanKind = LoanKind.ANNUITY


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    start: YearMonth
    horizon_months: int
    starting_balance: Decimal = Decimal(0)
    living_monthly: Decimal = Decimal(0)
    living_increase_pct: Decimal = Decimal(0)
    tax_rate_pct: Decimal = Decimal(0)
    costs: tuple[CostItem, ...] = ()
    incomes: tuple[IncomeStream, ...] = ()
    reserve: ReserveTarget = field(default_factory=ReserveTarget)
    risks: RiskSettings = field(default_factory=RiskSettings)
    currency: str = "EUR"
    notes: str = ""
    tax: TaxSettings = field(default_factory=TaxSettings)
    loans: tuple[Loan, ...] = ()  # v3
    start_grant: StartGrant | None = None  # v3; None = no grant
