"""Numbers as people type them: "12.000", "12 000 €", "1.900,-", "1.234,56", "1,234.56".

`read(text, thousands, decimal)` returns the number a person meant, or says that the text could
mean two things. The rules, for a language whose thousands mark is T and decimal mark is D
(German: T ".", D ","; English: T ",", D "."):
- spaces (also the no-break and narrow ones) between groups of three digits are grouping;
- a currency sign or code before or after the number ("€", "EUR"), a trailing "%" and a
  trailing D followed by dashes ("1.900,-": no cents) are left out;
- both marks in one number: the last one is the decimal mark, the others group by three
  ("1.234,56" and "1,234.56" both read 1234.56 in either language: nothing else is possible);
- one mark used twice or more groups by three ("1.234.567");
- one D: the decimal mark ("1,5" in German, "1.5" in English);
- one T before exactly three digits, after one to three digits that do not start with 0:
  grouping ("1.900" is 1900 in German, "1,900" in English);
- one T anywhere else ("1.5", "99.50", "0.25" in German; "1,5" in English) cannot be grouping:
  it is the other language's decimal mark. That is the likely meaning but a mistyped group
  ("1.500") is as likely, so the form asks back once, showing the value it would save
  ("1,5"), and saves it when sent again as shown.
Only ASCII digits, one leading minus; no "+", exponents, underscores or other digits.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-"})
_CODE = re.compile(r"^[A-Z]{3} ?| ?[A-Z]{3}$")


class NotANumber(ValueError):
    """The text is no number in any way people write one."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The number read; `ambiguous` when the text could also have meant another number."""

    value: Decimal
    ambiguous: bool = False


def _without_units(text: str, decimal: str) -> str:
    """The text without a currency sign or code, a trailing % and a trailing ",-"."""
    text = text.translate(_SPACES).strip()
    if text and unicodedata.category(text[0]) == "Sc":
        text = text[1:].strip()
    elif text and unicodedata.category(text[-1]) == "Sc":
        text = text[:-1].strip()
    else:
        text = _CODE.sub("", text, count=1).strip()
    text = text.removesuffix("%").strip()
    text = re.sub(rf"{re.escape(decimal)}[-\u2013]{{1,2}}$", "", text)  # "1.900,-": no cents
    return text


def _grouped(digits: str, mark: str) -> bool:
    """Groups of three after a first group of one to three digits not starting with 0."""
    return re.fullmatch(rf"[1-9][0-9]{{0,2}}(?:{re.escape(mark)}[0-9]{{3}})+", digits) is not None


def read(text: str, thousands: str, decimal: str) -> Reading:
    """The number in `text` as a person of this language means it (see the module's rules)."""
    body = _without_units(text, decimal)
    sign = ""
    if body.startswith("-"):
        sign, body = "-", body[1:].lstrip()
    if re.fullmatch(r"[0-9][0-9., ]*|[.,][0-9]+", body) is None:
        raise NotANumber(text)
    if " " in body:
        spaced = re.fullmatch(r"([1-9][0-9]{0,2}(?: [0-9]{3})+)((?:[.,][0-9]+)?)", body)
        if spaced is None:
            raise NotANumber(text)
        body = spaced[1].replace(" ", "") + spaced[2]
    marks = [c for c in body if c in ".,"]
    ambiguous = False
    whole, fraction = body, ""
    if len(set(marks)) == 2:
        point = marks[-1]
        other = "," if point == "." else "."
        whole, _, fraction = body.rpartition(point)
        if marks.count(point) != 1 or not _grouped(whole, other):
            raise NotANumber(text)
        whole = whole.replace(other, "")
    elif len(marks) > 1:
        if not _grouped(body, marks[0]):
            raise NotANumber(text)
        whole = body.replace(marks[0], "")
    elif marks:
        mark = marks[0]
        if mark == thousands and _grouped(body, mark):
            whole = body.replace(mark, "")
        else:
            whole, _, fraction = body.partition(mark)
            ambiguous = mark != decimal  # the other language's decimal mark, or a typo
            if not fraction:
                raise NotANumber(text)
    value = Decimal(f"{sign}{whole or '0'}.{fraction}" if fraction else f"{sign}{whole}")
    return Reading(value.copy_abs() if value.is_zero() else value, ambiguous)
