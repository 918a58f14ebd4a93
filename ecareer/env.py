"""Read settings from the environment; a bad value stops start-up with a clear message."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: str = "0") -> bool:
    """A yes/no setting: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


def envint(name: str, default: str) -> int:
    """A whole-number setting; an empty value counts as unset."""
    value = (os.environ.get(name) or default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None


def envlist(name: str, default: str = "") -> list[str]:
    """A comma-separated list setting; blanks are dropped."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def envstr(name: str, default: str = "") -> str:
    """A text setting; an empty value counts as unset."""
    return os.environ.get(name) or default


def envrate(name: str, default: str) -> str:
    """A rate limit as django-ratelimit reads it: requests per period, e.g. 30/m or 5/10s."""
    value = (os.environ.get(name) or default).strip()
    if not re.fullmatch(r"[1-9][0-9]*/(?:[1-9][0-9]*)?[smhd]", value):
        raise ImproperlyConfigured(
            f"{name}={value!r}: expected requests/period, e.g. 30/m or 5/10s"
        )
    return value


def check_secret_key(value: str) -> None:
    """Refuse a SECRET_KEY that Django's deploy check calls weak: short, few distinct characters,
    or one of startproject's `django-insecure-` keys (signed cookies and reset links rest on it)."""
    if len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak for DEBUG off: use at least 50 random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
