"""Shared look of the workbooks iku writes: fonts, fills, borders and number formats."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=13)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

NUM_2 = "#,##0.00"
NUM_0 = "#,##0"
PCT_2 = '#,##0.00" %"'

KATEGORI_FILL = {
    "Sangat Tinggi": "63BE7B",
    "Tinggi": "B5D98A",
    "Sedang": "FFEB84",
    "Rendah": "FBAA77",
    "Sangat Rendah": "F8696B",
}


def kategori_fill(label: str | None, bands) -> PatternFill | None:
    """Green to red by the band's rank, whatever the bands are called."""
    if label is None:
        return None
    colours = list(KATEGORI_FILL.values())
    labels = [b.label for b in bands]
    if label in KATEGORI_FILL:
        return PatternFill("solid", fgColor=KATEGORI_FILL[label])
    if label in labels:
        rank = labels.index(label) * (len(colours) - 1) // max(len(labels) - 1, 1)
        return PatternFill("solid", fgColor=colours[rank])
    return None


def style_header_row(ws, row: int, first_col: int, last_col: int) -> None:
    for col in range(first_col, last_col + 1):
        cell = ws.cell(row=row, column=col)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = CENTER
        cell.border = BORDER


def set_widths(ws, widths: dict[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def lines_needed(text: str, width: float) -> int:
    """Rows of wrapped text a cell of ``width`` characters needs (spreadsheets do not size rows openpyxl writes)."""
    per_line = max(int(width * 1.1) - 2, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def fit_row_heights(ws, first_row: int, last_row: int, line_height: float = 15) -> None:
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
