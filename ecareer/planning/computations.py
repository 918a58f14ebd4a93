"""The planning computations that run on the task queue (see ecareer/jobs/computations.py).

Each is asked for by the content of the plan and the question, so the dashboard's panel,
compare's cells and a second tab share one computation and its answer.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy

from ecareer.jobs import computations
from ecareer.planning import decisions_web, services
from ecareer.projection import decisions as answers
from ecareer.projection import model as plan

TOO_LARGE = {services.TooLarge: services.TOO_LARGE}


def _rate(name: str):
    return lambda: getattr(settings, name)


@computations.register(
    "what-matters", rate=_rate("WHAT_MATTERS_RATE_LIMIT"), known_errors=TOO_LARGE
)
def what_matters(data: plan.Scenario) -> decisions_web.Sensitivity:
    """What matters most: every input moved down and up (up to half a minute)."""
    return decisions_web.sensitivity_of(data)


@computations.register("decisions", rate=_rate("DECISIONS_RATE_LIMIT"), known_errors=TOO_LARGE)
def decisions(data: plan.Scenario, risk_pct: Decimal, income: str | None):
    """The panel "What you need" at a chance of running out."""
    return decisions_web.answers(data, risk_pct, income)


@computations.register("required-price", rate=_rate("PRICE_RATE_LIMIT"), known_errors=TOO_LARGE)
def required_price(data: plan.Scenario, income: str | None, risk_pct: Decimal | None):
    """One required price (compare's cell, the panel's first answers)."""
    return decisions_web.required_price_of(data, income, risk_pct)


NOT_OFFERED = gettext_lazy(
    "The sick-pay option exists only with German taxes and statutory or artists' (KSK) health "
    "insurance."
)


@computations.register(
    "sick-pay",
    rate=_rate("DECISIONS_RATE_LIMIT"),
    known_errors={**TOO_LARGE, answers.SickPayNotOffered: NOT_OFFERED},
)
def sick_pay(data: plan.Scenario) -> dict:
    """Sick pay: worth it? The plan simulated with and without the option (two simulations)."""
    return decisions_web.sick_pay_of(data)


def ask(request, name: str, data: plan.Scenario, *question, owner) -> computations.Outcome:
    """Ask for the computation `name` of the plan `data` and `question`; a plan too large to
    project is told at once (its projection, the dashboard's, is quick and cached)."""
    try:
        services.projection_of(data)
    except services.TooLarge:
        return computations.Outcome(error=str(services.TOO_LARGE))
    key = services.content_key(data, f"job:{name}:{question!r}")
    return computations.ask(request, name, key, data, *question, owner=owner)
