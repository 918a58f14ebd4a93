"""Forms of the scenario list: new (blank or from a starter), rename, copy, import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ecareer.planning.models import Scenario
from ecareer.projection import limits
from ecareer.starters import PEOPLE, STARTERS

BLANK = "blank"


class NewScenarioForm(forms.Form):
    """A blank plan or one of the starter templates, with a name."""

    template = forms.ChoiceField(
        label=_("Start from"),
        choices=[(BLANK, _("A blank plan"))] + [(s.slug, s.title) for s in (*STARTERS, *PEOPLE)],
        initial=BLANK,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=limits.NAME_MAX_LENGTH,
        required=False,
        help_text=_("Empty: the template's name."),
    )


class ScenarioNameForm(forms.ModelForm):
    """Just the name, for renaming and for "copy as"."""

    class Meta:
        model = Scenario
        fields = ("name",)


class ImportForm(forms.Form):
    """A scenario file (ecareer.scenario/1 or /2 JSON)."""

    file = forms.FileField(label=_("Scenario file (.json)"))

    MAX_BYTES = 2_000_000

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."), code="too_big")
        return upload
