"""Amounts and months formatted for the active language (babel): `{{ x|money:currency }}`."""

from datetime import date, datetime
from decimal import Decimal, localcontext
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import NumberPattern, format_currency, format_decimal, parse_pattern
from django import template
from django.utils import timezone, translation

from ecareer.projection.breakdown import whole_percent
from ecareer.projection.model import YearMonth
from ecareer.projection.money import WIDE

register = template.Library()


@lru_cache(maxsize=8)
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


def _locale() -> Locale:
    """The babel locale of the active language, parsed once (pages format hundreds of amounts)."""
    code = {"de": "de_DE", "en": "en_GB"}.get(translation.get_language() or "en", "en_GB")
    return _babel_locale(code)


@lru_cache(maxsize=16)
def _pattern(text: str) -> NumberPattern:
    return parse_pattern(text)


@register.filter
def plural_count(value) -> int:
    """1 for exactly one, else 2: the count `{% blocktranslate count %}` picks a form by."""
    return 1 if value == 1 else 2


@register.filter
def money(value, currency: str = "EUR") -> str:
    """An amount with its currency, e.g. €1,234.50 or 1.234,50 €; empty for None."""
    if value is None or value == "":
        return ""
    with localcontext(prec=WIDE):  # Babel rounds in the current context: room for any amount
        return format_currency(Decimal(value), currency or "EUR", locale=_locale())


@register.filter
def number(value, digits: int = 2) -> str:
    """A plain number with the language's separators."""
    if value is None or value == "":
        return ""
    pattern = _pattern("#,##0" + ("." + "0" * int(digits) if int(digits) else ""))
    with localcontext(prec=WIDE):
        return format_decimal(Decimal(value), format=pattern, locale=_locale())


@register.filter
def figure(value) -> str:
    """A count or quantity with up to two decimals, none when whole (8 hours, 7,5 Stunden)."""
    if value is None or value == "":
        return ""
    with localcontext(prec=WIDE):
        return format_decimal(Decimal(value), format=_pattern("#,##0.##"), locale=_locale())


@register.filter
def percent(value) -> str:
    """A percentage given in percent (25 -> 25 %), or a share 0..1 with `share`."""
    if value is None or value == "":
        return ""
    return f"{figure(value)}\u00a0%"


@register.filter
def share(value) -> str:
    """A share 0..1 as a percentage with no decimals (0.123 -> 12 %)."""
    if value is None or value == "":
        return ""
    return (
        f"{format_decimal(whole_percent(value), format=_pattern('#,##0'), locale=_locale())}\u00a0%"
    )


@register.filter
def month(value) -> str:
    """A month (YearMonth, "YYYY-MM" or date) as e.g. "Jan 2027" / "Jan. 2027"; empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = YearMonth.parse(value)
    return _month_text(value.year, value.month, _locale())


@register.filter
def month_long(value) -> str:
    """A month inside a sentence, never abbreviated: "January 2027" / "Januar 2027"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = YearMonth.parse(value)
    return _month_text(value.year, value.month, _locale(), "MMMM yyyy")


@lru_cache(maxsize=4096)
def _month_text(year: int, month_number: int, locale: Locale, form: str = "MMM yyyy") -> str:
    return format_date(date(year, month_number, 1), format=form, locale=locale)


@register.filter
def day(value) -> str:
    """A date (or a moment's local date) as e.g. "27 Nov 2026" / "27.11.2026"; empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return format_date(value, format="medium", locale=_locale())


@register.filter
def moment(value) -> str:
    """A point in time, local, as e.g. "27 Nov 2026, 14:05" / "27.11.2026, 14:05"."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value)
    when = format_time(local.time(), format="short", locale=_locale())
    return f"{format_date(local.date(), format='medium', locale=_locale())}, {when}"
