"""The look of every workbook iku writes: fonts, fills, borders, number formats, row heights, printing."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.config import Band
from iku_cli.output.labels import kategori_colour
from iku_cli.text import visible

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


def band_row(ws: Worksheet, row: int, last: int, text: str, fill: PatternFill = GROUP_FILL) -> None:
    """A bold, shaded row merged across columns 1..``last`` (a tujuan heading, a total), bordered."""
    ws.cell(row=row, column=1, value=text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    cell = ws.cell(row=row, column=1)
    cell.font, cell.fill = BOLD, fill
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    for col in range(1, last + 1):
        ws.cell(row=row, column=col).border = BORDER


def set_widths(ws: Worksheet, widths: Mapping[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def print_setup(
    ws: Worksheet,
    *,
    title_rows: str | None = None,
    portrait: bool = False,
    centered: bool = False,
    fit: bool = True,
) -> None:
    """A4, landscape unless asked, one page wide, ``title_rows`` ("4:4") repeated on every page, numbered.

    ``fit=False`` prints at 100 % with narrow top and bottom margins instead: spreadsheets ignore the
    sheet's own page breaks when they fit it to a page width (the charts of a trend are laid out so).
    """
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = fit
    if fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.page_setup.scale = 100
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if centered:
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
    if ws.oddFooter is not None:
        ws.oddFooter.center.text = "Halaman &P dari &N"


def lines_needed(text: str, width: float) -> int:
    """Rows of wrapped text a cell of ``width`` characters needs (spreadsheets do not size rows openpyxl writes).

    On the generous side: a spreadsheet without the default font draws wider letters, and a row a line
    too tall reads better than text cut off.
    """
    per_line = max(int(width) - 2, 1)
    text = str(text)
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def fit_row_heights(ws: Worksheet, first_row: int, last_row: int, line_height: float = 15) -> None:
    """Give each row the height its longest wrapped text needs; merged cells count their whole width.

    Each cell is looked at once, so a sheet of 200,000 findings takes as long per row as one of ten.
    """
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (merged.max_col, merged.max_row - merged.min_row + 1)
        covered |= {
            (r, c)
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
        } - {(merged.min_row, merged.min_col)}
    widths: dict[int, float] = {}

    def width(col: int) -> float:
        if col not in widths:
            widths[col] = ws.column_dimensions[get_column_letter(col)].width or 8.43
        return widths[col]

    lines: dict[int, int] = {}
    for (row, col), cell in ws._cells.items():  # the cells that exist, each once (ws[row] rescans the sheet)
        if not first_row <= row <= last_row or not isinstance(cell.value, str) or (row, col) in covered:
            continue
        last_col, rows_spanned = spans.get((row, col), (col, 1))
        room = sum(width(c) for c in range(col, last_col + 1))
        lines[row] = max(lines.get(row, 1), math.ceil(lines_needed(cell.value, room) / rows_spanned))
    for row, needed in lines.items():
        if needed > 1:  # a row of one line keeps the spreadsheet's own height
            ws.row_dimensions[row].height = line_height * needed


class Stamp:
    """Styles worked out once, on the first cell, then stamped on many: assigning style objects cell by
    cell looks each one up again, which is most of the time of writing 200,000 findings. A stamp
    belongs to one workbook (style ids are the workbook's)."""

    def __init__(self, **styles: object):
        self.styles = styles
        self._ids: StyleArray | None = None

    def on(self, cell: Cell | MergedCell) -> None:
        if self._ids is None:
            for name, value in self.styles.items():
                setattr(cell, name, value)
            self._ids = copy(cell._style)  # type: ignore[union-attr]  # the stubs omit StyleableObject._style
        else:
            cell._style = copy(self._ids)  # type: ignore[union-attr]


def fit_row(
    ws: Worksheet, row: int, values: Sequence[object], widths: Sequence[float], line_height: float = 15
) -> None:
    """The height of one row of unmerged cells, from the values just written and their columns' widths."""
    lines = max(
        (lines_needed(v, w) for v, w in zip(values, widths, strict=False) if isinstance(v, str)), default=1
    )
    if lines > 1:
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


# --- text that stays text --------------------------------------------------------------------------


def cell_text(text: str) -> str:
    """Text a worksheet can hold: control characters written out instead of refused by openpyxl."""
    return visible(text)


def append_row(ws: Worksheet, values: Sequence[object]) -> int:
    """Append a row in which every text is a text cell: never a formula ("=..."), never an error ("#N/A").

    Returns the row's number (``ws.max_row`` would look at every cell of the sheet again).
    """
    ws.append([cell_text(v) if isinstance(v, str) else v for v in values])
    row: int = ws._current_row  # type: ignore[attr-defined]
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            ws.cell(row=row, column=col).data_type = "s"
    return row


def text_stays_text(ws: Worksheet) -> None:
    """Every text cell of a sheet iku drew stays text: openpyxl would store "=..." as a live formula."""
    for cell in ws._cells.values():
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


def save(wb: Workbook, path: Path) -> None:
    """Save a workbook iku drew (it holds no formula of its own): every text cell as text."""
    for ws in wb.worksheets:
        text_stays_text(ws)
    wb.save(path)
