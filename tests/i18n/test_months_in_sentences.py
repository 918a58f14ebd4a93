"""Issue 25: inside a sentence a month is written out ("in September 2028"); tables, axes and
figures keep the short form ("Sept. 2028")."""

import re

import pytest
from babel.dates import get_month_names

from ecareer.planning.convert import create_scenario
from ecareer.starters import load_starter
from tests.html import parse

pytestmark = pytest.mark.django_db

SHORT = {
    language: re.compile(
        r"\b(?:"
        + "|".join(
            re.escape(name)
            for number, name in get_month_names("abbreviated", locale=language).items()
            if name != get_month_names("wide", locale=language)[number]
        )
        + r") [0-9]{4}\b"
    )
    for language in ("en", "de")
}
LONG = {
    language: re.compile(
        r"\b(?:" + "|".join(get_month_names("wide", locale=language).values()) + r") [0-9]{4}\b"
    )
    for language in ("en", "de")
}


def sentences(html: str) -> list[str]:
    """The texts of paragraphs that read as sentences (end with a full stop)."""
    found = []
    for node in parse(html).iter():
        if node.tag == "p" and node.text.endswith(".") and len(node.text.split()) >= 4:
            found.append(node.text)
    return found


@pytest.mark.parametrize("language", ["en", "de"])
def test_no_abbreviated_month_inside_a_sentence(owner_client, owner, language):
    owner.profile.language = language
    owner.profile.save()
    scenario = create_scenario(owner, load_starter("online_shop", language, "de"))
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    html += owner_client.get(f"/scenarios/{scenario.pk}/dashboard/").text
    said = sentences(html)
    with_months = [s for s in said if LONG[language].search(s)]
    assert len(with_months) >= 5, said  # break-even, living, lowest, final, payments ...
    assert [s for s in said if SHORT[language].search(s)] == []
    # Compact places keep the short form: the KPI figures and the tables.
    assert SHORT[language].search(html)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_month_filter_for_sentences(language):
    from django.utils import translation

    from ecareer.planning.templatetags.ecareer_format import month, month_long

    with translation.override(language):
        assert month_long("2027-09") == "September 2027"
        assert month("2027-09") == {"en": "Sept 2027", "de": "Sept. 2027"}[language]
        assert month_long(None) == ""
