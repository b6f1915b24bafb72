"""The LKjIP workbook a planning officer pastes into the report: measurement table, workings, metadata."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.calc.results import NOT_COMPUTED, ComputeResult, GroupResult, IndicatorResult, MeasureResult
from iku_cli.config import DEFAULT_KATEGORI, Band, Level, Target
from iku_cli.config.words import aggregate_words
from iku_cli.findings import Severity
from iku_cli.output import xlsx_style as S
from iku_cli.output.anggaran_xlsx import fill_budget_sheet
from iku_cli.output.findings_view import fill_findings_sheet
from iku_cli.output.labels import FORMULA_WORDS, averaged_words, blocks

# The Pengukuran Kinerja table: (header, width) per column; a header with sub-columns spans them (row 2 of
# the header). {base}, {n2}, {n1}, {n} and {end} are the years.
YEAR_COLUMNS = [("Target", 8), ("Realisasi", 9.5), ("Capaian (%)", 8.5)]
MEASURE_COLUMNS: list[tuple[str, list[tuple[str, float]]]] = [
    ("No", [("", 4)]),
    ("Sasaran", [("", 19)]),
    ("Indikator", [("", 28)]),
    ("Satuan", [("", 7)]),
    ("Kondisi awal ({base})", [("", 9)]),
    ("{n2}", YEAR_COLUMNS),
    ("{n1}", YEAR_COLUMNS),
    ("{n}", [*YEAR_COLUMNS, ("Kategori", 14)]),
    ("Pembanding", [("", 12)]),
    ("Target akhir Renstra ({end})", [("", 9)]),
    ("Capaian terhadap target akhir Renstra (%)", [("", 11)]),
    ("Keterangan", [("", 24)]),
]
HEADER_ROW = 4  # and 5 for the sub-columns
AVERAGE_FILL = S.fill("F2F2F2")


# Where each value of an indicator row goes, by name, in the order of MEASURE_COLUMNS' cells.
COL = {
    name: i
    for i, name in enumerate(
        [
            "no",
            "sasaran",
            "indikator",
            "satuan",
            "baseline",
            "target_n2",
            "realisasi_n2",
            "capaian_n2",
            "target_n1",
            "realisasi_n1",
            "capaian_n1",
            "target",
            "realisasi",
            "capaian",
            "kategori",
            "pembanding",
            "target_akhir",
            "capaian_akhir",
            "keterangan",
        ],  # fmt: skip
        start=1,
    )
}


def _bands(result: ComputeResult) -> tuple[Band, ...]:
    return result.bands or DEFAULT_KATEGORI


def put_target(cell: Cell | MergedCell, target: Target | None) -> None:
    if isinstance(target, tuple):
        cell.value = f"{target[0]:g} – {target[1]:g}".replace(".", ",")
        cell.alignment = S.Alignment(horizontal="right", vertical="top")
    elif target is not None:
        cell.value = target
        cell.number_format = S.NUM_2
    else:
        put_number(cell, None)


def put_number(cell: Cell | MergedCell, value: float | int | None, fmt: str = S.NUM_2) -> None:
    if value is None or not math.isfinite(value):  # a spreadsheet cell holds no infinity
        cell.value = "–"
        cell.alignment = S.Alignment(horizontal="center", vertical="top")
    else:
        cell.value = value
        cell.number_format = fmt


def _header(ws: Worksheet, result: ComputeResult) -> int:
    """The two header rows; returns the number of columns."""
    base = result.renstra[0] - 1 if result.renstra else "–"
    end = result.renstra[1] if result.renstra else "–"
    years = {"base": base, "n2": result.year - 2, "n1": result.year - 1, "n": result.year, "end": end}
    return S.two_row_header(ws, HEADER_ROW, MEASURE_COLUMNS, **years)


def _pengukuran(ws: Worksheet, result: ComputeResult, bands: tuple[Band, ...]) -> None:
    ws["A1"] = f"PENGUKURAN KINERJA TAHUN {result.year}"
    ws["A1"].font = S.TITLE_FONT
    ws["A2"] = result.agency.upper()
    ws["A2"].font = S.Font(bold=True)
    last = _header(ws, result)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    c = COL
    row = HEADER_ROW + 2
    number = 0
    current_tujuan = None
    for block in blocks(result):
        if block.tujuan_id != current_tujuan:
            S.band_row(ws, row, last, f"Tujuan {block.tujuan_id}: {block.tujuan}")
            current_tujuan = block.tujuan_id
            row += 1
        start = row
        for ind in block.indicators:
            number += 1
            _indicator_row(ws, row, number, ind, result, bands)
            row += 1
        label = (
            f"Sasaran {block.id}: {block.text}"
            if block.level == Level.SASARAN
            else "Indikator Kinerja Tujuan"
        )
        ws.cell(row=start, column=c["sasaran"], value=label)
        if row - 1 > start:
            ws.merge_cells(
                start_row=start, start_column=c["sasaran"], end_row=row - 1, end_column=c["sasaran"]
            )
        ws.cell(row=start, column=c["sasaran"]).alignment = S.WRAP_TOP
        if block.group is not None:
            _average_row(ws, row, last, f"Rata-rata capaian {block.id}", block.group, result, bands)
            row += 1
    if result.average is not None:
        ids = [i.id for i in result.indicators]
        overall = GroupResult("", Level.TUJUAN, "", ids, result.average, result.average_riwayat)
        _average_row(ws, row, last, "Rata-rata capaian keseluruhan", overall, result, bands, bold=True)
        row += 1
    S.fit_row_heights(ws, HEADER_ROW + 2, row - 1)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=1).coordinate
    S.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW + 1}", centered=True)


def _average_row(
    ws: Worksheet,
    row: int,
    last: int,
    label: str,
    group: GroupResult,
    result: ComputeResult,
    bands: tuple[Band, ...],
    bold: bool = False,
) -> None:
    """A row of average capaian under a block: this year's, and the earlier years' in their columns.

    The label counts the indicators averaged in year n; Keterangan names those without a capaian in n and
    says over how many each earlier year's average was taken, where that is fewer than all.
    """
    c = COL
    avg = group.average
    counted = averaged_words(avg.averaged, avg.count)
    ws.cell(row=row, column=c["sasaran"], value=f"{label} ({result.year}: {counted})")
    ws.merge_cells(start_row=row, start_column=c["sasaran"], end_row=row, end_column=c["baseline"])
    notes = []
    if avg.averaged < avg.count:
        by_id = {i.id: i for i in result.indicators}
        notes.append(f"tanpa capaian: {', '.join(i for i in group.indikator if by_id[i].capaian is None)}")
    for back, name in ((2, "capaian_n2"), (1, "capaian_n1")):
        earlier = group.riwayat.get(result.year - back)
        put_number(ws.cell(row=row, column=c[name]), earlier.value if earlier else None)
        if earlier is not None and earlier.value is not None and earlier.averaged < earlier.count:
            notes.append(f"rata-rata {result.year - back}: {averaged_words(earlier.averaged, earlier.count)}")
    put_number(ws.cell(row=row, column=c["capaian"]), avg.value)
    put_kategori(ws.cell(row=row, column=c["kategori"]), avg.kategori, bands)
    ws.cell(row=row, column=c["keterangan"], value="; ".join(notes) or None)
    for col in range(1, last + 1):
        cell = ws.cell(row=row, column=col)
        cell.border = S.BORDER
        cell.fill = AVERAGE_FILL
        cell.font = S.Font(italic=not bold, bold=bold)
        if cell.alignment.vertical is None:
            cell.alignment = S.Alignment(vertical="top", horizontal=cell.alignment.horizontal, wrap_text=True)


def put_kategori(cell: Cell | MergedCell, kategori: str | None, bands: tuple[Band, ...]) -> None:
    cell.value = kategori or "–"
    cell.alignment = S.Alignment(horizontal="center", vertical="top", wrap_text=True)
    fill = S.kategori_fill(kategori, bands)
    if fill:
        cell.fill = fill


def _indicator_row(
    ws: Worksheet, row: int, number: int, ind: IndicatorResult, result: ComputeResult, bands: tuple[Band, ...]
) -> None:
    c = COL

    def at(name: str) -> Cell | MergedCell:
        return ws.cell(row=row, column=c[name])

    at("no").value = number
    at("no").alignment = S.Alignment(horizontal="center", vertical="top")
    at("indikator").value = f"{ind.nama} ({ind.id})"
    at("indikator").alignment = S.WRAP_TOP
    at("satuan").value = ind.satuan
    at("satuan").alignment = S.Alignment(horizontal="center", vertical="top", wrap_text=True)
    put_number(at("baseline"), ind.baseline.realisasi if ind.baseline else None)
    for back, suffix in ((2, "_n2"), (1, "_n1")):
        point = next((p for p in ind.riwayat if p.tahun == result.year - back), None)
        put_target(at("target" + suffix), point.target if point else None)
        realised = point.realisasi if point else ind.history.get(result.year - back)
        put_number(at("realisasi" + suffix), realised)
        put_number(at("capaian" + suffix), point.capaian if point else None)
    put_target(at("target"), ind.target)
    if ind.value is None:
        at("realisasi").value = NOT_COMPUTED
        at("realisasi").alignment = S.WRAP_TOP
    else:
        put_number(at("realisasi"), ind.value)
    put_number(at("capaian"), ind.capaian)
    put_kategori(at("kategori"), ind.kategori, bands)
    put_number(at("pembanding"), ind.pembanding.nilai if ind.pembanding else None)
    put_target(at("target_akhir"), ind.target_akhir)
    put_number(at("capaian_akhir"), ind.capaian_akhir)
    notes = [n for n in (ind.reason, ind.capaian_reason if ind.value is not None else None) if n]
    notes += [  # why an earlier year shown has no realisasi (or no capaian)
        f"{p.tahun}: {p.reason}" for p in sorted(ind.riwayat, key=lambda p: p.tahun) if p.reason
    ]
    if ind.pembanding is not None:
        notes.append(f"Pembanding: {ind.pembanding.sumber}")
    if ind.baseline is not None and ind.baseline.sumber == "data":
        notes.append(f"Kondisi awal dihitung dari data {ind.baseline.tahun}")
    at("keterangan").value = "; ".join(notes) or None
    at("keterangan").alignment = S.WRAP_TOP
    for col in range(1, len(c) + 1):
        cell = ws.cell(row=row, column=col)
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


def fill_rincian(
    ws: Worksheet,
    indicators: Sequence[IndicatorResult],
    label: Callable[[IndicatorResult], str] = lambda i: i.id,
) -> None:
    """Per indicator (named by ``label``) its formula, value and status, and each measure with its source."""
    for c, (text, width) in enumerate(RINCIAN_COLUMNS, start=1):
        ws.cell(row=1, column=c, value=text)
        ws.column_dimensions[get_column_letter(c)].width = width
    S.style_header_row(ws, 1, 1, len(RINCIAN_COLUMNS))
    row = 2
    for ind in indicators:
        measures: list[MeasureResult | None] = list(ind.measures) or [None]
        start = row
        for m in measures:
            values = [
                label(ind),
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
                put_number(ws.cell(row=row, column=5), ind.value)
            if m is not None:
                how = aggregate_words(m.aggregate, m.column)
                ws.cell(row=row, column=7, value=m.label)
                ws.cell(row=row, column=8, value=m.year)
                put_number(ws.cell(row=row, column=9), m.value, S.NUM_2 if m.aggregate == "sum" else S.NUM_0)
                ws.cell(row=row, column=10, value=m.unit or ("unit" if m.aggregate != "sum" else None))
                ws.cell(row=row, column=11, value=how)
                ws.cell(row=row, column=12, value=m.filter)
                ws.cell(row=row, column=13, value=m.file)
                ws.cell(row=row, column=14, value=m.sheet)
                put_number(ws.cell(row=row, column=15), m.rows, S.NUM_0)
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


def fill_metadata(ws: Worksheet, result: ComputeResult, extra: Sequence[tuple[str, object]] = ()) -> None:
    """Agency, year (and ``extra`` rows), configuration, data folder, time, version, status, input hashes."""
    rows = [
        ("Instansi", result.agency),
        ("Tahun", result.year),
        *extra,
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
    """The LKjIP workbook: Pengukuran Kinerja, Realisasi Anggaran (when indicators.yaml declares a budget),
    Rincian Perhitungan, Metadata and, when any, Temuan Data."""
    bands = _bands(result)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pengukuran Kinerja"
    _pengukuran(ws, result, bands)
    if result.anggaran is not None:
        fill_budget_sheet(wb.create_sheet("Realisasi Anggaran"), result)
    fill_rincian(wb.create_sheet("Rincian Perhitungan"), result.indicators)
    fill_metadata(wb.create_sheet("Metadata"), result)
    shown = [f for f in result.findings if f.severity != Severity.INFO]
    if shown:
        fill_findings_sheet(wb.create_sheet("Temuan Data"), shown)
    S.save(wb, path)
