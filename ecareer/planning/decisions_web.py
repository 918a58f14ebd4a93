"""The "What you need" panel: its form, the answers (cached by content) and "use this" / undo.

The answers come from `ecareer.projection.decisions` (each already checked by running the model
again); "use this" and its undo are in `use_and_undo`.
"""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django import forms
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy

from ecareer.charts.locale import ChartLocale
from ecareer.charts.tornado import tornado_figure
from ecareer.planning import narrative, services
from ecareer.planning import narrative_matters as words
from ecareer.planning.fields import AsksBackForm, PlainDecimalField
from ecareer.projection import decisions
from ecareer.projection import model as plan
from ecareer.projection.risk import simulate
from ecareer.projection.sensitivity import Sensitivity, sensitivity

RISK_PCT_DEFAULT = Decimal(5)


class DecisionsForm(AsksBackForm, forms.Form):
    """The chance of running out to aim for, and the income stream whose price to find."""

    risk_pct = PlainDecimalField(
        label=gettext_lazy("Chance of running out at most (%)"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
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


class TypedRiskForm(AsksBackForm, RequiredPriceForm):
    """Compare's panel field as people type it ("2,5" in German); the cells' links stay "2.5"."""

    risk_pct = PlainDecimalField(
        label=gettext_lazy("Chance of running out at most (%)"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("50"),
        decimal_places=1,
    )


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


def offers_sick_pay(data: plan.Scenario) -> bool:
    """The statutory sick-pay option exists: regime de, statutory or KSK health insurance."""
    return data.tax.regime == plan.TaxRegime.DE and (
        data.tax.health_insurance in decisions.SICK_PAY_HEALTH
    )


def sick_pay_of(data: plan.Scenario) -> dict:
    """The sick-pay decision (two simulations), cached by the scenario's content. Raises
    TooLarge like projection_of, SickPayNotOffered outside regime de with statutory or KSK."""
    key = services.content_key(data, "sick-pay")
    found = cache.get(key)
    if found is None:
        services.projection_of(data)  # TooLarge before anything is simulated
        found = decisions.sick_pay_choice(data)
        cache.set(key, found, services.CACHE_SECONDS)
    return found


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


def what_matters_context(data: plan.Scenario, result: Sensitivity) -> dict:
    """The two tornado charts, their summary and their data table of `sensitivity_of(data)`."""
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
