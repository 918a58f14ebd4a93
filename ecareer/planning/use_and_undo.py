""" "Use this" and a saved what-if write into the scenario; undo puts back what they changed.

What one changed (each field's old and new value) is kept in the session, and one click restores
those fields, only while they still hold the values it wrote: an edit made since, in this tab or
another, is never overwritten (the undo then names it and changes nothing).
"""

from decimal import Decimal

from django import forms
from django.db.models import F
from django.utils.translation import gettext, gettext_lazy

from ecareer.planning import services, versions
from ecareer.planning.models import IncomeStream, Scenario
from ecareer.projection import decisions, limits

_UNDO = "ecareer-decision-undo"  # session key: {scenario pk: what "use this" changed}


UNKNOWN_STREAM = gettext_lazy(
    "This scenario has no income stream “%(name)s” (renamed or deleted meanwhile). Nothing was "
    "saved."
)


class UseForm(forms.Form):
    """One answer to write into the scenario: a price factor, or an amount."""

    what = forms.ChoiceField(choices=[(w, w) for w in (*decisions.WHATS, "sick_pay")])
    option = forms.ChoiceField(choices=[("with", "with"), ("without", "without")], required=False)
    income = forms.CharField(required=False, max_length=limits.NAME_MAX_LENGTH)
    factor = forms.DecimalField(
        required=False, min_value=Decimal(0), max_value=decisions.MAX_FACTOR, decimal_places=3
    )
    value = forms.DecimalField(
        required=False,
        min_value=limits.STARTING_BALANCE.lo,
        max_value=limits.STARTING_BALANCE.hi,
        decimal_places=2,
    )

    def __init__(self, *args, streams: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.streams = streams

    def clean_income(self) -> str:
        """Empty (all streams) or one of the scenario's streams, never a name it lacks."""
        name = self.cleaned_data["income"]
        if name and name not in self.streams:
            raise forms.ValidationError(UNKNOWN_STREAM % {"name": name})
        return name

    def clean(self):
        cleaned = super().clean()
        what = cleaned.get("what")
        if what == "price" and cleaned.get("factor") is None:
            self.add_error("factor", gettext_lazy("A price factor is needed."))
        if what in ("starting_balance", "living_costs") and cleaned.get("value") is None:
            self.add_error("value", gettext_lazy("An amount is needed."))
        if what == "sick_pay" and not cleaned.get("option"):
            self.add_error("option", gettext_lazy("With or without sick pay?"))
        if what == "living_costs" and (cleaned.get("value") or 0) < 0:
            self.add_error("value", gettext_lazy("Living costs cannot be negative."))
        return cleaned


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# What "use this" or a saved what-if may change: these fields of the scenario and of its streams.
SCENARIO_FIELDS = (
    "starting_balance",
    "living_monthly",
    "sick_days_per_year",
    "drought_chance_pct",
    "sick_pay",
)
STREAM_FIELDS = ("amount", "rate")


def snapshot(scenario_pk: int, *, lock: bool = False) -> dict:
    """Those fields as stored now, as strings (the session is JSON); `lock`: the streams' rows
    locked for this transaction too (the caller has locked the scenario's)."""
    row = Scenario.objects.filter(pk=scenario_pk).values(*SCENARIO_FIELDS).get()
    streams = IncomeStream.objects.filter(scenario_id=scenario_pk)
    if lock:
        streams = streams.select_for_update()
    return {
        "scenario": {field: _text(row[field]) for field in SCENARIO_FIELDS},
        "streams": {
            str(s["pk"]): {"name": s["name"], **{f: _text(s[f]) for f in STREAM_FIELDS}}
            for s in streams.values("pk", "name", *STREAM_FIELDS)
        },
    }


def changes(before: dict, after: dict) -> list[list]:
    """What was written between two snapshots: [row ("scenario" or a stream's pk), field, old,
    new, the stream's name] for each changed field; undo puts back exactly these."""
    found = [
        ["scenario", field, before["scenario"][field], after["scenario"][field], ""]
        for field in SCENARIO_FIELDS
        if before["scenario"][field] != after["scenario"][field]
    ]
    for pk, stream in after["streams"].items():
        old = before["streams"].get(pk)
        for field in STREAM_FIELDS if old else ():
            if old[field] != stream[field]:
                found.append([pk, field, old[field], stream[field], stream["name"]])
    return found


class UnknownStream(Exception):
    """ "Use this" named an income stream the scenario does not have (renamed or deleted)."""


def use(scenario: Scenario, cleaned: dict) -> list[list]:
    """Write the answer into the scenario (inside the caller's transaction); what it changed.

    Like every editor save, the rows are locked and each written row is one version further, so
    a form opened before this answer was used is stale and overwrites nothing."""
    versions.locked_scenario(scenario.pk)  # 404 when it was deleted meanwhile
    before = snapshot(scenario.pk, lock=True)
    what = cleaned["what"]
    if what == "price":
        income = cleaned["income"] or None
        if income is not None and income not in {s["name"] for s in before["streams"].values()}:
            raise UnknownStream(income)
        new = decisions.apply_price_factor(services.plan_of(scenario), cleaned["factor"], income)
        for stream, planned in zip(scenario.incomes.all(), new.incomes, strict=True):
            if (stream.amount, stream.rate) != (planned.amount, planned.rate):
                stream.amount, stream.rate = planned.amount, planned.rate
                _save_next_version(stream, "amount", "rate")
    elif what == "sick_pay":
        scenario.sick_pay = cleaned["option"] == "with"
        _save_next_version(scenario, "sick_pay")
    elif what == "starting_balance":
        scenario.starting_balance = cleaned["value"]
        _save_next_version(scenario, "starting_balance")
    else:
        scenario.living_monthly = cleaned["value"]
        _save_next_version(scenario, "living_monthly")
    return changes(before, snapshot(scenario.pk))


def _save_next_version(row, *fields: str) -> None:
    """Save these fields and raise the row's version (open forms of it become stale)."""
    row.version = F("version") + 1
    row.save(update_fields=[*fields, "version", "updated_at"])
    row.refresh_from_db(fields=["version"])


def _field_name(row: str, field: str, stream_name: str) -> str:
    """A changed field in the user's words: the scenario field's label, or the stream's price."""
    if row == "scenario":
        return str(Scenario._meta.get_field(field).verbose_name)
    return gettext("Price of “%(name)s”") % {"name": stream_name}


def restore(scenario: Scenario, changed: list[list]) -> list[str]:
    """Put back what `use` or a saved what-if changed (inside the caller's transaction), only
    if every one of those fields still holds the value it wrote. Otherwise nothing is written
    and the answer names the fields changed since (an edit in this or another tab survives)."""
    versions.locked_scenario(scenario.pk)  # 404 when it was deleted meanwhile
    now = snapshot(scenario.pk, lock=True)
    moved = []
    for row, field, _old, new, name in changed:
        held = now["scenario"] if row == "scenario" else now["streams"].get(row)
        if held is None or held[field] != new:  # edited since, or the stream deleted since
            moved.append(_field_name(row, field, name))
    if moved:
        return list(dict.fromkeys(moved))
    restored: dict[str, dict[str, Decimal | None]] = {}
    for row, field, old, _new, _name in changed:
        restored.setdefault(row, {})[field] = _stored(field, old)
    for row, values in restored.items():
        target = scenario if row == "scenario" else IncomeStream.objects.get(pk=int(row))
        for field, value in values.items():
            setattr(target, field, value)
        _save_next_version(target, *values)
    return []


def _stored(field: str, text: str | None) -> Decimal | bool | None:
    """A remembered value (a string in the session) as the field stores it."""
    if field == "sick_pay":
        return text == "True"
    return None if text is None else Decimal(text)


def remember(session, scenario: Scenario, changed: list[list], what: str) -> None:
    """Offer the undo of these changes (none: nothing to undo, the offer before stays)."""
    if not changed:
        return
    undo = session.get(_UNDO, {})
    undo[str(scenario.pk)] = {"what": what, "changes": changed}
    session[_UNDO] = undo


def recalled(session, scenario: Scenario) -> dict | None:
    found = session.get(_UNDO, {}).get(str(scenario.pk))
    return found if found and "changes" in found else None  # older sessions kept a snapshot


def forget(session, scenario: Scenario) -> None:
    undo = session.get(_UNDO, {})
    undo.pop(str(scenario.pk), None)
    session[_UNDO] = undo
