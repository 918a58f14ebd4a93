"""`{% hint "costs" %}`: the guided hint of one part of the scenario page, unless dismissed.

The scenario page shows six; rendered each time they were a fifth of its render time. A hint's
HTML depends only on its key, the language and the page's path (its forms return there), and
the CSRF token: so it is rendered once per process for each of those with a stand-in for the
token, which each view fills in with its own (as the cached item tables do). With DEBUG on nothing
is kept (a template edited while the development server runs shows at once).
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ecareer.accounts.hints import HINTS

register = template.Library()

_TEMPLATE = "accounts/hint.html"
_STAND_IN = "hint-csrf-stand-in"
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'  # as {% csrf_token %}
_KEPT: dict[tuple, str] = {}
_KEPT_MAX = 256  # (hint, language, path) renderings kept; all are dropped when more come


@register.simple_tag(takes_context=True)
def hint(context, key: str) -> SafeString:
    """The tip `key` for the signed-in user, or nothing once they have hidden it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return mark_safe("")
    dismissed = user.profile.dismissed_hints or []
    if key in dismissed or "all" in dismissed:
        return mark_safe("")
    memo = (key, translation.get_language(), request.get_full_path())
    html = _KEPT.get(memo)
    if html is None:
        values = {"show": True, "key": key, "text": HINTS[key], "request": request}
        html = render_to_string(_TEMPLATE, {**values, "csrf_token": _STAND_IN})
        if not settings.DEBUG:
            if len(_KEPT) >= _KEPT_MAX:
                _KEPT.clear()
            _KEPT[memo] = html
    token = context.get("csrf_token")
    field = "" if token is None or str(token) == "NOTPROVIDED" else format_html(_CSRF_INPUT, token)
    return mark_safe(html.replace(_CSRF_INPUT.format(_STAND_IN), field))  # noqa: S308 (our template, escaped there)
