"""The template filters that format amounts and dates for the page's language."""

import datetime

import pytest
from django.utils import translation

from ecareer.planning.templatetags.ecareer_format import day, moment, money, number

NOON_UTC = datetime.datetime(2026, 11, 27, 12, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("language", "expected"), [("en", "27 Nov 2026"), ("de", "27.11.2026")])
def test_day(language, expected):
    with translation.override(language):
        assert day(datetime.date(2026, 11, 27)) == expected
        assert day(NOON_UTC) == expected
        assert day(None) == ""


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "27 Nov 2026, 12:05"), ("de", "27.11.2026, 12:05")]
)
def test_moment_in_local_time(settings, language, expected):
    settings.TIME_ZONE = "UTC"
    with translation.override(language):
        assert moment(NOON_UTC) == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "€1,234.50"), ("de", "1.234,50\u00a0€")])
def test_money(language, expected):
    with translation.override(language):
        assert money("1234.5", "EUR") == expected


def test_amounts_beyond_28_digits_keep_their_cents():
    with translation.override("en"):
        assert money("123456789012345678901234567890.13", "EUR") == (
            "€123,456,789,012,345,678,901,234,567,890.13"
        )
        assert number("1e40", 0) == "10,000,000,000,000,000,000,000,000,000,000,000,000,000"
