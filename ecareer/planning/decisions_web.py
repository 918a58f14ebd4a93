"""The "What you need" panel: its form, the answers (cached by content) and "use this" / undo.

The answers come from `ecareer.projection.decisions` (each already checked by running the model
again); "use this" writes one into the scenario through the usual save path, and keeps what it
changed (each field's old and new value) in the session, so that one click restores those
fields while they still hold the new values.
"""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django import forms
from django.core.cache import cache
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from ecareer.charts.locale import ChartLocale
from ecareer.charts.tornado import tornado_figure
from ecareer.planning import narrative, services, versions
from ecareer.planning import narrative_decisions as words
from ecareer.planning.models import IncomeStream, Scenario
from ecareer.projection import decisions, limits
from ecareer.projection import model as plan
from ecareer.projection.risk import simulate
from ecareer.projection.sensitivity import Sensitivity, sensitivity

RISK_PCT_DEFAULT = Decimal(5)
_UNDO = "ecareer-decision-undo"  # session key: {scenario pk: what "use this" replaced}


class DecisionsForm(forms.Form):
    """The chance of running out to aim for, and the income stream whose price to find."""

    risk_pct = forms.DecimalField(
        label=gettext_lazy("Chance of running out at most (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("50"),
        decimal_places=1,
        initial=RISK_PCT_DEFAULT,
    )
    income = forms.ChoiceField(label=gettext_lazy("Price of"), required=False)

    def __init__(self, *args, streams: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["income"].choices = [
            ("", gettext_lazy("all income streams together")),
            *((name, name) for name in streams),
        ]


class RequiredPriceForm(forms.Form):
    """Compare's price cell: the plan's target or a chance of running out (the panel's field)."""

    target = forms.ChoiceField(
        label=gettext_lazy("Target"), choices=[("plan", "plan"), ("risk", "risk")], required=False
    )
    risk_pct = forms.DecimalField(
        label=gettext_lazy("Chance of running out at most (%)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("50"),
        decimal_places=1,
    )

    def risk(self) -> Decimal | None:
        """The chance to aim for: None for the plan's target (the default), else p (default 5)."""
        if self.cleaned_data.get("target") != "risk":
            return None
        found = self.cleaned_data.get("risk_pct")
        return RISK_PCT_DEFAULT if found is None else found


def decisions_form(data: plan.Scenario, query=None) -> DecisionsForm:
    streams = list(dict.fromkeys(stream.name for stream in data.incomes))
    return DecisionsForm(query or None, streams=streams)


@dataclass(frozen=True)
class Answers:
    """The panel's answers for one chance `risk_pct` and one stream (None: all)."""

    risk_pct: Decimal
    income: str | None
    price_plan: decisions.Decision | None
    price_risk: decisions.Decision | None
    starting_balance: decisions.Decision
    living_costs: decisions.Decision


def required_price_of(
    data: plan.Scenario, income: str | None = None, risk_pct: Decimal | None = None
) -> decisions.Decision:
    """One required price (up to about a second), cached by the scenario's content and the
    question: the panel and compare's price cells share it. Raises TooLarge like projection_of."""
    key = services.content_key(data, f"price:{risk_pct}:{income!r}")
    found = cache.get(key)
    if found is None:
        services.projection_of(data)  # TooLarge before the search projects anything
        found = decisions.required_price(data, income, risk_pct)
        cache.set(key, found, services.CACHE_SECONDS)
    return found


def answers(data: plan.Scenario, risk_pct: Decimal, income: str | None) -> Answers:
    """All answers of the panel, cached by the scenario's content and the question."""
    key = services.content_key(data, f"decisions:{risk_pct}:{income!r}")
    found = cache.get(key)
    if found is None:
        paths = simulate(data, services.projection_of(data), keep_paths=True)
        price = data.incomes and income in (None, *(s.name for s in data.incomes))
        found = Answers(
            risk_pct,
            income,
            required_price_of(data, income) if price else None,
            required_price_of(data, income, risk_pct) if price else None,
            decisions.required_starting_balance(data, risk_pct, paths),
            decisions.affordable_living_costs(data, risk_pct, paths),
        )
        cache.set(key, found, services.CACHE_SECONDS)
    return found


def closed_form_answers(data: plan.Scenario, risk_pct: Decimal = RISK_PCT_DEFAULT) -> dict:
    """The quick answers (closed forms, one simulation): starting balance and living costs."""
    key = services.content_key(data, f"decisions-closed:{risk_pct}")
    found = cache.get(key)
    if found is None:
        paths = simulate(data, services.projection_of(data), keep_paths=True)
        found = {
            "starting_balance": decisions.required_starting_balance(data, risk_pct, paths),
            "living_costs": decisions.affordable_living_costs(data, risk_pct, paths),
        }
        cache.set(key, found, services.CACHE_SECONDS)
    return found


UNKNOWN_STREAM = gettext_lazy(
    "This scenario has no income stream “%(name)s” (renamed or deleted meanwhile). Nothing was "
    "saved."
)


class UseForm(forms.Form):
    """One answer to write into the scenario: a price factor, or an amount."""

    what = forms.ChoiceField(choices=[(w, w) for w in decisions.WHATS])
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
        if what == "living_costs" and (cleaned.get("value") or 0) < 0:
            self.add_error("value", gettext_lazy("Living costs cannot be negative."))
        return cleaned


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# What "use this" or a saved what-if may change: these fields of the scenario and of its streams.
SCENARIO_FIELDS = ("starting_balance", "living_monthly", "sick_days_per_year", "drought_chance_pct")
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
        restored.setdefault(row, {})[field] = None if old is None else Decimal(old)
    for row, values in restored.items():
        target = scenario if row == "scenario" else IncomeStream.objects.get(pk=int(row))
        for field, value in values.items():
            setattr(target, field, value)
        _save_next_version(target, *values)
    return []


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


def sensitivity_of(data: plan.Scenario) -> Sensitivity:
    """What matters most (up to about a second), cached by the scenario's content."""
    key = services.content_key(data, "sensitivity")
    found = cache.get(key)
    if found is None:
        services.projection_of(data)  # TooLarge before any variant is projected
        with np.errstate(over="ignore", invalid="ignore"):  # a variant at the edge of float64
            found = sensitivity(data)
        cache.set(key, found, services.CACHE_SECONDS)
    return found


def what_matters_context(data: plan.Scenario) -> dict:
    """The two tornado charts, their summary and their data table."""
    result = sensitivity_of(data)
    categories = narrative.category_names()
    labels = [words.sensitivity_label(row, categories) for row in result.rows]
    by_chance = result.by_depletion()
    chance_labels = [words.sensitivity_label(row, categories) for row in by_chance]
    locale = ChartLocale(translation.get_language() or "en", data.currency)
    text = words.tornado_words()
    return {
        "matters_summary": words.sensitivity_summary(result, categories, data.currency),
        "matters_rows": words.sensitivity_rows(result, categories, data.currency),
        "matters_balance": tornado_figure(result.rows, labels, locale, "balance", text),
        "matters_depletion": tornado_figure(by_chance, chance_labels, locale, "depletion", text),
        "matters_paths": result.paths,
    }
