"""`iku trend`: realisasi per indicator per year, in the terminal and as an XLSX with line charts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
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
    table = Table(title=plain(f"Tren realisasi {t.agency}, {t.years[0]}–{t.years[-1]}"), title_justify="left")
    table.add_column("Kode", no_wrap=True)
    table.add_column("Indikator", ratio=1, min_width=20)
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


def _year_block(
    ws: Worksheet,
    header: int,
    t: Trend,
    value_of: Callable[[TrendPoint], float | None],
    satuan_of: Callable[[TrendRow], str],
) -> None:
    """One table of indicators by year starting at row ``header``; a missing value stays an empty cell."""
    headers = ["Kode", "Indikator", "Satuan", *[str(y) for y in t.years]]
    for c, h in enumerate(headers, start=1):
        ws.cell(row=header, column=c, value=h)
    S.style_header_row(ws, header, 1, len(headers))
    for i, r in enumerate(t.rows):
        row = header + 1 + i
        ws.cell(row=row, column=1, value=r.id)
        ws.cell(row=row, column=2, value=r.nama).alignment = S.WRAP_TOP
        ws.cell(row=row, column=3, value=satuan_of(r))
        for j, p in enumerate(r.points):
            cell = ws.cell(row=row, column=4 + j, value=finite(value_of(p)))  # None: a gap, not 0
            cell.number_format = S.NUM_2
        for c in range(1, len(headers) + 1):
            ws.cell(row=row, column=c).border = S.BORDER


def write_xlsx(t: Trend, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tren"
    ws["A1"] = f"TREN REALISASI INDIKATOR {t.years[0]}–{t.years[-1]}"
    ws["A1"].font = S.TITLE_FONT
    ws["A2"] = t.agency
    header = 4
    _year_block(ws, header, t, lambda p: p.value, lambda r: r.satuan)
    if any(p.capaian is not None for r in t.rows for p in r.points):
        cap_header = header + len(t.rows) + 3
        ws.cell(row=cap_header - 1, column=1, value="Capaian (%)").font = S.TITLE_FONT
        _year_block(ws, cap_header, t, lambda p: p.capaian, lambda r: "%")
    widths = {"A": 9, "B": 48, "C": 9} | {get_column_letter(4 + j): 12 for j in range(len(t.years))}
    S.set_widths(ws, widths)
    S.fit_row_heights(ws, header + 1, ws.max_row)
    ws.freeze_panes = ws.cell(row=header + 1, column=3).coordinate
    S.print_setup(ws, title_rows=f"{header}:{header}")
    charts = wb.create_sheet("Grafik")
    for i, r in enumerate(t.rows):
        chart = LineChart()
        chart.title = f"{r.id} {r.nama}"
        chart.y_axis.title = r.satuan
        chart.x_axis.title = "Tahun"
        chart.display_blanks = "gap"
        chart.legend = None
        chart.height, chart.width = 8, 16
        data_row = header + 1 + i
        chart.add_data(Reference(ws, min_col=4, max_col=3 + len(t.years), min_row=data_row), from_rows=True)
        chart.set_categories(Reference(ws, min_col=4, max_col=3 + len(t.years), min_row=header))
        chart.series[0].marker.symbol = "circle"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        charts.add_chart(chart, f"{'A' if i % 2 == 0 else 'K'}{1 + (i // 2) * 15}")
    S.print_setup(charts)
    S.save(wb, path)
