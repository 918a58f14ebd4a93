"""The form that creates a share link."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecareer.sharing.models import ShareLink


class ShareLinkForm(forms.ModelForm):
    """Label, optional expiry date and whether to hide amounts."""

    class Meta:
        model = ShareLink
        fields = ("label", "expires_on", "hide_amounts")
        help_texts = {
            "hide_amounts": _(
                "Show months and percentages only: no money amounts, and not the scenario's "
                "notes (they may name amounts)."
            )
        }
        widgets = {
            "hide_amounts": forms.CheckboxInput(
                attrs={"aria-describedby": "share-hide-amounts-help"}
            ),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "label": forms.TextInput(attrs={"placeholder": _("e.g. for my bank")}),
        }

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on and expires_on < timezone.localdate():
            raise forms.ValidationError(_("The expiry date must not be in the past."))
        return expires_on
