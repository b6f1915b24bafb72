"""Blank bidang workbooks made from indicators.yaml: the declared headers, formats, drop-downs and a guide.

``write_templates`` writes DIR/<year>/<workbook> for every declared workbook: one sheet per declared sheet
with a title row, the header row (units in brackets, as the reader reads them back), number formats and
Excel data validation on the data rows, and a *Petunjuk* sheet that explains every column in Indonesian.
The templates hold no data and no formulas; ``iku validate`` reads a filled one like any other workbook.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.config import NUMERIC_TYPES, Column, Config, Source
from iku_cli.config.words import describe_filter
from iku_cli.numbers import format_exact
from iku_cli.output import xlsx_style as S
from iku_cli.output.atomic import write_atomic
from iku_cli.text import normalise
from iku_cli.units import parse_unit

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
DEFAULT_ROWS = 1000
PETUNJUK = "Petunjuk"
PILIHAN = "Pilihan"  # hidden sheet for drop-down lists too long for Excel's 255-character literal

# Excel's limits on data-validation texts (longer ones make Excel call the file damaged).
PROMPT_MAX = 255
ERROR_MAX = 225
TITLE_MAX = 32

JENIS = {
    "text": "teks",
    "category": "kategori",
    "integer": "bilangan bulat",
    "number": "angka",
    "money": "uang",
}
FORMAT_TEXT = "@"
FORMAT_INTEGER = S.NUM_0  # '#,##0'
FORMAT_MONEY = S.NUM_0  # whole rupiah (or dollars) with thousands separators
FORMAT_MONEY_SCALED = S.NUM_2  # juta Rp, ribu USD ...: the decimals carry value
FORMAT_NUMBER = S.NUM_2  # '#,##0.00' ('#,##0.##' leaves a dangling decimal sign on whole numbers)
FORMAT_SCORE = "0.0"  # a number declared within 0 - 100

PETUNJUK_COLUMNS = [
    ("Sheet", 20),
    ("Kolom", 26),
    ("Keterangan", 48),
    ("Jenis", 15),
    ("Satuan", 10),
    ("Wajib", 24),
    ("Nilai yang diterima", 32),
]


class TemplateExists(Exception):
    """Templates were not written because files are already there; ``paths`` lists every one of them."""

    def __init__(self, paths: list[Path]):
        self.paths = list(paths)
        listing = ", ".join(str(p) for p in self.paths)
        super().__init__(
            f"{len(self.paths)} template file(s) already exist and were not overwritten "
            f"(nothing was written): {listing}"
        )


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a data sheet: its declaration, the source declaring it, and whether it is the key."""

    column: Column
    source: Source
    is_key: bool


@dataclass(frozen=True)
class TemplateSheet:
    name: str
    columns: list[TemplateColumn]
    descriptions: list[str]


# --- the plan: which files, which sheets, which columns ---------------------------------------------------


def plan(config: Config, sources: list[str] | None = None) -> dict[str, list[TemplateSheet]]:
    """Workbook file name -> its sheets in declaration order (only ``sources`` when given)."""
    declared = config.spec.sources
    if sources is None:
        wanted = list(declared)
    else:
        unknown = [s for s in sources if s not in declared]
        if unknown:
            raise ValueError(
                f"unknown source {', '.join(repr(s) for s in unknown)}; "
                f"the declared sources are: {', '.join(declared)}"
            )
        if not sources:
            raise ValueError(f"no source given; the declared sources are: {', '.join(declared)}")
        wanted = [sid for sid in declared if sid in sources]  # declaration order, no duplicates
    books: dict[str, dict[str, list[Source]]] = {}
    for sid in wanted:
        source = declared[sid]
        books.setdefault(source.workbook, {}).setdefault(source.sheet, []).append(source)
    return {
        workbook: [_sheet(name, group) for name, group in sheets.items()]
        for workbook, sheets in books.items()
    }


def _sheet(name: str, group: list[Source]) -> TemplateSheet:
    """Two sources reading one sheet share it: each header is written once, the first declaration wins."""
    columns: list[TemplateColumn] = []
    seen: set[str] = set()
    for source in group:
        for cid, column in source.columns.items():
            if normalise(column.header) in seen:
                continue
            seen.add(normalise(column.header))
            columns.append(TemplateColumn(column, source, cid == source.key))
    return TemplateSheet(name, columns, [s.description for s in group if s.description])


# --- writing -------------------------------------------------------------------------------------------


def write_templates(
    config: Config,
    out_dir: Path,
    year: int,
    sources: list[str] | None = None,
    force: bool = False,
    rows: int = DEFAULT_ROWS,
) -> list[Path]:
    """Write OUT_DIR/<year>/<workbook> for each declared workbook (only those of ``sources`` when given).

    Refuses, writing nothing, when any target exists and ``force`` is false: raises TemplateExists with
    every existing path. Each file is written whole or not at all. Returns the paths written.
    """
    if rows < 1:
        raise ValueError(f"rows must be at least 1, not {rows}")
    books = plan(config, sources)
    folder = Path(out_dir) / str(year)
    targets = {workbook: folder / workbook for workbook in books}
    if not force:
        existing = [path for path in targets.values() if path.exists()]
        if existing:
            raise TemplateExists(existing)
    built = {
        workbook: build_workbook(config, workbook, sheets, year, rows) for workbook, sheets in books.items()
    }
    written = []
    for workbook, wb in built.items():
        path = targets[workbook]
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, wb.save)
        written.append(path)
    return written


def build_workbook(
    config: Config, workbook: str, sheets: list[TemplateSheet], year: int, rows: int = DEFAULT_ROWS
) -> Workbook:
    """The template of one workbook, in memory: the Petunjuk sheet first, then each data sheet."""
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    names = {s.name for s in sheets}
    guide.title = _free_name(PETUNJUK, names)
    agency = config.spec.agency.nama
    for sheet in sheets:
        _data_sheet(wb, wb.create_sheet(sheet.name), sheet, agency, year, rows)
    _petunjuk(guide, workbook, sheets, agency, year)
    return wb


def _free_name(wanted: str, taken: set[str]) -> str:
    taken_norm = {normalise(t) for t in taken}
    name, n = wanted, 1
    while normalise(name) in taken_norm:
        n += 1
        name = f"{wanted} {n}"
    return name


# --- one data sheet ------------------------------------------------------------------------------------


def _data_sheet(wb: Workbook, ws: Worksheet, sheet: TemplateSheet, agency: str, year: int, rows: int) -> None:
    last = len(sheet.columns)
    last_row = HEADER_ROW + rows
    ws.cell(row=TITLE_ROW, column=1, value=sheet_title(sheet.name, agency, year))
    ws.cell(row=TITLE_ROW, column=1).font = S.TITLE_FONT
    ws.cell(row=TITLE_ROW, column=1).alignment = Alignment(vertical="center")
    if last > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last)
    ws.row_dimensions[TITLE_ROW].height = 24
    for c, tc in enumerate(sheet.columns, start=1):
        ws.cell(row=HEADER_ROW, column=c, value=tc.column.label)
    S.style_header_row(ws, HEADER_ROW, 1, last)
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate
    S.print_setup(ws, title_rows=f"{TITLE_ROW}:{HEADER_ROW}")
    for c, tc in enumerate(sheet.columns, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = column_width(tc.column)
        fmt = number_format(tc.column)
        for r in range(FIRST_DATA_ROW, last_row + 1):
            ws.cell(row=r, column=c).number_format = fmt
        title = _clip(tc.column.label, TITLE_MAX)
        prompt = input_prompt(tc.column, tc.source, tc.is_key)
        header_dv = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title, prompt=prompt)
        header_dv.add(f"{letter}{HEADER_ROW}")
        ws.add_data_validation(header_dv)
        dv = data_validation(tc.column, f"{letter}{FIRST_DATA_ROW}", wb)
        dv.showInputMessage = True
        dv.promptTitle = title
        dv.prompt = prompt
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.add_data_validation(dv)


def sheet_title(sheet: str, agency: str, year: int) -> str:
    """Row 1 of a data sheet. It ends with the year, so the reader never takes it for a header."""
    return f"{sheet} — {agency} — Tahun {year}"


def column_width(column: Column) -> float:
    floor = 16 if column.type == "text" else 12
    return float(min(max(len(column.label) + 4, floor), 60))


def number_format(column: Column) -> str:
    """The cell format of a column's data cells, by its declared type."""
    if column.type == "integer":
        return FORMAT_INTEGER
    if column.type == "money":
        unit = parse_unit(column.unit) if column.unit else None
        return FORMAT_MONEY if unit is None or unit.scale == 1 else FORMAT_MONEY_SCALED
    if column.type == "number":
        if column.min is not None and column.max is not None and column.min >= 0 and column.max <= 100:
            return FORMAT_SCORE
        return FORMAT_NUMBER
    return FORMAT_TEXT  # text and category: typed text stays text (NIB keeps its leading zeros)


def data_validation(column: Column, first_cell: str, wb: Workbook | None = None) -> DataValidation:
    """The Excel check of a column's data cells; a prompt-only validation for free text."""
    error_title = "Isian tidak valid"
    if column.type == "category":
        return DataValidation(
            type="list",
            formula1=_list_formula(column.allowed or [], wb),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=error_title,
            error=_clip(
                f"{column.header}: pilih salah satu dari daftar: {', '.join(column.allowed or [])}.",
                ERROR_MAX,
            ),
        )
    if column.type in NUMERIC_TYPES:
        whole = column.type == "integer"
        low, high = column.min, column.max
        if whole:
            low = None if low is None else math.ceil(low)
            high = None if high is None else math.floor(high)
        kind = "bilangan bulat" if whole else "angka"
        unit = f" (dalam {column.unit})" if column.unit else ""
        bounds = _bounds_words(low, high)
        error = f"{column.header} harus {kind}{unit}{' ' + bounds if bounds else ''}. Ketik angkanya saja, tanpa 'Rp' atau satuan."
        dv = DataValidation(
            type="whole" if whole else "decimal",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=error_title,
            error=_clip(error, ERROR_MAX),
        )
        if low is not None and high is not None:
            dv.operator, dv.formula1, dv.formula2 = "between", _excel_number(low), _excel_number(high)
        elif low is not None:
            dv.operator, dv.formula1 = "greaterThanOrEqual", _excel_number(low)
        elif high is not None:
            dv.operator, dv.formula1 = "lessThanOrEqual", _excel_number(high)
        else:
            # No bound declared: only "a number" (and a whole one for integers), nothing stricter than the reader.
            check = f"ISNUMBER({first_cell})"
            dv.type = "custom"
            dv.formula1 = f"AND({check},{first_cell}=INT({first_cell}))" if whole else check
        return dv
    return DataValidation(allow_blank=True)  # text: any value; the validation only carries the input message


def _list_formula(allowed: list[str], wb: Workbook | None) -> str:
    literal = '"' + ",".join(allowed) + '"'
    if len(literal) <= 257 and not any("," in a or '"' in a for a in allowed):
        return literal
    if wb is None:
        raise ValueError(
            "allowed values too long for a drop-down literal; pass the workbook for a list sheet"
        )
    if PILIHAN in wb.sheetnames:
        ws = wb[PILIHAN]
    else:
        ws = wb.create_sheet(PILIHAN)
        ws.sheet_state = "hidden"
    col = ws.max_column + 1 if ws.max_row > 1 or ws.cell(row=1, column=1).value is not None else 1
    for r, value in enumerate(allowed, start=1):
        ws.cell(row=r, column=col, value=value)
    letter = get_column_letter(col)
    return f"'{PILIHAN}'!${letter}$1:${letter}${len(allowed)}"


def _excel_number(value: float) -> str:
    """A bound as Excel reads it in a formula, whatever the locale: 0, 100, 0.5."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _bounds_words(low: float | None, high: float | None, between: str = "antara {low} dan {high}") -> str:
    """Bounds in words: "antara 0 dan 100" (or ``between`` filled in), "≥ 0", "≤ 100"; "" without bounds."""
    if low is not None and high is not None:
        return between.format(low=format_exact(low), high=format_exact(high))
    if low is not None:
        return f"≥ {format_exact(low)}"
    if high is not None:
        return f"≤ {format_exact(high)}"
    return ""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- words about a column (the input message and the Petunjuk share them) -------------------------------


def jenis(column: Column) -> str:
    return JENIS[column.type]


def wajib(column: Column, source: Source) -> str:
    """Ya / Tidak / "Ya, bila Status = Aktif"."""
    if column.required:
        return "Ya"
    if column.required_when is not None:
        return f"Ya, bila {describe_filter(column.required_when, source)}"
    return "Tidak"


def accepted_values(column: Column, is_key: bool = False) -> str:
    """What a cell may hold: "Mikro, Kecil, Menengah", "0 – 100", "≥ 0"."""
    if column.type == "category":
        return ", ".join(column.allowed or [])
    if column.type in NUMERIC_TYPES:
        bounds = _bounds_words(column.min, column.max, between="{low} – {high}")
        return bounds or ("semua bilangan bulat" if column.type == "integer" else "semua angka")
    if is_key:
        return "teks; tidak boleh sama dengan baris lain"
    return "teks bebas"


def input_prompt(column: Column, source: Source, is_key: bool = False) -> str:
    """The message Excel shows on a selected cell: what the column expects, under 255 characters."""
    kind = jenis(column) + (f" dalam {column.unit}" if column.unit else "")
    if column.type == "category":
        values = f"Pilih dari daftar: {accepted_values(column)}."
    elif column.type in NUMERIC_TYPES:
        values = f"Nilai: {accepted_values(column)}."
    elif is_key:
        values = "Tidak boleh sama dengan baris lain."
    else:
        values = ""
    if column.required:
        need_words = "Wajib diisi."
    elif column.required_when is not None:
        need_words = f"Wajib diisi bila {describe_filter(column.required_when, source)}."
    else:
        need_words = "Boleh kosong."
    tail = " ".join(p for p in (f"Jenis: {kind}.", values, need_words) if p)
    description = (column.description or "").strip()
    if not description:
        return _clip(tail, PROMPT_MAX)
    room = PROMPT_MAX - len(tail) - 1
    description = description if description.endswith(".") else description + "."
    return f"{_clip(description, room)} {tail}" if room > 10 else _clip(tail, PROMPT_MAX)


# --- the Petunjuk sheet --------------------------------------------------------------------------------


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


def _petunjuk(ws: Worksheet, workbook: str, sheets: list[TemplateSheet], agency: str, year: int) -> None:
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
                cell.number_format = FORMAT_TEXT
                height = max(height, S.lines_needed(value, PETUNJUK_COLUMNS[c - 1][1]))
            ws.row_dimensions[row].height = 15 * height
