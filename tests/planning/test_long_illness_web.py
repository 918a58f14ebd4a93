"""Long illness in the web (issue 22): the four risk settings stored, converted both ways,
imported and exported, edited on the risk card, and the sick-pay decision."""

import json
from decimal import Decimal

import pytest

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.projection import scenario_file
from ecareer.starters import STARTERS, starter_text
from tests.planning.factories import make_scenario

pytestmark = pytest.mark.django_db

ILLNESS = {
    "long_illness_chance_pct": "7.5",
    "long_illness_months": 4,
    "private_sick_pay_daily": "55.50",
    "private_sick_pay_from_day": 29,
}


def upload(client, data: dict):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = json.dumps(data).encode()
    return client.post("/scenarios/import/", {"file": SimpleUploadedFile("plan.json", body)})


# --- stored and converted ---------------------------------------------------------------


def test_new_scenario_has_design_defaults(owner):
    # DESIGN.md v3 "Long illness": chance 0, mean length 3 months, no private benefit, day 43.
    scenario = make_scenario(owner)
    risks = convert.to_plan(scenario).risks
    assert risks.long_illness_chance_pct == 0
    assert risks.long_illness_months == 3
    assert risks.private_sick_pay_daily == 0
    assert risks.private_sick_pay_from_day == 43


def test_stored_settings_reach_the_projection(owner):
    scenario = make_scenario(
        owner,
        long_illness_chance_pct=Decimal("7.5"),
        long_illness_months=4,
        private_sick_pay_daily=Decimal("55.50"),
        private_sick_pay_from_day=29,
    )
    risks = convert.to_plan(Scenario.objects.get(pk=scenario.pk)).risks
    assert risks.long_illness_chance_pct == Decimal("7.5")
    assert risks.long_illness_months == 4
    assert risks.private_sick_pay_daily == Decimal("55.50")
    assert risks.private_sick_pay_from_day == 29


def test_import_keeps_the_illness_settings_and_exports_them_back(owner_client, owner):
    data = json.loads(starter_text(STARTERS[0].slug))
    data["format"] = "ecareer.scenario/3"  # v2 files know no long illness
    data["risks"].update(ILLNESS)
    response = upload(owner_client, data)
    assert response.status_code == 302, response.text[:2000]
    scenario = Scenario.objects.get(user=owner)
    assert scenario.long_illness_chance_pct == Decimal("7.5")
    assert scenario.long_illness_months == 4
    assert scenario.private_sick_pay_daily == Decimal("55.50")
    assert scenario.private_sick_pay_from_day == 29
    exported = owner_client.get(f"/scenarios/{scenario.pk}/export.json").json()
    for key, value in ILLNESS.items():
        assert str(exported["risks"][key]) == str(value)
    assert scenario_file.from_dict(exported) == scenario_file.from_dict(data)


def test_duplicate_keeps_the_illness_settings(owner_client, owner):
    scenario = make_scenario(owner, long_illness_chance_pct=Decimal(8), private_sick_pay_daily=40)
    response = owner_client.post(f"/scenarios/{scenario.pk}/duplicate/", {"name": "Copy"})
    assert response.status_code == 302
    copy = Scenario.objects.exclude(pk=scenario.pk).get(user=owner)
    assert copy.long_illness_chance_pct == 8 and copy.private_sick_pay_daily == 40
