"""The loans table on the scenario page (DESIGN.md v3, "Loans"): add, edit and delete in place
with htmx and without, versions and conflicts, bad input at the field, the limit of 20, other
users 404, English and German, and the schedule each row shows worked by hand."""

from decimal import Decimal as D

import pytest

from ecareer.planning.models import CostItem, Loan
from ecareer.planning.versions import CONFLICT
from ecareer.projection import model as m
from ecareer.projection.loan_terms import loan_terms
from tests.html import parse
from tests.planning.factories import COST, changed, make_scenario

pytestmark = pytest.mark.django_db

# 12,000.00 at 6 % a year, paid out in the plan's first month, 3 months of interest only, then
# an annuity over 24 months.
LOAN = {
    "name": "Start-up loan",
    "amount": "12000",
    "start_month": "2027-01",
    "interest_pct": "6",
    "grace_months": "3",
    "repay_months": "24",
    "kind": "annuity",
    "version": "1",
}


@pytest.fixture
def scenario(owner):
    return make_scenario(owner)  # 2027-01, 36 months


def make_loan(scenario, **fields) -> Loan:
    values = {
        "name": "Start-up loan",
        "amount": D(12000),
        "start_month": scenario.start_month,
        "interest_pct": D(6),
        "grace_months": 3,
        "repay_months": 24,
        **fields,
    }
    return Loan.objects.create(scenario=scenario, **values)


def row_cells(html: str, loan: Loan) -> dict[str, str]:
    row = parse(html).find(id=f"loans-{loan.pk}")
    return {td.attrs.get("data-label"): td.text.strip() for td in row.find_all("td")}


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_add_a_loan(owner_client, scenario, hx, htmx):
    url = f"/scenarios/{scenario.pk}/loans/new/"
    form = owner_client.get(url, headers=hx)
    assert form.status_code == 200 and 'name="interest_pct"' in form.text
    response = owner_client.post(url, {**LOAN, "version": "0"}, headers=hx if htmx else {})
    loan = Loan.objects.get(scenario=scenario)
    assert (loan.amount, loan.interest_pct, loan.grace_months, loan.repay_months) == (
        D(12000),
        D(6),
        3,
        24,
    )
    if htmx:
        assert response.status_code == 200 and changed(response)
        assert response.headers["HX-Retarget"] == "#loans"
        assert f'id="loans-{loan.pk}"' in response.text
    else:
        assert response.status_code == 302
        assert response["Location"].endswith("#loans")


def test_the_row_shows_the_schedule_worked_by_hand(owner_client, scenario):
    # i = 6 / 1200 = 0.005. Paid out 2027-01 (s = 0); months 1-3 interest only; the first
    # repayment is month s + 3 + 1 = 4: May 2027. Annuity = round(12,000 x 0.005 /
    # (1 - 1.005^-24)); 1.005^24 = 1.12715978, 1 - 1/1.12715978 = 0.11281408, 60 / 0.11281408
    # = 531.85. Interest of the 12 months after the payout: 60.00 in months 1-4 (nothing repaid
    # before month 4), then on what is left after each repayment (531.85 - interest):
    # m4 repays 471.85 -> 11,528.15; m5 57.64 (repays 474.21 -> 11,053.94); m6 55.27
    # (476.58 -> 10,577.36); m7 52.89 (478.96 -> 10,098.40); m8 50.49 (481.36 -> 9,617.04);
    # m9 48.09 (483.76 -> 9,133.28); m10 45.67 (486.18 -> 8,647.10); m11 43.24 (488.61 ->
    # 8,158.49); m12 40.79. Sum: 240.00 + 57.64 + 55.27 + 52.89 + 50.49 + 48.09 + 45.67 + 43.24
    # + 40.79 = 634.08.
    loan = make_loan(scenario)
    cells = row_cells(owner_client.get(f"/scenarios/{scenario.pk}/").text, loan)
    assert cells["Amount"] == "€12,000.00"
    assert cells["Paid out"] == "Jan 2027"
    assert cells["Interest"] == "6\u00a0% a year"
    assert cells["Repaid"].startswith("annuity over 24 months")
    assert "after 3 months of interest only" in cells["Repaid"]
    assert cells["First repayment"] == "May 2027"
    assert cells["Monthly payment"] == "€531.85"
    assert cells["Interest, first year"] == "€634.08"


def test_a_linear_loan_worked_by_hand(owner_client, scenario):
    # 12,000.00 at 6 % linear over 12 months from Feb 2027: repays 1,000.00 a month plus
    # interest on what is left: 60.00, 55.00, ..., 5.00; the first payment 1,060.00; the
    # year's interest 5 x (12 + 11 + ... + 1) = 5 x 78 = 390.00.
    loan = make_loan(scenario, grace_months=0, repay_months=12, kind="linear")
    cells = row_cells(owner_client.get(f"/scenarios/{scenario.pk}/").text, loan)
    assert cells["First repayment"] == "Feb 2027"
    assert cells["Monthly payment"] == "€1,060.00"
    assert cells["Interest, first year"] == "€390.00"


def test_the_figures_are_the_projections_columns(owner, scenario):
    # With one loan, the row's figures are the projection's loan columns in those months.
    from ecareer.planning import services

    loan = make_loan(scenario, start_month=scenario.start_month.replace(month=3))
    stored = services.owned_scenario(owner, scenario.pk, with_items=True)
    data = services.plan_of(stored)
    projection = services.projection_of(data)
    terms = loan_terms(data.loans[0], data.start, data.horizon_months)
    first = terms.first_repayment - data.start
    paid = projection.loan_interest[first] + projection.loan_repayment[first]
    assert D(str(round(paid, 2))) == terms.payment
    year = projection.loan_interest[first - 3 : first - 3 + 12]  # months s+1 .. s+12
    assert D(str(round(float(year.sum()), 2))) == terms.first_year_interest
    assert loan.pk


def test_a_repayment_after_the_plan_says_so(owner_client, scenario):
    loan = make_loan(scenario, start_month=scenario.start_month.replace(year=2029), grace_months=12)
    cells = row_cells(owner_client.get(f"/scenarios/{scenario.pk}/").text, loan)
    assert cells["First repayment"] == "Feb 2030"
    assert cells["Monthly payment"] == "after the plan"
    assert "11 months in the plan" in cells["Interest, first year"]


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_edit_and_delete_a_loan(owner_client, scenario, hx, htmx):
    loan = make_loan(scenario)
    headers = hx if htmx else {}
    url = f"/scenarios/{scenario.pk}/loans/{loan.pk}/"
    edited = owner_client.post(f"{url}edit/", {**LOAN, "amount": "9000"}, headers=headers)
    assert edited.status_code == (200 if htmx else 302)
    loan.refresh_from_db()
    assert (loan.amount, loan.version) == (D(9000), 2)
    if htmx:
        assert changed(edited) and "€9,000.00" in edited.text
    deleted = owner_client.post(f"{url}delete/", headers=headers)
    assert deleted.status_code == (200 if htmx else 302)
    assert not Loan.objects.exists()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_stale_loan_edit_changes_nothing(owner_client, scenario, hx, htmx):
    loan = make_loan(scenario)
    url = f"/scenarios/{scenario.pk}/loans/{loan.pk}/edit/"
    assert owner_client.post(url, {**LOAN, "amount": "111"}, headers=hx).status_code == 200
    stale = owner_client.post(url, {**LOAN, "name": "Stale"}, headers=hx if htmx else {})
    assert stale.status_code == 409
    assert str(CONFLICT)[:40] in stale.text.replace("&#x27;", "'")
    form = parse(stale.text).find("form", class_="item-form")
    assert form.find("input", name="amount").attrs["value"] == "111.00"
    loan.refresh_from_db()
    assert (loan.name, loan.amount, loan.version) == ("Start-up loan", D(111), 2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-1", "greater than or equal to 0"),
        ("amount", "lots", "Enter a number"),
        ("interest_pct", "31", "less than or equal to 30"),
        ("repay_months", "0", "greater than or equal to 1"),
        ("repay_months", "601", "less than or equal to 600"),
        ("grace_months", "121", "less than or equal to 120"),
        ("start_month", "2026-12", "Choose a month inside the plan: January 2027 to December 2029"),
        ("start_month", "2030-01", "Choose a month inside the plan"),
        ("kind", "balloon", "Select a valid choice"),
        ("name", "", "This field is required"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_bad_input_is_refused_at_the_field(owner_client, scenario, hx, field, value, message, htmx):
    url = f"/scenarios/{scenario.pk}/loans/new/"
    response = owner_client.post(
        url, {**LOAN, field: value, "version": "0"}, **({"headers": hx} if htmx else {})
    )
    assert response.status_code == 422
    error = parse(response.text).find(id=f"loans-new-{field}_error")
    assert error is not None and message in error.text, response.text[:3000]
    assert not Loan.objects.exists()


def test_the_twenty_first_loan_is_refused_with_the_reason(owner_client, scenario, hx):
    for n in range(20):
        make_loan(scenario, name=f"Loan {n}")
    url = f"/scenarios/{scenario.pk}/loans/new/"
    response = owner_client.post(url, {**LOAN, "version": "0"}, headers=hx)
    assert response.status_code == 422
    assert "A scenario holds at most 20 loans" in response.text
    assert Loan.objects.count() == 20


def test_other_users_get_404(other_client, scenario):
    loan = make_loan(scenario)
    base = f"/scenarios/{scenario.pk}/loans"
    assert other_client.get(f"{base}/new/").status_code == 404
    assert other_client.post(f"{base}/new/", LOAN).status_code == 404
    assert other_client.get(f"{base}/{loan.pk}/edit/").status_code == 404
    assert other_client.post(f"{base}/{loan.pk}/edit/", LOAN).status_code == 404
    assert other_client.post(f"{base}/{loan.pk}/delete/").status_code == 404
    assert Loan.objects.get().amount == D(12000)


def test_a_loan_of_another_scenario_is_not_found(owner_client, owner, scenario):
    other_plan = make_scenario(owner, name="Other")
    loan = make_loan(other_plan)
    url = f"/scenarios/{scenario.pk}/loans/{loan.pk}/edit/"
    assert owner_client.post(url, LOAN).status_code == 404
    assert Loan.objects.get().amount == D(12000)


def test_the_table_in_german(owner_client, owner, scenario):
    owner.profile.language = "de"
    owner.profile.save()
    loan = make_loan(scenario)
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    table = parse(html).find(id="loans")
    assert table.find("h2").text == "Darlehen"
    cells = row_cells(html, loan)
    assert cells["Erste Tilgung"] == "Mai 2027"
    assert cells["Monatliche Rate"] == "531,85\u00a0€"
    assert cells["Zinsen im ersten Jahr"] == "634,08\u00a0€"
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/loans/new/", {**LOAN, "interest_pct": "6,5", "version": "0"}
    )
    assert response.status_code == 302
    assert Loan.objects.order_by("id").last().interest_pct == D("6.5")
    bad = owner_client.post(
        f"/scenarios/{scenario.pk}/loans/new/", {**LOAN, "start_month": "2031-01", "version": "0"}
    )
    assert "Wählen Sie einen Monat im Plan: Januar 2027 bis Dezember 2029" in bad.text


# --- written off over years --------------------------------------------------------------------


def test_a_one_off_cost_is_written_off_over_years(owner_client, scenario, hx):
    url = f"/scenarios/{scenario.pk}/costs/new/"
    form = owner_client.get(url, headers=hx).text
    assert "office furniture 13 years" in form and "computers and software 1 year" in form
    data = {**COST, "useful_life_years": "13", "version": "0"}
    assert owner_client.post(url, data, headers=hx).status_code == 200
    assert CostItem.objects.get().useful_life_years == 13


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_monthly_cost_cannot_be_written_off(owner_client, scenario, hx, htmx):
    url = f"/scenarios/{scenario.pk}/costs/new/"
    data = {**COST, "frequency": "monthly", "useful_life_years": "3", "version": "0"}
    response = owner_client.post(url, data, headers=hx if htmx else {})
    assert response.status_code == 422
    error = parse(response.text).find(id="costs-new-useful_life_years_error")
    assert "Only a one-off cost of a fixed amount is written off over years" in error.text
    assert not CostItem.objects.exists()


def test_a_write_off_above_fifty_years_is_refused(owner_client, scenario, hx):
    url = f"/scenarios/{scenario.pk}/costs/new/"
    response = owner_client.post(
        url, {**COST, "useful_life_years": "51", "version": "0"}, headers=hx
    )
    assert response.status_code == 422
    assert not CostItem.objects.exists()


def test_loan_terms_of_a_plan_model_loan():
    # A 0 % loan of 1,200.00 over 12 months: 100.00 a month, no interest.
    loan = m.Loan("Family", D(1200), m.YearMonth(2027, 1), D(0), 12)
    terms = loan_terms(loan, m.YearMonth(2027, 1), 24)
    assert terms.payment == D("100.00") and terms.first_year_interest == D("0.00")
    assert terms.first_repayment == m.YearMonth(2027, 2)


# --- where the loan's money shows --------------------------------------------------------------


def calendar_rows(html: str) -> list[list[str]]:
    calendar = parse(html).find(id="payments")
    return [
        [cell.text.strip() for cell in row.find_all("th") + row.find_all("td")]
        for row in calendar.find("tbody").find_all("tr")
    ]


def test_the_payment_calendar_has_the_loans_schedule(owner_client, scenario):
    # The worked loan above: 60.00 interest in Feb, Mar and Apr 2027, then 531.85 a month from
    # May 2027 (an annuity: interest and repayment together).
    make_loan(scenario)
    rows = calendar_rows(owner_client.get(f"/scenarios/{scenario.pk}/").text)
    assert ["Feb 2027", "Start-up loan: interest only", "€60.00"] in rows[:2]
    assert ["Apr 2027", "Start-up loan: interest only", "€60.00"] in rows
    assert ["May 2027", "Start-up loan: interest and repayment", "€531.85"] in rows
    assert ["Jun 2027", "Start-up loan: interest and repayment", "€531.85"] in rows
    assert not any("Jan 2027" in row[0] and "Start-up" in "".join(row) for row in rows)


def test_the_repayments_start_is_a_warning_with_month_and_amount(owner_client, owner, scenario):
    make_loan(scenario)
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    warning = parse(html).find(id="cliff-loan-repayments-start-1")
    assert warning.text.strip() == (
        "In May 2027 the repayments of “Start-up loan” start: €531.85 that month, after €60.00 "
        "a month of interest only."
    )
    owner.profile.language = "de"
    owner.profile.save()
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    warning = parse(html).find(id="cliff-loan-repayments-start-1")
    assert warning.text.strip() == (
        "Im Mai 2027 beginnt die Tilgung von „Start-up loan“: 531,85\u00a0€ in diesem Monat, "
        "nach 60,00\u00a0€ im Monat nur für Zinsen."
    )


def test_two_loans_of_one_name_warn_once_each(owner_client, scenario):
    make_loan(scenario)
    make_loan(scenario, grace_months=0, repay_months=12, kind="linear")
    html = owner_client.get(f"/scenarios/{scenario.pk}/").text
    first = parse(html).find(id="cliff-loan-repayments-start-1").text
    second = parse(html).find(id="cliff-loan-repayments-start-2").text
    assert "May 2027" in first
    # linear 12,000.00 over 12 months from Feb 2027: 1,000.00 + 60.00 interest.
    assert (
        second.strip()
        == "From February 2027 you repay “Start-up loan”: €1,060.00 in the first month."
    )


def test_the_cash_flow_table_has_the_loans_columns(owner_client, scenario):
    make_loan(scenario)
    html = owner_client.get(f"/scenarios/{scenario.pk}/table/cashflow/").text
    table = parse(html).find("table")
    heads = [th.text.strip() for th in table.find("thead").find_all("th")]
    assert heads[-4:] == ["Loan paid out", "Loan interest", "Loan repayment", "Net cash flow"]
    rows = {
        tr.find("th").text.strip(): [td.text.strip() for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }
    assert rows["Jan 2027"][-4:-1] == ["€12,000.00", "€0.00", "€0.00"]
    assert rows["May 2027"][-4:-1] == ["€0.00", "€60.00", "€471.85"]


def test_without_loans_the_cash_flow_table_keeps_its_columns(owner_client, scenario):
    html = owner_client.get(f"/scenarios/{scenario.pk}/table/cashflow/").text
    heads = [th.text.strip() for th in parse(html).find("table").find("thead").find_all("th")]
    assert "Loan interest" not in heads and heads[-1] == "Net cash flow"


def test_compare_shows_the_loans_and_write_offs_that_differ(owner_client, owner, scenario):
    from django.urls import reverse

    other = make_scenario(owner, name="Without a loan")
    make_loan(scenario)
    CostItem.objects.create(
        scenario=scenario,
        name="Laptop",
        category="equipment",
        amount=D(1500),
        frequency="once",
        start_month=scenario.start_month,
        useful_life_years=3,
    )
    html = owner_client.get(reverse("planning:compare"), {"ids": f"{scenario.pk},{other.pk}"}).text
    rows = {
        tr.find("th").text.strip(): [td.text.strip() for td in tr.find_all("td")]
        for tr in parse(html).find_all("tr")
        if tr.find("th") and tr.find_all("td")
    }
    assert rows["Loans"] == ["1", "0"]
    assert rows["Start-up loan"] == [
        "€12,000.00 at 6\u00a0% from Jan 2027, annuity over 24 months, after 3 months of "
        "interest only",
        "—",
    ]
    assert rows["Laptop"][0].endswith(", written off over 3 years")


def test_the_csv_has_the_loans_columns(owner_client, scenario):
    # The projection's CSV (the CLI's bytes) carries the loan's money in its v3 columns.
    make_loan(scenario)
    text = owner_client.get(f"/scenarios/{scenario.pk}/projection.csv").text
    header, *lines = text.splitlines()
    names = header.split(",")
    may = dict(zip(names, lines[4].split(","), strict=True))
    assert may["month"] == "2027-05"
    assert (may["loan_in"], may["loan_interest"], may["loan_repayment"]) == (
        "0.00",
        "60.00",
        "471.85",
    )
    january = dict(zip(names, lines[0].split(","), strict=True))
    assert january["loan_in"] == "12000.00"


def test_the_shared_report_states_the_loans_and_hides_their_amounts_when_asked(client, scenario):
    import re

    from ecareer.sharing.models import ShareLink

    make_loan(scenario)
    shown = ShareLink.objects.create(scenario=scenario)
    section = parse(client.get(f"/r/{shown.token}/").text).find(id="report-loans")
    assert section.find("h2").text == "Loans"
    cells = [td.text.strip() for td in section.find("tbody").find_all("td")]
    assert cells[:3] == ["Start-up loan", "€12,000.00", "Jan 2027"]
    assert cells[-1] == "annuity over 24 months, after 3 months of interest only"
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    html = client.get(f"/r/{hidden.token}/").text
    assert parse(html).find(id="report-loans") is not None
    assert not re.search(r"€\s?-?\d|\d\s?€|EUR\s?-?\d", html)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_shorter_plan_that_would_leave_a_loan_outside_is_refused(
    owner_client, scenario, hx, htmx
):
    from tests.planning.factories import SETTINGS

    make_loan(scenario, start_month=scenario.start_month.replace(year=2029, month=6))
    data = {**SETTINGS, "start_month": "2027-01", "horizon_months": "24"}  # ends Dec 2028
    response = owner_client.post(
        f"/scenarios/{scenario.pk}/settings/", data, headers=hx if htmx else {}
    )
    assert response.status_code == 422
    error = parse(response.text).find(id="settings-horizon_months_error")
    assert "The loan “Start-up loan” is paid out outside this plan" in error.text
    scenario.refresh_from_db()
    assert scenario.horizon_months == 36
    longer = {**SETTINGS, "start_month": "2027-01", "horizon_months": "48"}
    assert owner_client.post(f"/scenarios/{scenario.pk}/settings/", longer).status_code == 302


def test_the_cached_page_shows_a_loan_added_elsewhere(owner_client, scenario):
    # The page cache's stamp reads the loans too: a loan stored meanwhile is on the next view.
    url = f"/scenarios/{scenario.pk}/"
    assert "No loans." in owner_client.get(url).text
    assert "No loans." in owner_client.get(url).text  # from the cache now
    make_loan(scenario)
    html = owner_client.get(url).text
    assert "No loans." not in html and "Start-up loan" in html
