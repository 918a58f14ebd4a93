"""The payment calendar names the contributions of a writer in the artists' social insurance as
the KSK's (issue 23: pension and KSK on lines of their own), in English and German."""

import pytest

from ecareer.planning import convert
from ecareer.projection import model as m
from tests.html import parse
from tests.planning.test_v2_web import writer_plan

pytestmark = pytest.mark.django_db


def labels(client, scenario) -> set[str]:
    calendar = parse(client.get(f"/scenarios/{scenario.pk}/").text).find(id="payments")
    return {row.find_all("td")[0].text for row in calendar.find("tbody").find_all("tr")
            if row.find_all("td")}  # fmt: skip


def test_ksk_contributions_are_named_as_the_ksks(owner_client, owner):
    scenario = convert.create_scenario(owner, writer_plan(health_insurance=m.HealthInsurance.KSK))
    found = labels(owner_client, scenario)
    assert "artists' social insurance (KSK): health and care, monthly contribution" in found
    assert "artists' social insurance (KSK): pension, monthly contribution" in found
    assert "health insurance: monthly contribution" not in found


def test_ksk_lines_in_german(owner_client, owner):
    owner.profile.language = "de"
    owner.profile.save()
    scenario = convert.create_scenario(owner, writer_plan(health_insurance=m.HealthInsurance.KSK))
    found = labels(owner_client, scenario)
    assert "Künstlersozialkasse (KSK): Rente, monatlicher Beitrag" in found
    assert (
        "Künstlersozialkasse (KSK): Kranken- und Pflegeversicherung, monatlicher Beitrag" in found
    )


def test_statutory_contributions_keep_their_names(owner_client, owner):
    scenario = convert.create_scenario(owner, writer_plan())
    found = labels(owner_client, scenario)
    assert "health insurance: monthly contribution" in found
    assert not any("KSK" in label for label in found)
