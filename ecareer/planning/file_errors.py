"""Scenario-file error lines in the user's language.

The planning package (no Django) writes its messages in English, from the short list of
templates in `ecareer.projection.limits` and `scenario_file`; this module matches a message
against those templates and returns the translation. The field path ("costs[2].amount") stays as
written in the file, and a message no template matches is shown in English rather than lost.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ecareer.projection.limits import FieldError

_N = r"(?P<{}>-?[0-9.]+)"

# (English message as a regex, translatable template with the same named groups)
TEMPLATES: tuple[tuple[str, str], ...] = (
    (
        rf"must be a number between {_N.format('lo')} and {_N.format('hi')}",
        gettext_noop("must be a number between %(lo)s and %(hi)s"),
    ),
    (
        rf"must have at most {_N.format('n')} decimal places",
        gettext_noop("must have at most %(n)s decimal places"),
    ),
    (
        rf"must be a whole number between {_N.format('lo')} and {_N.format('hi')}",
        gettext_noop("must be a whole number between %(lo)s and %(hi)s"),
    ),
    (r"must be true or false", gettext_noop("must be true or false")),
    (
        rf"must be a text of 1 to {_N.format('n')} characters",
        gettext_noop("must be a text of 1 to %(n)s characters"),
    ),
    (r"must not be empty", gettext_noop("must not be empty")),
    (
        rf"must be at most {_N.format('n')} characters",
        gettext_noop("must be at most %(n)s characters"),
    ),
    (r"must be a text", gettext_noop("must be a text")),
    (
        r"must not contain NUL or unpaired surrogate characters",
        gettext_noop("must not contain NUL or unpaired surrogate characters"),
    ),
    (r"must be a month in the form YYYY-MM", gettext_noop("must be a month in the form YYYY-MM")),
    (
        r"must be a month between (?P<lo>[0-9]{4}-[0-9]{2}) and (?P<hi>[0-9]{4}-[0-9]{2})",
        gettext_noop("must be a month between %(lo)s and %(hi)s"),
    ),
    (r"must not be before start", gettext_noop("must not be before start")),
    (r"must be one of: (?P<choices>.*)", gettext_noop("must be one of: %(choices)s")),
    (
        r"must be a currency code of three capital letters, e\.g\. EUR",
        gettext_noop("must be a currency code of three capital letters, e.g. EUR"),
    ),
    (r"is not an ISO 4217 currency code", gettext_noop("is not an ISO 4217 currency code")),
    (
        r'holds the key (?P<key>".*") twice in one object',
        gettext_noop("holds the key %(key)s twice in one object"),
    ),
    (
        rf"at most {_N.format('n')} items per scenario",
        gettext_noop("at most %(n)s items per scenario"),
    ),
    (r"must be an object", gettext_noop("must be an object")),
    (r"must be a JSON object", gettext_noop("must be a JSON object")),
    (r"must be a list", gettext_noop("must be a list")),
    (r"unknown field", gettext_noop("unknown field")),
    (r"is required", gettext_noop("is required")),
    (r'must be "(?P<format>[^"]*)"', gettext_noop("must be “%(format)s”")),
    (r"is not valid UTF-8 text", gettext_noop("is not valid UTF-8 text")),
    (
        r"is not valid JSON \((?P<problem>.*) at line (?P<line>[0-9]+) column (?P<column>[0-9]+)\)",
        gettext_noop("is not valid JSON (%(problem)s at line %(line)s, column %(column)s)"),
    ),
    (
        r"holds a number with too many digits",
        gettext_noop("holds a number with too many digits"),
    ),
    (r"is nested too deeply", gettext_noop("is nested too deeply")),
    (
        r"must be null unless basis is income_share",
        gettext_noop("must be null unless basis is income_share"),
    ),
    (
        r"must be the name of an income stream, or null",
        gettext_noop("must be the name of an income stream, or null"),
    ),
    (
        r"names no income stream of this scenario",
        gettext_noop("names no income stream of this scenario"),
    ),
    (
        r"names an income stream whose name is used more than once",
        gettext_noop("names an income stream whose name is used more than once"),
    ),
    (
        r"must be monthly for a cost that is a share of income",
        gettext_noop("must be monthly for a cost that is a share of income"),
    ),
    (
        r"must be 0 for a cost that is a share of income",
        gettext_noop("must be 0 for a cost that is a share of income"),
    ),
)
_COMPILED = tuple((re.compile(pattern), template) for pattern, template in TEMPLATES)


def translated_message(message: str) -> str:
    """The message part of a scenario-file error in the active language."""
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(message)
        if match:
            return _(template) % match.groupdict()
    return message


def translated(error: FieldError) -> str:
    """`field: message` with the message in the active language and the field as in the file."""
    return f"{error.field}: {translated_message(error.message)}"
