"""The PK monitoring workbook: the Perjanjian Kinerja per triwulan, as the Permendagri 86/2017 form E.81 and the
quarterly PK attachments lay it out, with room for what helped, what hindered and what follows."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.calc.results import BudgetLine, ComputeResult, IndicatorResult, Status, TriwulanResult
from iku_cli.config import DEFAULT_KATEGORI, QUARTER_END, ROMAN, TRIWULAN, Band, Level, tw_label
from iku_cli.findings import Severity
from iku_cli.output import xlsx_style as S
from iku_cli.output.findings_view import fill_findings_sheet
from iku_cli.output.labels import averaged_words, blocks, realisasi_shown
from iku_cli.output.lkjip_xlsx import fill_metadata, fill_rincian, put_kategori, put_number, put_target
from iku_cli.output.triwulan_view import reading_words

SHEET = "Monitoring PK"
HEADER_ROW = 5  # and 6 for the sub-columns
TW = [(tw_label(q), 6.5) for q in TRIWULAN]
COLUMNS: S.HeaderColumns = [
    ("No", [("", 4)]),
    ("Sasaran", [("", 15)]),
    ("Indikator", [("", 25)]),
    ("Satuan", [("", 7)]),
    ("Target {year}", [("", 8)]),
    ("Target per triwulan", TW),
    ("Realisasi per triwulan", [(name, 7.5) for name, _ in TW]),
    ("Capaian (%)", [("s.d. {tw}", 8.5), ("thd target {year}", 8.5)]),
    ("Kategori", [("", 12)]),
    ("Anggaran sasaran", [("Pagu (Rp)", 13.5), ("Realisasi s.d. {tw} (Rp)", 13.5), ("Capaian (%)", 8)]),
    ("Faktor pendorong", [("", 17)]),
    ("Faktor penghambat", [("", 17)]),
    ("Tindak lanjut", [("", 17)]),
]
COL = {
    name: i
    for i, name in enumerate(
        [
            "no",
            "sasaran",
            "indikator",
            "satuan",
            "target",
            "tw1",
            "tw2",
            "tw3",
            "tw4",
            "r1",
            "r2",
            "r3",
            "r4",
            "capaian",
            "capaian_tahunan",
            "kategori",
            "pagu",
            "realisasi_anggaran",
            "capaian_anggaran",
            "pendorong",
            "penghambat",
            "tindak_lanjut",
        ],  # fmt: skip
        start=1,
    )
}
LAST = len(COL)
TO_FILL = S.fill("FFFCEB")  # the columns staff fill in
AVERAGE_FILL = S.fill("F2F2F2")
ROW_HEIGHT = 45  # three lines: room to write in the columns to fill, on screen or by hand on paper
NOTES = (
    "Bacaan pertumbuhan per triwulan (BPS): c-to-c membandingkan data s.d. akhir triwulan dengan periode yang "
    "sama tahun sebelumnya (folder TW yang sama tahun n−1); snapshot membandingkan posisi akhir triwulan dengan "
    "akhir tahun sebelumnya (data tahunan n−1). Indikator rasio dihitung dari data triwulan itu. "
    "Capaian nilai akhir = realisasi s.d. triwulan / target triwulan × 100; capaian kumulatif = Σ realisasi / "
    "Σ target triwulan s.d. triwulan ini × 100 (target dan realisasi per triwulan adalah capaian dalam "
    "triwulan itu); bila lebih kecil lebih baik: (1 − (R − T) / |T|) × 100. Kategori dan predikat: skala "
    "Permendagri 86/2017."
)


def write_pk(tw: TriwulanResult, path: Path) -> None:
    """Monitoring PK, Rincian Perhitungan (every triwulan so far), Metadata and, when any, Temuan Data."""
    now = tw.now
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    fill_monitoring(ws, tw)
    indicators = [(n, ind) for n, q in enumerate(tw.quarters, start=1) for ind in q.indicators]
    labels = {id(ind): f"{ind.id} ({tw_label(n)})" for n, ind in indicators}
    fill_rincian(wb.create_sheet("Rincian Perhitungan"), [i for _, i in indicators], lambda i: labels[id(i)])
    fill_metadata(wb.create_sheet("Metadata"), now, [("Triwulan", f"{tw_label(tw.triwulan)} ({_until(tw)})")])
    shown = [f for f in tw.findings if f.severity != Severity.INFO]
    if shown:
        fill_findings_sheet(wb.create_sheet("Temuan Data"), shown)
    S.save(wb, path)


def _until(tw: TriwulanResult) -> str:
    return f"s.d. {QUARTER_END[tw.triwulan - 1]} {tw.year}"


def fill_monitoring(ws: Worksheet, tw: TriwulanResult) -> None:
    """The table grouped by tujuan and sasaran, the averages and predikat, and the notes under it."""
    now = tw.now
    bands = now.bands or DEFAULT_KATEGORI
    titles = [
        "MONITORING DAN EVALUASI CAPAIAN PERJANJIAN KINERJA",
        now.agency.upper(),
        f"TAHUN {tw.year} — TRIWULAN {ROMAN[tw.triwulan - 1]} ({_until(tw).upper()})",
    ]
    for r, text in enumerate(titles, start=1):
        ws.cell(row=r, column=1, value=text).font = S.TITLE_FONT if r == 1 else S.BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=LAST)
    S.two_row_header(ws, HEADER_ROW, COLUMNS, year=tw.year, tw=tw_label(tw.triwulan))
    row, number, current_tujuan = HEADER_ROW + 2, 0, None
    indicator_rows = []
    for block in blocks(now):
        if block.tujuan_id != current_tujuan:
            S.band_row(ws, row, LAST, f"Tujuan {block.tujuan_id}: {block.tujuan}", S.GROUP_FILL)
            current_tujuan, row = block.tujuan_id, row + 1
        start = row
        for ind in block.indicators:
            number += 1
            _indicator_row(ws, row, number, tw, ind, bands)
            indicator_rows.append(row)
            row += 1
        label = (
            f"Sasaran {block.id}: {block.text}"
            if block.level == Level.SASARAN
            else "Indikator Kinerja Tujuan"
        )
        _span(ws, start, row - 1, COL["sasaran"], COL["sasaran"], label)
        group = block.group if block.level == Level.SASARAN else None
        _budget_cells(ws, start, row - 1, now, group.id if group else None)
        if block.group is not None:
            avg = block.group.average
            text = f"Rata-rata capaian {block.id} ({averaged_words(avg.averaged, avg.count)})"
            _average_row(ws, row, text, avg.value, avg.kategori, bands)
            row += 1
    if now.average is not None:
        avg = now.average
        text = f"Rata-rata capaian kinerja s.d. {tw_label(tw.triwulan)} ({averaged_words(avg.averaged, avg.count)})"
        _average_row(ws, row, text, avg.value, avg.kategori, bands, bold=True)
        _average_row(ws, row + 1, "Predikat kinerja", None, avg.kategori, bands, bold=True)
        row += 2
    S.fit_row_heights(ws, HEADER_ROW + 2, row - 1)
    for r in indicator_rows:
        ws.row_dimensions[r].height = max(ws.row_dimensions[r].height or 15, ROW_HEIGHT)
    row = _notes(ws, row + 1, tw)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=1).coordinate
    S.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW + 1}", centered=True)


def _indicator_row(
    ws: Worksheet, row: int, number: int, tw: TriwulanResult, ind: IndicatorResult, bands: tuple[Band, ...]
) -> None:
    c = COL

    def at(name: str) -> Cell | MergedCell:
        return ws.cell(row=row, column=c[name])

    info = ind.triwulan
    at("no").value = number
    at("no").alignment = S.Alignment(horizontal="center", vertical="top")
    at("indikator").value = f"{ind.nama} ({ind.id})\n{reading_words(ind)}"
    at("satuan").value = ind.satuan
    at("satuan").alignment = S.Alignment(horizontal="center", vertical="top", wrap_text=True)
    put_target(at("target"), info.target_tahunan if info else None)
    targets = info.target_tw if info and info.target_tw else (None,) * len(TRIWULAN)
    for n, target in zip(TRIWULAN, targets, strict=True):
        put_target(at(f"tw{n}"), target)
    k = next(i for i, other in enumerate(tw.now.indicators) if other.id == ind.id)
    for n, quarter in enumerate(tw.quarters, start=1):
        put_number(at(f"r{n}"), realisasi_shown(quarter.indicators[k]))
    put_number(at("capaian"), ind.capaian)
    put_number(at("capaian_tahunan"), info.capaian_tahunan if info else None)
    put_kategori(at("kategori"), ind.kategori, bands)
    for name in ("pendorong", "penghambat", "tindak_lanjut"):
        at(name).fill = TO_FILL
    for col in range(1, LAST + 1):
        cell = ws.cell(row=row, column=col)
        cell.border = S.BORDER
        if cell.alignment.vertical is None:
            cell.alignment = S.Alignment(
                vertical="top",
                horizontal=cell.alignment.horizontal,
                wrap_text=col >= c["pendorong"] or col == 3,
            )


def _budget_cells(ws: Worksheet, first: int, last: int, now: ComputeResult, sasaran_id: str | None) -> None:
    """Pagu, realisasi s.d. the triwulan and capaian anggaran of a sasaran, over its indicators' rows."""
    budget = now.anggaran.sasaran.get(sasaran_id) if now.anggaran and sasaran_id else None
    total: BudgetLine | None = budget.total if budget else None
    values = (total.pagu, total.realisasi, total.serapan) if total else (None, None, None)
    for name, value in zip(("pagu", "realisasi_anggaran", "capaian_anggaran"), values, strict=True):
        col = COL[name]
        if last > first:
            ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)
        put_number(ws.cell(row=first, column=col), value, S.NUM_0 if name != "capaian_anggaran" else S.NUM_2)
        ws.cell(row=first, column=col).alignment = S.Alignment(horizontal="right", vertical="top")


def _span(ws: Worksheet, first: int, last: int, col: int, last_col: int, text: str) -> None:
    ws.cell(row=first, column=col, value=text).alignment = S.WRAP_TOP
    if last > first or last_col > col:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=last_col)


def _average_row(
    ws: Worksheet,
    row: int,
    text: str,
    value: float | None,
    kategori: str | None,
    bands: tuple[Band, ...],
    bold: bool = False,
) -> None:
    """A row under a block (or the table) carrying an average capaian and its kategori, or the predikat."""
    _span(ws, row, row, COL["sasaran"], COL["r4"], text)
    if value is not None or kategori is None:
        put_number(ws.cell(row=row, column=COL["capaian"]), value)
    put_kategori(ws.cell(row=row, column=COL["kategori"]), kategori, bands)
    for col in range(1, LAST + 1):
        cell = ws.cell(row=row, column=col)
        cell.border, cell.fill = S.BORDER, AVERAGE_FILL
        cell.font = S.Font(bold=bold, italic=not bold)
        cell.alignment = S.Alignment(
            horizontal=cell.alignment.horizontal, vertical="top", wrap_text=cell.alignment.wrap_text
        )


def _notes(ws: Worksheet, row: int, tw: TriwulanResult) -> int:
    """Why a value or capaian is missing (once per indicator and reason, with its triwulan), where the budget
    is from, and how the triwulan were read; returns the row after the notes."""
    lines = ["Catatan:"]
    reasons: dict[tuple[str, str], list[int]] = {}
    for n, quarter in enumerate(tw.quarters, start=1):
        for ind in quarter.indicators:
            missing_capaian = quarter is tw.now and ind.capaian is None
            why = ind.reason if ind.value is None else ind.capaian_reason if missing_capaian else None
            if why:
                reasons.setdefault((ind.id, why), []).append(n)
    for (iid, why), quarters in reasons.items():
        lines.append(f"{iid} ({', '.join(tw_label(q) for q in quarters)}): {why}")
    budget = tw.now.anggaran
    if budget is not None:
        lines.append(
            f"Anggaran: {budget.reason}"
            if budget.status != Status.OK
            else f"Anggaran: pagu dan realisasi s.d. {tw_label(tw.triwulan)} dari {budget.file}; capaian anggaran "
            "= realisasi / pagu × 100 (baris rincian terdalam yang dijumlahkan)."
        )
    lines.append(NOTES)
    for k, text in enumerate(lines):
        ws.cell(row=row, column=1, value=text)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=LAST)
        cell = ws.cell(row=row, column=1)
        cell.alignment = S.WRAP_TOP
        cell.font = S.BOLD if k == 0 else S.Font(size=9)
        S.fit_row_heights(ws, row, row, line_height=13)
        row += 1
    return row
