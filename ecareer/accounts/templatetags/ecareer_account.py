"""The reminder to verify the email address, shown on every page until it is verified."""

from django import template
from django.conf import settings

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
