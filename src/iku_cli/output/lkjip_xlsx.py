"""The LKjIP workbook a planning officer pastes into the report: measurement table, workings, metadata."""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.calc.results import NOT_COMPUTED, ComputeResult, IndicatorResult, MeasureResult
from iku_cli.config import DEFAULT_KATEGORI, Band, Level, Target
from iku_cli.config.words import aggregate_words
from iku_cli.findings import Severity
from iku_cli.output import xlsx_style as S
from iku_cli.output.findings_view import fill_findings_sheet
from iku_cli.output.labels import FORMULA_WORDS

MEASURE_COLUMNS = [
    ("No", 5),
    ("Sasaran", 34),
    ("Indikator", 42),
    ("Satuan", 9),
    ("Target", 13),
    ("Realisasi", 13),
    ("Capaian (%)", 11),
    ("Kategori", 13),
    ("Realisasi {prev}", 13),
    ("Target akhir Renstra ({end})", 14),
    ("Capaian terhadap target akhir Renstra (%)", 16),
    ("Keterangan", 30),
]


def _bands(result: ComputeResult) -> tuple[Band, ...]:
    return result.bands or DEFAULT_KATEGORI


def _put_target(cell: Cell | MergedCell, target: Target | None) -> None:
    if isinstance(target, tuple):
        cell.value = f"{target[0]:g} – {target[1]:g}".replace(".", ",")
        cell.alignment = S.Alignment(horizontal="right", vertical="top")
    elif target is not None:
        cell.value = target
        cell.number_format = S.NUM_2


def _number(cell: Cell | MergedCell, value: float | int | None, fmt: str = S.NUM_2) -> None:
    if value is None or not math.isfinite(value):  # a spreadsheet cell holds no infinity
        cell.value = "–"
        cell.alignment = S.Alignment(horizontal="center", vertical="top")
    else:
        cell.value = value
        cell.number_format = fmt


def _pengukuran(ws: Worksheet, result: ComputeResult, bands: tuple[Band, ...]) -> None:
    end = result.renstra[1] if result.renstra else "–"
    headers = [h.format(prev=result.year - 1, end=end) for h, _ in MEASURE_COLUMNS]
    last = len(headers)
    ws["A1"] = f"PENGUKURAN KINERJA TAHUN {result.year}"
    ws["A1"].font = S.TITLE_FONT
    ws["A2"] = result.agency.upper()
    ws["A2"].font = S.Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    header_row = 4
    for c, text in enumerate(headers, start=1):
        ws.cell(row=header_row, column=c, value=text)
    S.style_header_row(ws, header_row, 1, last)
    ws.row_dimensions[header_row].height = 45
    row = header_row + 1
    number = 0
    groups = _groups(result.indicators)
    for tujuan_text, tujuan_inds, sasaran_groups in groups:
        ws.cell(row=row, column=1, value=f"Tujuan: {tujuan_text}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=1)
        cell.font = S.Font(bold=True)
        cell.fill = S.GROUP_FILL
        cell.alignment = S.Alignment(vertical="center", wrap_text=True)
        for c in range(1, last + 1):
            ws.cell(row=row, column=c).border = S.BORDER
        row += 1
        blocks = [("Indikator Kinerja Tujuan", tujuan_inds)] + sasaran_groups
        for label, inds in blocks:
            if not inds:
                continue
            start = row
            for ind in inds:
                number += 1
                _indicator_row(ws, row, number, ind, result, bands)
                row += 1
            ws.cell(row=start, column=2, value=label)
            if row - 1 > start:
                ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
            ws.cell(row=start, column=2).alignment = S.WRAP_TOP
    for c, (_, width) in enumerate(MEASURE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    S.fit_row_heights(ws, header_row + 1, row - 1)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    S.print_setup(ws, title_rows=f"{header_row}:{header_row}", centered=True)


Group = tuple[str, list[IndicatorResult], list[tuple[str, list[IndicatorResult]]]]


def _groups(indicators: list[IndicatorResult]) -> list[Group]:
    """[(tujuan text, tujuan's own indicators, [(sasaran text, its indicators), ...]), ...] in order."""
    out: list[Group] = []
    for ind in indicators:
        if not out or out[-1][0] != ind.tujuan:
            out.append((ind.tujuan, [], []))
        _, own, sasaran = out[-1]
        if ind.level == Level.TUJUAN:
            own.append(ind)
        else:
            if not sasaran or sasaran[-1][0] != ind.sasaran:
                sasaran.append((ind.sasaran or "", []))
            sasaran[-1][1].append(ind)
    return out


def _indicator_row(
    ws: Worksheet, row: int, number: int, ind: IndicatorResult, result: ComputeResult, bands: tuple[Band, ...]
) -> None:
    ws.cell(row=row, column=1, value=number).alignment = S.Alignment(horizontal="center", vertical="top")
    ws.cell(row=row, column=3, value=f"{ind.nama} ({ind.id})").alignment = S.WRAP_TOP
    ws.cell(row=row, column=4, value=ind.satuan).alignment = S.Alignment(horizontal="center", vertical="top")
    _put_target(ws.cell(row=row, column=5), ind.target)
    if ind.value is None:
        ws.cell(row=row, column=6, value=NOT_COMPUTED).alignment = S.WRAP_TOP
    else:
        _number(ws.cell(row=row, column=6), ind.value)
    _number(ws.cell(row=row, column=7), ind.capaian)
    kat = ws.cell(row=row, column=8, value=ind.kategori or "–")
    kat.alignment = S.Alignment(horizontal="center", vertical="top", wrap_text=True)
    fill = S.kategori_fill(ind.kategori, bands)
    if fill:
        kat.fill = fill
    _number(ws.cell(row=row, column=9), ind.history.get(result.year - 1))
    _put_target(ws.cell(row=row, column=10), ind.target_akhir)
    if ind.target_akhir is None:
        _number(ws.cell(row=row, column=10), None)
    _number(ws.cell(row=row, column=11), ind.capaian_akhir)
    notes = [n for n in (ind.reason, ind.capaian_reason if ind.value is not None else None) if n]
    ws.cell(row=row, column=12, value="; ".join(notes) or None).alignment = S.WRAP_TOP
    for c in range(1, 13):
        cell = ws.cell(row=row, column=c)
        cell.border = S.BORDER
        if cell.alignment.vertical is None:
            cell.alignment = S.Alignment(vertical="top", horizontal=cell.alignment.horizontal)


RINCIAN_COLUMNS = [  # about half size on one A4 landscape page wide; long texts wrap
    ("Kode", 9),
    ("Indikator", 26),
    ("Formulasi", 34),
    ("Jenis", 12),
    ("Nilai", 12),
    ("Status", 14),
    ("Ukuran", 26),
    ("Tahun", 7),
    ("Nilai ukuran", 17),
    ("Satuan", 8),
    ("Cara hitung", 18),
    ("Filter", 30),
    ("Workbook", 24),
    ("Sheet", 14),
    ("Baris dipakai", 10),
]


def _rincian(ws: Worksheet, result: ComputeResult) -> None:
    for c, (text, width) in enumerate(RINCIAN_COLUMNS, start=1):
        ws.cell(row=1, column=c, value=text)
        ws.column_dimensions[get_column_letter(c)].width = width
    S.style_header_row(ws, 1, 1, len(RINCIAN_COLUMNS))
    row = 2
    for ind in result.indicators:
        measures: list[MeasureResult | None] = list(ind.measures) or [None]
        start = row
        for m in measures:
            values = [
                ind.id,
                ind.nama,
                ind.formulasi,
                FORMULA_WORDS[ind.formula],
                None,
                ind.status.words,
            ]
            for c, v in enumerate(values, start=1):
                if row == start:
                    ws.cell(row=row, column=c, value=v)
            if row == start:
                _number(ws.cell(row=row, column=5), ind.value)
            if m is not None:
                how = aggregate_words(m.aggregate, m.column)
                ws.cell(row=row, column=7, value=m.label)
                ws.cell(row=row, column=8, value=m.year)
                _number(ws.cell(row=row, column=9), m.value, S.NUM_2 if m.aggregate == "sum" else S.NUM_0)
                ws.cell(row=row, column=10, value=m.unit or ("unit" if m.aggregate != "sum" else None))
                ws.cell(row=row, column=11, value=how)
                ws.cell(row=row, column=12, value=m.filter)
                ws.cell(row=row, column=13, value=m.file)
                ws.cell(row=row, column=14, value=m.sheet)
                _number(ws.cell(row=row, column=15), m.rows, S.NUM_0)
            for c in range(1, len(RINCIAN_COLUMNS) + 1):
                cell = ws.cell(row=row, column=c)
                cell.border = S.BORDER
                if cell.alignment.horizontal is None:
                    cell.alignment = S.WRAP_TOP
            row += 1
        if row - 1 > start:
            for c in range(1, 7):
                ws.merge_cells(start_row=start, start_column=c, end_row=row - 1, end_column=c)
        if ind.reason:
            ws.cell(row=start, column=6, value=f"{ind.status.words}: {ind.reason}")
    S.fit_row_heights(ws, 1, row - 1)  # the header too: "Baris dipakai" takes two lines
    ws.freeze_panes = "A2"
    S.print_setup(ws, title_rows="1:1")


def _metadata(ws: Worksheet, result: ComputeResult) -> None:
    rows = [
        ("Instansi", result.agency),
        ("Tahun", result.year),
        ("File konfigurasi", S.cell_text(result.config_path)),
        ("Folder data", S.cell_text(result.data_dir)),
        ("Waktu perhitungan", result.generated_at),
        ("Versi iku", result.version),
        (
            "Status",
            "semua indikator dihitung" if result.all_ok else "ada indikator yang tidak dapat dihitung",
        ),
    ]
    ws.append(["Keterangan", "Nilai"])
    S.style_header_row(ws, 1, 1, 2)
    for key, value in rows:
        ws.append([key, value])
    ws.append([])
    start = ws.max_row + 1
    ws.append(["Workbook masukan", "SHA-256", "Ukuran (byte)"])
    S.style_header_row(ws, start, 1, 3)
    for f in result.files:
        ws.append([f.file, f.sha256, f.size])
        ws.cell(row=ws.max_row, column=3).number_format = S.NUM_0
    S.set_widths(ws, {"A": 36, "B": 70, "C": 14})
    for (cell,) in ws.iter_rows(min_col=2, max_col=2):
        cell.alignment = S.WRAP_TOP
    ws.freeze_panes = "A2"
    S.print_setup(ws, portrait=True)


def write_lkjip(result: ComputeResult, path: Path) -> None:
    """The LKjIP workbook: Pengukuran Kinerja, Rincian Perhitungan, Metadata and, when any, Temuan Data."""
    bands = _bands(result)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pengukuran Kinerja"
    _pengukuran(ws, result, bands)
    _rincian(wb.create_sheet("Rincian Perhitungan"), result)
    _metadata(wb.create_sheet("Metadata"), result)
    shown = [f for f in result.findings if f.severity != Severity.INFO]
    if shown:
        fill_findings_sheet(wb.create_sheet("Temuan Data"), shown)
    S.save(wb, path)
