"""Starter scenarios shipped with ecareer: scenario files a new plan can begin from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ecareer.projection import scenario_file
from ecareer.projection.model import Scenario


@dataclass(frozen=True, slots=True)
class Starter:
    """One starter: its slug (the file name without .json), a title and one plain sentence."""

    slug: str
    title: str
    description: str


STARTERS: tuple[Starter, ...] = (
    Starter(
        slug="online_shop",
        title="Online shop from home",
        description="Buy goods, sell them in your own web shop and ship them from a spare room.",
    ),
    Starter(
        slug="call_center",
        title="Remote call-center seat",
        description="Take calls for a call center from your home office, paid by the hour.",
    ),
    Starter(
        slug="freelance_writer",
        title="Freelance writer",
        description="Write articles for magazines and clients, paid per article plus a retainer.",
    ),
)
_SLUGS = frozenset(starter.slug for starter in STARTERS)


@cache
def starter_text(slug: str) -> str:
    """The scenario file of a starter, as shipped; KeyError for an unknown slug."""
    if slug not in _SLUGS:
        raise KeyError(f"no starter called {slug!r}")
    return resources.files(__name__).joinpath(f"{slug}.json").read_text(encoding="utf-8")


def load_starter(slug: str) -> Scenario:
    """The Scenario of a starter, validated like any imported file; KeyError for an unknown slug."""
    return scenario_file.loads(starter_text(slug))
