"""Issue 25: the landing page names what ecareer does that others do not."""

import pytest

from tests.html import parse

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}


@pytest.mark.parametrize(
    ("browser", "heading", "named"),
    [
        (
            ENGLISH,
            "What ecareer does that a spreadsheet does not",
            [
                "German taxes and insurance",
                "VAT and the small-business rule",
                "Payment dates",
                "What must I charge?",
                "health and care insurance",
                "back-payment",
            ],
        ),
        (
            GERMAN,
            "Was ecareer kann und eine Tabellenkalkulation nicht",
            [
                "Deutsche Steuern und Versicherungen",
                "Umsatzsteuer und Kleinunternehmerregelung",
                "Zahlungstermine",
                "Was muss ich verlangen?",
                "Pflegeversicherung",
                "Nachzahlung",
            ],
        ),
    ],
)
def test_the_landing_page_names_what_ecareer_does_that_others_do_not(
    client, db, browser, heading, named
):
    page = parse(client.get("/", **browser).text)
    section = page.find("section", class_="unlike-others")
    assert section is not None
    assert section.find("h2").text == heading
    items = [item.text for item in section.find_all("li")]
    assert len(items) == 5
    for words in named:
        assert any(words in item for item in items), words
