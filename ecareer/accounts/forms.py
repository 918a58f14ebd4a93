"""Sign-up, sign-in and profile forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from ecareer.accounts.models import Profile, User, normalize_email


class SignupForm(UserCreationForm):
    """Email and a password typed twice, checked by Django's password validators."""

    class Meta:
        model = User
        fields = ("email",)
        labels = {"email": _("Email")}

    def clean_email(self) -> str:
        """Reject an email that already has an account, in any letter case."""
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Sign in or reset your password."),
                code="duplicate_email",
            )
        return email


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form; its `username` field holds the email."""

    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That email and password do not match an account. Please try again."),
    }


class ProfileForm(forms.ModelForm):
    """Display name, currency and language."""

    class Meta:
        model = Profile
        fields = ("display_name", "currency", "language")
        widgets = {"currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"})}
        help_texts = {
            "currency": _("Three letters, e.g. EUR, CHF or USD. Amounts are shown in it."),
        }

    def clean_currency(self) -> str:
        """Accept `eur` as EUR."""
        return self.cleaned_data["currency"].strip().upper()
