"""The financial plan in the user's words: `projection.finplan`'s parts as titled tables.

The page and the workbook render the same `Table` objects, so they hold the same figures; the
figures themselves come from `ecareer.projection.finplan` (the projection's, rounded on output).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from ecareer.planning.models import CostItem
from ecareer.planning.templatetags.ecareer_format import month as month_text
from ecareer.projection.finplan import FinancialPlan, Group, Line
from ecareer.projection.model import TaxRegime

MONTH_BLOCK = 6  # months per printed table: label and six amounts fit A4's width

LABELS = {
    # 1. Private living costs
    "living_costs": gettext_lazy("Living costs"),
    "health_care": gettext_lazy("Health and care insurance"),
    "pension": gettext_lazy("Pension insurance"),
    "income_tax": gettext_lazy("Income tax, solidarity surcharge and church tax"),
    "flat_tax": gettext_lazy("Tax at the plan's flat rate"),
    "minimum_profit": gettext_lazy("Profit the business must earn each month"),
    # 2. Capital needs
    "investments": gettext_lazy("One-off costs of the first 12 months (investments)"),
    "investments_total": gettext_lazy("One-off costs in total"),
    "working_capital": gettext_lazy("Working capital until income carries the outgoings"),
    "reserve": gettext_lazy("Safety cushion (reserve target at the start)"),
    "capital_total": gettext_lazy("Capital needs in total"),
    # 3. Financing
    "own_funds": gettext_lazy("Own funds (starting balance)"),
    "financing_total": gettext_lazy("Financing in total"),
    "covered": gettext_lazy("Covered, with this much to spare"),
    "short": gettext_lazy("Short by"),
    "not_counted": gettext_lazy("Not counted in the financing"),
    "start_grant": gettext_lazy("Start grant (Gründungszuschuss)"),
    # 4. Sales plan
    "sales_total": gettext_lazy("Sales in total"),
    # 5. Profitability
    "sales": gettext_lazy("Sales (net of VAT)"),
    "gross_profit": gettext_lazy("Gross profit"),
    "depreciation": gettext_lazy("Depreciation"),
    "interest": gettext_lazy("Loan interest"),
    "operating_result": gettext_lazy("Operating result"),
    "trade_tax": gettext_lazy("Trade tax"),
    "result_before_own": gettext_lazy("Result before your own taxes and insurance"),
    # 6. Liquidity plan
    "opening": gettext_lazy("Opening balance"),
    "in": gettext_lazy("Money in"),
    "out": gettext_lazy("Money out"),
    "vat_due": gettext_lazy("VAT collected less VAT on costs"),
    "loan_in": gettext_lazy("Loan paid out"),
    "sick_pay": gettext_lazy("Sick pay"),
    "vat_paid": gettext_lazy("VAT paid to the tax office"),
    "taxes": gettext_lazy("Taxes"),
    "repayment": gettext_lazy("Loan repayment"),
    "private_withdrawals": gettext_lazy("Private withdrawals (living costs)"),
    "total_in": gettext_lazy("Money in, total"),
    "total_out": gettext_lazy("Money out, total"),
    "closing": gettext_lazy("Closing balance"),
    "without_grant": gettext_lazy("Without the start grant"),
    "grant_so_far": gettext_lazy("Start grant received so far"),
    "closing_without_grant": gettext_lazy("Closing balance without the start grant"),
}
CATEGORIES = dict(CostItem.Category.choices)

NOTES = {
    "personnel": gettext_lazy(
        "Personnel costs: the plan has no employees. Wages and their social insurance are not "
        "in it; help you pay for belongs in your cost items."
    ),
    "insurances": gettext_lazy(
        "Private insurances beyond health and pension (liability, disability, accident, a "
        "private pension) have no lines of their own: they are in your living costs or cost "
        "items as far as you entered them there."
    ),
    "private_pension": gettext_lazy(
        "No statutory pension contributions are planned. An expert body may ask how you "
        "provide for old age."
    ),
    "flat_tax": gettext_lazy(
        "Taxes are a flat rate of the profit: German income tax, trade tax, health, care and "
        "pension insurance and VAT are not worked out. Health insurance belongs in your living "
        "costs."
    ),
    "health_other": gettext_lazy(
        "Health and care insurance are private or through someone else, so they are not in "
        "the plan: their premium belongs in your living costs."
    ),
    "short_plan": gettext_lazy(
        "The plan is shorter than the start year and the two years after it: the parts show "
        "the months it has."
    ),
    "no_grant": gettext_lazy(
        "The plan has no start grant, so the liquidity plan without the grant is the one shown."
    ),
}


@dataclass
class Row:
    label: str
    values: list[Decimal | None]
    total: bool = False
    heading: bool = False  # a group's title row (no values)
    shares: list[Decimal | None] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[Decimal | None, Decimal | None]]:
        """Each value with its share of sales (None where there is none)."""
        return list(zip_longest(self.values, self.shares))


@dataclass
class Table:
    """One table of a part: a caption, the label column's heading, the value columns' headings."""

    caption: str
    label_heading: str
    columns: list[str]
    rows: list[Row]
    shares: bool = False  # each value column followed by "% of sales"
    monthly: bool = False  # printed in blocks of MONTH_BLOCK months

    @property
    def width(self) -> int:
        """How many columns a row has, the label's included."""
        return 1 + len(self.columns) * (2 if self.shares else 1)

    def blocks(self) -> list[Table]:
        """The table in blocks of MONTH_BLOCK columns (monthly tables), else itself."""
        if not self.monthly or len(self.columns) <= MONTH_BLOCK:
            return [self]
        out = []
        for a in range(0, len(self.columns), MONTH_BLOCK):
            columns = self.columns[a : a + MONTH_BLOCK]
            rows = [
                Row(r.label, r.values[a : a + MONTH_BLOCK], r.total, r.heading) for r in self.rows
            ]
            caption = f"{self.caption}, {columns[0]} – {columns[-1]}"
            out.append(Table(caption, self.label_heading, columns, rows))
        return out


@dataclass
class Part:
    slug: str
    title: str  # in the user's language
    german: str  # the heading an expert body expects
    sentence: str
    tables: list[Table]
    footnote: str = ""


def label(line: Line) -> str:
    if line.key == "stream":
        return line.name
    if line.key == "loan":
        return _("Loan: %(name)s") % {"name": line.name}
    if line.key in CATEGORIES:
        return str(CATEGORIES[line.key])
    return str(LABELS[line.key])


def _rows(groups: tuple[Group, ...], width: int) -> list[Row]:
    rows = []
    for group in groups:
        if group.key:
            rows.append(Row(str(LABELS[group.key]), [None] * width, heading=True))
        rows += [Row(label(line), list(line.values), line.total) for line in group.lines]
    return rows


def _lines(lines) -> list[Row]:
    return [
        Row(label(line), list(line.values), line.total, shares=list(line.shares)) for line in lines
    ]


def parts(plan: FinancialPlan) -> list[Part]:
    """The six parts, titled in the user's language, each with what it shows."""
    amount = _("Amount")
    item = _("Item")
    months = [month_text(m) for m in plan.months]
    years = [str(y) for y in plan.years]
    per_month = _("Per month")
    tax_words = (
        _("income tax with surcharge and church tax (without trade tax)")
        if plan.regime == TaxRegime.DE
        else _("the tax at the plan's flat rate")
    )
    without = []
    if plan.without_grant:
        without = [Row(str(LABELS["without_grant"]), [None] * len(months), heading=True)]
        without += _lines(plan.without_grant)
    return [
        Part(
            "living",
            _("Private living costs"),
            "Lebenshaltungskosten",
            ngettext(
                "What you need each month for your private life, health, care and pension "
                "insurance and %(taxes)s, in the plan's first month: the profit your business "
                "must earn each month.",
                "What you need each month for your private life, health, care and pension "
                "insurance and %(taxes)s, a typical month of the first %(months)s months: the "
                "profit your business must earn each month.",
                plan.first_months,
            )
            % {"taxes": tax_words, "months": plan.first_months},
            [Table(_("Private living costs"), item, [per_month], _lines(plan.living))],
        ),
        Part(
            "capital",
            _("Capital needs"),
            "Kapitalbedarfsplan",
            _(
                "What the start costs: the one-off costs of the first 12 months, the money that "
                "bridges the months until income carries the outgoings (without the one-off "
                "costs, loans and the grant), and the safety cushion."
            ),
            [Table(_("Capital needs"), item, [amount], _rows(plan.capital, 1))],
        ),
        Part(
            "financing",
            _("Financing"),
            "Finanzierungsplan",
            _(
                "How the capital needs are paid for: your own money and each loan, and whether "
                "they cover the needs; the start grant is shown apart and not counted."
            ),
            [Table(_("Financing"), item, [amount], _rows(plan.financing, 1))],
        ),
        Part(
            "sales",
            _("Sales plan"),
            "Umsatzplan",
            _(
                "Your sales by income stream and month, net of VAT, and their sums for each "
                "calendar year."
            ),
            [
                Table(
                    _("Sales by month"),
                    _("Income stream"),
                    months,
                    _lines(plan.sales_monthly),
                    monthly=True,
                ),
                Table(_("Sales by year"), _("Income stream"), years, _lines(plan.sales_yearly)),
            ],
        ),
        Part(
            "profitability",
            _("Profitability forecast"),
            "Rentabilitätsvorschau",
            _(
                "Sales, costs and results for each calendar year, each line also as a share of "
                "the year's sales."
            ),
            [
                Table(
                    _("Profitability forecast"),
                    item,
                    years,
                    _lines(plan.profitability),
                    shares=True,
                )
            ],
        ),
        Part(
            "liquidity",
            _("Liquidity plan"),
            "Liquiditätsplan",
            _(
                "Each month's money in and out, from the opening to the closing balance, with "
                "the start grant and without it."
            ),
            [
                Table(
                    _("Liquidity plan"),
                    item,
                    months,
                    _rows(plan.liquidity, len(months)) + without,
                    monthly=True,
                )
            ],
            footnote=_(
                "Every figure is the projection's, rounded to the cent on its own as in the CSV "
                "table, so a month's lines add up to its change in balance within half a cent "
                "per line."
            ),
        ),
    ]


def notes(plan: FinancialPlan) -> list[str]:
    return [str(NOTES[key]) for key in plan.notes]


SHARE_HEADING = pgettext_lazy("financial plan column", "Share of sales")
