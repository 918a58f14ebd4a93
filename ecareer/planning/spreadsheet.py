"""The monthly table for spreadsheets, in the reader's language.

DESIGN.md's CSV (`projection.csv`, the command's) is for programs: commas, dot decimals,
`YYYY-MM`, English column names, and stays so. This one is for people who open it in Excel or
LibreOffice: in German with semicolons, decimal commas and German column names (what German
spreadsheets read without an import dialog), in English with commas and dots; months written
out; a byte-order mark so Excel reads the UTF-8. The figures are the CSV's, rounded by the same
function (`cli.money_text`); only their marks differ.
"""

import csv
from io import StringIO

from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from ecareer.planning.templatetags.ecareer_format import month_long
from ecareer.projection.cli import COLUMNS, money_text
from ecareer.projection.engine import Projection

HEADERS = {
    "month": _("Month"),
    "income": _("Income"),
    "business_costs": _("Business costs"),
    "taxes": _("Taxes paid"),
    "living_costs": _("Living costs"),
    "net_cash_flow": _("Net cash flow"),
    "balance": _("Balance at the end of the month"),
    "reserve_target": _("Reserve target"),
    "social_insurance": _("Health and care insurance paid"),
    "taxes_accrued": _("Taxes owed for the month"),
    "social_insurance_accrued": _("Health and care insurance owed for the month"),
    "vat_due": _("VAT collected less VAT on costs"),
    "vat_paid": _("VAT paid to the tax office"),
    "outgoings": _("Outgoings"),
    "pension_insurance": _("Pension insurance paid"),
    "grants": _("Start grant received"),
    "sick_pay": _("Sick pay received"),
    "loan_in": _("Loan paid out"),
    "loan_interest": _("Loan interest paid"),
    "loan_repayment": _("Loan repaid"),
    "depreciation": _("Depreciation"),
    "tax_profit": _("Profit for tax"),
}
BOM = "\ufeff"


def spreadsheet_csv(projection: Projection) -> str:
    """The monthly table as a spreadsheet in the active language reads it (see the module)."""
    decimal = get_format("DECIMAL_SEPARATOR")
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";" if decimal == "," else ",", lineterminator="\r\n")
    writer.writerow([str(HEADERS[key]) for key in COLUMNS])
    for row in projection.rows():
        amounts = (money_text(row[key]).replace(".", decimal) for key in COLUMNS[1:])
        writer.writerow([month_long(row["month"]), *amounts])
    return BOM + buffer.getvalue()
