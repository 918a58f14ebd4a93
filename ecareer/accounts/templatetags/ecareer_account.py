"""The site's header and footer, and the reminder to verify the email address, shown on every
page until it is verified."""

from django import template
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from ecareer.accounts.signals import UNCONFIRMED

register = template.Library()


@register.simple_tag(takes_context=True)
def verification_reminder(context) -> SafeString:
    """Remind a signed-in user whose address is not confirmed yet (not on the mail pages); the
    reminder's template is rendered only when it shows (every signed-in page asks)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or settings.ACCOUNT_EMAIL_VERIFICATION == "none"
        or request.resolver_match is None
        or request.resolver_match.url_name in {"account_email", "account_confirm_email"}
        or not request.session.get(UNCONFIRMED, False)
    ):
        return mark_safe("")
    return mark_safe(render_to_string(_REMINDER, {"show": True}))  # noqa: S308 (our template)


_REMINDER = "account/snippets/verification_reminder.html"


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
