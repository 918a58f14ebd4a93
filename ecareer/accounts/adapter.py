"""django-allauth, told how ecareer stores emails and which messages it shows."""

import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ecareer.accounts.models import Profile, normalize_email
from ecareer.jobs.tasks import queue_mail

# Set on the request by the sign-up form: a new account's answer must not differ from a taken
# address's by a "signed in" message.
SIGNUP_FLAG = "_ecareer_signup"


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter; emails are trimmed and lower-cased wherever they come in."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. Please try again later, or reset your password."
        ),
    }

    def clean_email(self, email: str) -> str:
        """Store and compare the address as `normalize_email` makes it."""
        return normalize_email(super().clean_email(email))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The lock-out's key: the address alone, NFKC-normalised, trimmed and lower-cased.

        allauth prefixes the site's domain, which without the sites app is the request's Host
        header with its port: a guesser sending `Host: 127.0.0.1:1001`, `:1002`... got a fresh
        count each time. Nothing the client sends but the address itself goes into the key.
        """
        login = credentials.get("email", credentials.get("username", ""))
        return "login:" + normalize_email(unicodedata.normalize("NFKC", login))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mail, sent by the worker (with retries): a mail server that is down never
        fails the request that wrote it."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        queue_mail(self.render_mail(template_prefix, email, ctx | context))

    def save_user(self, request, user, form, commit=True):
        """A new account keeps the language the visitor signed up in (the page's language)."""
        user = super().save_user(request, user, form, commit=commit)
        language = translation.get_language() or "en"
        if commit and language.split("-")[0] in dict(settings.LANGUAGES):
            Profile.objects.filter(user=user).update(language=language.split("-")[0])
        return user

    def add_message(self, request, level, message_template=None, *args, **kwargs) -> None:
        """allauth's messages, without "Signed in as ..." right after signing up."""
        if message_template == "account/messages/logged_in.txt" and getattr(
            request, SIGNUP_FLAG, False
        ):
            return
        super().add_message(request, level, message_template, *args, **kwargs)
