"""The scenario file `ecareer.scenario/3` (DESIGN.md, "Scenario file"): read, validate, write.

Files of format `ecareer.scenario/1` and `/2` still import and mean what they meant (v1: regime
flat, fixed costs, no VAT settings; v2: no situation, grant, loans, illness or write-offs; the
later fields are unknown there, and v2's health insurance is `statutory` or `other`); the writer
always writes v3, with every setting spelled out, so a round trip is exact.

`loads`/`from_dict` check every field against `limits` and report the first problem by its path,
e.g. `costs[2].amount: must be a number between 0 and 1000000000`. Fields are checked in file
order (format first, then the top-level fields, each cost, each income, reserve, risks); within an
object, unknown fields are reported before missing or bad ones, so a typo is named as such.

Numbers: money, rates and percentages are decimal strings ("8000.00", "2.5"); JSON numbers are
accepted too and read digit for digit (never through float), so 0.1 stays 0.1; NaN, Infinity and
out-of-range numbers such as 1e400 are rejected with the field named. Counts (horizon_months,
ramp_up_months, paths, seed) must be JSON integers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from babel.numbers import list_currencies

from ecareer.projection import limits
from ecareer.projection.limits import FieldError
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

FORMAT = "ecareer.scenario/3"
FORMAT_V2 = "ecareer.scenario/2"
FORMAT_V1 = "ecareer.scenario/1"
FORMATS = (FORMAT, FORMAT_V2, FORMAT_V1)
_COST_V2 = ("basis", "income", "vat_rate_pct")
_COST_V3 = ("useful_life_years",)
_TAX_V3 = ("household", "other_taxable_income", "pension")
_RISKS_V3 = (
    "long_illness_chance_pct",
    "long_illness_months",
    "private_sick_pay_daily",
    "private_sick_pay_from_day",
)
_V2_HEALTH = (HealthInsurance.STATUTORY, HealthInsurance.OTHER)
_INCOME_V2 = ("vat_rate_pct", "prices_include_vat")
_TAX_KEYS = (
    "trade",
    "trade_tax_multiplier_pct",
    "church_tax_pct",
    "health_insurance",
    "sick_pay",
    "health_extra_pct",
    "care_pct",
    "prepayments",
    "assessment_delay_months",
    "vat",
)

_MISSING = object()
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ScenarioFileError(FieldError):
    """A file that can't be read as a scenario: the field path and what is wrong there."""


class _Object:
    """One JSON object of the file, at a field path, with the keys it may hold."""

    def __init__(self, data: object, path: str, required: tuple[str, ...], optional=()) -> None:
        if not isinstance(data, Mapping):
            raise FieldError(path or "file", "must be an object")
        self.data = data
        self.path = path
        for key in data:
            if key not in required and key not in optional:
                raise FieldError(_key_path(path, key), "unknown field")

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str) -> Any:
        """The value of a key that must be there and not null."""
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            raise FieldError(self.field(key), "is required")
        return value

    def optional(self, key: str) -> Any:
        """The value of a key that may be absent or null (both read as None)."""
        return self.data.get(key)


def _key_path(path: str, key: object) -> str:
    """The path of a key, quoted when it isn't a plain name (so the message stays one line)."""
    if isinstance(key, str) and _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key) if isinstance(key, str) else repr(key)}]"


def _decimal(obj: _Object, key: str, bounds: limits.Bounds) -> Decimal:
    return limits.check_decimal(obj.get(key), obj.field(key), *bounds)


def _optional_decimal(obj: _Object, key: str, bounds: limits.Bounds) -> Decimal | None:
    value = obj.optional(key)
    return None if value is None else limits.check_decimal(value, obj.field(key), *bounds)


def _optional_month(obj: _Object, key: str) -> YearMonth | None:
    value = obj.optional(key)
    return None if value is None else limits.check_month(value, obj.field(key))


def _list(obj: _Object, key: str) -> list:
    value = obj.get(key)
    if not isinstance(value, list):
        raise FieldError(obj.field(key), "must be a list")
    return value


def _cost(data: object, path: str, v2: bool, v3: bool = False) -> CostItem:
    obj = _Object(
        data,
        path,
        required=(
            "name",
            "category",
            "amount",
            "frequency",
            "start",
            "annual_increase_pct",
            "share_pct",
        ),
        optional=("end", *(_COST_V2 if v2 else ()), *(_COST_V3 if v3 else ())),
    )
    name = limits.check_name(obj.get("name"), obj.field("name"))
    category = limits.check_choice(obj.get("category"), obj.field("category"), Category)
    basis = obj.optional("basis")
    basis = (
        CostBasis.FIXED
        if basis is None
        else limits.check_choice(basis, obj.field("basis"), CostBasis)
    )
    share_basis = basis == CostBasis.INCOME_SHARE
    amount = _decimal(obj, "amount", limits.INCOME_SHARE_PCT if share_basis else limits.MONEY)
    frequency = limits.check_choice(obj.get("frequency"), obj.field("frequency"), Frequency)
    start = limits.check_month(obj.get("start"), obj.field("start"))
    end = _optional_month(obj, "end")
    limits.check_not_before(end, start, obj.field("end"))
    increase = _decimal(obj, "annual_increase_pct", limits.ANNUAL_INCREASE_PCT)
    share = _decimal(obj, "share_pct", limits.PERCENT)
    income = obj.optional("income")
    if share_basis:
        check_income_share(
            frequency, increase, obj.field("frequency"), obj.field("annual_increase_pct")
        )
        if income is not None and not isinstance(income, str):
            raise FieldError(obj.field("income"), "must be the name of an income stream, or null")
    elif income is not None:
        raise FieldError(obj.field("income"), "must be null unless basis is income_share")
    vat = obj.optional("vat_rate_pct")
    life = obj.optional("useful_life_years")
    life = (
        0
        if life is None
        else limits.check_count(life, obj.field("useful_life_years"), *limits.USEFUL_LIFE_YEARS)
    )
    limits.check_useful_life(life, frequency, basis, obj.field("useful_life_years"))
    return CostItem(
        name=name,
        category=category,
        amount=amount,
        frequency=frequency,
        start=start,
        end=end,
        annual_increase_pct=increase,
        share_pct=share,
        basis=basis,
        income=income,
        vat_rate_pct=Decimal(19)
        if vat is None
        else limits.check_vat_rate(vat, obj.field("vat_rate_pct")),
        useful_life_years=life,
    )


def check_income_share(frequency, increase, frequency_field: str, increase_field: str) -> None:
    """An income-share cost is monthly and has no annual increase."""
    if frequency != Frequency.MONTHLY:
        raise FieldError(frequency_field, "must be monthly for a cost that is a share of income")
    if increase != 0:
        raise FieldError(increase_field, "must be 0 for a cost that is a share of income")


def check_income_name(income: object, streams: dict[str, int], field: str) -> None:
    """A cost's `income` names exactly one income stream of the scenario."""
    if not isinstance(income, str):
        raise FieldError(field, "must be the name of an income stream, or null")
    count = streams.get(income, 0)
    if count == 0:
        raise FieldError(field, "names no income stream of this scenario")
    if count > 1:
        raise FieldError(field, "names an income stream whose name is used more than once")


def _income(data: object, path: str, v2: bool) -> IncomeStream:
    obj = _Object(
        data,
        path,
        required=(
            "name",
            "pricing",
            "frequency",
            "start",
            "ramp_up_months",
            "annual_increase_pct",
            "performance_based",
        ),
        optional=("amount", "rate", "quantity", "end", *(_INCOME_V2 if v2 else ())),
    )
    name = limits.check_name(obj.get("name"), obj.field("name"))
    pricing = limits.check_choice(obj.get("pricing"), obj.field("pricing"), Pricing)
    # The value pricing needs is required; the others may be null but are checked when given.
    if pricing == Pricing.FIXED:
        amount = _decimal(obj, "amount", limits.MONEY)
        rate = _optional_decimal(obj, "rate", limits.MONEY)
        quantity = _optional_decimal(obj, "quantity", limits.QUANTITY)
    else:
        amount = _optional_decimal(obj, "amount", limits.MONEY)
        rate = _decimal(obj, "rate", limits.MONEY)
        quantity = _decimal(obj, "quantity", limits.QUANTITY)
    frequency = limits.check_choice(obj.get("frequency"), obj.field("frequency"), Frequency)
    start = limits.check_month(obj.get("start"), obj.field("start"))
    end = _optional_month(obj, "end")
    limits.check_not_before(end, start, obj.field("end"))
    return IncomeStream(
        name=name,
        pricing=pricing,
        frequency=frequency,
        start=start,
        amount=amount,
        rate=rate,
        quantity=quantity,
        end=end,
        ramp_up_months=limits.check_int(
            obj.get("ramp_up_months"), obj.field("ramp_up_months"), *limits.RAMP_UP_MONTHS
        ),
        annual_increase_pct=_decimal(obj, "annual_increase_pct", limits.ANNUAL_INCREASE_PCT),
        performance_based=limits.check_bool(
            obj.get("performance_based"), obj.field("performance_based")
        ),
        vat_rate_pct=Decimal(19)
        if obj.optional("vat_rate_pct") is None
        else limits.check_vat_rate(obj.optional("vat_rate_pct"), obj.field("vat_rate_pct")),
        prices_include_vat=False
        if obj.optional("prices_include_vat") is None
        else limits.check_bool(obj.optional("prices_include_vat"), obj.field("prices_include_vat")),
    )


def _tax(data: object, v3: bool) -> TaxSettings:
    """The `tax` block; every key but `regime` may be left out and takes its default."""
    obj = _Object(
        data, "tax", required=("regime",), optional=(*_TAX_KEYS, *(_TAX_V3 if v3 else ()))
    )
    regime = limits.check_choice(obj.get("regime"), obj.field("regime"), TaxRegime)
    default = TaxSettings()

    def value(key, check):
        raw = obj.optional(key)
        return getattr(default, key) if raw is None else check(raw, obj.field(key))

    def bounded(bounds):
        return lambda raw, field: limits.check_decimal(raw, field, *bounds)

    def choice(enum):
        return lambda raw, field: limits.check_choice(raw, field, enum)

    def health(raw, field):
        allowed = [member.value for member in (HealthInsurance if v3 else _V2_HEALTH)]
        if isinstance(raw, str) and raw in allowed:  # employed, family and ksk came with v3
            return HealthInsurance(raw)
        raise FieldError(field, f"must be one of: {', '.join(allowed)}")

    return TaxSettings(
        regime=regime,
        trade=value("trade", limits.check_bool),
        trade_tax_multiplier_pct=value(
            "trade_tax_multiplier_pct", bounded(limits.TRADE_TAX_MULTIPLIER_PCT)
        ),
        church_tax_pct=value("church_tax_pct", bounded(limits.CHURCH_TAX_PCT)),
        health_insurance=value("health_insurance", health),
        sick_pay=value("sick_pay", limits.check_bool),
        health_extra_pct=value("health_extra_pct", bounded(limits.HEALTH_EXTRA_PCT)),
        care_pct=value("care_pct", bounded(limits.CARE_PCT)),
        prepayments=value("prepayments", choice(Prepayments)),
        assessment_delay_months=value(
            "assessment_delay_months",
            lambda raw, field: limits.check_int(raw, field, *limits.ASSESSMENT_DELAY_MONTHS),
        ),
        vat=value("vat", choice(VatStatus)),
        household=value("household", choice(Household)),
        other_taxable_income=value("other_taxable_income", bounded(limits.OTHER_TAXABLE_INCOME)),
        pension=value("pension", choice(Pension)),
    )


def _reserve(data: object) -> ReserveTarget:
    if data is None:
        return ReserveTarget(kind=ReserveKind.AMOUNT, amount=Decimal("0.00"))
    obj = _Object(data, "reserve", required=("kind",), optional=("months", "amount", "deadline"))
    kind = limits.check_choice(obj.get("kind"), obj.field("kind"), ReserveKind)
    if kind == ReserveKind.MONTHS:
        months = _decimal(obj, "months", limits.RESERVE_MONTHS)
        amount = _optional_decimal(obj, "amount", limits.MONEY)
    else:
        months = _optional_decimal(obj, "months", limits.RESERVE_MONTHS)
        amount = _decimal(obj, "amount", limits.MONEY)
    return ReserveTarget(
        kind=kind, months=months, amount=amount, deadline=_optional_month(obj, "deadline")
    )


def _risks(data: object, v3: bool = False) -> RiskSettings:
    if data is None:
        return RiskSettings(paths=limits.PATHS_DEFAULT, seed=limits.SEED_DEFAULT)
    obj = _Object(
        data,
        "risks",
        required=(
            "sick_days_per_year",
            "drought_chance_pct",
            "drought_length_months",
            "drought_income_drop_pct",
            "paths",
        ),
        optional=("seed", *(_RISKS_V3 if v3 else ())),
    )
    seed = obj.optional("seed")
    default = RiskSettings()

    def count(key, bounds):
        raw = obj.optional(key)
        return (
            getattr(default, key)
            if raw is None
            else limits.check_count(raw, obj.field(key), *bounds)
        )

    def amount(key, bounds):
        raw = obj.optional(key)
        return (
            getattr(default, key)
            if raw is None
            else limits.check_decimal(raw, obj.field(key), *bounds)
        )

    return RiskSettings(
        sick_days_per_year=_decimal(obj, "sick_days_per_year", limits.SICK_DAYS),
        drought_chance_pct=_decimal(obj, "drought_chance_pct", limits.PERCENT),
        drought_length_months=_decimal(obj, "drought_length_months", limits.DROUGHT_LENGTH_MONTHS),
        drought_income_drop_pct=_decimal(obj, "drought_income_drop_pct", limits.PERCENT),
        paths=limits.check_int(obj.get("paths"), obj.field("paths"), *limits.PATHS),
        seed=limits.SEED_DEFAULT
        if seed is None
        else limits.check_int(seed, obj.field("seed"), *limits.SEED),
        long_illness_chance_pct=amount("long_illness_chance_pct", limits.LONG_ILLNESS_CHANCE_PCT),
        long_illness_months=count("long_illness_months", limits.LONG_ILLNESS_MONTHS),
        private_sick_pay_daily=amount("private_sick_pay_daily", limits.PRIVATE_SICK_PAY_DAILY),
        private_sick_pay_from_day=count(
            "private_sick_pay_from_day", limits.PRIVATE_SICK_PAY_FROM_DAY
        ),
    )


def _start_grant(data: object) -> StartGrant | None:
    if data is None:
        return None
    obj = _Object(data, "start_grant", required=("benefit",), optional=("second_phase",))
    second = obj.optional("second_phase")
    return StartGrant(
        benefit=_decimal(obj, "benefit", limits.GRANT_BENEFIT),
        second_phase=True
        if second is None
        else limits.check_bool(second, obj.field("second_phase")),
    )


def _loan(data: object, path: str, start: YearMonth, horizon: int) -> Loan:
    obj = _Object(
        data,
        path,
        required=("name", "amount", "start", "interest_pct", "repay_months"),
        optional=("grace_months", "kind"),
    )
    name = limits.check_name(obj.get("name"), obj.field("name"))
    amount = _decimal(obj, "amount", limits.LOAN_AMOUNT)
    paid_out = limits.check_month(obj.get("start"), obj.field("start"))
    limits.check_loan_start(paid_out, start, horizon, obj.field("start"))
    interest = _decimal(obj, "interest_pct", limits.LOAN_INTEREST_PCT)
    repay = limits.check_count(
        obj.get("repay_months"), obj.field("repay_months"), *limits.LOAN_REPAY_MONTHS
    )
    grace = obj.optional("grace_months")
    kind = obj.optional("kind")
    return Loan(
        name=name,
        amount=amount,
        start=paid_out,
        interest_pct=interest,
        repay_months=repay,
        grace_months=0
        if grace is None
        else limits.check_count(grace, obj.field("grace_months"), *limits.LOAN_GRACE_MONTHS),
        kind=LoanKind.ANNUITY
        if kind is None
        else limits.check_choice(kind, obj.field("kind"), LoanKind),
    )


def _scenario(data: object) -> Scenario:
    if not isinstance(data, Mapping):
        raise FieldError("file", "must be a JSON object")
    if data.get("format") not in FORMATS:
        raise FieldError("format", f'must be "{FORMAT}"')  # v1 and v2 files still read
    v3 = data.get("format") == FORMAT
    v2 = v3 or data.get("format") == FORMAT_V2
    obj = _Object(
        data,
        "",
        required=(
            "format",
            "name",
            "currency",
            "start",
            "horizon_months",
            "starting_balance",
            "living_costs",
            "costs",
            "incomes",
        ),
        optional=(
            "notes",
            "reserve",
            "risks",
            "tax_rate_pct",
            *(("tax",) if v2 else ()),
            *(("start_grant", "loans") if v3 else ()),
        ),
    )
    name = limits.check_name(obj.get("name"), "name")
    notes = limits.check_text(obj.optional("notes"), "notes")
    currency = limits.check_currency(obj.get("currency"), "currency")
    if currency not in _CURRENCIES:
        raise FieldError("currency", "is not an ISO 4217 currency code")
    start = limits.check_month(obj.get("start"), "start")
    horizon = limits.check_int(obj.get("horizon_months"), "horizon_months", *limits.HORIZON_MONTHS)
    starting_balance = _decimal(obj, "starting_balance", limits.STARTING_BALANCE)
    living = _Object(
        obj.get("living_costs"), "living_costs", required=("monthly", "annual_increase_pct")
    )
    living_monthly = _decimal(living, "monthly", limits.MONEY)
    living_increase = _decimal(living, "annual_increase_pct", limits.ANNUAL_INCREASE_PCT)
    tax_block = obj.optional("tax")
    tax = TaxSettings() if tax_block is None else _tax(tax_block, v3)
    # With regime de the flat rate is ignored, so it may be left out (and reads as 0).
    if tax.regime == TaxRegime.DE and obj.optional("tax_rate_pct") is None:
        tax_rate = Decimal(0)
    else:
        tax_rate = _decimal(obj, "tax_rate_pct", limits.PERCENT)
    costs = _list(obj, "costs")
    incomes = _list(obj, "incomes")
    if len(costs) > limits.MAX_ITEMS:
        limits.check_item_count(len(costs), "costs")
    limits.check_item_count(len(costs) + len(incomes), "incomes")
    cost_items = [_cost(item, f"costs[{i}]", v2, v3) for i, item in enumerate(costs)]
    income_items = tuple(_income(item, f"incomes[{i}]", v2) for i, item in enumerate(incomes))
    streams: dict[str, int] = {}
    for stream in income_items:
        streams[stream.name] = streams.get(stream.name, 0) + 1
    for i, item in enumerate(cost_items):
        if item.income is not None:
            check_income_name(item.income, streams, f"costs[{i}].income")
    reserve = _reserve(obj.optional("reserve"))
    risks = _risks(obj.optional("risks"), v3)
    grant = _start_grant(obj.optional("start_grant"))
    loan_list = obj.optional("loans")
    if loan_list is None:
        loan_list = []
    elif not isinstance(loan_list, list):
        raise FieldError("loans", "must be a list")
    if len(loan_list) > limits.MAX_LOANS:
        raise FieldError("loans", f"at most {limits.MAX_LOANS} loans per scenario")
    loans = tuple(_loan(item, f"loans[{i}]", start, horizon) for i, item in enumerate(loan_list))
    limits.check_situation(tax.health_insurance, tax.care_pct, grant)
    return Scenario(
        name=name,
        notes=notes,
        currency=currency,
        start=start,
        horizon_months=horizon,
        starting_balance=starting_balance,
        living_monthly=living_monthly,
        living_increase_pct=living_increase,
        tax_rate_pct=tax_rate,
        costs=tuple(cost_items),
        incomes=income_items,
        reserve=reserve,
        risks=risks,
        tax=tax,
        loans=loans,
        start_grant=grant,
    )


def from_dict(data: object) -> Scenario:
    """The Scenario a parsed scenario file describes; ScenarioFileError names the first problem."""
    try:
        return _scenario(data)
    except ScenarioFileError:
        raise
    except FieldError as error:
        raise ScenarioFileError(error.field, error.message) from None


_CURRENCIES = frozenset(list_currencies())


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the file; a key given twice is refused (json keeps the last one silently)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key[:50])
            seen.add(key)
    return data


def loads(text: str | bytes) -> Scenario:
    """Read a scenario file (JSON, UTF-8; a leading byte-order mark is allowed)."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioFileError("file", "is not valid UTF-8 text") from None
    text = text.removeprefix("\ufeff")
    try:
        # Numbers go to Decimal digit for digit; NaN and Infinity too, so the check names them.
        data = json.loads(
            text, parse_float=Decimal, parse_constant=Decimal, object_pairs_hook=_unique_keys
        )
    except _DuplicateKeyError as error:
        message = f"holds the key {json.dumps(error.key)} twice in one object"
        raise ScenarioFileError("file", message) from None
    except json.JSONDecodeError as error:
        message = f"is not valid JSON ({error.msg} at line {error.lineno} column {error.colno})"
        raise ScenarioFileError("file", message) from None
    except ValueError:  # an integer longer than Python's digit limit for int()
        raise ScenarioFileError("file", "holds a number with too many digits") from None
    except RecursionError:
        raise ScenarioFileError("file", "is nested too deeply") from None
    return from_dict(data)


def _dec(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _money(value: object) -> str:
    """Money with two places ("8000.00"); more places are written out, not rounded away."""
    number = _dec(value)
    if number.as_tuple().exponent >= -limits.DECIMAL_PLACES:
        number = number.quantize(limits.CENT)
    return "0.00" if number == 0 else format(number, "f")


def _number(value: object) -> str:
    """A rate or percentage without trailing zeros ("2", "2.5", "100")."""
    number = _dec(value)
    return "0" if number == 0 else format(number.normalize(), "f")


def _month(value: YearMonth | None) -> str | None:
    return None if value is None else str(value)


def _money_or_zero(value: object, needed: bool) -> str | None:
    """The value a pricing or reserve kind needs is written as 0 when unset (the engine's value)."""
    if value is None:
        return "0.00" if needed else None
    return _money(value)


def _number_or_zero(value: object, needed: bool) -> str | None:
    if value is None:
        return "0" if needed else None
    return _number(value)


def _cost_dict(item: CostItem) -> dict[str, Any]:
    return {
        "name": item.name,
        "category": Category(item.category).value,
        "amount": _money(item.amount),
        "frequency": Frequency(item.frequency).value,
        "start": str(item.start),
        "end": _month(item.end),
        "annual_increase_pct": _number(item.annual_increase_pct),
        "share_pct": _number(item.share_pct),
        "basis": CostBasis(item.basis).value,
        "income": item.income,
        "vat_rate_pct": _number(item.vat_rate_pct),
        "useful_life_years": int(item.useful_life_years),
    }


def _income_dict(item: IncomeStream) -> dict[str, Any]:
    pricing = Pricing(item.pricing)
    fixed = pricing == Pricing.FIXED
    return {
        "name": item.name,
        "pricing": pricing.value,
        "amount": _money_or_zero(item.amount, fixed),
        "rate": _money_or_zero(item.rate, not fixed),
        "quantity": _number_or_zero(item.quantity, not fixed),
        "frequency": Frequency(item.frequency).value,
        "start": str(item.start),
        "end": _month(item.end),
        "ramp_up_months": int(item.ramp_up_months),
        "annual_increase_pct": _number(item.annual_increase_pct),
        "performance_based": bool(item.performance_based),
        "vat_rate_pct": _number(item.vat_rate_pct),
        "prices_include_vat": bool(item.prices_include_vat),
    }


def _tax_dict(tax: TaxSettings) -> dict[str, Any]:
    return {
        "regime": TaxRegime(tax.regime).value,
        "trade": bool(tax.trade),
        "trade_tax_multiplier_pct": _number(tax.trade_tax_multiplier_pct),
        "church_tax_pct": _number(tax.church_tax_pct),
        "health_insurance": HealthInsurance(tax.health_insurance).value,
        "sick_pay": bool(tax.sick_pay),
        "health_extra_pct": _number(tax.health_extra_pct),
        "care_pct": _number(tax.care_pct),
        "prepayments": Prepayments(tax.prepayments).value,
        "assessment_delay_months": int(tax.assessment_delay_months),
        "vat": VatStatus(tax.vat).value,
        "household": Household(tax.household).value,
        "other_taxable_income": _money(tax.other_taxable_income),
        "pension": Pension(tax.pension).value,
    }


def _loan_dict(loan: Loan) -> dict[str, Any]:
    return {
        "name": loan.name,
        "amount": _money(loan.amount),
        "start": str(loan.start),
        "interest_pct": _number(loan.interest_pct),
        "grace_months": int(loan.grace_months),
        "repay_months": int(loan.repay_months),
        "kind": LoanKind(loan.kind).value,
    }


def to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a JSON-ready dict of the file format (strings, ints, bools, None)."""
    reserve, risks = scenario.reserve, scenario.risks
    kind = ReserveKind(reserve.kind)
    return {
        "format": FORMAT,
        "name": scenario.name,
        "notes": scenario.notes,
        "currency": scenario.currency,
        "start": str(scenario.start),
        "horizon_months": int(scenario.horizon_months),
        "starting_balance": _money(scenario.starting_balance),
        "living_costs": {
            "monthly": _money(scenario.living_monthly),
            "annual_increase_pct": _number(scenario.living_increase_pct),
        },
        "tax_rate_pct": _number(scenario.tax_rate_pct),
        "tax": _tax_dict(scenario.tax),
        "start_grant": None
        if scenario.start_grant is None
        else {
            "benefit": _money(scenario.start_grant.benefit),
            "second_phase": bool(scenario.start_grant.second_phase),
        },
        "costs": [_cost_dict(item) for item in scenario.costs],
        "incomes": [_income_dict(item) for item in scenario.incomes],
        "loans": [_loan_dict(loan) for loan in scenario.loans],
        "reserve": {
            "kind": kind.value,
            "months": _number_or_zero(reserve.months, kind == ReserveKind.MONTHS),
            "amount": _money_or_zero(reserve.amount, kind == ReserveKind.AMOUNT),
            "deadline": _month(reserve.deadline),
        },
        "risks": {
            "sick_days_per_year": _number(risks.sick_days_per_year),
            "drought_chance_pct": _number(risks.drought_chance_pct),
            "drought_length_months": _number(risks.drought_length_months),
            "drought_income_drop_pct": _number(risks.drought_income_drop_pct),
            "paths": int(risks.paths),
            "seed": int(risks.seed),
            "long_illness_chance_pct": _number(risks.long_illness_chance_pct),
            "long_illness_months": int(risks.long_illness_months),
            "private_sick_pay_daily": _money(risks.private_sick_pay_daily),
            "private_sick_pay_from_day": int(risks.private_sick_pay_from_day),
        },
    }


def dumps(scenario: Scenario) -> str:
    """The scenario file as text: JSON indented by 2, UTF-8 characters kept, newline at the end."""
    return json.dumps(to_dict(scenario), indent=2, ensure_ascii=False) + "\n"
