"""Edits carry the version they were made from: a stale save changes nothing (optimistic locking).

Every save of an item, the settings, the risks or the reserve runs inside the editor's one
transaction (`services.kept_if_projectable`): the row is locked (`select_for_update`; on SQLite
the IMMEDIATE transaction already holds the write lock), its stored version compared with the
form's, and the row updated with `force_update`, never re-inserted. A row deleted meanwhile is
`Gone`; a newer version is a `Conflict` carrying the current row.
"""

from django import forms
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import AsksBackForm
from ecareer.planning.models import ReserveTarget, Scenario

CONFLICT = _(
    "Changed in another window meanwhile: here are the current values. Your change was not "
    "saved; make it again if it still applies."
)


class Gone(Exception):
    """The row was deleted meanwhile (in another tab, or with its scenario)."""


class Conflict(Exception):
    """The row was saved meanwhile from another window; `current` is it as stored now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} changed meanwhile")
        self.current = current


class VersionedForm(AsksBackForm, forms.ModelForm):
    """A model form that posts back the version of the row it shows (0: no row yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        # An edit must say which version it was made from; a new row has none.
        self.fields["version"].required = self.instance.pk is not None

    def posted_version(self) -> int:
        return self.cleaned_data.get("version") or 0


def locked_scenario(pk: int) -> Scenario:
    """The scenario row, locked for this transaction; 404 when it was deleted meanwhile."""
    scenario = Scenario.objects.select_for_update().filter(pk=pk).first()
    if scenario is None:
        raise Http404("scenario deleted meanwhile")
    return scenario


def save(form: VersionedForm):
    """Save the form's row if it is still the version the form was made from (in a transaction)."""
    instance = form.instance
    model = type(instance)
    current = model.objects.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise Gone(f"{model.__name__} {instance.pk}")
    if current.version != form.posted_version():
        raise Conflict(current)
    instance.version = current.version + 1
    instance.save(force_update=True)
    return instance


def save_reserve(form: VersionedForm, scenario: Scenario) -> ReserveTarget:
    """Save the reserve target, created on the first save (old scenarios have none)."""
    locked_scenario(scenario.pk)
    current = ReserveTarget.objects.select_for_update().filter(scenario_id=scenario.pk).first()
    # A reserve goes only with its scenario (locked above): none stored means none was yet.
    if current is not None and current.version != form.posted_version():
        raise Conflict(current)
    instance = form.instance
    if current is None:
        instance.version = 1
        instance.save(force_insert=True)
    else:
        instance.pk, instance.version = current.pk, current.version + 1
        instance.save(force_update=True)
    return instance
