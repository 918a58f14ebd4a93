"""Long illness in the web (issue 22): the four risk settings stored, converted both ways,
imported and exported, edited on the risk card, and the sick-pay decision."""

import dataclasses
import json
from decimal import Decimal

import numpy as np
import pytest
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from ecareer.planning import convert
from ecareer.planning.models import Scenario
from ecareer.planning.templatetags.ecareer_format import money, share
from ecareer.projection import decisions, scenario_file
from ecareer.projection import model as m
from ecareer.projection.engine import project
from ecareer.projection.money import to_cents
from ecareer.projection.risk import simulate
from ecareer.starters import STARTERS, starter_text
from tests.conftest import computed
from tests.html import parse
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


# --- the risk card ----------------------------------------------------------------------

FORM = {
    "sick_days_per_year": "0",
    "drought_chance_pct": "0",
    "drought_length_months": "1",
    "drought_income_drop_pct": "50",
    "paths": "300",
    "version": "1",
}


def speak(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


@pytest.mark.parametrize(
    ("language", "typed", "expected_daily", "labels"),
    [
        (
            "en",
            {"long_illness_chance_pct": "7.5", "private_sick_pay_daily": "1,200.50"},
            Decimal("1200.50"),
            ("Chance a year of an illness longer than six weeks", "Its usual length"),
        ),
        (
            "de",
            # German marks: "7,5" and a thousands dot in "1.200,50"
            {"long_illness_chance_pct": "7,5", "private_sick_pay_daily": "1.200,50"},
            Decimal("1200.50"),
            ("Wahrscheinlichkeit im Jahr einer Krankheit", "Ihre übliche Dauer"),
        ),
    ],
)
def test_risk_card_saves_the_illness_settings_typed_in_each_language(
    owner_client, owner, hx, language, typed, expected_daily, labels
):
    speak(owner, language)
    scenario = make_scenario(owner)
    form = owner_client.get(f"/scenarios/{scenario.pk}/risks/", headers=hx).text
    for name in ILLNESS:
        assert f'name="{name}"' in form
    assert "Krankentagegeld" in form  # the help names the policy's word
    data = {**FORM, **typed, "long_illness_months": "4", "private_sick_pay_from_day": "29"}
    response = owner_client.post(f"/scenarios/{scenario.pk}/risks/", data, headers=hx)
    assert response.status_code == 200, response.text[:3000]
    stored = Scenario.objects.get(pk=scenario.pk)
    assert stored.long_illness_chance_pct == Decimal("7.5")
    assert stored.long_illness_months == 4
    assert stored.private_sick_pay_daily == expected_daily
    assert stored.private_sick_pay_from_day == 29
    card = response.text
    assert card.lstrip().startswith('<section id="risks"')
    for label in labels:
        assert label in card
    assert "29" in card  # the benefit's first day on the card


def test_risk_card_without_javascript_redirects(owner_client, owner):
    scenario = make_scenario(owner)
    data = {**FORM, **ILLNESS}
    response = owner_client.post(f"/scenarios/{scenario.pk}/risks/", data)
    assert response.status_code == 302
    assert Scenario.objects.get(pk=scenario.pk).long_illness_months == 4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("long_illness_chance_pct", "101"),
        ("long_illness_chance_pct", "-1"),
        ("long_illness_chance_pct", "lots"),
        ("long_illness_months", "1"),
        ("long_illness_months", "25"),
        ("long_illness_months", "2.5"),
        ("private_sick_pay_daily", "10000.01"),
        ("private_sick_pay_daily", "-5"),
        ("private_sick_pay_from_day", "0"),
        ("private_sick_pay_from_day", "366"),
        ("private_sick_pay_from_day", ""),
    ],
)
def test_bad_illness_input_is_named_at_its_field_and_nothing_is_saved(
    owner_client, owner, hx, field, value
):
    scenario = make_scenario(owner)
    before = Scenario.objects.filter(pk=scenario.pk).values().get()
    data = {**FORM, **ILLNESS, field: value}
    response = owner_client.post(f"/scenarios/{scenario.pk}/risks/", data, headers=hx)
    assert response.status_code == 422
    assert f'id="risks-{field}_error"' in response.text
    assert "nothing was saved" in response.text
    assert Scenario.objects.filter(pk=scenario.pk).values().get() == before


def test_another_users_risk_card_is_not_found(other_client, owner, hx):
    scenario = make_scenario(owner)
    assert other_client.get(f"/scenarios/{scenario.pk}/risks/", headers=hx).status_code == 404
    data = {**FORM, **ILLNESS}
    assert other_client.post(f"/scenarios/{scenario.pk}/risks/", data).status_code == 404
    assert Scenario.objects.get(pk=scenario.pk).long_illness_chance_pct == 0


# --- the sick-pay decision --------------------------------------------------------------

JAN = m.YearMonth(2027, 1)


def german_writer(**changes) -> m.Scenario:
    """Regime de, statutory: €3,500 a month paid for work done, €1,600 living, a long illness
    of 3 months with a 10 % chance a year, 2 years, 300 futures."""
    fields = {
        "name": "Writer",
        "start": JAN,
        "horizon_months": 24,
        "starting_balance": Decimal("6000.00"),
        "living_monthly": Decimal("1600.00"),
        "incomes": (
            m.IncomeStream(
                "Articles",
                m.Pricing.FIXED,
                m.Frequency.MONTHLY,
                JAN,
                amount=Decimal(3500),
                performance_based=True,
            ),
        ),
        "reserve": m.ReserveTarget(m.ReserveKind.MONTHS, months=Decimal(3)),
        "risks": m.RiskSettings(
            paths=300, seed=11, long_illness_chance_pct=Decimal(10), long_illness_months=3
        ),
        "tax": m.TaxSettings(regime=m.TaxRegime.DE, sick_pay=False),
    }
    return m.Scenario(**{**fields, **changes})


def plain_run(data: m.Scenario, option: bool) -> dict:
    """The scenario with the option set as given, projected and simulated plainly."""
    changed = dataclasses.replace(data, tax=dataclasses.replace(data.tax, sick_pay=option))
    plan = project(changed)
    risk = simulate(changed, plan)
    return {
        "chance": risk.depletion_probability,
        "lowest_p10": to_cents(risk.min_balance_p10),
        "final_p50": to_cents(float(risk.p50[-1])),
        "social": sum((to_cents(v) for v in plan.social_insurance.tolist()), Decimal(0)),
    }


@pytest.fixture
def writer(owner) -> Scenario:
    cache.clear()
    return convert.create_scenario(owner, german_writer())


def _rows(html: str) -> dict[str, list[str]]:
    table = parse(html).by_id("sick-pay-results")
    return {
        row.find("th").text.strip(): [td.text.strip() for td in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }


@pytest.mark.parametrize("language", ["en", "de"])
def test_sick_pay_decision_equals_two_plain_simulations(owner_client, owner, writer, hx, language):
    from django.utils import translation

    speak(owner, language)
    url = reverse("planning:sick_pay", args=[writer.pk])
    response = computed(owner_client, url, headers=hx)
    assert response.status_code == 200
    html = response.content.decode()
    data = convert.to_plan(writer)
    with_, without = plain_run(data, True), plain_run(data, False)
    # The option costs 0.6 points of the health contribution: more social insurance with it.
    assert with_["social"] > without["social"]
    # What it costs a year: the difference of the plan's social insurance over 24 / 12 years.
    cost = ((with_["social"] - without["social"]) / 2).quantize(Decimal("0.01"))
    with translation.override(language):
        rows = list(_rows(html).values())
        assert rows[0] == [share(with_["chance"]), share(without["chance"])]
        assert rows[1] == [money(with_["lowest_p10"], "EUR"), money(without["lowest_p10"], "EUR")]
        assert rows[2] == [money(with_["final_p50"], "EUR"), money(without["final_p50"], "EUR")]
        assert money(cost, "EUR") in parse(html).by_id("sick-pay-sentence").text
    heading = "Sick pay: worth it?" if language == "en" else "Krankengeld: lohnt es sich?"
    assert heading in html
    # The plan is without the option: "use this" offers taking it.
    assert parse(html).by_id("sick-pay-use").text.strip() == (
        "Use this: with sick pay" if language == "en" else "Übernehmen: mit Krankengeld"
    )


def test_sick_pay_decision_is_in_the_panel_only_where_the_option_exists(owner_client, owner, hx):
    german = convert.create_scenario(owner, german_writer())
    flat = convert.create_scenario(owner, german_writer(name="Flat", tax=m.TaxSettings()))
    private = convert.create_scenario(
        owner,
        german_writer(
            name="Private",
            tax=m.TaxSettings(regime=m.TaxRegime.DE, health_insurance=m.HealthInsurance.OTHER),
        ),
    )
    panel = owner_client.get(reverse("planning:dashboard", args=[german.pk]), headers=hx).text
    assert 'id="sick-pay-run"' in panel
    for scenario in (flat, private):
        url = reverse("planning:dashboard", args=[scenario.pk])
        assert 'id="sick-pay' not in owner_client.get(url, headers=hx).text
        answer = owner_client.get(reverse("planning:sick_pay", args=[scenario.pk]), headers=hx)
        assert answer.status_code == 200
        assert 'id="sick-pay-not-offered"' in answer.text
        use = {"what": "sick_pay", "option": "with"}
        post = owner_client.post(reverse("planning:decision_use", args=[scenario.pk]), use)
        assert post.status_code == 400


def test_sick_pay_without_javascript_is_a_page_of_its_own(owner_client, writer):
    url = reverse("planning:sick_pay", args=[writer.pk])
    html = computed(owner_client, url).content.decode()
    assert "<h1>" in html and 'id="sick-pay-results"' in html


def test_sick_pay_decision_of_another_user_is_not_found(other_client, writer, hx):
    url = reverse("planning:sick_pay", args=[writer.pk])
    assert other_client.get(url, headers=hx).status_code == 404
    use = {"what": "sick_pay", "option": "with"}
    post = other_client.post(reverse("planning:decision_use", args=[writer.pk]), use)
    assert post.status_code == 404
    assert Scenario.objects.get(pk=writer.pk).sick_pay is False


def test_use_sick_pay_and_undo(owner_client, writer, hx):
    use = {"what": "sick_pay", "option": "with"}
    response = owner_client.post(
        reverse("planning:decision_use", args=[writer.pk]), use, headers=hx
    )
    assert response.status_code == 200
    assert Scenario.objects.get(pk=writer.pk).sick_pay is True
    undo = parse(response.content.decode()).by_id("decisions-undo-text").text
    assert "the sick-pay option taken" in undo
    assert 'id="tax"' in response.content.decode()  # the tax card shows the new choice
    response = owner_client.post(reverse("planning:decision_undo", args=[writer.pk]), headers=hx)
    assert Scenario.objects.get(pk=writer.pk).sick_pay is False
    assert "The previous value is back." in response.content.decode()


def test_undo_of_sick_pay_keeps_a_later_edit(owner_client, writer, hx):
    use = {"what": "sick_pay", "option": "with"}
    owner_client.post(reverse("planning:decision_use", args=[writer.pk]), use, headers=hx)
    # switched off again in the tax form meanwhile (a version on, as the form saves it)
    Scenario.objects.filter(pk=writer.pk).update(sick_pay=False, version=F("version") + 1)
    response = owner_client.post(reverse("planning:decision_undo", args=[writer.pk]), headers=hx)
    assert "Nothing was undone" in response.content.decode()
    assert Scenario.objects.get(pk=writer.pk).sick_pay is False


@pytest.mark.parametrize("data", [{"what": "sick_pay"}, {"what": "sick_pay", "option": "maybe"}])
def test_a_bad_sick_pay_answer_saves_nothing(owner_client, writer, data):
    response = owner_client.post(reverse("planning:decision_use", args=[writer.pk]), data)
    assert response.status_code == 400
    assert Scenario.objects.get(pk=writer.pk).sick_pay is False


# --- the report and the cards say what is assumed ---------------------------------------


def test_the_report_states_the_long_illness_assumptions(client, owner):
    from ecareer.sharing.models import ShareLink

    risks = m.RiskSettings(
        paths=100,
        seed=3,
        long_illness_chance_pct=Decimal(8),
        long_illness_months=3,
        private_sick_pay_daily=Decimal(80),
        private_sick_pay_from_day=29,
    )
    data = german_writer(risks=risks, tax=m.TaxSettings(regime=m.TaxRegime.DE, sick_pay=True))
    scenario = convert.create_scenario(owner, data)
    link = ShareLink.objects.create(scenario=scenario)
    page = parse(client.get(f"/r/{link.token}/").content.decode())
    text = page.by_id("report-assumptions-list").text.replace("\n", "")
    assert "Chance a year of an illness longer than six weeks8\u00a0%" in text
    assert "Usual length of a long illness (months)3" in text
    assert "statutory sick pay from day 43; €80.00 a day from day 29" in text
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    page = parse(client.get(f"/r/{hidden.token}/").content.decode())
    text = page.by_id("report-assumptions-list").text.replace("\n", "")
    assert "statutory sick pay from day 43; a private daily benefit from day 29" in text
    assert "€80.00" not in text


def test_the_money_runs_out_card_names_long_illness_when_it_is_simulated(owner_client, owner, hx):
    scenario = convert.create_scenario(owner, german_writer())
    html = owner_client.get(reverse("planning:dashboard", args=[scenario.pk]), headers=hx).text
    card = parse(html).by_id("kpi-depletion").text
    assert "Long illness included: 10 % a year, 3 months as a rule." in card
    quiet = convert.create_scenario(owner, german_writer(name="Quiet", risks=m.RiskSettings()))
    html = owner_client.get(reverse("planning:dashboard", args=[quiet.pk]), headers=hx).text
    assert "Long illness" not in parse(html).by_id("kpi-depletion").text


# --- what matters most: risks by the bad case -------------------------------------------


def _matters_rows(html: str) -> dict[str, list[str]]:
    table = parse(html).by_id("what-matters").find("table")
    return {
        tr.find("th").text.strip(): [td.text.strip() for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }


def test_what_matters_shows_illness_by_its_effect_on_the_bad_case(owner_client, owner, hx):
    # 20 sick days a year and a long illness (10 %): the plan holds neither, so measured on the
    # plan they would change nothing; on the bad case (p10 of the last month) they cost money.
    risks = m.RiskSettings(
        paths=300, seed=11, sick_days_per_year=Decimal(20), long_illness_chance_pct=Decimal(10)
    )
    data = german_writer(risks=risks)
    scenario = convert.create_scenario(owner, data)
    url = reverse("planning:what_matters", args=[scenario.pk])
    html = computed(owner_client, url, headers=hx).content.decode()
    rows = _matters_rows(html)
    sick = rows["Sick days"]
    assert sick[1] == "the bad case (1 in 10)"
    # the bad case with 30 instead of 20 sick days, from two plain simulations
    plan = project(data)
    base = simulate(data, plan).p10[-1]
    more = dataclasses.replace(data, risks=dataclasses.replace(risks, sick_days_per_year=30))
    change = to_cents(float(simulate(more, plan).p10[-1] - base))
    assert change < 0  # never shown as harmless
    assert sick[3] == money(change, "EUR")
    illness = rows["Long illness"]
    assert illness[1] == "the bad case (1 in 10)"
    # 10 -> 15 % a year of a long illness, measured the same way
    sicker = dataclasses.replace(data, risks=dataclasses.replace(risks, long_illness_chance_pct=15))
    change = to_cents(float(simulate(sicker, plan).p10[-1] - base))
    assert change < 0
    assert illness[3] == money(change, "EUR")
    assert rows["Price of “Articles”"][1] == "the plan"
    summary = parse(html).by_id("what-matters").text
    assert "Illness and dry spells are not in the plan, so they are measured by the bad case" in (
        summary
    )


def test_the_two_sides_differ_by_the_sick_pay_each_future_receives(owner):
    # €1,000 a month paid for work done, regime de, statutory: the profit stays under the
    # minimum income of €1,318.33 a month, so every future's contribution is on that minimum
    # and no income tax is due (12,000 a year is under the basic allowance). With the option
    # every future pays the same 0.6 points more; a long illness pays, on top, per month j of
    # it max(0, min(30, 30 j - 42)) days of round_cents(0.7 x 1,318.33 / 30) = 30.76 (922.831
    # / 30 = 30.761). So per future: with - without = D0 + 30.76 x its sick-pay days, D0 the
    # same for all (a future never ill past day 42 shows it).
    from ecareer.projection.risk import illness_places

    income = m.IncomeStream(
        "Articles",
        m.Pricing.FIXED,
        m.Frequency.MONTHLY,
        JAN,
        amount=Decimal(1000),
        performance_based=True,
    )
    risks = m.RiskSettings(
        paths=200, seed=5, long_illness_chance_pct=Decimal(30), long_illness_months=4
    )
    data = german_writer(incomes=(income,), risks=risks, living_monthly=Decimal(500))
    runs = {}
    for option in (True, False):
        changed = dataclasses.replace(data, tax=dataclasses.replace(data.tax, sick_pay=option))
        runs[option] = simulate(changed, project(changed), keep_paths=True).balances[-1]
    difference = runs[True] - runs[False]
    places = illness_places(data).astype(int)
    days = np.clip(30 * places - 42, 0, 30).sum(axis=0)
    assert (days == 0).any() and (days > 0).sum() > 10
    base = difference[days == 0][0]
    assert base < 0  # the option costs money in a future with no long illness
    np.testing.assert_allclose(difference, base + 30.76 * days, atol=1e-6)
    # and so the decision's two sides differ by more than the contribution
    choice = decisions.sick_pay_choice(data)
    assert choice["with"]["min_balance_p10"] != choice["without"]["min_balance_p10"]


# --- sick pay in the simulation's monthly table --------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Sick pay, average of the simulated futures"),
        ("de", "Krankengeld, Durchschnitt der simulierten Zukünfte"),
    ],
)
def test_the_cushion_table_shows_the_sick_pay_of_the_simulated_futures(
    owner_client, owner, language, heading
):
    # One path, seed 4, a 50 % chance a year, 4 months: u = default_rng([4, 1]).random((24, 1))
    # = 0.9798 0.4340 0.1454 0.0614 0.7337 0.0402 0.7313 0.4476 0.5167 0.7497 0.1018 0.6406
    # 0.7929 0.8228 0.2752 0.5471 0.6230 0.7282 0.2379 0.2022 0.6045 0.1096 0.2777 0.0135; it
    # falls ill when u < 1 - 0.5 ** (1/12) = 0.0561 and recovers when u < 0.25: ill in months
    # 5-9 (places 1-5; 0.1018 ends it in month 10) and again in month 23 (place 1). A private
    # benefit of 50.00 a day from day 43 (no statutory sick pay: the option is off) pays 0,
    # 18 x 50 = 900.00, then 30 x 50 = 1,500.00 in months 5-9, and 0 in month 23.
    speak(owner, language)
    risks = m.RiskSettings(
        paths=1,
        seed=4,
        long_illness_chance_pct=Decimal(50),
        long_illness_months=4,
        private_sick_pay_daily=Decimal(50),
        private_sick_pay_from_day=43,
    )
    scenario = convert.create_scenario(owner, german_writer(risks=risks))
    url = reverse("planning:monthly_table", args=[scenario.pk, "cushion"])
    table = parse(owner_client.get(url).text).find("table")
    heads = [th.text.strip() for th in table.find("thead").find_all("th")]
    assert heads[-1] == heading
    column = [tr.find_all("td")[-1].text for tr in table.find("tbody").find_all("tr")]
    amounts = ["0"] * 6 + ["900", "1500", "1500", "1500"] + ["0"] * 14
    with translation.override(language):  # "€1,500.00" / "1.500,00 €"
        assert column == [money(Decimal(a), "EUR") for a in amounts]
    # Without long illness the table has no such column.
    quiet = convert.create_scenario(owner, german_writer(name="Quiet", risks=m.RiskSettings()))
    url = reverse("planning:monthly_table", args=[quiet.pk, "cushion"])
    heads = [th.text for th in parse(owner_client.get(url).text).find("thead").find_all("th")]
    assert heading not in heads and len(heads) == 6
