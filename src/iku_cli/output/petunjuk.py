"""The Petunjuk sheet of a template: how to fill the workbook in, and every column explained in Indonesian."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.output import xlsx_style as S
from iku_cli.output.template_plan import FIRST_DATA_ROW, HEADER_ROW, TemplateSheet
from iku_cli.output.template_words import accepted_values, jenis, wajib
from iku_cli.units import parse_unit

PETUNJUK = "Petunjuk"
PETUNJUK_COLUMNS = [
    ("Sheet", 20),
    ("Kolom", 26),
    ("Keterangan", 48),
    ("Jenis", 15),
    ("Satuan", 10),
    ("Wajib", 24),
    ("Nilai yang diterima", 32),
]


def general_instructions(workbook: str, sheets: list[TemplateSheet], year: int) -> list[str]:
    names = ", ".join(f"'{s.name}'" for s in sheets)
    keys = [tc.column.header for s in sheets for tc in s.columns if tc.is_key and tc.column.type == "text"]
    scaled = sorted(
        {
            tc.column.label
            for s in sheets
            for tc in s.columns
            if tc.column.type == "money"
            and tc.column.unit
            and (u := parse_unit(tc.column.unit))
            and u.scale != 1
        }
    )
    lines = [
        f"Isi data mulai baris {FIRST_DATA_ROW}, tepat di bawah baris judul kolom: satu baris untuk setiap "
        "usaha, koperasi atau catatan. Jangan sisipkan baris kosong atau baris subjudul di antara data.",
        f"Jangan mengubah, menghapus atau memindahkan judul kolom di baris {HEADER_ROW} (termasuk satuan "
        "dalam kurung); kolom tambahan di sebelah kanan boleh, tetapi tidak ikut dihitung.",
        "Ketik angka sebagai angka, bukan teks: tanpa 'Rp', tanpa satuan dan tanpa tanda petik; "
        "pemisah ribuan muncul sendiri.",
        "Nilai uang ditulis dalam rupiah penuh (misalnya 350000000, bukan 350 atau 350 juta), "
        "kecuali judul kolomnya menyebut satuan lain"
        + (f" seperti {', '.join(scaled)}." if scaled else ", misalnya (juta Rp) atau (USD)."),
        "Kategori dipilih dari daftar (drop-down) pada selnya; Excel menolak isian yang tidak sesuai "
        "dengan jenis kolom dan menampilkan pesannya.",
        "Tidak perlu baris JUMLAH atau TOTAL; bila ada, baris itu tidak ikut dihitung.",
        f"Jangan mengganti nama sheet ({names}) dan nama file ({workbook}); sheet Petunjuk ini boleh dibiarkan.",
    ]
    if keys:
        lines.append(
            f"Kolom {' dan '.join(dict.fromkeys(keys))} berformat teks agar angka nol di depan tidak hilang; "
            "setiap nomor hanya boleh muncul sekali dalam sheetnya."
        )
    lines.append(
        f"Simpan file ini sebagai .xlsx di folder {year} di dalam folder data, lalu periksa dengan perintah "
        f"iku validate FOLDER_DATA --year {year}."
    )
    return lines


def write_petunjuk(ws: Worksheet, workbook: str, sheets: list[TemplateSheet], agency: str, year: int) -> None:
    width = len(PETUNJUK_COLUMNS)
    S.print_setup(ws)
    total_width = sum(w for _, w in PETUNJUK_COLUMNS)
    for c, (_, w) in enumerate(PETUNJUK_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.cell(
        row=1, column=1, value=f"Petunjuk pengisian {workbook} — {agency} — Tahun {year}"
    ).font = S.TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 24
    row = 3
    ws.cell(row=row, column=1, value="Cara mengisi").font = S.Font(bold=True)
    lines = general_instructions(workbook, sheets, year)
    lines += [f"Sheet '{s.name}': {d}" for s in sheets for d in s.descriptions]
    for i, line in enumerate(lines, start=1):
        row += 1
        cell = ws.cell(row=row, column=1, value=f"{i}. {line}")
        cell.alignment = S.WRAP_TOP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 15 * S.lines_needed(str(cell.value), total_width)
    row += 2
    ws.cell(row=row, column=1, value="Daftar kolom").font = S.Font(bold=True)
    row += 1
    for c, (text, _) in enumerate(PETUNJUK_COLUMNS, start=1):
        ws.cell(row=row, column=c, value=text)
    S.style_header_row(ws, row, 1, width)
    for sheet in sheets:
        for tc in sheet.columns:
            row += 1
            column = tc.column
            values = [
                sheet.name,
                column.label,
                column.description or "",
                jenis(column),
                column.unit or "",
                wajib(column, tc.source),
                accepted_values(column, tc.is_key),
            ]
            height = 1
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=c, value=value)
                cell.alignment = S.WRAP_TOP
                cell.border = S.BORDER
                cell.number_format = S.TEXT
                height = max(height, S.lines_needed(value, PETUNJUK_COLUMNS[c - 1][1]))
            ws.row_dimensions[row].height = 15 * height
