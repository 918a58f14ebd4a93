"""VAT in regime `de` and costs that are a share of income, worked by hand (DESIGN.md)."""

import dataclasses
from decimal import Decimal as D

import numpy as np

from ecareer.projection.engine import project
from ecareer.projection.model import (
    Category,
    CostBasis,
    CostItem,
    Frequency,
    HealthInsurance,
    IncomeStream,
    Pricing,
    RiskSettings,
    Scenario,
    TaxRegime,
    TaxSettings,
    VatStatus,
    YearMonth,
)
from ecareer.projection.risk import path_balances, simulate

OTHER = HealthInsurance.OTHER


def ym(text: str) -> YearMonth:
    return YearMonth.parse(text)


def income(amount, start="2026-01", end=None, vat="19", included=False, name="sales", **fields):
    return IncomeStream(
        name=name,
        pricing=Pricing.FIXED,
        amount=D(amount),
        frequency=Frequency.MONTHLY,
        start=ym(start),
        end=None if end is None else ym(end),
        vat_rate_pct=D(vat),
        prices_include_vat=included,
        **fields,
    )


def cost(amount, vat="19", start="2026-01", category=Category.SOFTWARE, **fields):
    return CostItem(
        name=fields.pop("name", "cost"),
        category=category,
        amount=D(amount),
        frequency=Frequency.MONTHLY,
        start=ym(start),
        vat_rate_pct=D(vat),
        **fields,
    )


def share(pct, stream=None, vat="19", category=Category.GOODS):
    return cost(pct, vat=vat, category=category, basis=CostBasis.INCOME_SHARE, income=stream)


def plan(incomes, costs=(), horizon=12, vat=VatStatus.SMALL_BUSINESS, regime=TaxRegime.DE):
    return Scenario(
        name="vat",
        start=ym("2026-01"),
        horizon_months=horizon,
        incomes=tuple(incomes),
        costs=tuple(costs),
        tax=TaxSettings(regime=regime, health_insurance=OTHER, vat=vat),
    )


def column(projection, name) -> list[D]:
    return [row[name] for row in projection.rows()]


def cents(*values) -> list[D]:
    return [D(str(v)).quantize(D("0.01")) for v in values]


def test_founding_year_passes_25000_in_may_and_pays_q2_in_july():
    # A shop selling to consumers: 6,000 a month, prices include 19 % VAT.
    # R: Jan 6,000, Feb 12,000, Mar 18,000, Apr 24,000 (<= 25,000: exempt); May 30,000 > 25,000:
    # registered from May. Then net 6,000 / 1.19 = 5,042.02, VAT 957.98 (957.983193...).
    p = project(plan([income("6000", included=True)]))
    assert column(p, "income") == cents(*[6000] * 4, *[5042.02] * 8)
    assert column(p, "vat_due") == cents(*[0] * 4, *[957.98] * 8)
    # Q2 = May + June = 1,915.966... -> 1,915.97 paid in July; Q3 = 2,873.949... paid in October;
    # Q1 had nothing, so April pays 0.
    assert column(p, "vat_paid") == cents(0, 0, 0, 0, 0, 0, 1915.97, 0, 0, 2873.95, 0, 0)
    # The VAT is cash held until the return: May keeps 5,042.02 + 957.98 = 6,000.00 (no tax is
    # paid in 2026); July pays 1,915.97 of it.
    flow = column(p, "net_cash_flow")
    assert flow[4] == D("6000.00") and flow[6] == D("4084.03")
    # owed_at_end: Q4 (paid 2027-01) 2,873.95, plus T_2026: P = 24,000 + 8 x 5,042.0168 =
    # 64,336.13; x = 64,336; z = 4.6537; ESt = floor(15,938.60) = 15,938 (< F): 18,811.95
    assert p.kpis.owed_at_end == D("18811.95")


def test_a_year_starts_registered_after_a_year_above_25000():
    # 2,500 a month to business clients (VAT on top). 2026: R reaches 25,000 in October (not
    # above: exempt), 27,500 in November: registered November and December, VAT 475 each.
    # Turnover 2026 = 10 x 2,500 + 2 x 2,500 = 30,000 > 25,000: 2027 is registered from January.
    p = project(plan([income("2500")], horizon=24))
    assert column(p, "vat_due") == cents(*[0] * 10, *[475] * 14)
    paid = column(p, "vat_paid")
    # 2026's VAT (950) is below 9,000: quarterly returns in 2027. Jan 2027 pays Q4 2026 = 950;
    # April pays Q1 2027 = 1,425; July and October 1,425 each.
    assert paid[12:] == cents(950, 0, 0, 1425, 0, 0, 1425, 0, 0, 1425, 0, 0)
    assert paid[:12] == cents(*[0] * 12)


def test_a_later_year_stays_exempt_up_to_100000():
    # 2026: 2,000 a month = 24,000 (<= 25,000): 2027 starts exempt under the 100,000 limit.
    # 2027: 10,000 a month: R = 100,000 in October (not above), 110,000 in November: registered
    # November and December, VAT 1,900 each.
    p = project(
        plan(
            [income("2000", end="2026-12", name="a"), income("10000", start="2027-01", name="b")],
            horizon=24,
        )
    )
    assert column(p, "vat_due") == cents(*[0] * 22, 1900, 1900)


def test_monthly_returns_after_a_year_above_9000():
    # Registered, 5,000 a month plus 19 %: 950 VAT a month; 2026 sums 11,400 > 9,000, so 2027
    # files monthly. 2026: April, July, October pay 2,850 each; Jan 2027 pays Q4 2026 = 2,850;
    # from February each month pays the month before, 950.
    p = project(plan([income("5000")], horizon=24, vat=VatStatus.REGISTERED))
    paid = column(p, "vat_paid")
    assert paid[:12] == cents(0, 0, 0, 2850, 0, 0, 2850, 0, 0, 2850, 0, 0)
    assert paid[12:] == cents(2850, *[950] * 11)
    # 3,000 a month: 570 x 12 = 6,840 <= 9,000: 2027 stays quarterly (Q4 2026 = 1,710 in Jan)
    p = project(plan([income("3000")], horizon=24, vat=VatStatus.REGISTERED))
    assert column(p, "vat_paid")[12:] == cents(1710, 0, 0, 1710, 0, 0, 1710, 0, 0, 1710, 0, 0)


def test_input_vat_of_costs_by_their_rate():
    # Registered; 1,000 + 19 % = 190 output VAT. Costs as paid: 119 at 19 % (net 100, VAT 19),
    # 107 at 7 % (net 100, VAT 7), 100 at 0 % (net 100). vat_due = 190 - 19 - 7 = 164;
    # business costs 300 net; outgoings count costs as entered: 119 + 107 + 100 = 326.
    costs = [cost("119"), cost("107", vat="7"), cost("100", vat="0")]
    p = project(plan([income("1000")], costs, horizon=3, vat=VatStatus.REGISTERED))
    assert column(p, "vat_due") == cents(164, 164, 164)
    assert column(p, "business_costs") == cents(300, 300, 300)
    assert column(p, "outgoings") == cents(326, 326, 326)
    # Q1 = 492 paid in April, after the plan: owed at the end (no income tax on 8,400 a year)
    assert p.kpis.owed_at_end == D("492.00")


def test_an_income_share_cost_with_vat():
    # Registered; 1,190 consumer price incl. 19 %: net 1,000, VAT 190. Goods at 40 % of the net
    # income = 400, bought at 7 %: net 400 / 1.07 = 373.83 (373.8318), input VAT 26.17;
    # vat_due = 190 - 26.1682 = 163.83.
    p = project(
        plan([income("1190", included=True)], [share("40", "sales", vat="7")], horizon=1,
             vat=VatStatus.REGISTERED)
    )  # fmt: skip
    assert column(p, "business_costs") == cents(373.83)
    assert column(p, "vat_due") == cents(163.83)
    # Exempt (small business, far below 25,000): 40 % of 1,190 as entered = 476, no VAT
    p = project(plan([income("1190", included=True)], [share("40", "sales", vat="7")], horizon=1))
    assert column(p, "business_costs") == cents(476)
    assert column(p, "vat_due") == cents(0)


def test_an_income_share_cost_follows_one_stream_or_all():
    # Flat regime: a 10 % fee of all income (1,000 + 500) = 150; a 40 % share of "a" only = 400.
    incomes = [income("1000", name="a"), income("500", name="b")]
    fee = share("10", None, category=Category.FEES)
    goods = share("40", "a")
    p = project(plan(incomes, [fee, goods], horizon=2, regime=TaxRegime.FLAT))
    assert column(p, "business_costs") == cents(550, 550)
    # income-share costs are not outgoings (they stop when the income stops)
    assert column(p, "outgoings") == cents(0, 0)
    assert {c: [round(v, 2) for v in s] for c, s in p.costs_by_category.items()} == {
        Category.FEES: [150.0, 150.0],
        Category.GOODS: [400.0, 400.0],
    }


def test_an_income_share_cost_in_a_dry_spell():
    # Flat, no tax, no living costs. 1,000 a month of performance-based sales; goods 40 % of them.
    # A dry spell with chance 100 % and length 1 hits exactly months 0, 2, 4, ... (it starts in
    # month 0, ends in month 1 for sure, starts again in month 2) and halves the income:
    # dry month: 500 - 200 = 300; normal month: 1,000 - 400 = 600.
    # Balances: 300, 900, 1,200, 1,800 on every path. A fixed 400 would have cost 400 in the dry
    # months too: 100, 700, 800, 1,400.
    sales = income("1000", performance_based=True)
    risks = RiskSettings(
        drought_chance_pct=D(100),
        drought_length_months=D(1),
        drought_income_drop_pct=D(50),
        paths=7,
        seed=3,
    )
    shared = dataclasses.replace(
        plan([sales], [share("40", "sales")], horizon=4, regime=TaxRegime.FLAT), risks=risks
    )
    np.testing.assert_allclose(
        path_balances(shared), [[300] * 7, [900] * 7, [1200] * 7, [1800] * 7]
    )
    fixed = dataclasses.replace(shared, costs=(cost("400"),))
    np.testing.assert_allclose(path_balances(fixed), [[100] * 7, [700] * 7, [800] * 7, [1400] * 7])
    # The plan itself has no dry spell: 600 a month
    assert column(project(shared), "balance") == cents(600, 1200, 1800, 2400)


def test_vat_status_follows_each_paths_income():
    # Sales of 2,200 a month (performance-based, VAT on top) reach 26,400 > 25,000 in December in
    # the plan; on a path that loses half of November's income to a dry spell they don't.
    # chance 100 %, length 1: dry months 0, 2, 4, 6, 8, 10 -> each path earns
    # 6 x 1,100 + 6 x 2,200 = 19,800 in 2026: exempt all year, no VAT.
    sales = income("2200", performance_based=True)
    s = dataclasses.replace(
        plan([sales]),
        risks=RiskSettings(
            drought_chance_pct=D(100),
            drought_length_months=D(1),
            drought_income_drop_pct=D(50),
            paths=3,
        ),
    )
    assert column(project(s), "vat_due")[-1] == D("418.00")  # 19 % of 2,200 in December
    plain = dataclasses.replace(s, risks=RiskSettings(paths=3))
    # The plan's December VAT (418) is due in January, after the plan: cash held at the end.
    # On the paths no VAT arises; the final balance is the income less the income tax, which is
    # owed after the plan: so every path ends with 19,800 and the plain plan with 26,400 + 418.
    assert path_balances(s)[-1].tolist() == [19800.0] * 3
    assert path_balances(plain)[-1].tolist() == [26818.0] * 3
    assert simulate(s).depletion_probability == 0.0
