"""Numbers, amounts and month names for Plotly in the user's language (babel, no Django).

Plotly formats numbers with d3-format and the layout's `separators`; amounts use d3's `$`
type with the currency symbol of the inline locale, before or after the number as the language
puts it and always after the minus sign. Month and day names go to plotly.js as
an inline locale (`config.locales`), so no locale file has to be loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from babel.dates import get_day_names, get_month_names
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)

from ecareer.projection.breakdown import whole_percent

BABEL_LOCALES = {"en": "en_GB", "de": "de_DE"}
_NUMBER = re.compile(r"\d(?:.*\d)?")

# The modebar's tooltips that a user meets; the rest stays English.
_PLOTLY_DICTIONARY = {
    "de": {
        "Download plot as a PNG": "Als PNG herunterladen",
        "Download plot": "Diagramm herunterladen",
        "Zoom": "Zoomen",
        "Pan": "Verschieben",
        "Zoom in": "Vergrößern",
        "Zoom out": "Verkleinern",
        "Reset axes": "Achsen zurücksetzen",
        "Autoscale": "Automatisch skalieren",
        "Double-click to zoom back out": "Doppelklick zum Herauszoomen",
    }
}


@dataclass(frozen=True, slots=True)
class ChartLocale:
    """How one language writes numbers and amounts of one currency."""

    language: str  # "en" or "de"
    currency: str  # ISO 4217

    @property
    def babel(self) -> str:
        return BABEL_LOCALES.get(self.language, "en_GB")

    @property
    def separators(self) -> str:
        """Plotly's `separators`: the decimal mark, then the thousands separator."""
        return get_decimal_symbol(self.babel) + get_group_symbol(self.babel)

    @property
    def digits(self) -> int:
        return get_currency_precision(self.currency)

    @property
    def affixes(self) -> tuple[str, str]:
        """What goes before and after the number in an amount, e.g. ("€", "") or ("", " €")."""
        sample = format_currency(Decimal("1234.5"), self.currency, locale=self.babel)
        match = _NUMBER.search(sample)
        return sample[: match.start()], sample[match.end() :]

    def money_format(self, field: str) -> str:
        """A hover-template piece that writes `%{field}` as an amount (d3's `$`: the symbol
        from `plotly_locale`, placed after the minus sign: −€5,000, −5.000 €)."""
        return f"%{{{field}:$,.{self.digits}f}}"

    def share(self, value: float) -> str:
        """A share 0..1 as a whole percentage, e.g. "34 %" (as the page's tables write it)."""
        number = format_decimal(whole_percent(value), format="#,##0", locale=self.babel)
        return f"{number}\u00a0%"

    def money(self, value: float | Decimal) -> str:
        """An amount as text, as the rest of the page writes it."""
        return format_currency(Decimal(str(value)), self.currency, locale=self.babel)

    def money_formatter(self) -> Callable[[float | Decimal], str]:
        """A fast `money` for long tables: babel's output, without babel's cost per number.

        The pattern (symbol place, separators, minus sign) is taken from babel once and checked
        against it on sample amounts; if any differs, babel itself is returned.
        """
        prefix, suffix = self.affixes
        decimal, group = get_decimal_symbol(self.babel), get_group_symbol(self.babel)
        digits = self.digits
        table = str.maketrans({",": group, ".": decimal})

        def fast(value: float | Decimal) -> str:
            text = format(abs(value), f",.{digits}f").translate(table)
            sign = "-" if value < 0 and text.strip("0" + decimal + group) else ""
            return f"{sign}{prefix}{text}{suffix}"

        samples = ("0", "0.5", "-0.01", "7", "-1234.5", "1234567.89", "-98765432.1")
        if all(fast(Decimal(x)) == self.money(Decimal(x)) for x in samples):
            return fast
        return self.money

    def plotly_locale(self) -> dict:
        """Month and day names for plotly.js `config.locales[language]`."""
        months = get_month_names("wide", locale=self.babel)
        short_months = get_month_names("abbreviated", locale=self.babel)
        days = get_day_names("wide", locale=self.babel)
        short_days = get_day_names("abbreviated", locale=self.babel)
        sunday_first = [6, 0, 1, 2, 3, 4, 5]  # babel counts from Monday, d3 from Sunday
        return {
            "dictionary": _PLOTLY_DICTIONARY.get(self.language, {}),
            "format": {
                "days": [days[d] for d in sunday_first],
                "shortDays": [short_days[d] for d in sunday_first],
                "months": [months[m] for m in range(1, 13)],
                "shortMonths": [short_months[m] for m in range(1, 13)],
                "decimal": get_decimal_symbol(self.babel),
                "thousands": get_group_symbol(self.babel),
                "currency": list(self.affixes),
            },
        }
