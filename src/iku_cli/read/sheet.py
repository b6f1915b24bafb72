"""Read one declared sheet of a bidang workbook into typed columns, finding what is wrong on the way.

The reader accepts workbooks as they come: title rows above a header found wherever it is, headers in
any case or spacing with aliases and units, numbers typed as text, a JUMLAH row, blank rows. What it
cannot read it reports as findings that name the file, sheet and cell; it never guesses a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine

from iku_cli.config import NUMERIC_TYPES, Source
from iku_cli.config.words import describe_filter
from iku_cli.findings import At, Finding, at_rows, has_errors
from iku_cli.read.body import Body, blank_of, make_body
from iku_cli.read.cellref import column_letter
from iku_cli.read.cells import ColumnCells, typed
from iku_cli.read.filters import TextCodes, rows_kept
from iku_cli.read.grid import Grid, collector_paused, load_grid
from iku_cli.read.header import (
    HEADER_SEARCH_ROWS,
    Header,
    find_sheet,
    first_filled_row,
    head_rows,
    locate_header,
    read_header,
)
from iku_cli.read.locate import locate, look_alike_hint, read_name
from iku_cli.read.opener import WorkbookCache
from iku_cli.read.package import Refused
from iku_cli.read.rows import blank_runs, check_totals, subtotal_label, total_rows
from iku_cli.text import closest


@dataclass(frozen=True)
class SheetData:
    """One declared sheet of one year: typed values of the data rows, and what was found."""

    source_id: str
    source: Source
    file: str  # relative to DATA_DIR: "2024/bidang_koperasi.xlsx" (or the .xls/.ods read in its place)
    sheet: str | None = None  # the sheet's name as the workbook spells it
    header: Header | None = None
    frame: pd.DataFrame | None = None  # one column per declared column found, indexed by Excel row
    findings: list[Finding] = field(default_factory=list)
    missing: bool = False  # the workbook is not in the year folder
    text_codes: TextCodes | None = None  # the frame's normalised text, when already made while reading

    @property
    def readable(self) -> bool:
        return self.frame is not None and not has_errors(self.findings)

    @property
    def header_row(self) -> int | None:
        return self.header.row if self.header else None

    @property
    def letters(self) -> dict[str, str]:
        """Declared column -> Excel column letter."""
        return {cid: p.letter for cid, p in self.header.columns.items()} if self.header else {}

    @property
    def units(self) -> dict[str, str]:
        """Declared column -> the unit its values were written in."""
        if not self.header:
            return {}
        return {cid: p.unit for cid, p in self.header.columns.items() if p.unit}

    @property
    def factors(self) -> dict[str, float]:
        """Declared column -> the factor that brought its values to the declared unit (when not 1)."""
        if not self.header:
            return {}
        return {cid: p.factor for cid, p in self.header.columns.items() if p.factor != 1}

    def cell(self, column_id: str, row: int) -> str:
        return f"{self.letters[column_id]}{row}"

    @cached_property
    def codes(self) -> TextCodes:
        """The frame's text, normalised once, for every measure and filter over this sheet."""
        if self.text_codes is not None:
            return self.text_codes
        return TextCodes(self.frame if self.frame is not None else pd.DataFrame())


def read_sheet(
    path: Path,
    file: str,
    source_id: str,
    source: Source,
    cache: WorkbookCache,
    needed: frozenset[str] = frozenset(),
) -> SheetData:
    """Read ``source`` from the workbook declared at ``path`` (``file``: that name relative to DATA_DIR).

    When the .xlsx is absent and the same name exists as .xls, .xlsb or .ods, that file is read (and named).
    ``needed``: optional columns that must be present all the same, because a measure uses them.
    """
    located = locate(path)
    if located.path is None:
        found = At(file).finding(
            "workbook-missing",
            f"workbook {path.name} tidak ada di folder {path.parent.name}; letakkan file itu di {path.parent}"
            + look_alike_hint(path, located.look_alikes),
        )
        return SheetData(source_id, source, file, findings=[found], missing=True)
    notes: list[Finding] = []
    if located.path != path:
        file = read_name(file, located.path)
        notes.append(
            At(file).finding(
                "workbook-other-format",
                f"{path.name} tidak ada; yang dibaca {located.path.name}. Sebaiknya simpan sebagai {path.name}: "
                "rumus tanpa nilai tersimpan hanya dapat diperiksa pada .xlsx",
            )
        )
    at = At(file)
    opened = cache.get(located.path)
    if opened.book is None:
        found = at.finding(str(opened.code), f"{located.path.name} tidak dapat dibuka: {opened.reason}")
        return SheetData(source_id, source, file, findings=[*notes, found])
    names = opened.sheet_names
    sheet_name = find_sheet(names, source.sheet)
    if sheet_name is None:
        near = closest(source.sheet, names, cutoff=0.4)
        hint = f"; mungkin maksudnya '{near}'? Ganti nama sheet itu menjadi '{source.sheet}'" if near else ""
        found = at.finding(
            "sheet-missing", f"sheet '{source.sheet}' tidak ada (yang ada: {', '.join(names)}){hint}"
        )
        return SheetData(source_id, source, file, findings=[*notes, found])
    at = At(file, sheet_name)
    try:
        grid = cache.preloaded(path, source.sheet) or load_grid(at, opened.book, sheet_name)
    except Refused as refused:
        return SheetData(
            source_id, source, file, sheet_name, findings=[*notes, at.finding(refused.code, refused.reason)]
        )
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        found = at.finding(
            "workbook-unreadable", f"sheet '{sheet_name}' tidak dapat dibaca ({type(exc).__name__}: {exc})"
        )
        return SheetData(source_id, source, file, sheet_name, findings=[*notes, found])
    with collector_paused():  # a million cells typed make millions of objects, none in a cycle
        header, frame, findings, codes = parse_rows(at, source, grid, needed)
    return SheetData(
        source_id,
        source,
        file,
        sheet_name,
        header,
        frame,
        [*notes, *grid.findings, *findings],
        text_codes=codes,
    )


def parse_rows(
    at: At, source: Source, grid: Grid, needed: frozenset[str]
) -> tuple[Header | None, pd.DataFrame | None, list[Finding], TextCodes | None]:
    """The header, the typed data rows, the findings of one sheet's cells and the rows' normalised text.

    The grid's rows are let go on the way.
    """
    rest = grid.take_rows()
    rows = head_rows(rest)  # enough rows to find the header in; the body is taken from ``rest``
    start = first_filled_row(rows)
    if start is None:
        return (
            None,
            None,
            [at.finding("header-not-found", "sheet ini kosong; isi baris judul kolom dan datanya")],
            None,
        )
    header_index, located = locate_header(source, rows)
    if header_index is None:
        expected = ", ".join(c.label for c in source.columns.values())
        span = f"baris {start + 1}–{min(len(rows), start + HEADER_SEARCH_ROWS)}"
        message = f"tidak ada baris judul kolom di {HEADER_SEARCH_ROWS} baris pertama yang berisi ({span}); judul yang diharapkan: {expected}"
        return None, None, [at.finding("header-not-found", message)], None
    header, found = read_header(at, source, header_index, rows[header_index], located, needed)
    width = max([len(rows[header_index]), *(p.index + 1 for p in header.columns.values())])
    body = make_body(chain(rows[header_index + 1 :], rest), header.row + 1, width)
    del rows, rest
    blank = {
        cid: blank_of(body.column(p.index), body.types(p.index), body.stripped(p.index))
        for cid, p in header.columns.items()
    }
    unknown = _unknown_cells(
        grid, header, body.first
    )  # error values and formulas without value: not blank, not read
    all_blank = np.ones(body.height, dtype=bool)
    for cid, mask in blank.items():
        all_blank &= mask & ~_at(body, unknown.get(cid, {}))
    total = total_rows(body)  # whichever column holds the label, declared or not, with or without values
    kept = np.flatnonzero(~all_blank & ~total)
    found += _unread_cells(at, grid, header, body.first, set((np.flatnonzero(total) + body.first).tolist()))
    found += blank_runs(at, body, all_blank & ~total)
    rownums = kept + body.first
    typed_columns: dict[str, np.ndarray] = {}
    for cid, place in header.columns.items():
        cells = ColumnCells(
            at,
            cid,
            place.letter,
            body.column(place.index)[kept],
            rownums,
            blank[cid][kept],
            body.types(place.index)[kept],
            body.stripped(place.index)[kept],
        )
        typed_columns[cid], typed_found = typed(cells, source.columns[cid], place.factor)
        found += typed_found
    index = pd.Index(rownums)  # the dtype given: pandas would otherwise infer its own string type for text
    frame = pd.DataFrame(  # not copied into one block: a column dropped later is freed on its own
        {cid: pd.Series(v, index=index, dtype=v.dtype) for cid, v in typed_columns.items()},
        index=index,
        copy=False,
    )
    del typed_columns
    found += check_totals(at, source, header, body, total, frame)
    codes = TextCodes(frame)  # made once: the checks below and every measure over this sheet use it
    blank_kept = {cid: b[kept] for cid, b in blank.items()}
    required = [cid for cid in header.columns if source.columns[cid].required]

    @cache
    def subtotal(row: int) -> str | None:
        """The label of a row that looks like a subtotal: most required cells blank, a JUMLAH-like text."""
        empty = sum(bool(blank[cid][row - body.first]) for cid in required)
        return subtotal_label(body, row) if empty * 2 > len(required) else None

    found += _required(at, source, header, frame, blank_kept, unknown, codes, subtotal)
    found += _duplicates(at, source, header, frame, codes)
    if frame.empty:
        message = f"sheet ini hanya berisi judul kolom (baris {header.row}), tanpa baris data; isi datanya"
        found.append(at.finding("no-data-rows", message))
    return header, frame, found, codes


def _at(body: Body, rows: dict[int, str]) -> np.ndarray:
    """A mask of the body rows among ``rows`` (Excel row numbers)."""
    mask = np.zeros(body.height, dtype=bool)
    if rows:
        mask[np.fromiter(rows, dtype=np.int64) - body.first] = True
    return mask


def _unknown_cells(grid: Grid, header: Header, first: int) -> dict[str, dict[int, str]]:
    """Per declared column, the Excel rows whose value the reader could not give, and why."""
    by_index = {p.index: cid for cid, p in header.columns.items()}
    out: dict[str, dict[int, str]] = {}
    for (r, c), code in grid.errors.items():
        if r + 1 >= first and c in by_index:
            out.setdefault(by_index[c], {})[r + 1] = code
    for r, c in grid.no_cache:
        if r + 1 >= first and c in by_index:
            out.setdefault(by_index[c], {}).setdefault(r + 1, "")
    return out


def _unread_cells(at: At, grid: Grid, header: Header, first: int, total_rows: set[int]) -> list[Finding]:
    """Formulas without a stored value and Excel error values: errors in the data, at most warnings elsewhere."""
    by_index = {p.index: cid for cid, p in header.columns.items()}
    found = []
    for r, c in sorted(grid.no_cache):
        row = r + 1
        if row >= first and row not in total_rows and c in by_index and (r, c) not in grid.errors:
            found.append(
                at.finding(
                    "formula-no-cache",
                    "sel ini berisi rumus tanpa nilai tersimpan (file dibuat program lain tanpa dihitung); "
                    "buka di Excel, tekan Ctrl+Alt+F9, lalu simpan",
                    cell=f"{column_letter(c)}{row}",
                    column=by_index[c],
                )
            )
    for (r, c), code in sorted(grid.errors.items()):
        row, cell = r + 1, f"{column_letter(c)}{r + 1}"
        if row >= first and row not in total_rows and c in by_index:
            message = (
                f"sel ini berisi galat Excel {code}, bukan nilai: nilainya tidak dapat dihitung; "
                "perbaiki rumusnya atau ketik nilainya"
            )
            found.append(at.finding("excel-error", message, cell=cell, column=by_index[c], value=code))
        elif row >= header.row:
            where = "baris JUMLAH" if row in total_rows else "kolom yang tidak dipakai"
            message = f"sel ini berisi galat Excel {code} di {where}; tidak ikut dihitung, tetapi sebaiknya diperbaiki"
            found.append(at.finding("excel-error-ignored", message, cell=cell, value=code))
    return found


def _required(
    at: At,
    source: Source,
    header: Header,
    frame: pd.DataFrame,
    blank: dict[str, np.ndarray],
    unknown: dict[str, dict[int, str]],
    codes: TextCodes,
    subtotal: Callable[[int], str | None],
) -> list[Finding]:
    """Blank required cells; a cell whose value the reader could not give is already reported as such.

    ``subtotal``: the label of a row that looks like a subtotal ("Jumlah Kec. X"), for the finding to say so.
    """
    found = []
    rownums = frame.index.to_numpy()
    for cid, column in source.columns.items():
        if cid not in header.columns:
            continue
        missing = blank[cid] & ~np.isin(rownums, np.fromiter(unknown.get(cid, {}), dtype=np.int64))
        if column.required:
            need, why = missing, "wajib diisi"
        elif column.required_when is not None:
            need = missing & rows_kept(frame, column.required_when, source, codes)
            why = f"wajib diisi bila {describe_filter(column.required_when, source)}"
        else:
            continue
        message = f"{column.header} kosong; kolom ini {why}"
        found += at_rows(
            at,
            "required-missing",
            rownums[need].tolist(),
            _in(header, cid),
            _blank(message, subtotal),
            column=cid,
        )
    return found


def _in(header: Header, cid: str) -> Callable[[int], str]:
    """The cell of a declared column at an Excel row."""
    letter = header.columns[cid].letter
    return lambda row: f"{letter}{row}"


def _blank(message: str, subtotal: Callable[[int], str | None]) -> Callable[[int], str]:
    """The message for a blank required cell, with what to do when its row looks like a subtotal."""

    def at_row(row: int) -> str:
        label = subtotal(row)
        if label is None:
            return message
        return (
            f"{message}. Baris ini tampaknya baris subtotal ('{label}'): hapus baris itu dari data, "
            "karena iku menjumlahkan sendiri"
        )

    return at_row


def _duplicates(
    at: At, source: Source, header: Header, frame: pd.DataFrame, codes: TextCodes
) -> list[Finding]:
    """Every repeat of a key after its first row (keys compared normalised: case, spaces, number or text)."""
    key = source.key
    if not key or key not in frame.columns:
        return []
    if source.columns[key].type in NUMERIC_TYPES:
        numbers = frame[key].to_numpy(dtype=np.float64)
        ids = pd.factorize(numbers)[0]
        ids[np.isnan(numbers)] = -1
    else:
        ids = codes.of(key)[0]
    rows = frame.index.to_numpy()
    repeated = np.flatnonzero((ids >= 0) & pd.Series(ids).duplicated(keep="first").to_numpy())
    if not repeated.size:
        return []
    distinct, first = np.unique(ids, return_index=True)  # each key's first position
    first_rows = rows[first[np.searchsorted(distinct, ids[repeated])]]
    first_of = dict(zip(rows[repeated].tolist(), first_rows.tolist(), strict=True))
    letter = header.columns[key].letter

    def message(row: int) -> str:
        shown = frame.at[row, key]
        return (
            f"{source.columns[key].header} {shown!s} ganda: sudah ada di sel {letter}{first_of[row]} "
            f"dan muncul lagi di sel {letter}{row}; hapus salah satu atau perbaiki nomornya"
        )

    return at_rows(
        at,
        "duplicate-key",
        list(first_of),
        lambda row: f"{letter}{row}",
        message,
        lambda row: frame.at[row, key],
        key,
    )
