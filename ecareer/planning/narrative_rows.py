"""A KPI card's rows of futures: their labels, a month or "never", and the two milestone cards.

The milestone cards ("Set-up costs earned back", "The business pays your living") show the
plan's month beside the month by which half (likely) and 90 % (bad case) of the simulated paths
got there (`projection.milestones`), and lose their green when the likely or bad case undoes it.
`narrative_futures` builds the other cards with the same labels.
"""

from django.utils.translation import gettext as _

from ecareer.planning.narrative import never
from ecareer.planning.templatetags.ecareer_format import month
from ecareer.projection.futures import Future


def plan_label() -> str:
    return _("If nothing goes wrong")


def likely_label() -> str:
    return _("Likely")


def bad_label() -> str:
    return _("Bad case (1 in 10)")


def row(label: str, value: str) -> dict:
    return {"label": label, "value": value}


def when(value) -> str:
    """A month, or for no month "never within the horizon" (as on the KPI cards)."""
    return month(value) if value else never()


def milestone_futures(by_key: dict[str, dict], futures: dict[str, Future]) -> None:
    """Earned back, pays your living: likely and bad case; no green that either undoes."""
    missed = {
        "break_even": (
            _("In the likely future the set-up costs are not earned back within the plan."),
            _("In 1 of 10 futures the set-up costs are not earned back within the plan."),
        ),
        "self_sufficient": (
            _("In the likely future the business does not pay your living within the plan."),
            _("In 1 of 10 futures the business does not pay your living within the plan."),
        ),
    }
    for key, (not_likely, not_bad) in missed.items():
        future, card = futures[key], by_key[key]
        card["futures"] = [
            row(plan_label(), card["value"]),
            row(likely_label(), when(future.likely)),
            row(bad_label(), when(future.bad)),
        ]
        if future.plan and not (future.likely and future.bad):  # the plan's green is undone
            card["tone"] = "" if future.likely else "bad"
            card["sentence"] += " " + (not_bad if future.likely else not_likely)
