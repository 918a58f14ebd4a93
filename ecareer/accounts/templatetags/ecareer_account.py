"""The site's header and footer, and the reminder to verify the email address, shown on every
page until it is verified."""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString

from ecareer.accounts.signals import UNCONFIRMED

register = template.Library()


@register.inclusion_tag("account/snippets/verification_reminder.html", takes_context=True)
def verification_reminder(context) -> dict:
    """Remind a signed-in user whose address is not confirmed yet (not on the mail pages)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or settings.ACCOUNT_EMAIL_VERIFICATION == "none"
        or request.resolver_match is None
        or request.resolver_match.url_name in {"account_email", "account_confirm_email"}
    ):
        return {"show": False}
    return {"show": request.session.get(UNCONFIRMED, False)}


@register.simple_tag(takes_context=True)
def chrome(context, name: str) -> SafeString:
    """The partial `name` of base.html (the header or the footer), kept by this process for each
    user's shown name, language and page (fragments.kept_here): all that it shows."""
    from ecareer.planning import fragments

    request = context.get("request")
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    profile = getattr(user, "profile", None) if signed_in else None  # None without a profile row
    shown = (profile and profile.display_name) or (user.email if signed_in else "")
    path = request.get_full_path() if request is not None else ""
    language = translation.get_language()
    template_name = f"base.html#{name}"

    def render() -> str:
        values = {"user": user, "request": request, "LANGUAGE_CODE": language}
        return get_template(template_name).render({**values, "csrf_token": fragments.CSRF_STAND_IN})

    key = fragments.key(f"chrome:{name}", (signed_in, shown, path))
    return fragments.kept_here(key, render, context.get("csrf_token"))
