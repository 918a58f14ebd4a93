"""The financial plan as an .xlsx workbook (openpyxl): one sheet per part, the page's tables.

Amounts are numbers with a currency format, shares numbers with a percent format; each sheet's
title is the part's heading in the user's language, its header rows are frozen and its columns
as wide as their longest text.
"""

from __future__ import annotations

from io import BytesIO

from babel.numbers import get_currency_symbol
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ecareer.planning.finplan_web import SHARE_HEADING, Part, Table
from ecareer.planning.templatetags.ecareer_format import money

PERCENT = '0.0" %"'  # shares are in percent already (40.0 means 40 %)
_BAD_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def currency_format(currency: str) -> str:
    """An Excel number format with the currency's symbol where the user's language puts it."""
    language = translation.get_language() or "en"
    locale = "de_DE" if language.startswith("de") else "en_GB"
    symbol = get_currency_symbol(currency or "EUR", locale=locale).replace('"', "")
    if language.startswith("de"):
        return f'#,##0.00 "{symbol}";-#,##0.00 "{symbol}"'
    return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'


def sheet_title(part: Part) -> str:
    """The part's heading in the user's language (the German one in German), as Excel allows."""
    return part.title.translate(_BAD_TITLE)[:31]


def _write_table(ws, table: Table, row: int, money_format: str, currency: str, widths) -> int:
    """Write one table from `row` on; return the row of its header."""
    header = [table.label_heading]
    for column in table.columns:
        header.append(column)
        if table.shares:
            header.append(str(SHARE_HEADING))
    for col, text in enumerate(header, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True)
        if col > 1:
            cell.alignment = Alignment(horizontal="right")
        widths[col] = max(widths.get(col, 0), len(text))
    header_row = row
    for line in table.rows:
        row += 1
        cell = ws.cell(row=row, column=1, value=line.label)
        widths[1] = max(widths.get(1, 0), len(line.label))
        if line.heading:
            cell.font = Font(bold=True, italic=True)
            continue
        if line.total:
            cell.font = Font(bold=True)
        col = 2
        for value, share in line.pairs:
            if value is not None:
                c = ws.cell(row=row, column=col, value=float(value))
                c.number_format = money_format
                c.font = Font(bold=line.total)
                widths[col] = max(widths.get(col, 0), len(money(value, currency)))
            col += 1
            if table.shares:
                if share is not None:
                    c = ws.cell(row=row, column=col, value=float(share))
                    c.number_format = PERCENT
                col += 1
    return header_row


def workbook(parts: list[Part], notes: list[str], currency: str, heading: str) -> bytes:
    """The workbook's bytes: a sheet for each part, then one with the notes."""
    book = Workbook()
    book.remove(book.active)
    money_format = currency_format(currency)
    for part in parts:
        ws = book.create_sheet(sheet_title(part))
        ws.cell(row=1, column=1, value=f"{heading}: {part.title}").font = Font(bold=True, size=13)
        ws.cell(row=2, column=1, value=part.sentence)
        widths: dict[int, int] = {}
        row = 4
        first_header = None
        for table in part.tables:
            ws.cell(row=row, column=1, value=table.caption).font = Font(bold=True)
            header = _write_table(ws, table, row + 1, money_format, currency, widths)
            first_header = first_header or header
            row = ws.max_row + 2
        if part.footnote:
            ws.cell(row=row, column=1, value=part.footnote)
        # The header row of the first table and the labels stay in view.
        ws.freeze_panes = ws.cell(row=first_header + 1, column=2)
        for col, width in widths.items():
            ws.column_dimensions[get_column_letter(col)].width = min(60, width + 3)
    ws = book.create_sheet(_("Notes")[:31])
    ws.cell(row=1, column=1, value=_("What the plan leaves out")).font = Font(bold=True, size=13)
    for row, note in enumerate(notes, start=2):
        ws.cell(row=row, column=1, value=note).alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 100
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
