"""Model v3 worked by hand from DESIGN.md's formulas, through the CLI (`--format json`).

DESIGN.md's five worked v3 examples, then the situations of issue 21: a married couple with a
start-up loss, a commuter's side business, a family-insured shop crossing the limit, a KSK
writer, a call-center seat leaving the founder years, trade tax on the town's dates, loans that
run past the plan and a laptop written off over three years. Tariff values are worked with
2026's constants (GFB 12,348, E2 17,799, zone 3: (173.10 z + 2397) z + 1034.87).
"""

import io
import json
from decimal import Decimal as D

from ecareer.projection import decide_cli
from tests.projection.v2_files import cost, income, plan, run_cli

CENT = D("0.01")


def v3(tax=None, start_grant=None, loans=(), **fields) -> dict:
    """An `ecareer.scenario/3` file from 2026-01; tax: the `de` block's settings."""
    fields.setdefault("horizon", 24)
    data = plan(tax=None if tax is None else {"regime": "de", **tax}, **fields)
    data["format"] = "ecareer.scenario/3"
    if start_grant is not None:
        data["start_grant"] = start_grant
    data["loans"] = list(loans)
    return data


def column(output: dict, name: str) -> list[D]:
    return [row[name] for row in output["months"]]


def at(output: dict, month: str) -> dict:
    return next(row for row in output["months"] if row["month"] == month)


WRITER = [income(amount="5000")]  # the writer's EUR 5,000 profit a month (VAT rate 0)


def test_design_example_1_married_family_insured_with_the_spouses_salary():
    # P = 60,000, average 5,000 > FL 565: not a family year, S = 21.1 % x 5,000 = 1,055.00.
    # E = 40,000 + 60,000 = 100,000; D = 12 x 1,055 = 12,660; x = 87,340; x0 = 40,000.
    # tariff_h(87,340) = 2 x tariff(43,670) = 2 x 8,394 = 16,788; tariff_h(40,000) =
    # 2 x tariff(20,000) = 2 x 1,570 = 3,140; ESt = 13,648; 16,788 <= 2F = 40,700: no surcharge.
    out = run_cli(
        v3(
            {"household": "married", "other_taxable_income": "40000",
             "health_insurance": "family"},
            incomes=WRITER,
        )
    )  # fmt: skip
    # No assessed year yet: treated as a family year, so nothing provisional until 2027-09.
    assert column(out, "social_insurance")[:20] == [0] * 20
    sept = at(out, "2027-09")
    assert sept["social_insurance"] == D("13715.00")  # 12 x 1,055.00 settled + 1,055.00
    assert sept["taxes"] == D("23884.00")  # 13,648 + 2 x 3,412 catch-up + 3,412
    assert at(out, "2027-12")["taxes"] == D("3412.00")
    assert at(out, "2027-10")["social_insurance"] == D("1055.00")
    assert out["kpis"]["owed_at_end"] == D("8440.00")  # 12 x 1,055 - 4 x 1,055 for 2027


def test_design_example_2_founder_half_pension():
    # profit 2,000: health base 2,000.00, S = 21.1 % = 422.00; pension 0.186 x 3,955 / 2 =
    # 367.815 -> 367.82 a month (2026 and 2027 are founder years). D = 12 x 789.82 = 9,477.84;
    # x = floor(24,000 - 9,477.84) = 14,522; y = 0.2174; ESt = floor((914.51 y + 1400) y) = 347.
    out = run_cli(v3({"pension": "founder_half"}, incomes=[income(amount="2000")]))
    assert column(out, "pension_insurance") == [D("367.82")] * 24
    # provisional health on the minimum base 278.17 plus the pension, paid from January
    assert at(out, "2026-01")["social_insurance"] == D("645.99")
    assert at(out, "2026-01")["social_insurance_accrued"] == D("789.82")  # 422.00 + 367.82
    assert at(out, "2026-01")["taxes_accrued"] == D("28.92")  # 347 / 12 = 28.916...
    # T_2026 = 347.00 < 400: settled at 2027-09, and no prepayments follow
    assert [(r["month"], r["taxes"]) for r in out["months"] if r["taxes"]] == [
        ("2027-09", D("347.00"))
    ]
    # the health settlement 12 x (422.00 - 278.17) = 1,725.96 plus 422.00 + 367.82 provisional
    assert at(out, "2027-09")["social_insurance"] == D("2515.78")


def test_design_example_3_start_grant_is_cash_and_counts_for_the_health_base():
    # benefit 1,500, second phase: 1,800 in Jan-Jun 2026, 300 in Jul 2026 - Mar 2027.
    # base_2026 = max(1,318.33, (0 + 9,000) / 12 = 750) = 1,318.33, S = 278.17; no tax.
    out = run_cli(v3({}, start_grant={"benefit": "1500.00"}))
    assert column(out, "grants") == [D("1800.00")] * 6 + [D("300.00")] * 9 + [D("0.00")] * 9
    assert column(out, "income") == [0] * 24  # not income
    assert column(out, "social_insurance_accrued") == [D("278.17")] * 24
    assert column(out, "taxes") == [0] * 24
    # net = grant - contribution: 1,800 - 278.17 = 1,521.83
    assert at(out, "2026-01")["net_cash_flow"] == D("1521.83")
    assert out["kpis"]["final_balance"] == D("6823.92")  # 19,500 - 24 x 278.17
    assert out["kpis"]["owed_at_end"] == D("0.00")


def test_start_grant_benefit_raises_the_statutory_base_above_the_minimum():
    # benefit 2,000 and profit 1,000 a month over 2026: (12,000 + 6 x 2,000) / 12 = 2,000.00,
    # S = 21.1 % x 2,000 = 422.00 (the 300 is not counted). x = 12,000 - 12 x 422 < GFB: no tax.
    out = run_cli(v3({}, start_grant={"benefit": "2000", "second_phase": False},
                     incomes=[income(amount="1000")], horizon=12))  # fmt: skip
    assert column(out, "social_insurance_accrued") == [D("422.00")] * 12
    assert column(out, "grants") == [D("2300.00")] * 6 + [D("0.00")] * 6
    # provisional: minimum base (no assessed year), so 278.17 paid; the rest owed at the end
    assert out["kpis"]["owed_at_end"] == D("1725.96")  # 12 x (422.00 - 278.17)


def test_design_example_4_annuity_with_grace_months():
    # i = 0.005; interest 50.00 in Feb-Apr 2026; payments round_cents(10,000 x 0.005 /
    # (1 - 1.005^-12)) = 860.66 from May 2026: May interest 50.00, repayment 810.66; then
    # interest on the rest: June 9,189.34 x 0.005 = 45.9467 -> 45.95, repayment 814.71.
    loan = {"name": "Bank", "amount": "10000.00", "start": "2026-01", "interest_pct": "6",
            "grace_months": 3, "repay_months": 12}  # fmt: skip
    out = run_cli(v3({}, loans=[loan]))
    assert at(out, "2026-01")["loan_in"] == D("10000.00")
    interest, repayment = column(out, "loan_interest"), column(out, "loan_repayment")
    assert interest[:6] == [0, D("50.00"), D("50.00"), D("50.00"), D("50.00"), D("45.95")]
    assert repayment[:6] == [0, 0, 0, 0, D("810.66"), D("814.71")]
    # every payment is 860.66 but the 12th (Apr 2027), which repays the rest: 860.70 in all
    paid = [i + r for i, r in zip(interest[4:16], repayment[4:16], strict=True)]
    assert paid == [D("860.66")] * 11 + [D("860.70")]
    assert sum(repayment) == D("10000.00")
    assert interest[16:] == [0] * 8 and repayment[16:] == [0] * 8
    # interest is a business expense in tax_profit (not in profit's columns), debt service is
    # cash and an outgoing: May 2026 net = -278.17 - 50.00 - 810.66
    may = at(out, "2026-05")
    assert may["tax_profit"] == D("-50.00") and may["business_costs"] == 0
    assert may["net_cash_flow"] == D("-1138.83")
    assert may["outgoings"] == D("1138.83")  # 278.17 + 50.00 + 810.66


def test_design_example_5_trade_tax_on_the_towns_dates():
    # U_2026 = 60,000: M = 0.035 x 35,500 = 1,242.50, GewSt = 4,970.00. ESt 9,626 (example of
    # "When the money leaves"), K = min(4,970, 4,970, 9,626): I = 4,656.00.
    out = run_cli(v3({"trade": True}, incomes=WRITER))
    taxes = {r["month"]: r["taxes"] for r in out["months"] if r["taxes"]}
    assert taxes == {
        "2027-09": D("8148.00"),  # 4,656 + 2 x 1,164 (Mar, Jun) + 1,164
        "2027-10": D("8697.50"),  # the town's notice: 4,970 + 3 x 1,242.50 (Feb, May, Aug)
        "2027-11": D("1242.50"),
        "2027-12": D("1164.00"),
    }
    assert at(out, "2026-01")["taxes_accrued"] == D("802.17")  # (4,656 + 4,970) / 12
    assert out["kpis"]["owed_at_end"] == D("6214.64")  # health only: 2027's taxes are prepaid


def test_a_plan_ending_between_the_tax_offices_and_the_towns_assessment():
    # 21 months: the last month is 2027-09 = A(2026); the town's notice, 2027-10, is outside.
    # 2027 (9 months): P = 45,000, S = 1,055.00; U = 45,000: M = 0.035 x 20,500 = 717.50,
    # GewSt = 2,870.00; x = 45,000 - 9 x 1,055 = 35,505, z = 1.7706, ESt = 5,821,
    # K = min(2,870, 2,870, 5,821) = 2,870, I = 2,951.00.
    out = run_cli(v3({"trade": True}, incomes=WRITER, horizon=21))
    assert at(out, "2027-09")["taxes"] == D("8148.00")  # the tax office only
    assert [r["taxes"] for r in out["months"][:20]] == [0] * 20  # no town payment before
    # owed: I_2027 - prepaid_2027 = 2,951 - 3 x 1,164 = -541.00; the town's 4,970.00 (2026)
    # and 2,870.00 (2027); health 2027: 9 x 1,055 - (8 x 278.17 + 1,055) = 6,214.64.
    assert out["kpis"]["owed_at_end"] == D("13513.64")


def test_trade_tax_with_estimate_is_prepaid_in_the_towns_months():
    # estimate: GewSt_2026 / 4 = 1,242.50 in Feb, May, Aug and Nov; I_2026 / 4 = 1,164.00 in
    # Mar, Jun, Sep and Dec.
    out = run_cli(v3({"trade": True, "prepayments": "estimate"}, incomes=WRITER, horizon=12))
    taxes = column(out, "taxes")
    assert taxes == [0, D("1242.50"), D("1164.00")] * 4
    assert out["kpis"]["owed_at_end"] == D("0.00")


def test_married_couple_with_a_salary_and_a_start_up_loss_gets_a_refund():
    # Spouse's salary O = 50,000; the business loses 1,000 a month in 2026 and earns nothing
    # in 2027; health `family` (a loss is a family year: S = 0). 2026: E = 50,000 - 12,000 =
    # 38,000, x = 38,000, x0 = 50,000. tariff_h(38,000) = 2 x tariff(19,000) = 2 x 1,325
    # (z = 0.1201) = 2,650; tariff_h(50,000) = 2 x tariff(25,000) = 2 x 2,850 (z = 0.7201) =
    # 5,700: ESt = -3,050, no surcharge either way (below 2F). T_2026 = -3,050.00, below 400:
    # no prepayments; the assessment in 2027-09 refunds it. 2027: E = 50,000 = x0: 0.
    out = run_cli(
        v3(
            {"household": "married", "other_taxable_income": "50000",
             "health_insurance": "family"},
            costs=[cost(amount="1000", end="2026-12")],
        )
    )  # fmt: skip
    assert at(out, "2026-01")["taxes_accrued"] == D("-254.17")  # -3,050 / 12
    assert [(r["month"], r["taxes"]) for r in out["months"] if r["taxes"]] == [
        ("2027-09", D("-3050.00"))
    ]
    assert column(out, "social_insurance") == [0] * 24
    assert out["kpis"]["owed_at_end"] == D("0.00")


def test_commuters_side_business_on_top_of_40000():
    # Single, O = 40,000 (the salary), health `employed` (no contributions), profit 1,000 a
    # month. E = 52,000 = x; x0 = 40,000; zone 3: tariff(52,000) = 11,257 (z = 3.4201),
    # tariff(40,000) = 7,209 (z = 2.2201): ESt = 4,048; 11,257 <= F 20,350: no surcharge.
    out = run_cli(
        v3({"other_taxable_income": "40000", "health_insurance": "employed"},
           incomes=[income(amount="1000")])
    )  # fmt: skip
    assert column(out, "social_insurance") == [0] * 24
    assert at(out, "2026-01")["taxes_accrued"] == D("337.33")  # 4,048 / 12
    taxes = {r["month"]: r["taxes"] for r in out["months"] if r["taxes"]}
    # A(2026) = 2027-09: 4,048 + catch-up 2 x 1,012 + 1,012; then 1,012 in December
    assert taxes == {"2027-09": D("7084.00"), "2027-12": D("1012.00")}
    assert out["kpis"]["owed_at_end"] == D("0.00")  # 2027's 4,048 is prepaid in full


def test_family_insured_shop_crossing_565_in_its_second_year():
    # 2026: profit 500 a month, 500 <= FL 565: a family year, S = 0. 2027 and 2028: 1,000 a
    # month > 565: S = 21.1 % x max(1,318.33, 1,000) = 278.17. Provisional 0 until A(2027) =
    # 2028-09 (before: no assessed year, then 2026 a family year); then the insurer charges
    # 2027 in full, 12 x 278.17 = 3,338.04, plus 278.17 for September (Y' = 2027 is not a
    # family year). No tax: x = 12,000 - 3,338.04 < GFB. A trade, but U < 24,500: no GewSt.
    out = run_cli(
        v3(
            {"health_insurance": "family", "trade": True},
            incomes=[income(amount="500", end="2026-12"),
                     income("More", amount="1000", start="2027-01")],
            horizon=36,
        )
    )  # fmt: skip
    paid = column(out, "social_insurance")
    assert paid[:32] == [0] * 32
    assert at(out, "2028-09")["social_insurance"] == D("3616.21")  # 3,338.04 + 278.17
    assert paid[33:] == [D("278.17")] * 3
    assert column(out, "social_insurance_accrued") == [0] * 12 + [D("278.17")] * 24
    assert column(out, "taxes") == [0] * 36
    assert out["kpis"]["owed_at_end"] == D("2225.36")  # 2028: 12 x 278.17 - 4 x 278.17


def test_ksk_writer_below_and_above_the_minimum_bases():
    # KSK rate: 14.6/2 + 2.9/2 + 3.6 - 1.8 = 10.55 %. Profit 300 a month: KB = max(3,955 / 6
    # = 659.1666..., 300) -> 659.17; S = 10.55 % x 659.17 = 69.5424... -> 69.54; pension part
    # 9.3 % x max(325, 300) = 30.225 -> 30.23. Paid every month, final: nothing settled or
    # owed for them. x = 3,600 - 12 x 99.77 < GFB: no tax.
    low = run_cli(v3({"health_insurance": "ksk"}, incomes=[income(amount="300")], horizon=12))
    assert column(low, "social_insurance") == [D("99.77")] * 12
    assert column(low, "pension_insurance") == [D("30.23")] * 12
    assert column(low, "social_insurance_accrued") == [D("99.77")] * 12
    assert low["kpis"]["owed_at_end"] == D("0.00")
    # Profit 3,000: KB = 3,000, S = 316.50; pension 9.3 % x 3,000 = 279.00.
    # x = 36,000 - 12 x 595.50 = 28,854; z = 1.1055; ESt = floor(3,896.30) = 3,896: owed at the
    # end (A(2026) is after the plan), the contributions not.
    high = run_cli(v3({"health_insurance": "ksk"}, incomes=[income(amount="3000")], horizon=12))
    assert column(high, "social_insurance") == [D("595.50")] * 12
    assert column(high, "pension_insurance") == [D("279.00")] * 12
    assert high["kpis"]["owed_at_end"] == D("3896.00")


def test_call_center_seat_leaves_the_founder_years_for_regular():
    # founder_half in 2026..2029 (start year + 3): 0.186 x 3,955 / 2 = 367.82; regular from
    # 2030: 0.186 x 3,955 = 735.63 (years after 2026 use 2026's figures). Health at 2,000
    # profit: 422.00 a month, so accrued 789.82, then 1,157.63.
    out = run_cli(
        v3({"pension": "founder_half", "trade": True}, incomes=[income(amount="2000")],
           horizon=60)
    )  # fmt: skip
    pension = column(out, "pension_insurance")
    assert pension == [D("367.82")] * 48 + [D("735.63")] * 12
    assert at(out, "2029-12")["social_insurance_accrued"] == D("789.82")
    assert at(out, "2030-01")["social_insurance_accrued"] == D("1157.63")
    # the pension is cash in every month, within social_insurance
    assert at(out, "2030-01")["social_insurance"] == D("1157.63")  # provisional 422 (2028)


def test_pension_income_exempts_a_mini_job_sized_business():
    # income: 600 a month <= J 603: R = 0; 1,000 a month: 0.186 x 1,000 = 186.00.
    small = run_cli(v3({"pension": "income"}, incomes=[income(amount="600")], horizon=12))
    assert column(small, "pension_insurance") == [0] * 12
    large = run_cli(v3({"pension": "income"}, incomes=[income(amount="1000")], horizon=12))
    assert column(large, "pension_insurance") == [D("186.00")] * 12


def test_an_annuity_and_a_linear_loan_running_past_the_horizon():
    # Annuity 12,000 at 5 % over 24 months from 2026-01: i = 5/1200; payment
    # round_cents(12,000 x i / (1 - (1 + i)^-24)) = 526.4567 -> 526.46. Feb: interest 50.00,
    # repayment 476.46, rest 11,523.54; Mar: 11,523.54 x i = 48.0148 -> 48.01, repayment
    # 478.45. Linear 6,000 at 4 % over 12 months, paid out 2026-07 with 2 grace months:
    # interest 20.00 in Aug and Sep; from Oct 500.00 a month plus interest: Oct 20.00, Nov
    # 5,500 x 4/1200 = 18.33, Dec 5,000 x 4/1200 = 16.67. The plan ends in Dec 2026.
    annuity = {
        "name": "Bank",
        "amount": "12000",
        "start": "2026-01",
        "interest_pct": "5",
        "repay_months": 24,
    }
    linear = {"name": "KfW", "amount": "6000", "start": "2026-07", "interest_pct": "4",
              "grace_months": 2, "repay_months": "12", "kind": "linear"}  # fmt: skip
    out = run_cli(v3({}, loans=[annuity, linear], horizon=12))
    assert column(out, "loan_in") == [D("12000.00")] + [0] * 5 + [D("6000.00")] + [0] * 5
    interest, repayment = column(out, "loan_interest"), column(out, "loan_repayment")
    assert interest[1:3] == [D("50.00"), D("48.01")]
    assert repayment[1:3] == [D("476.46"), D("478.45")]
    # the annuity pays 526.46 in every month Feb-Jun; from Aug the linear loan adds its part
    assert [i + r for i, r in zip(interest[1:6], repayment[1:6], strict=True)] == [D("526.46")] * 5
    # the annuity's k-th payment is in month k (Feb = 1): Aug-Dec are its 7th to 11th, with
    # interest 37.96, 35.93, 33.88, 31.83, 29.77 on the rest (each rest x i, rounded)
    assert interest[7:] == [
        D("37.96") + D("20.00"), D("35.93") + D("20.00"), D("33.88") + D("20.00"),
        D("31.83") + D("18.33"), D("29.77") + D("16.67"),
    ]  # fmt: skip
    assert repayment[9:] == [D("492.58") + D("500.00"), D("494.63") + D("500.00"),
                             D("496.69") + D("500.00")]  # fmt: skip
    # Still outstanding after the plan: 12,000 - 5,351.64 = 6,648.36 and 4,500; nothing owed
    # at the end for a loan.
    assert sum(repayment) == D("12000") - D("6648.36") + D("1500")
    assert out["kpis"]["owed_at_end"] == D("0.00")
    # interest lowers tax_profit (no income: tax_profit = -interest)
    assert column(out, "tax_profit") == [-i for i in interest]


def test_a_laptop_with_a_three_year_life_bought_mid_year():
    # 1,900 once in 2026-07, useful life 3: 1,900 / 36 = 52.7777... a month from 2026-07 to
    # 2029-06. Flat regime 25 %, income 1,000 a month. July: tax_profit = 1,000 - 1,900 +
    # 1,900 - 52.78 = 947.22; the cash leaves in July (business_costs 1,900).
    out = run_cli(
        v3(None, incomes=[income(amount="1000")], tax_rate_pct="25", horizon=48,
           costs=[cost("Laptop", "1900", "2026-07", frequency="once", useful_life_years=3)])
    )  # fmt: skip
    depreciation = column(out, "depreciation")
    assert depreciation == [0] * 6 + [D("52.78")] * 36 + [0] * 6
    july = at(out, "2026-07")
    assert july["business_costs"] == D("1900.00")
    assert july["tax_profit"] == D("947.22")
    assert july["taxes"] == D("236.81")  # 25 % x 947.2222 = 236.8055...
    assert at(out, "2026-06")["taxes"] == D("250.00")
    assert at(out, "2029-07")["tax_profit"] == D("1000.00")
    # over the three years the write-off adds up to the price (36 x 52.7777... = 1,900), up to
    # each month's own rounding to cents (36 x 52.78 = 1,900.08)
    assert sum(column(out, "tax_profit")) == 48 * 1000 - D("1900.08")


def test_a_write_off_in_a_registered_month_is_net_of_vat():
    # Registered for VAT: a laptop of 1,190 with 19 % VAT is 1,000 net; 1,000 / 36 = 27.78.
    out = run_cli(
        v3({"vat": "registered"}, horizon=12,
           costs=[cost("Laptop", "1190", "2026-01", frequency="once", useful_life_years=3,
                       vat_rate_pct="19")])
    )  # fmt: skip
    assert column(out, "depreciation") == [D("27.78")] * 12
    assert at(out, "2026-01")["business_costs"] == D("1000.00")
    assert at(out, "2026-01")["tax_profit"] == D("-27.78")
    assert at(out, "2026-01")["vat_due"] == D("-190.00")


def decide(data: dict, *args: str) -> dict:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = decide_cli.main(["-", *args], io.StringIO(json.dumps(data)), stdout, stderr)
    assert (status, stderr.getvalue()) == (0, "")
    return json.loads(stdout.getvalue(), parse_float=D)


def test_decide_on_a_v3_file_with_a_loan():
    # Flat 0 %, living 1,000, income 500 a month, a loan of 6,000 at 0 % paid out in month 0
    # and repaid by 1,000 a month in months 1..6; 12 months from 0. With the price x k:
    # balance_m = 6,000 + (m + 1)(500 k - 1,000) - 1,000 min(m, 6); at m = 11 (and m = 6) it is
    # (m + 1)(500 k - 1,000) >= 0: k = 2, the stream's new amount 1,000.00.
    loan = {"name": "Family", "amount": "6000", "start": "2026-01", "interest_pct": "0",
            "repay_months": 6}  # fmt: skip
    data = v3(None, loans=[loan], living="1000", incomes=[income(amount="500")], horizon=12)
    price = decide(data, "--what", "price", "--income", "Work")
    assert (price["factor"], price["value"], price["met"]) == (D("2.000"), D("1000.00"), True)


def test_decide_on_a_v3_file_with_a_start_grant():
    # No income, living 1,000, a grant with benefit 700: 1,000 in months 0..5 and 300 in 6..11.
    # Starting balance: the balance falls by 700 a month from month 6: lowest at month 11,
    # start - 4,200, so 4,200.00. Living costs L with start 0: X_m = cumulated grants, c_m =
    # m + 1; X_m / c_m is 1,000 up to month 5, then (6,000 + 300 (m - 5)) / (m + 1), smallest
    # at m = 11: 7,800 / 12 = 650.00.
    data = v3(None, start_grant={"benefit": "700"}, living="1000", horizon=12)
    start = decide(data, "--what", "starting_balance", "--risk", "0")
    assert (start["value"], start["met"]) == (D("4200.00"), True)
    living = decide(data, "--what", "living_costs", "--risk", "0")
    assert (living["value"], living["met"]) == (D("650.00"), True)
