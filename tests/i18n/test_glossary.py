"""Issue 25: one German word per thing. The README's glossary is checked against the catalogue."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.planning.factories import make_scenario

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def glossary() -> list[tuple[list[str], list[str], list[str]]]:
    """The rows of the README's glossary: English terms, German forms, German words never used."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Glossary", 1)[1].split("\n\n", 2)[1]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(tuple([part.strip() for part in c.split(",") if part.strip()] for c in cells))
    return rows


def catalogue() -> list[tuple[str, str]]:
    with (ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po").open("rb") as file:
        messages = [m for m in read_po(file, locale="de") if m.id]
    pairs = []
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs.append((PLACEHOLDER.sub("", " ".join(ids)), " ".join(strings)))
    return pairs


def test_the_glossary_is_in_the_readme():
    rows = glossary()
    assert len(rows) >= 15
    english = {term for terms, _, _ in rows for term in terms}
    assert {"simulated futures", "reserve", "VAT", "starting balance"} <= english


def test_each_english_term_is_said_with_the_glossarys_german_word():
    messages = catalogue()
    wrong = []
    for terms, german, _ in glossary():
        for term in terms:
            pattern = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
            for english, translated in messages:
                if pattern.search(english) and not any(
                    form.lower() in translated.lower() for form in german
                ):
                    wrong.append((term, english, translated))
    assert wrong == []


def test_no_german_text_uses_a_word_the_glossary_rules_out():
    messages = catalogue()
    wrong = [
        (word, translated)
        for _, _, never in glossary()
        for word in never
        for _, translated in messages
        if re.search(rf"\b{re.escape(word)}\b", translated)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "name", "other"),
    [
        ("de", "Simulierte Zukünfte", r"\bVerl[aä]uf|\bPfad"),
        ("en", "Simulated futures", r"paths\b"),
    ],
)
def test_simulated_futures_have_one_name_on_the_page(owner_client, owner, language, name, other):
    owner.profile.language = language
    owner.profile.save()
    scenario = make_scenario(owner, sick_days_per_year=10)
    pages = owner_client.get(f"/scenarios/{scenario.pk}/").text
    pages += owner_client.get(f"/scenarios/{scenario.pk}/risks/").text
    assert name in pages
    assert not re.search(other, re.sub(r"<[^>]+>", " ", pages), re.IGNORECASE)
