"""`{% hint "costs" %}`: the guided hint of one part of the scenario page, unless dismissed."""

from django import template

from ecareer.accounts.hints import HINTS

register = template.Library()


@register.inclusion_tag("accounts/hint.html", takes_context=True)
def hint(context, key: str) -> dict:
    """The tip `key` for the signed-in user, or nothing once they have hidden it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    dismissed = user.profile.dismissed_hints or []
    show = key not in dismissed and "all" not in dismissed
    return {"show": show, "key": key, "text": HINTS[key], "request": request}
