"""Profile, account deletion, and allauth's sign-up form made enumeration-safe."""

from allauth.account import app_settings
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.mfa.base.forms import BaseAuthenticateForm
from django import forms
from django.conf import settings
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy as _

from ecareer.accounts.adapter import SIGNUP_FLAG
from ecareer.accounts.models import Profile


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, answering a taken address exactly like a new one.

    allauth hides a taken address only when verification is mandatory; with optional
    verification it says "already registered". Here the owner gets allauth's "someone tried to
    sign up with your address" mail instead, and the visitor the same redirect and message a new
    account gets (only a new account is signed in, which the next page shows).
    """

    def validate_unique_email(self, value: str) -> str:
        try:
            return super().validate_unique_email(value)
        except forms.ValidationError:
            if not app_settings.PREVENT_ENUMERATION:
                raise
            self.account_already_exists = True
            return value

    def try_save(self, request):
        setattr(request, SIGNUP_FLAG, True)
        if self.account_already_exists and (
            app_settings.EMAIL_VERIFICATION != app_settings.EmailVerificationMethod.MANDATORY
        ):
            # An address row without a user: allauth mails "you already have an account".
            address = EmailAddress(email=self.cleaned_data["email"])
            send_verification_email_to_address(request, address, signup=True)
            return None, redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
        return super().try_save(request)


class ProfileForm(forms.ModelForm):
    """Display name, currency, language and where the founder pays taxes."""

    class Meta:
        model = Profile
        fields = ("display_name", "currency", "language", "tax_country")
        widgets = {
            "currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
            "tax_country": forms.RadioSelect,
        }
        help_texts = {
            "currency": _("Three letters, e.g. EUR, CHF or USD. Amounts are shown in it."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tax_country"].required = False  # a form without it keeps the stored one

    def clean_tax_country(self) -> str:
        return self.cleaned_data.get("tax_country") or self.instance.tax_country

    def clean_currency(self) -> str:
        """Accept `eur` as EUR."""
        return self.cleaned_data["currency"].strip().upper()


class DeleteAccountForm(BaseAuthenticateForm):
    """The password, and a code of the second factor when the user has one set up."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ("password", "code")

    def __init__(self, *args, needs_code: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from your authenticator app or a recovery code")
        self.fields["code"].widget.attrs.pop("placeholder", None)
        if not needs_code:
            del self.fields["code"]

    def clean_password(self) -> str:
        """Only the account's own password confirms the deletion."""
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="password")
        return password
