"""The warnings ahead of the cliffs (ecareer/planning/cliffs.py) on the scenario page, each once,
with the month and the amount, worked by hand from DESIGN.md's rules (en, de)."""

from decimal import Decimal as D

import pytest

from ecareer.planning import convert
from ecareer.projection import model as m
from tests.html import parse

pytestmark = pytest.mark.django_db

START = m.YearMonth(2026, 1)


def plan(monthly, horizon=36, increase=0, grant=None, **tax) -> m.Scenario:
    """A shop without VAT from 2026-01, `monthly` profit a month growing by `increase` % a year."""
    income = m.IncomeStream(
        name="Shop",
        pricing=m.Pricing.FIXED,
        frequency=m.Frequency.MONTHLY,
        start=START,
        amount=D(monthly),
        annual_increase_pct=D(increase),
        vat_rate_pct=D(0),
    )
    return m.Scenario(
        name="Shop",
        start=START,
        horizon_months=horizon,
        starting_balance=D(20000),
        incomes=(income,),
        reserve=m.ReserveTarget(kind=m.ReserveKind.AMOUNT, amount=D(0)),
        tax=m.TaxSettings(regime=m.TaxRegime.DE, **tax),
        start_grant=grant,
    )


def cliffs(client, owner, data, language="en") -> dict[str, str]:
    owner.profile.language = language
    owner.profile.save()
    scenario = convert.create_scenario(owner, data)
    page = parse(client.get(f"/scenarios/{scenario.pk}/").text)
    section = page.find(id="cliffs")
    if section is None:
        return {}
    items = section.find_all("li")
    keys = [li.attrs["data-cliff"] for li in items]
    assert len(keys) == len(set(keys))  # each once
    return {li.attrs["data-cliff"]: li.text for li in items}


FAMILY = {"household": m.Household.MARRIED, "other_taxable_income": D(40000)}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "From 2027 your profit is above €565.00 a month: you insure yourself. In September "
            "2028 the insurer charges 2027 at once: €3,338.04.",
        ),
        (
            "de",
            "Ab 2027 liegt Ihr Gewinn über 565,00\u00a0€ im Monat: Sie versichern sich selbst. Im "
            "September 2028 verlangt die Krankenkasse 2027 auf einmal: 3.338,04\u00a0€.",
        ),
    ],
)
def test_the_family_insurance_ends_and_a_year_is_charged_at_once(
    owner_client, owner, language, expected
):
    # Profit 500 a month in 2026 (<= FL 565: a family year), 1,000 in 2027 (> 565). The first
    # assessed year 2026 was a family year, so nothing is provisional until A(2027) = 2028-09;
    # then the insurer settles 2027 in full: S = 21.1 % x max(1,318.33, 1,000) = 278.17 a month
    # (14.6 + 2.9 + 3.6), 12 x 278.17 = 3,338.04.
    data = plan(500, increase=100, health_insurance=m.HealthInsurance.FAMILY, **FAMILY)
    found = cliffs(owner_client, owner, data, language)
    assert found == {"family-insurance-ends": expected}


def test_no_warning_while_the_profit_stays_under_the_limit(owner_client, owner):
    data = plan(500, health_insurance=m.HealthInsurance.FAMILY, **FAMILY)  # 500 <= 565 always
    assert cliffs(owner_client, owner, data) == {}


def test_a_statutory_plan_has_no_cliff(owner_client, owner):
    assert cliffs(owner_client, owner, plan(3000)) == {}


@pytest.mark.parametrize(
    ("language", "drop", "end"),
    [
        (
            "en",
            "In July 2026 the start grant drops from €1,800.00 to €300.00 a month.",
            "In April 2027 the start grant ends: €300.00 a month less.",
        ),
        (
            "de",
            "Im Juli 2026 sinkt der Gründungszuschuss von 1.800,00\u00a0€ auf 300,00\u00a0€ im "
            "Monat.",
            "Im April 2027 endet der Gründungszuschuss: 300,00\u00a0€ weniger im Monat.",
        ),
    ],
)
def test_the_start_grant_drops_then_ends(owner_client, owner, language, drop, end):
    # DESIGN.md example 3: benefit 1,500 + 300 = 1,800 in Jan-Jun 2026 (months 0-5), 300 in
    # Jul 2026-Mar 2027 (months 6-14, the second phase), 0 from Apr 2027 (month 15).
    data = plan(0, horizon=24, grant=m.StartGrant(benefit=D(1500)))
    found = cliffs(owner_client, owner, data, language)
    assert found == {"start-grant-drops": drop, "start-grant-ends": end}


def test_without_the_second_phase_the_grant_ends_after_six_months(owner_client, owner):
    data = plan(0, horizon=24, grant=m.StartGrant(benefit=D(1200), second_phase=False))
    assert cliffs(owner_client, owner, data) == {
        "start-grant-ends": "In July 2026 the start grant ends: €1,500.00 a month less."
    }


def test_the_founders_half_ends_after_four_calendar_years(owner_client, owner):
    # founder_half: 0.186 x 3,955 / 2 = 367.815 -> 367.82 a month in 2026-2029 (start year + 3),
    # then regular: 0.186 x 3,955 = 735.63 from January 2030.
    data = plan(2000, horizon=60, pension=m.Pension.FOUNDER_HALF)
    assert cliffs(owner_client, owner, data) == {
        "founder-half-ends": "From January 2030 the founder's half ends: your pension "
        "contribution rises from €367.82 to €735.63 a month."
    }


def test_the_founders_half_after_the_plan_is_no_warning(owner_client, owner):
    data = plan(2000, horizon=48, pension=m.Pension.FOUNDER_HALF)  # ends December 2029
    assert cliffs(owner_client, owner, data) == {}


def test_the_warnings_stand_in_the_order_of_their_months(owner_client, owner):
    data = plan(0, horizon=60, grant=m.StartGrant(benefit=D(1500)), pension=m.Pension.FOUNDER_HALF)
    assert list(cliffs(owner_client, owner, data)) == [
        "start-grant-drops",
        "start-grant-ends",
        "founder-half-ends",
    ]


def test_with_prepayments_on_an_estimate_the_insurer_charges_month_by_month(owner_client, owner):
    # `estimate`: 2027 is paid in its own months on base_2027 (no settlement at once):
    # S_2027 = 21.1 % x max(1,318.33, 1,000) = 278.17 a month.
    data = plan(
        500,
        increase=100,
        health_insurance=m.HealthInsurance.FAMILY,
        prepayments=m.Prepayments.ESTIMATE,
        **FAMILY,
    )
    assert cliffs(owner_client, owner, data) == {
        "family-insurance-ends": "From 2027 your profit is above €565.00 a month: you insure "
        "yourself and pay €278.17 a month for 2027."
    }
