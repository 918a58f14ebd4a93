"""The cash-flow chart's loan bars (DESIGN.md v3, "Loans"), worked by hand on the three-month
plan of test_figures.py with a loan added:

A loan of 1,200.00 at 12 % a year (i = 0.01), paid out in Jan 2027, linear over 2 months, no
months of interest only. Feb: interest 1,200.00 x 0.01 = 12.00, repayment 1,200 / 2 = 600.00.
Mar (the last month repays the rest): interest 600.00 x 0.01 = 6.00, repayment 600.00.

    month    net before  loan in  interest  repayment  net after
    2027-01  -850        +1200    0         0          350
    2027-02  330         0        -12       -600       -282
    2027-03  260         0        -6        -600       -346

(Interest is a business expense for the flat tax: its profit falls by the interest. Feb's
year-to-date profit 600 - 12 = 588 -> 117.60 tax; Mar's 1,550 - 18 = 1,532 -> 306.40 - 117.60 =
188.80. So net Feb = 330 + 120 - 117.60 - 612 = -279.60, Mar = 260 + 190 - 188.80 - 606 =
-344.80.)
"""

from decimal import Decimal as D

from ecareer.charts import figures, palette
from ecareer.projection import model as m
from ecareer.projection.engine import project
from tests.charts.test_figures import EN, JAN, by_name, hand_worked

LOAN = m.Loan("Bank", D(1200), JAN, D(12), 2, kind=m.LoanKind.LINEAR)


def test_the_loan_shows_as_bars_and_the_stack_adds_up_to_the_net_line():
    figure = figures.cashflow_figure(project(hand_worked(loans=(LOAN,))), EN)
    t = by_name(figure)
    assert t["Loan paid out"]["y"] == [1200, 0, 0]
    assert t["Loan interest"]["y"] == [0, -12, -6]
    assert t["Loan interest"]["customdata"] == [0, 12, 6]
    assert t["Loan repayment"]["y"] == [0, -600, -600]
    assert t["Net cash flow"]["y"] == [350, -279.6, -344.8]
    assert t["Taxes"]["y"] == [0, -117.6, -188.8]
    colour, pattern = palette.V3_STYLE["loan_repayment"]
    assert t["Loan repayment"]["marker"]["pattern"]["shape"] == pattern
    assert t["Loan repayment"]["marker"]["color"] == colour
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    for month in range(3):
        stacked = sum(trace["y"][month] for trace in bars)
        assert abs(stacked - t["Net cash flow"]["y"][month]) < 0.005


def test_without_loans_there_are_no_loan_bars():
    names = by_name(figures.cashflow_figure(project(hand_worked()), EN))
    assert not {"Loan paid out", "Loan interest", "Loan repayment", "Start grant"} & set(names)


def test_the_yearly_view_sums_every_series_by_year():
    # 48 months from Jan 2027 with the loan: 4 calendar years, so 4 values in every series (the
    # insurance and VAT series had 48 on 4 years' axis); the loan's 1,200.00 is all in 2027.
    import dataclasses

    data = dataclasses.replace(
        hand_worked(loans=(LOAN,)),
        horizon_months=48,
        tax=m.TaxSettings(regime=m.TaxRegime.DE),
    )
    figure = figures.cashflow_figure(project(data), EN, period="years")
    for trace in figure["data"]:
        assert len(trace["y"]) == len(trace["x"]) == 4, trace["name"]
    t = by_name(figure)
    assert t["Loan paid out"]["y"] == [1200, 0, 0, 0]
    assert t["Loan repayment"]["y"] == [-1200, 0, 0, 0]
