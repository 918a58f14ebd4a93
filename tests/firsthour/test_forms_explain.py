"""Issue 25 part B, forms that explain themselves (view tests in en and de): the blank plan says
why its money runs out without a wall of red; the dry-spell loss has a default and a warning;
no flat rate in regime de; "Do you have children?" sets the care rate; the reserve in months of
outgoings with an empty deadline meaning the end of the plan; the ramp-up explained."""

import re
from decimal import Decimal as D

import pytest

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.projection import model as m
from tests.html import parse
from tests.planning.factories import TAX

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "de"]
JAN = m.YearMonth(2027, 1)


def speak(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def blank(**changes) -> m.Scenario:
    fields = {
        "name": "Blank",
        "start": JAN,
        "horizon_months": 36,
        "tax": m.TaxSettings(regime=m.TaxRegime.DE),
        "reserve": m.ReserveTarget(kind=m.ReserveKind.MONTHS, months=D(6)),
    }
    return m.Scenario(**{**fields, **changes})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_blank_plan_says_why_it_runs_out_without_red(owner_client, owner, language):
    # Nothing saved, nothing earned, no living costs: only the statutory health and care
    # insurance on the minimum base goes out, 1,318.33 x (14.6 + 2.9 + 3.6) % = 278.17 a month
    # (2027 uses 2026's figures), so the money runs out in the first month, Jan 2027.
    speak(owner, language)
    scenario = convert.create_scenario(owner, blank())
    page = parse(owner_client.get(f"/scenarios/{scenario.pk}/").text)
    empty = page.by_id("kpi-empty").text
    if language == "en":
        assert "the statutory health and care insurance asks the self-employed for €278.17" in (
            empty
        )
    else:
        assert "Kranken- und Pflegeversicherung verlangt von Selbstständigen 278,17" in empty
    cards = page.by_id("kpis").find_all("li", class_="kpi-card")
    assert len(cards) >= 6
    assert [c.attrs["id"] for c in cards if "kpi-bad" in c.classes] == []  # no wall of red


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_blank_plan_has_a_dry_spell_loss_and_a_warning_at_zero(
    owner_client, owner, hx, language
):
    speak(owner, language)
    owner_client.post("/scenarios/new/", {"template": "blank", "name": ""})
    scenario = Scenario.objects.get(user=owner)
    assert scenario.drought_income_drop_pct == D(50)
    # A chance of dry spells with a loss of 0 %: they would change nothing; the card says so.
    Scenario.objects.filter(pk=scenario.pk).update(
        drought_chance_pct=D(10), drought_income_drop_pct=D(0)
    )
    page = parse(owner_client.get(f"/scenarios/{scenario.pk}/").text)
    warning = page.by_id("risks").find(id_="dry-spell-warning").text
    form = parse(owner_client.get(f"/scenarios/{scenario.pk}/risks/", headers=hx).text)
    assert form.find(id_="dry-spell-warning") is not None
    if language == "en":
        assert warning.startswith("Dry spells change nothing yet: the income lost in one is 0")
    else:
        assert warning.startswith("Auftragsflauten ändern noch nichts")


@pytest.mark.parametrize("language", LANGUAGES)
def test_regime_de_asks_for_no_flat_rate(owner_client, owner, hx, language):
    speak(owner, language)
    german = convert.create_scenario(owner, blank(name="De"))
    flat = convert.create_scenario(owner, blank(name="Flat", tax=m.TaxSettings()))
    assert 'name="tax_rate_pct"' not in owner_client.get(f"/scenarios/{german.pk}/settings/").text
    assert 'name="tax_rate_pct"' in owner_client.get(f"/scenarios/{flat.pk}/settings/").text


def as_typed_in(language: str):
    """Form data with the language's decimal mark, as a person of it types numbers."""

    def typed(data: dict) -> dict:
        if language != "de":
            return data
        return {k: re.sub(r"^([0-9]+)\.([0-9]+)$", r"\1,\2", v) for k, v in data.items()}

    return typed


@pytest.mark.parametrize("language", LANGUAGES)
def test_do_you_have_children_sets_the_care_rate(owner_client, owner, hx, language):
    speak(owner, language)
    scenario = convert.create_scenario(owner, blank())  # care 3.6, DESIGN.md's default
    form = parse(owner_client.get(f"/scenarios/{scenario.pk}/tax/", headers=hx).text)
    label = form.find("label", for_="tax-children").text
    assert label.startswith("Do you have children?" if language == "en" else "Haben Sie Kinder?")
    options = form.find("select", name="children").find_all("option")
    chosen = [o.attrs["value"] for o in options if "selected" in o.attrs]
    assert chosen == ["yes"]  # 3.6 % is the rate with children
    # The help below the form and the field agree: "no children" is no longer claimed.
    leaves_out = form.find(class_="tax-leaves-out").text
    assert ("Do you have children?" if language == "en" else "Haben Sie Kinder?") in leaves_out
    typed = as_typed_in(language)  # a German "2.5" asks back (issue 25): commas in German
    data = typed({**TAX, "children": "no", "care_pct": "3.6"})
    owner_client.post(f"/scenarios/{scenario.pk}/tax/", data, headers=hx)
    scenario.refresh_from_db()
    assert scenario.care_pct == D("4.2")
    data = typed({**TAX, "children": "own", "care_pct": "3.35", "version": str(scenario.version)})
    owner_client.post(f"/scenarios/{scenario.pk}/tax/", data, headers=hx)
    scenario.refresh_from_db()
    assert scenario.care_pct == D("3.35")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reserve_in_months_of_outgoings_and_an_empty_deadline(
    owner_client, owner, hx, language
):
    speak(owner, language)
    scenario = convert.create_scenario(owner, blank())
    form = parse(owner_client.get(f"/scenarios/{scenario.pk}/reserve/", headers=hx).text)
    months = form.find("input", name="months")
    assert months.attrs["value"] == "6"  # a count of months, not "6.00" like an amount
    label = form.find("label", for_=months.attrs["id"]).text
    deadline_help = form.find("input", name="deadline").parent.text
    if language == "en":
        assert label.startswith("Months of outgoings")
        assert "Empty: the end of the plan." in deadline_help
    else:
        assert label.startswith("Anzahl Monate an Ausgaben")
        assert "Leer: das Ende des Plans." in deadline_help


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ramp_up_is_explained_in_the_income_form(owner_client, owner, hx, language):
    speak(owner, language)
    scenario = convert.create_scenario(owner, blank())
    html = owner_client.get(f"/scenarios/{scenario.pk}/incomes/new/", headers=hx).text
    hint = parse(html).find(attrs=None, class_="form-hint")
    assert hint is not None and hint.attrs["data-kind"] == "incomes"
    if language == "en":
        assert "With 3, a third in the first month, two thirds in the second" in html
    else:
        assert "Bei 3 ein Drittel im ersten Monat, zwei Drittel im zweiten" in html
