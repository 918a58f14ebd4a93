import pytest
from ecareer.planning.convert import create_scenario
from ecareer.starters import load_starter
from tests.e2e.test_e2e_a11y import open_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_shot(page, live_server, owner):
    s = create_scenario(owner, load_starter("online_shop", "de"))
    open_in(page, live_server, "de", f"/scenarios/{s.pk}/financial-plan/", owner)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/fp_screen.png", full_page=False)
    page.set_viewport_size({"width": 703, "height": 1000})
    page.emulate_media(media="print")
    page.locator("#finplan-liquidity").screenshot(path="/tmp/fp_liq.png")
    page.locator("#finplan-profitability").screenshot(path="/tmp/fp_prof.png")
    page.locator("#finplan-capital").screenshot(path="/tmp/fp_cap.png")
