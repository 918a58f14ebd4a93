"""The charts' number formats agree with babel, which formats every other amount on the page."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecareer.charts.locale import ChartLocale

LOCALES = [ChartLocale(lang, cur) for lang in ("en", "de") for cur in ("EUR", "USD", "CHF", "JPY")]


@pytest.mark.parametrize("locale", LOCALES, ids=lambda loc: f"{loc.language}-{loc.currency}")
@given(cents=st.integers(min_value=-(10**13), max_value=10**13))
@settings(deadline=None)  # a shared, loaded machine took 590 ms for one example (a format call)
def test_fast_money_is_babels_money(locale, cents):
    amount = Decimal(cents).scaleb(-2)
    assert locale.money_formatter()(amount) == locale.money(amount)


def test_affixes_and_separators():
    assert ChartLocale("en", "EUR").affixes == ("€", "")
    assert ChartLocale("de", "EUR").affixes == ("", "\u00a0€")
    assert ChartLocale("en", "USD").separators == ".,"
    assert ChartLocale("de", "USD").separators == ",."
    assert ChartLocale("de", "JPY").money_format("y") == "%{y:$,.0f}"
    assert ChartLocale("de", "JPY").plotly_locale()["format"]["currency"] == ["", "\u00a0¥"]
    assert ChartLocale("en", "EUR").plotly_locale()["format"]["currency"] == ["€", ""]
