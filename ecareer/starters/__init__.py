"""Starter scenarios shipped with ecareer: scenario files a new plan can begin from.

The files are written in English with Germany's taxes (regime de); `NAMES_DE` gives the German
scenario names, notes and item names, applied by `load_starter(slug, "de")` when a
German-speaking user starts from a template. The tax regime follows where the founder pays
taxes (the profile's `tax_country`), not the language: elsewhere, the same items under one flat
tax rate (`tax_rate_pct`), the regime for any country, with the de settings stored, and the
note of `FLAT_NOTES`, so a note never promises German taxes the plan does not count.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.utils.translation import gettext_lazy as _

from ecareer.projection import scenario_file
from ecareer.projection.model import Scenario, TaxRegime
from ecareer.starters.people import (
    PEOPLE_FLAT_NOTES,
    PEOPLE_FLAT_NOTES_DE,
    PEOPLE_NAMES_DE,
)


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
# The seed's people (issue 23): who starts beside a job, beside a spouse, for one client, in
# the artists' social insurance or out of work with the start grant. Each note states what it
# assumes of the situation; they count Germany's taxes where the founder pays taxes there.
PEOPLE: tuple[Starter, ...] = (
    Starter(
        slug="commuter_shop",
        title=_("Shop beside a 20-hour job"),
        description=_(
            "Keep your part-time job and its insurance, and sell goods online beside it."
        ),
    ),
    Starter(
        slug="spouse_online",
        title=_("Selling a little online, insured through the spouse"),
        description=_(
            "At home with the children, married, selling handmade goods while the family "
            "insurance lasts."
        ),
    ),
    Starter(
        slug="call_center_one_client",
        title=_("Call-center seat for one client"),
        description=_(
            "Take calls for one call center only, with the founder's half of the statutory pension."
        ),
    ),
    Starter(
        slug="ksk_writer",
        title=_("Writer in the artists' social insurance (KSK)"),
        description=_("Write for magazines and publishers, insured through the KSK."),
    ),
    Starter(
        slug="start_grant_founder",
        title=_("Out of work, starting with the start grant"),
        description=_("Start a bookkeeping service from home with the start grant."),
    ),
)
_SLUGS = frozenset(starter.slug for starter in (*STARTERS, *PEOPLE))
_PEOPLE = frozenset(starter.slug for starter in PEOPLE)

# German names of everything the starter files name: scenario names, notes and item names.
NAMES_DE: dict[str, str] = {
    # online_shop
    "Online shop from home": "Onlineshop von zu Hause",
    "Sells and ships goods from a spare room. The figures assume: goods cost 40 % and payment "
    "fees 3 % of sales; with German taxes, a trade (Gewerbe) in a town with a 400 % trade-tax "
    "multiplier, statutory health insurance with sick pay, prices that include 19 % VAT for "
    "consumers, and the small-business status at first. Replace them with your own.": "Verkauft "
    "und versendet Waren aus einem freien Zimmer. Die Zahlen nehmen an: Die Ware kostet 40 % und "
    "die Zahlungsgebühren 3 % des Umsatzes; ein Gewerbe in einer Gemeinde mit 400 % Hebesatz, "
    "gesetzlich krankenversichert mit Krankengeld, Preise mit 19 % Umsatzsteuer für Verbraucher "
    "und zunächst Kleinunternehmer. Ersetzen Sie sie durch Ihre eigenen.",
    "Desk, shelves and computer": "Schreibtisch, Regale und Computer",
    "Goods for resale": "Wareneinkauf",
    "Payment fees": "Zahlungsgebühren",
    "Shipping materials": "Versandmaterial",
    "Shop software": "Shop-Software",
    "Website domain and hosting": "Website-Domain und Hosting",
    "Online advertising": "Online-Werbung",
    "Shop sales": "Shop-Umsatz",
    # call_center
    "Remote call-center seat": "Callcenter-Arbeitsplatz zu Hause",
    "Paid by the hour for calls taken from home. The figures assume 120 hours a month at EUR "
    "18.50; with German taxes, a trade billing one business (no VAT on top while the "
    "small-business status lasts, 19 % after), a 400 % trade-tax multiplier and statutory health "
    "insurance with sick pay. Replace them with your own.": "Stundenweise bezahlt für Anrufe, "
    "die Sie von zu Hause annehmen. Die Zahlen nehmen 120 Stunden im Monat zu 18,50 EUR an; ein "
    "Gewerbe, das einem Unternehmen Rechnungen stellt (als Kleinunternehmer ohne Umsatzsteuer, "
    "danach zuzüglich 19 %), 400 % Hebesatz und gesetzlich krankenversichert mit Krankengeld. "
    "Ersetzen Sie sie durch Ihre eigenen.",
    "Computer": "Computer",
    "Headset": "Headset",
    "Desk and chair": "Schreibtisch und Stuhl",
    "Agent training": "Schulung als Callcenter-Agent",
    "Refresher course": "Auffrischungskurs",
    "Call-center hours": "Callcenter-Stunden",
    # freelance_writer
    "Freelance writer": "Freie Autorin / freier Autor",
    "Paid per article, plus a small monthly retainer. With German taxes, a liberal profession "
    "(no trade tax), 7 % VAT on licences of texts billed to publishers, statutory health "
    "insurance with sick pay, and the small-business status at first. Replace them with your "
    "own.": "Bezahlt pro Artikel, dazu eine kleine monatliche Pauschale. Ein freier Beruf (keine "
    "Gewerbesteuer), 7 % Umsatzsteuer auf Textlizenzen, die Verlagen berechnet werden, "
    "gesetzlich krankenversichert mit Krankengeld und zunächst Kleinunternehmer. Ersetzen Sie "
    "sie durch Ihre eigenen.",
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
# The notes of the starters under one flat rate (the file's `notes` describe Germany's taxes).
FLAT_NOTES: dict[str, str] = {
    "online_shop": "Sells and ships goods from a spare room. The figures assume: goods cost "
    "40 % and payment fees 3 % of sales, and one flat tax rate of 25 % on the profit, for a "
    "country other than Germany (no VAT, no social insurance). Replace them with your own.",
    "call_center": "Paid by the hour for calls taken from home. The figures assume 120 hours a "
    "month at EUR 18.50 and one flat tax rate of 20 % on the profit, for a country other than "
    "Germany (no VAT, no social insurance). Replace them with your own.",
    "freelance_writer": "Paid per article, plus a small monthly retainer. The figures assume one "
    "flat tax rate of 25 % on the profit, for a country other than Germany (no VAT, no social "
    "insurance). Replace them with your own.",
}
NAMES_DE |= {
    FLAT_NOTES["online_shop"]: "Verkauft und versendet Waren aus einem freien Zimmer. Die "
    "Zahlen nehmen an: Die Ware kostet 40 % und die Zahlungsgebühren 3 % des Umsatzes, dazu ein "
    "pauschaler Steuersatz von 25 % auf den Gewinn, für ein anderes Land als Deutschland (ohne "
    "Umsatzsteuer und Sozialversicherung). Ersetzen Sie sie durch Ihre eigenen.",
    FLAT_NOTES["call_center"]: "Stundenweise bezahlt für Anrufe, die Sie von zu Hause annehmen. "
    "Die Zahlen nehmen 120 Stunden im Monat zu 18,50 EUR an und einen pauschalen Steuersatz von "
    "20 % auf den Gewinn, für ein anderes Land als Deutschland (ohne Umsatzsteuer und "
    "Sozialversicherung). Ersetzen Sie sie durch Ihre eigenen.",
    FLAT_NOTES["freelance_writer"]: "Bezahlt pro Artikel, dazu eine kleine monatliche "
    "Pauschale. Die Zahlen nehmen einen pauschalen Steuersatz von 25 % auf den Gewinn an, für ein "
    "anderes Land als Deutschland (ohne Umsatzsteuer und Sozialversicherung). Ersetzen Sie sie "
    "durch Ihre eigenen.",
}
NAMES_DE |= PEOPLE_NAMES_DE
FLAT_NOTES |= PEOPLE_FLAT_NOTES
NAMES_DE |= {FLAT_NOTES[slug]: text for slug, text in PEOPLE_FLAT_NOTES_DE.items()}
NAMES = {"de": NAMES_DE}
GERMANY = "de"  # the profile's tax country that counts Germany's taxes (regime de)


@cache
def starter_text(slug: str) -> str:
    """The scenario file of a starter, as shipped; KeyError for an unknown slug."""
    if slug not in _SLUGS:
        raise KeyError(f"no starter called {slug!r}")
    return resources.files(__name__).joinpath(f"{slug}.json").read_text(encoding="utf-8")


def load_starter(slug: str, language: str = "en", country: str | None = None) -> Scenario:
    """The Scenario of a starter, validated like any imported file, with its names in `language`
    and the taxes of `country` (the profile's tax country; None: Germany for German speakers).

    KeyError for an unknown slug; languages without a name table keep the file's English names.
    """
    scenario = scenario_file.loads(starter_text(slug))
    base = (language or "en").split("-")[0]
    if (country or ("de" if base == "de" else "other")) != GERMANY:
        flat = dataclasses.replace(scenario.tax, regime=TaxRegime.FLAT)
        scenario = dataclasses.replace(scenario, tax=flat, notes=FLAT_NOTES[slug])
        if slug in _PEOPLE:  # the start grant is a German benefit
            scenario = dataclasses.replace(scenario, start_grant=None)
    names = NAMES.get(base)
    if not names:
        return scenario

    def named(text: str) -> str:
        return names.get(text, text)

    return dataclasses.replace(
        scenario,
        name=named(scenario.name),
        notes=named(scenario.notes),
        costs=tuple(
            dataclasses.replace(c, name=named(c.name), income=c.income and named(c.income))
            for c in scenario.costs
        ),
        incomes=tuple(dataclasses.replace(i, name=named(i.name)) for i in scenario.incomes),
        loans=tuple(dataclasses.replace(loan, name=named(loan.name)) for loan in scenario.loans),
    )
