"""`iku trend`: realisasi per indicator per year, in the terminal and as an XLSX with line charts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.drawing.spreadsheet_drawing import AbsoluteAnchor
from openpyxl.drawing.xdr import XDRPoint2D, XDRPositiveSize2D
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from iku_cli.calc.results import target_json
from iku_cli.calc.trend import Trend, TrendPoint, TrendRow
from iku_cli.numbers import format_number
from iku_cli.output import xlsx_style as S
from iku_cli.output.serialise import CsvDialect, csv_text, finite, json_text
from iku_cli.output.terminal import plain

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """A small inline trend; a missing year is a space, never a zero."""
    present = [v for v in values if v is not None]
    if not present:
        return " " * len(values)
    low, high = min(present), max(present)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            out.append(
                SPARK[len(SPARK) // 2] if span == 0 else SPARK[round((v - low) / span * (len(SPARK) - 1))]
            )
    return "".join(out)


def _value(v: float | None) -> Text:
    return Text("–", style="dim") if v is None else Text(format_number(v, 2))


def trend_table(t: Trend) -> Table:
    has_capaian = any(p.capaian is not None for r in t.rows for p in r.points)
    table = Table(  # the look of the compute table; a Renstra's six years fit in 80 columns
        title=plain(f"Tren realisasi {t.agency}, {t.years[0]}–{t.years[-1]}"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("Kode", no_wrap=True)
    table.add_column("Indikator", ratio=1, min_width=12)
    for y in t.years:
        table.add_column(str(y), justify="right", no_wrap=True)
    table.add_column("Tren", no_wrap=True)
    for row in t.rows:
        values = [p.value for p in row.points]
        table.add_row(plain(row.id), plain(row.nama), *[_value(v) for v in values], sparkline(values))
        if has_capaian:
            caps = [p.capaian for p in row.points]
            table.add_row(
                "",
                Text("capaian (%)", style="dim"),
                *[Text("–" if c is None else format_number(c, 2), style="dim") for c in caps],
                Text(sparkline(caps), style="dim"),
            )
    return table


def print_table(t: Trend, console: Console) -> None:
    console.print(trend_table(t))
    console.print(
        "[dim]– : tidak dapat dihitung untuk tahun itu (data tidak tersedia atau tahun sebelumnya tidak ada)[/]"
    )


def to_json(t: Trend) -> str:
    payload = {
        "agency": t.agency,
        "years": t.years,
        "indicators": [
            {
                "id": r.id,
                "name": r.nama,
                "satuan": r.satuan,
                "values": {
                    str(p.year): {
                        "value": p.value,
                        "status": p.status,
                        "reason": p.reason,
                        "target": target_json(p.target),
                        "capaian": p.capaian,
                        "kategori": p.kategori,
                    }
                    for p in r.points
                },
            }
            for r in t.rows
        ],
    }
    return json_text(payload)


def to_csv(t: Trend, dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    header = ["id", "name", "year", "value", "status", "capaian", "kategori"]
    rows = (
        [r.id, r.nama, p.year, p.value, p.status, p.capaian, p.kategori] for r in t.rows for p in r.points
    )
    return csv_text(header, rows, dialect)


def _year_sheet(
    ws: Worksheet,
    title: str,
    t: Trend,
    value_of: Callable[[TrendPoint], float | None],
    satuan_of: Callable[[TrendRow], str],
) -> None:
    """Indicators by year under a title, printable on its own pages; a missing value stays an empty cell."""
    ws["A1"] = title
    ws["A1"].font = S.TITLE_FONT
    ws["A2"] = S.cell_text(t.agency)
    headers = ["Kode", "Indikator", "Satuan", *[str(y) for y in t.years]]
    for c, h in enumerate(headers, start=1):
        ws.cell(row=HEADER, column=c, value=h)
    S.style_header_row(ws, HEADER, 1, len(headers))
    for i, r in enumerate(t.rows):
        row = HEADER + 1 + i
        values = [r.id, r.nama, satuan_of(r), *[finite(value_of(p)) for p in r.points]]  # None: a gap, not 0
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=c, value=value)
            cell.border = S.BORDER
            cell.alignment = S.WRAP_TOP
            if c > 3:
                cell.number_format = S.NUM_2
    S.set_widths(ws, {"A": 9, "B": 48, "C": 9} | {get_column_letter(4 + j): 12 for j in range(len(t.years))})
    S.fit_row_heights(ws, HEADER + 1, HEADER + len(t.rows))
    ws.freeze_panes = ws.cell(row=HEADER + 1, column=3).coordinate
    S.print_setup(ws, title_rows=f"{HEADER}:{HEADER}")


HEADER = 4  # the header row of the Tren and Capaian sheets
# The charts, two across and two down on each A4 landscape page at 100 %, a page break after every
# second row of charts so that none is cut: 16 rows of 15 pt are 8.5 cm, two of them fit in the
# 17.9 cm between the margins, two charts of 11 cm side by side in the 25.9 cm. They are placed at
# a fixed distance from the corner, not at a column, since each spreadsheet draws columns its own width.
CHART_ROWS, CHART_WIDTH, CHART_HEIGHT, CHARTS_PER_PAGE = 16, 11, 8, 4  # rows, cm, cm
CM, PT = 360_000, 12_700  # EMU, the drawing unit of a workbook


def write_xlsx(t: Trend, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tren"
    _year_sheet(
        ws, f"TREN REALISASI INDIKATOR {t.years[0]}–{t.years[-1]}", t, lambda p: p.value, lambda r: r.satuan
    )
    if any(p.capaian is not None for r in t.rows for p in r.points):
        title = f"TREN CAPAIAN INDIKATOR (%) {t.years[0]}–{t.years[-1]}"
        _year_sheet(wb.create_sheet("Capaian"), title, t, lambda p: p.capaian, lambda r: "%")
    charts = wb.create_sheet("Grafik")
    charts.sheet_format.defaultRowHeight, charts.sheet_format.customHeight = 15, True
    for i, r in enumerate(t.rows):
        chart = LineChart()
        chart.title = S.cell_text(f"{r.id} {r.nama}")
        chart.y_axis.title = S.cell_text(r.satuan)
        chart.x_axis.title = "Tahun"
        chart.display_blanks = "gap"
        chart.legend = None
        chart.height, chart.width = CHART_HEIGHT, CHART_WIDTH
        data_row = HEADER + 1 + i
        chart.add_data(Reference(ws, min_col=4, max_col=3 + len(t.years), min_row=data_row), from_rows=True)
        chart.set_categories(Reference(ws, min_col=4, max_col=3 + len(t.years), min_row=HEADER))
        chart.series[0].marker.symbol = "circle"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.anchor = AbsoluteAnchor(  # type: ignore[assignment]  # the stubs allow only a cell name
            pos=XDRPoint2D(
                ((i % 2) * (CHART_WIDTH + 1) + 0.25) * CM, (i // 2) * CHART_ROWS * 15 * PT + CM // 4
            ),
            ext=XDRPositiveSize2D(CHART_WIDTH * CM, CHART_HEIGHT * CM),
        )
        charts.add_chart(chart)
        if i % CHARTS_PER_PAGE == CHARTS_PER_PAGE - 1 and i + 1 < len(t.rows):
            charts.row_breaks.append(Break(id=(i // 2 + 1) * CHART_ROWS))
    S.print_setup(charts, fit=False)
    S.save(wb, path)
