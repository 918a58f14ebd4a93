"""Starter scenarios shipped with ecareer: scenario files a new plan can begin from.

The files are written in English; `NAMES_DE` gives the German scenario names, notes and item
names, applied by `load_starter(slug, "de")` when a German-speaking user starts from a template.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.utils.translation import gettext_lazy as _

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
        title=_("Online shop from home"),
        description=_("Buy goods, sell them in your own web shop and ship them from a spare room."),
    ),
    Starter(
        slug="call_center",
        title=_("Remote call-center seat"),
        description=_("Take calls for a call center from your home office, paid by the hour."),
    ),
    Starter(
        slug="freelance_writer",
        title=_("Freelance writer"),
        description=_(
            "Write articles for magazines and clients, paid per article plus a retainer."
        ),
    ),
)
_SLUGS = frozenset(starter.slug for starter in STARTERS)

# German names of everything the starter files name: scenario names, notes and item names.
NAMES_DE: dict[str, str] = {
    # online_shop
    "Online shop from home": "Onlineshop von zu Hause",
    "Sells and ships goods from a spare room; example figures for Germany, replace them with "
    "your own.": "Verkauft und versendet Waren aus einem freien Zimmer; Beispielzahlen für "
    "Deutschland, ersetzen Sie sie durch Ihre eigenen.",
    "Desk, shelves and computer": "Schreibtisch, Regale und Computer",
    "Goods purchase": "Wareneinkauf",
    "Shipping materials": "Versandmaterial",
    "Shop software": "Shop-Software",
    "Website domain and hosting": "Website-Domain und Hosting",
    "Online advertising": "Online-Werbung",
    "Shop sales": "Shop-Umsatz",
    # call_center
    "Remote call-center seat": "Callcenter-Arbeitsplatz zu Hause",
    "Paid by the hour for calls taken from home; example figures for Germany, replace them "
    "with your own.": "Stundenweise bezahlt für Anrufe, die Sie von zu Hause annehmen; "
    "Beispielzahlen für Deutschland, ersetzen Sie sie durch Ihre eigenen.",
    "Computer": "Computer",
    "Headset": "Headset",
    "Desk and chair": "Schreibtisch und Stuhl",
    "Agent training": "Schulung als Callcenter-Agent",
    "Refresher course": "Auffrischungskurs",
    "Call-center hours": "Callcenter-Stunden",
    # freelance_writer
    "Freelance writer": "Freie Autorin / freier Autor",
    "Paid per article, plus a small monthly retainer; example figures for Germany, replace "
    "them with your own.": "Bezahlt pro Artikel, dazu eine kleine monatliche Pauschale; "
    "Beispielzahlen für Deutschland, ersetzen Sie sie durch Ihre eigenen.",
    "Laptop and desk": "Laptop und Schreibtisch",
    "Trade journals": "Fachzeitschriften",
    "Book fair visit": "Besuch der Buchmesse",
    "Advertising": "Werbung",
    "Website and hosting": "Website und Hosting",
    "Writing software subscription": "Abo für Schreibsoftware",
    "Articles": "Artikel",
    "Newsletter retainer": "Newsletter-Pauschale",
    # shared by several starters
    "Room share of the rent": "Mietanteil für das Arbeitszimmer",
    "Electricity share": "Stromanteil",
    "Internet and phone share": "Anteil Internet und Telefon",
    "Business liability insurance": "Betriebshaftpflichtversicherung",
}
NAMES = {"de": NAMES_DE}


@cache
def starter_text(slug: str) -> str:
    """The scenario file of a starter, as shipped; KeyError for an unknown slug."""
    if slug not in _SLUGS:
        raise KeyError(f"no starter called {slug!r}")
    return resources.files(__name__).joinpath(f"{slug}.json").read_text(encoding="utf-8")


def load_starter(slug: str, language: str = "en") -> Scenario:
    """The Scenario of a starter, validated like any imported file, with its names in `language`.

    KeyError for an unknown slug; languages without a name table keep the file's English names.
    """
    scenario = scenario_file.loads(starter_text(slug))
    names = NAMES.get((language or "en").split("-")[0])
    if not names:
        return scenario

    def named(text: str) -> str:
        return names.get(text, text)

    return dataclasses.replace(
        scenario,
        name=named(scenario.name),
        notes=named(scenario.notes),
        costs=tuple(dataclasses.replace(c, name=named(c.name)) for c in scenario.costs),
        incomes=tuple(dataclasses.replace(i, name=named(i.name)) for i in scenario.incomes),
    )
