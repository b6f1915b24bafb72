"""The look of every workbook iku writes: fonts, fills, borders, number formats, row heights, printing."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.config import Band
from iku_cli.output.labels import kategori_colour

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=13)
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

TEXT = "@"  # typed text stays text (a NIB keeps its leading zeros)
NUM_2 = "#,##0.00"
NUM_0 = "#,##0"
PCT_2 = '#,##0.00" %"'


def fill(hex_colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=hex_colour)


def kategori_fill(label: str | None, bands: Sequence[Band]) -> PatternFill | None:
    """Green to red by the band's rank, whatever the bands are called."""
    colour = kategori_colour(label, bands)
    return fill(colour) if colour else None


def style_header_row(ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
    for col in range(first_col, last_col + 1):
        cell = ws.cell(row=row, column=col)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = CENTER
        cell.border = BORDER


def set_widths(ws: Worksheet, widths: Mapping[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def print_setup(
    ws: Worksheet,
    *,
    title_rows: str | None = None,
    portrait: bool = False,
    centered: bool = False,
) -> None:
    """A4, landscape unless asked, one page wide, ``title_rows`` ("4:4") repeated on every page, numbered."""
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows
    if centered:
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
    if ws.oddFooter is not None:
        ws.oddFooter.center.text = "Halaman &P dari &N"


def lines_needed(text: str, width: float) -> int:
    """Rows of wrapped text a cell of ``width`` characters needs (spreadsheets do not size rows openpyxl writes)."""
    per_line = max(int(width * 1.1) - 2, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def fit_row_heights(ws: Worksheet, first_row: int, last_row: int, line_height: float = 15) -> None:
    """Give each row the height its longest wrapped text needs; merged cells count their whole width."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (merged.max_col, merged.max_row - merged.min_row + 1)
        covered |= {
            (r, c)
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
        } - {(merged.min_row, merged.min_col)}
    for row in range(first_row, last_row + 1):
        lines = 1
        for cell in ws[row]:
            if cell.value is None or (row, cell.column) in covered or not isinstance(cell.value, str):
                continue
            last_col, rows_spanned = spans.get((row, cell.column), (cell.column, 1))
            width = sum(
                ws.column_dimensions[get_column_letter(c)].width or 8.43
                for c in range(cell.column, last_col + 1)
            )
            lines = max(lines, math.ceil(lines_needed(cell.value, width) / rows_spanned))
        ws.row_dimensions[row].height = line_height * lines


# Columns under a two-row header: (title, [(sub-title, width), ...]); one sub-column without a title spans both.
HeaderColumns = Sequence[tuple[str, Sequence[tuple[str, float]]]]


def two_row_header(ws: Worksheet, row: int, columns: HeaderColumns, **fields: object) -> int:
    """The header in ``row`` and ``row`` + 1, titles filled with ``fields`` ("{n}" -> 2024), each column its
    width; returns the number of columns."""
    col = 1
    for title, subs in columns:
        ws.cell(row=row, column=col, value=title.format(**fields))
        if len(subs) == 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
        else:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + len(subs) - 1)
            for i, (sub, _) in enumerate(subs):
                ws.cell(row=row + 1, column=col + i, value=sub.format(**fields))
        for _, width in subs:
            ws.column_dimensions[get_column_letter(col)].width = width
            col += 1
    last = col - 1
    for r in (row, row + 1):
        style_header_row(ws, r, 1, last)
    fit_row_heights(ws, row, row + 1)
    for r in (row, row + 1):  # bold headers run wider than the estimate: a little room
        ws.row_dimensions[r].height = (ws.row_dimensions[r].height or 15) + 8
    return last
