"""Blank bidang workbooks made from indicators.yaml: the declared headers, formats, drop-downs and a guide.

``write_templates`` writes DIR/<year>/<workbook> for every declared workbook: one sheet per declared sheet
with a title row, the header row (units in brackets, as the reader reads them back), number formats and
Excel data validation on the data rows, and a *Petunjuk* sheet that explains every column in Indonesian.
The templates hold no data and no formulas; ``iku validate`` reads a filled one like any other workbook.
"""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.calc.occupied import filled_sheets
from iku_cli.config import NUMERIC_TYPES, Column, Config
from iku_cli.output import xlsx_style as S
from iku_cli.output.atomic import write_atomic
from iku_cli.output.guard import InputGuard
from iku_cli.output.petunjuk import PETUNJUK, write_petunjuk
from iku_cli.output.template_plan import FIRST_DATA_ROW, HEADER_ROW, TITLE_ROW, TemplateSheet, plan
from iku_cli.output.template_words import bounds_words, clip, input_prompt
from iku_cli.text import normalise
from iku_cli.units import parse_unit

DEFAULT_ROWS = 1000
PILIHAN = "Pilihan"  # hidden sheet for drop-down lists too long for Excel's 255-character literal

# Excel's limits on data-validation texts (longer ones make Excel call the file damaged).
ERROR_MAX = 225
TITLE_MAX = 32

FORMAT_INTEGER = S.NUM_0  # '#,##0'
FORMAT_MONEY = S.NUM_0  # whole rupiah (or dollars) with thousands separators
FORMAT_MONEY_SCALED = S.NUM_2  # juta Rp, ribu USD ...: the decimals carry value
FORMAT_NUMBER = S.NUM_2  # '#,##0.00' ('#,##0.##' leaves a dangling decimal sign on whole numbers)
FORMAT_SCORE = "0.0"  # a number declared within 0 - 100


class TemplateExists(Exception):
    """Templates were not written because files are already there; ``paths`` lists every one of them.

    ``filled``: those that hold data (or cannot be read to tell), which not even ``force`` overwrites.
    """

    def __init__(self, paths: list[Path], filled: dict[Path, list[str] | None] | None = None):
        self.paths = list(paths)
        self.filled = dict(filled or {})
        listing = ", ".join(str(p) for p in self.paths)
        super().__init__(
            f"{len(self.paths)} template file(s) already exist and were not overwritten "
            f"(nothing was written): {listing}"
        )


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
    every existing path. Even with ``force`` it refuses a target that holds data below its header row (a
    filled workbook, or one that cannot be read to tell): TemplateExists with ``filled``; and a target that is
    the configuration file itself (WouldReplaceInput, a ValueError). Each file is written whole or not at
    all. Returns the paths written.
    """
    if rows < 1:
        raise ValueError(f"rows must be at least 1, not {rows}")
    books = plan(config, sources)
    folder = Path(out_dir) / str(year)
    targets = {workbook: folder / workbook for workbook in books}
    guard = InputGuard.of(config=config.path)
    for target in targets.values():
        guard.check(target, "template")
    existing = {workbook: path for workbook, path in targets.items() if path.exists()}
    if existing and not force:
        raise TemplateExists(list(existing.values()))
    built = {
        workbook: build_workbook(config, workbook, sheets, year, rows) for workbook, sheets in books.items()
    }
    filled = {}
    for workbook, path in existing.items():
        declared = [source for source in config.spec.sources.values() if source.workbook == workbook]
        names = {source.sheet for source in declared}
        own = {  # the guide and the lists a template writes, with their texts: only those may be replaced
            ws.title: [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
            for ws in built[workbook].worksheets
            if ws.title not in names
        }
        sheets = filled_sheets(path, declared, own)
        if sheets is None or sheets:
            filled[path] = sheets
    if filled:
        raise TemplateExists(list(filled), filled)
    written = []
    for workbook, wb in built.items():
        path = targets[workbook]
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, partial(S.save, wb))
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
    write_petunjuk(guide, workbook, sheets, agency, year)
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
        title = clip(tc.column.label, TITLE_MAX)
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
    return S.TEXT  # text and category: typed text stays text (NIB keeps its leading zeros)


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
            error=clip(
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
        bounds = bounds_words(low, high)
        error = f"{column.header} harus {kind}{unit}{' ' + bounds if bounds else ''}. Ketik angkanya saja, tanpa 'Rp' atau satuan."
        dv = DataValidation(
            type="whole" if whole else "decimal",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=error_title,
            error=clip(error, ERROR_MAX),
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
