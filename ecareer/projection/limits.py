"""Every limit of the planning model (DESIGN.md, "Limits") and the checks that enforce them.

One table for the scenario file, the CLI and the web: the Django models and forms import the
bounds from here, and may call the `check_*` functions, which raise `FieldError(field, message)`
with a plain-English message. Nothing here imports Django.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NamedTuple

from ecareer.projection.model import YearMonth


class Bounds(NamedTuple):
    """An inclusive range; unpacks as `lo, hi`."""

    lo: Any
    hi: Any


DECIMAL_PLACES = 2  # money and percentages carry at most this many decimal places
CENT = Decimal(1).scaleb(-DECIMAL_PLACES)

HORIZON_MONTHS = Bounds(1, 600)
MONEY = Bounds(Decimal(0), Decimal(1_000_000_000))  # amounts, rates, quantities
QUANTITY = MONEY
STARTING_BALANCE = Bounds(Decimal(-1_000_000_000), Decimal(1_000_000_000))
ANNUAL_INCREASE_PCT = Bounds(Decimal(-50), Decimal(100))
PERCENT = Bounds(Decimal(0), Decimal(100))  # business share, tax rate, drought chance and drop
SICK_DAYS = Bounds(Decimal(0), Decimal(250))
DROUGHT_LENGTH_MONTHS = Bounds(Decimal(1), Decimal(60))
RAMP_UP_MONTHS = Bounds(0, 120)
RESERVE_MONTHS = Bounds(Decimal(0), Decimal(60))
PATHS = Bounds(1, 10_000)
PATHS_DEFAULT = 1_000
SEED = Bounds(0, 2**63 - 1)  # fits a signed 64-bit database column
SEED_DEFAULT = 0
NAME_MAX_LENGTH = 120
NAME_LENGTH = Bounds(1, NAME_MAX_LENGTH)
NOTES_MAX_LENGTH = 10_000  # the same as the notes field of the web form
INCOME_SHARE_PCT = Bounds(Decimal(0), Decimal(100))  # a cost's percentage of income
TRADE_TAX_MULTIPLIER_PCT = Bounds(Decimal(200), Decimal(900))
HEALTH_EXTRA_PCT = Bounds(Decimal(0), Decimal(5))
CARE_PCT = Bounds(Decimal(0), Decimal(5))
CHURCH_TAX_PCT = Bounds(Decimal(0), Decimal(9))
ASSESSMENT_DELAY_MONTHS = Bounds(1, 24)
VAT_RATES_PCT = (Decimal(19), Decimal(7), Decimal(0))
# v3 (DESIGN.md, "Your situation, start grant, pension, long illness, loans and depreciation")
OTHER_TAXABLE_INCOME = Bounds(Decimal(0), Decimal(10_000_000))
KSK_MIN_CARE_PCT = Decimal("1.8")  # the KSK pays the care share above 1.8 % itself
GRANT_BENEFIT = MONEY
LONG_ILLNESS_CHANCE_PCT = PERCENT
LONG_ILLNESS_MONTHS = Bounds(2, 24)
PRIVATE_SICK_PAY_DAILY = Bounds(Decimal(0), Decimal(10_000))
PRIVATE_SICK_PAY_FROM_DAY = Bounds(1, 365)
USEFUL_LIFE_YEARS = Bounds(0, 50)
MAX_LOANS = 20
LOAN_AMOUNT = MONEY
LOAN_INTEREST_PCT = Bounds(Decimal(0), Decimal(30))
LOAN_REPAY_MONTHS = Bounds(1, 600)
LOAN_GRACE_MONTHS = Bounds(0, 120)
MAX_ITEMS = 200  # cost items and income streams of one scenario together
# The web's month picker takes these years; it also keeps start + horizon inside YearMonth's range.
MONTH_YEARS = Bounds(1900, 2999)

_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_MONTH_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})")
_CURRENCY_TEXT = re.compile(r"[A-Z]{3}")
# NUL and lone surrogates can't be stored in PostgreSQL text or written as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class FieldError(ValueError):
    """A value outside the limits: which field, and what is wrong with it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _plain(number: Decimal | int) -> str:
    """A bound as people write it: 1000000000, -50, 2.5."""
    if isinstance(number, int):
        return str(number)
    text = format(number.normalize(), "f")
    return "0" if number == 0 else text


def check_decimal(
    value: object, field: str, lo: Decimal, hi: Decimal, places: int = DECIMAL_PLACES
) -> Decimal:
    """A finite number in lo..hi with at most `places` decimals, as Decimal with that many places.

    Takes Decimal, int, float (through its shortest text, so 0.1 stays 0.1) or plain decimal text
    such as "-1234.5"; rejects booleans, NaN, infinities, exponents in text and anything else.
    """
    problem = f"must be a number between {_plain(lo)} and {_plain(hi)}"
    number: Decimal
    if isinstance(value, bool):
        raise FieldError(field, problem)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise FieldError(field, problem)
        number = Decimal(repr(value))
    elif isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
        number = Decimal(value)
    else:
        raise FieldError(field, problem)
    if not number.is_finite() or not lo <= number <= hi:
        raise FieldError(field, problem)
    step = Decimal(1).scaleb(-places)
    try:
        rounded = number.quantize(step)
    except InvalidOperation:  # only for digits beyond the context precision, i.e. too many places
        raise FieldError(field, f"must have at most {places} decimal places") from None
    if rounded != number:
        raise FieldError(field, f"must have at most {places} decimal places")
    return rounded


def check_int(value: object, field: str, lo: int, hi: int) -> int:
    """A whole number (an int, not a bool, float or text) in lo..hi."""
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise FieldError(field, f"must be a whole number between {lo} and {hi}")
    return value


def check_count(value: object, field: str, lo: int, hi: int) -> int:
    """A count (months, days, years): a JSON integer or a decimal string of a whole number."""
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+(?:\.0+)?", value):
        number = Decimal(value)
        if lo <= number <= hi:
            return int(number)
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)  # a JSON number read digit for digit
    return check_int(value, field, lo, hi)


def check_bool(value: object, field: str) -> bool:
    """Exactly true or false."""
    if not isinstance(value, bool):
        raise FieldError(field, "must be true or false")
    return value


def check_name(value: object, field: str) -> str:
    """A name of 1..120 characters that is not only spaces; kept as written."""
    if not isinstance(value, str):
        raise FieldError(field, f"must be a text of 1 to {NAME_MAX_LENGTH} characters")
    if not value.strip():
        raise FieldError(field, "must not be empty")
    if len(value) > NAME_MAX_LENGTH:
        raise FieldError(field, f"must be at most {NAME_MAX_LENGTH} characters")
    _check_storable(value, field)
    return value


def check_text(value: object, field: str, max_length: int = NOTES_MAX_LENGTH) -> str:
    """Free text (may be empty) of at most `max_length` characters; None reads as empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(field, "must be a text")
    if len(value) > max_length:
        raise FieldError(field, f"must be at most {max_length} characters")
    _check_storable(value, field)
    return value


def _check_storable(value: str, field: str) -> None:
    if _UNSTORABLE.search(value):
        raise FieldError(field, "must not contain NUL or unpaired surrogate characters")


def check_month(value: object, field: str) -> YearMonth:
    """A month "YYYY-MM" (or a YearMonth) with the year in MONTH_YEARS."""
    if isinstance(value, YearMonth):
        month = value
    else:
        match = _MONTH_TEXT.fullmatch(value) if isinstance(value, str) else None
        if not match or not 1 <= int(match[2]) <= 12:
            raise FieldError(field, "must be a month in the form YYYY-MM")
        month = YearMonth(int(match[1]), int(match[2]))
    if not MONTH_YEARS.lo <= month.year <= MONTH_YEARS.hi:
        raise FieldError(
            field, f"must be a month between {MONTH_YEARS.lo}-01 and {MONTH_YEARS.hi}-12"
        )
    return month


def check_not_before(end: YearMonth | None, start: YearMonth, field: str) -> None:
    """An end month must not lie before its start month (both inclusive)."""
    if end is not None and end < start:
        raise FieldError(field, "must not be before start")


def check_choice[E: StrEnum](value: object, field: str, choices: type[E]) -> E:
    """One of the values of a StrEnum; the message lists them all."""
    if isinstance(value, str):
        try:
            return choices(value)
        except ValueError:
            pass
    allowed = ", ".join(member.value for member in choices)
    raise FieldError(field, f"must be one of: {allowed}")


def check_currency(value: object, field: str) -> str:
    """An ISO 4217-shaped code: three capital letters."""
    if not isinstance(value, str) or not _CURRENCY_TEXT.fullmatch(value):
        raise FieldError(field, "must be a currency code of three capital letters, e.g. EUR")
    return value


def check_item_count(count: int, field: str) -> None:
    """At most MAX_ITEMS cost items and income streams together."""
    if count > MAX_ITEMS:
        raise FieldError(field, f"at most {MAX_ITEMS} items per scenario")


def check_vat_rate(value: object, field: str) -> Decimal:
    """A VAT rate of 19, 7 or 0 percent."""
    problem = "must be one of: 19, 7, 0"
    try:
        rate = check_decimal(value, field, Decimal(0), Decimal(19))
    except FieldError:
        raise FieldError(field, problem) from None
    if rate not in VAT_RATES_PCT:
        raise FieldError(field, problem)
    return rate


def check_useful_life(years: int, frequency: str, basis: str, field: str) -> None:
    """Only a `once` cost with basis `fixed` may be written off over years."""
    if years and (frequency != "once" or basis != "fixed"):
        raise FieldError(field, "must be 0 unless the cost is once with basis fixed")


def check_situation(health_insurance: str, care_pct: Decimal, grant: object, prefix="") -> None:
    """The combinations v3 forbids: a start grant with `employed` or `family` insurance (the
    grant needs a main business), and `ksk` with a care rate below 1.8 %."""
    if grant is not None and health_insurance in ("employed", "family"):
        raise FieldError(
            f"{prefix}start_grant",
            "needs a main business: not with health insurance employed or family",
        )
    if health_insurance == "ksk" and care_pct < KSK_MIN_CARE_PCT:
        raise FieldError(f"{prefix}tax.care_pct", "must be at least 1.8 with health insurance ksk")


def check_loan_start(start: YearMonth, plan_start: YearMonth, horizon: int, field: str) -> None:
    """A loan is paid out in a month inside the plan."""
    if not 0 <= start - plan_start < horizon:
        last = plan_start + (horizon - 1)
        raise FieldError(field, f"must be a month inside the plan ({plan_start} to {last})")
