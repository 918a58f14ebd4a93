"""The payment calendar names trade tax on its own lines, paid to the town (DESIGN.md v3)."""

import pytest

from ecareer.planning import convert
from tests.html import parse
from tests.planning.test_v2_web import writer_plan

pytestmark = pytest.mark.django_db


def test_trade_tax_has_its_own_lines_on_the_towns_dates(owner_client, owner):
    # DESIGN.md's worked v3 example 5: GewSt_2026 = 4,970.00; the town's notice in 2027-10:
    # settlement 4,970.00 and a catch-up for Feb, May and Aug of 3 x 1,242.50 = 3,727.50, then
    # 1,242.50 in November; the tax office gets I_2026 = 4,656.00 in September.
    scenario = convert.create_scenario(owner, writer_plan(trade=True))
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    calendar = parse(html).find(id="payments")
    rows = [
        [cell.text for cell in row.find_all("th") + row.find_all("td")]
        for row in calendar.find("tbody").find_all("tr")
    ]
    assert ["Sept 2027", "income tax 2026: settlement", "€4,656.00"] in rows
    assert ["Oct 2027", "trade tax 2026: settlement", "€4,970.00"] in rows
    assert [
        "Oct 2027",
        "trade tax prepayments 2027: catch-up for February, May and August",
        "€3,727.50",
    ] in rows
    assert ["Nov 2027", "trade tax prepayment 2027", "€1,242.50"] in rows


def test_trade_tax_lines_in_german(owner_client, owner):
    owner.profile.language = "de"
    owner.profile.save()
    scenario = convert.create_scenario(owner, writer_plan(trade=True))
    calendar = parse(owner_client.get(f"/scenarios/{scenario.pk}/").text).find(id="payments").text
    assert "Gewerbesteuer 2026: Abschlusszahlung" in calendar
    assert "Gewerbesteuer-Vorauszahlungen 2027: Nachzahlung für Februar, Mai und August" in calendar
    assert "Gewerbesteuer-Vorauszahlung 2027" in calendar
