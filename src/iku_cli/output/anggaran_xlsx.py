"""The "Realisasi Anggaran" sheet of the LKjIP workbook: per sasaran its programs, serapan and efficiency."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.calc.results import BudgetLine, ComputeResult, SasaranBudget, Status
from iku_cli.output import xlsx_style as S

COLUMNS = [
    ("Kode", 19),
    ("Sasaran / Program", 58),
    ("Pagu (Rp)", 17),
    ("Realisasi (Rp)", 17),
    ("Serapan (%)", 10),
    ("Sisa (Rp)", 17),
    ("Rata-rata capaian kinerja (%)", 12),
    ("Efisiensi", 15),
]
HEADER_ROW = 4
EFISIENSI = {True: "Efisien", False: "Tidak efisien", None: "–"}
NOTE = (
    "Hanya baris rincian terdalam (sub kegiatan) yang dijumlahkan; baris program dan kegiatan adalah subtotal. "
    "Serapan = realisasi / pagu × 100. Efisien bila rata-rata capaian kinerja sasaran ≥ serapan anggarannya "
    "(konvensi iku, setara indeks efisiensi capaian / serapan ≥ 1)."
)


def fill_budget_sheet(ws: Worksheet, result: ComputeResult) -> None:
    """Programs under each sasaran, then the penunjang program, the rows no sasaran claims, and the total."""
    budget = result.anggaran
    last = len(COLUMNS)
    ws["A1"] = f"REALISASI ANGGARAN TAHUN {result.year}"
    ws["A1"].font = S.TITLE_FONT
    ws["A2"] = result.agency.upper()
    ws["A2"].font = S.BOLD
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    for c, (text, width) in enumerate(COLUMNS, start=1):
        ws.cell(row=HEADER_ROW, column=c, value=text)
        ws.column_dimensions[get_column_letter(c)].width = width
    S.style_header_row(ws, HEADER_ROW, 1, last)
    row = HEADER_ROW + 1
    if budget is None or budget.status != Status.OK or budget.total is None:
        why = budget.reason if budget is not None else "indicators.yaml tidak menyatakan anggaran"
        ws.cell(row=row, column=1, value=f"{str(why)[:1].upper()}{str(why)[1:]}.")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        ws.cell(row=row, column=1).alignment = S.WRAP_TOP
        row += 1
    else:
        for group in result.sasaran:
            s = group.anggaran
            if s is None:
                continue
            _line(ws, row, s.total, group=True, kode=group.id, nama=f"Sasaran: {group.text}", sasaran=s)
            row += 1
            for program in s.program:
                _line(ws, row, program)
                row += 1
        for title, lines in (
            ("Program penunjang (tidak terkait sasaran tertentu)", budget.penunjang),
            ("Tidak terkait sasaran mana pun: periksa program: di indicators.yaml", budget.unassigned),
        ):
            if lines:
                _title_row(ws, row, title)
                row += 1
                for line in lines:
                    _line(ws, row, line)
                    row += 1
        _line(ws, row, budget.total, group=True, kode="", nama=f"Jumlah ({budget.file})")
        row += 1
        ws.cell(row=row + 1, column=1, value=NOTE)
        ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=last)
        ws.cell(row=row + 1, column=1).alignment = S.WRAP_TOP
        row += 2
    S.fit_row_heights(ws, HEADER_ROW, row - 1)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1).coordinate
    S.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", centered=True)


def _title_row(ws: Worksheet, row: int, text: str) -> None:
    ws.cell(row=row, column=1, value=text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    cell = ws.cell(row=row, column=1)
    cell.font = S.BOLD
    cell.fill = S.GROUP_FILL
    for c in range(1, len(COLUMNS) + 1):
        ws.cell(row=row, column=c).border = S.BORDER


def _line(
    ws: Worksheet,
    row: int,
    line: BudgetLine,
    group: bool = False,
    kode: str | None = None,
    nama: str | None = None,
    sasaran: SasaranBudget | None = None,
) -> None:
    """One row: a program (indented under its sasaran), or a sasaran / the total (bold, on a fill)."""
    values: list[str | float | None] = [
        line.kode if kode is None else kode,
        (line.nama or "–") if nama is None else nama,
        line.pagu,
        line.realisasi,
        line.serapan,
        line.sisa,
        sasaran.capaian if sasaran else None,
        EFISIENSI[sasaran.efisien] if sasaran else None,
    ]
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=c, value=value)
        cell.border = S.BORDER
        cell.alignment = S.Alignment(vertical="top", wrap_text=c == 2, indent=0 if group or c != 2 else 1)
        if c in (3, 4, 6):
            cell.number_format = S.NUM_0
        elif c in (5, 7):
            cell.number_format = S.NUM_2
        if group:
            cell.font = S.BOLD
            cell.fill = S.GROUP_FILL
    if line.serapan is None:
        ws.cell(row=row, column=5, value="–").alignment = S.Alignment(horizontal="center", vertical="top")
    if sasaran is not None and sasaran.capaian is None:
        ws.cell(row=row, column=7, value="–").alignment = S.Alignment(horizontal="center", vertical="top")
