"""The cost table shows one-off costs with their sums (per category and in all) beside the
monthly equivalents, in English and German; an edit updates both sums in place."""

from decimal import Decimal

import pytest

from tests.html import parse
from tests.planning.factories import COST, make_cost, make_scenario

pytestmark = pytest.mark.django_db

# Worked by hand (business shares):
#   Equipment: desk 1,600.00 once at 100 % = 1,600.00; chair 250.01 once at 50 % = 125.005
#              -> 125.01 (half-up); a month 0.00 + 0.00 = 0.00
#   Software:  licence 300.00 once at 33 % = 99.00; a month 0.00
#   Internet:  45.00 monthly at 50 % = 22.50 a month; no one-off
# Sums: Equipment 1,725.01 once / 0.00 a month, Software 99.00 / 0.00, Internet 0.00 / 22.50;
# in all 1,824.01 once and 22.50 a month.
EXPECTED = {
    "en": {
        "costs-once-subtotal-equipment": "€1,725.01",
        "costs-subtotal-equipment": "€0.00",
        "costs-once-subtotal-software": "€99.00",
        "costs-subtotal-software": "€0.00",
        "costs-once-subtotal-internet_phone": "€0.00",
        "costs-subtotal-internet_phone": "€22.50",
        "costs-once-total": "€1,824.01",
        "costs-total": "€22.50",
    },
    "de": {
        "costs-once-subtotal-equipment": "1.725,01\u00a0€",
        "costs-subtotal-equipment": "0,00\u00a0€",
        "costs-once-subtotal-software": "99,00\u00a0€",
        "costs-subtotal-software": "0,00\u00a0€",
        "costs-once-subtotal-internet_phone": "0,00\u00a0€",
        "costs-subtotal-internet_phone": "22,50\u00a0€",
        "costs-once-total": "1.824,01\u00a0€",
        "costs-total": "22,50\u00a0€",
    },
}
ROWS = {
    "en": {
        "desk": ("€1,600.00", "€0.00"),
        "chair": ("€125.01", "€0.00"),
        "licence": ("€99.00", "€0.00"),
        "internet": ("—", "€22.50"),
    },
    "de": {
        "desk": ("1.600,00\u00a0€", "0,00\u00a0€"),
        "chair": ("125,01\u00a0€", "0,00\u00a0€"),
        "licence": ("99,00\u00a0€", "0,00\u00a0€"),
        "internet": ("—", "22,50\u00a0€"),
    },
}
HEADINGS = {"en": ("One-off", "Per month"), "de": ("Einmalig", "Pro Monat")}


@pytest.fixture
def shop(owner):
    scenario = make_scenario(owner)
    full = {"share_pct": Decimal(100)}
    items = {
        "desk": make_cost(
            scenario, "Desk", category="equipment", amount=1600, frequency="once", **full
        ),
        "internet": make_cost(scenario, "Internet", amount=Decimal("45.00")),  # 50 %
        "licence": make_cost(
            scenario, "Licence", category="software", amount=300, frequency="once", share_pct=33
        ),
        "chair": make_cost(
            scenario, "Chair", category="equipment", amount=Decimal("250.01"), frequency="once"
        ),  # 50 %
    }
    return scenario, items


@pytest.mark.parametrize("language", ["en", "de"])
def test_groups_and_total_show_one_off_sums_beside_the_monthly(owner_client, owner, shop, language):
    owner.profile.language = language
    owner.profile.save()
    scenario, items = shop
    doc = parse(owner_client.get(f"/scenarios/{scenario.pk}/").text)
    table = doc.by_id("costs")
    for element_id, text in EXPECTED[language].items():
        assert doc.by_id(element_id).text == text, element_id
    # The one-off column comes right before the monthly one, under its own heading.
    headings = [th.text for th in table.find("thead").find_all("th")]
    assert tuple(headings[7:9]) == HEADINGS[language]
    group = doc.by_id("costs-once-subtotal-equipment").parent
    cells = [cell.attrs.get("id") for cell in group.find_all("td")]
    assert cells[:2] == ["costs-once-subtotal-equipment", "costs-subtotal-equipment"]
    # Each row: its own one-off amount (or a dash for a recurring cost) beside its month.
    for key, (once, monthly) in ROWS[language].items():
        row = doc.by_id(f"costs-{items[key].pk}").find_all("td")
        assert (row[-3].text, row[-2].text) == (once, monthly), key
    # On a narrow screen each cell carries its own label.
    assert doc.by_id("costs-once-total").attrs["data-label"] == HEADINGS[language][0]
    assert doc.by_id("costs-total").attrs["data-label"] == HEADINGS[language][1]


def test_an_edit_updates_both_sums_out_of_band(owner_client, shop, hx):
    scenario, items = shop
    # The chair becomes 400.00 once at 100 %: Equipment 1,600.00 + 400.00 = 2,000.00 once;
    # in all 2,000.00 + 99.00 = 2,099.00 once; the monthly sums stay 0.00 and 22.50.
    data = {**COST, "name": "Chair", "category": "equipment", "amount": "400", "frequency": "once"}
    data["share_pct"] = "100"
    url = f"/scenarios/{scenario.pk}/costs/{items['chair'].pk}/edit/"
    response = owner_client.post(url, data, headers=hx)
    assert response.status_code == 200
    doc = parse(response.text)
    sums = {
        "costs-once-subtotal-equipment": "€2,000.00",
        "costs-subtotal-equipment": "€0.00",
        "costs-once-total": "€2,099.00",
        "costs-total": "€22.50",
    }
    for element_id, text in sums.items():
        cell = doc.by_id(element_id)
        assert (cell.text, cell.attrs["hx-swap-oob"]) == (text, "true"), element_id
    row = doc.by_id(f"costs-{items['chair'].pk}").find_all("td")
    assert (row[-3].text, row[-2].text) == ("€400.00", "€0.00")


def test_the_help_text_says_what_one_off_means(owner_client, shop):
    scenario, _ = shop
    text = owner_client.get(f"/scenarios/{scenario.pk}/").text
    assert "One-off: the business share of a cost paid once, in its start month." in text
