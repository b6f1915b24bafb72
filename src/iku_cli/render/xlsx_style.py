"""Shared look of the workbooks iku writes: fonts, fills, borders and number formats."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

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
