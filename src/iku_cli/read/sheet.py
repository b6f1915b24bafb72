"""Read one declared sheet of a bidang workbook into typed columns, finding what is wrong on the way.

The reader accepts workbooks as they come: title rows above a header found wherever it is, headers in
any case or spacing with aliases and units, numbers typed as text, a JUMLAH row, blank rows. What it
cannot read it reports as findings that name the file, sheet and cell; it never guesses a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from iku_cli.config import Source
from iku_cli.config.words import describe_filter
from iku_cli.findings import At, Finding, has_errors
from iku_cli.read.cells import blank_mask, typed
from iku_cli.read.filters import filter_mask
from iku_cli.read.header import HEADER_SEARCH_ROWS, Header, find_sheet, locate_header, read_header
from iku_cli.read.opener import WorkbookCache
from iku_cli.read.rows import blank_runs, check_totals, total_rows
from iku_cli.read.xml import column_letter, formulas_without_value
from iku_cli.text import closest, normalise


@dataclass(frozen=True)
class SheetData:
    """One declared sheet of one year: typed values of the data rows, and what was found."""

    source_id: str
    source: Source
    file: str  # relative to DATA_DIR: "2024/bidang_koperasi.xlsx"
    sheet: str | None = None  # the sheet's name as the workbook spells it
    header: Header | None = None
    frame: pd.DataFrame | None = None  # one column per declared column found, indexed by Excel row
    findings: list[Finding] = field(default_factory=list)
    missing: bool = False  # the workbook is not in the year folder

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


def read_sheet(
    path: Path,
    file: str,
    source_id: str,
    source: Source,
    cache: WorkbookCache,
    needed: frozenset[str] = frozenset(),
) -> SheetData:
    """Read ``source`` from the workbook at ``path`` (``file``: its name relative to DATA_DIR).

    ``needed``: optional columns that must be present all the same, because a measure uses them.
    """
    at = At(file)
    if not path.exists():
        found = at.finding(
            "workbook-missing",
            f"workbook {path.name} tidak ada di folder {path.parent.name}; letakkan file itu di {path.parent}",
        )
        return SheetData(source_id, source, file, findings=[found], missing=True)
    opened = cache.get(path)
    if opened.book is None:
        found = at.finding(str(opened.code), f"{path.name} tidak dapat dibuka: {opened.reason}")
        return SheetData(source_id, source, file, findings=[found])
    names = opened.sheet_names
    sheet_name = find_sheet(names, source.sheet)
    if sheet_name is None:
        near = closest(source.sheet, names, cutoff=0.4)
        hint = f"; mungkin maksudnya '{near}'? Ganti nama sheet itu menjadi '{source.sheet}'" if near else ""
        found = at.finding(
            "sheet-missing", f"sheet '{source.sheet}' tidak ada (yang ada: {', '.join(names)}){hint}"
        )
        return SheetData(source_id, source, file, findings=[found])
    at = At(file, sheet_name)
    try:
        rows = opened.book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception as exc:
        found = at.finding(
            "workbook-unreadable", f"sheet '{sheet_name}' tidak dapat dibaca ({type(exc).__name__})"
        )
        return SheetData(source_id, source, file, sheet_name, findings=[found])
    header, frame, findings = parse_rows(at, source, rows, path, needed)
    return SheetData(source_id, source, file, sheet_name, header, frame, findings)


def parse_rows(
    at: At, source: Source, rows: list[list[Any]], path: Path, needed: frozenset[str]
) -> tuple[Header | None, pd.DataFrame | None, list[Finding]]:
    """The header, the typed data rows and the findings of one sheet's cells."""
    if not rows or not any(any(_present(v) for v in row) for row in rows[:HEADER_SEARCH_ROWS]):
        return (
            None,
            None,
            [at.finding("header-not-found", "sheet ini kosong; isi baris judul kolom dan datanya")],
        )
    header_index, located = locate_header(source, rows)
    if header_index is None:
        expected = ", ".join(c.label for c in source.columns.values())
        return (
            None,
            None,
            [
                at.finding(
                    "header-not-found",
                    f"tidak ada baris judul kolom di {HEADER_SEARCH_ROWS} baris pertama; judul yang diharapkan: {expected}",
                )
            ],
        )
    header, found = read_header(at, source, header_index, rows[header_index], located, needed)
    body = rows[header_index + 1 :]
    first = header.row + 1
    raw = pd.DataFrame(body, dtype=object, index=pd.RangeIndex(first, first + len(body)))
    if raw.empty:
        raw = pd.DataFrame(
            index=pd.RangeIndex(first, first), columns=range(len(rows[header_index])), dtype=object
        )
    declared = {
        cid: raw[p.index] if p.index in raw.columns else pd.Series(dtype=object)
        for cid, p in header.columns.items()
    }
    blank = {cid: blank_mask(s) for cid, s in declared.items()}
    all_blank = pd.Series(True, index=raw.index)
    for mask in blank.values():
        all_blank &= mask
    total = total_rows(raw) & ~all_blank
    keep = ~all_blank & ~total
    no_cache, no_cache_found = _formulas_without_value(at, header, path, first, set(total.index[total]))
    found += no_cache_found
    for row in sorted({r for rows_of in no_cache.values() for r in rows_of}):
        if all_blank.get(row, False):  # a row whose only content is such formulas is still a data row
            all_blank[row] = False
            keep[row] = True
    found += blank_runs(at, all_blank)
    frame = pd.DataFrame(index=raw.index[keep])
    for cid, place in header.columns.items():
        values, typed_found = typed(
            at, cid, source.columns[cid], place.letter, place.factor, declared[cid][keep], blank[cid][keep]
        )
        frame[cid] = values
        found += typed_found
    found += check_totals(at, source, header, raw, total, frame)
    found += _required(at, source, header, frame, blank, keep, no_cache)
    found += _duplicates(at, source, header, frame)
    if frame.empty:
        found.append(
            at.finding(
                "no-data-rows",
                f"sheet ini hanya berisi judul kolom (baris {header.row}), tanpa baris data; isi datanya",
            )
        )
    return header, frame, found


def _present(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()) or value != value)


def _formulas_without_value(
    at: At, header: Header, path: Path, first: int, total_rows: set[int]
) -> tuple[dict[str, set[int]], list[Finding]]:
    """A formula without a stored value is unknown data, except in a JUMLAH row, which is never used.

    Returns the rows of such cells per declared column, and one finding per cell.
    """
    by_index = {p.index: cid for cid, p in header.columns.items()}
    rows_of: dict[str, set[int]] = {}
    found = []
    cells = {(r + 1, c) for r, c in formulas_without_value(path, str(at.sheet)) if r + 1 >= first}
    for row, c in sorted(cells):
        if row in total_rows or c not in by_index:
            continue
        cid = by_index[c]
        found.append(
            at.finding(
                "formula-no-cache",
                "sel ini berisi rumus tanpa nilai tersimpan (file dibuat program lain tanpa dihitung); "
                "buka di Excel, tekan Ctrl+Alt+F9, lalu simpan",
                cell=f"{column_letter(c)}{row}",
                column=cid,
            )
        )
        rows_of.setdefault(cid, set()).add(row)
    return rows_of, found


def _required(
    at: At,
    source: Source,
    header: Header,
    frame: pd.DataFrame,
    blank: dict[str, pd.Series],
    keep: pd.Series,
    no_cache: dict[str, set[int]],
) -> list[Finding]:
    """Blank required cells; a formula without a cached value is already reported as such."""
    found = []
    for cid, column in source.columns.items():
        if cid not in header.columns:
            continue
        missing = blank[cid][keep] & ~blank[cid][keep].index.isin(list(no_cache.get(cid, ())))
        if column.required:
            need, why = missing, "wajib diisi"
        elif column.required_when is not None:
            need = missing & filter_mask(frame, column.required_when, source)
            why = f"wajib diisi bila {describe_filter(column.required_when, source)}"
        else:
            continue
        found += [
            at.finding(
                "required-missing",
                f"{column.header} kosong; kolom ini {why}",
                cell=f"{header.columns[cid].letter}{row}",
                column=cid,
            )
            for row in need.index[need]
        ]
    return found


def _duplicates(at: At, source: Source, header: Header, frame: pd.DataFrame) -> list[Finding]:
    key = source.key
    if not key or key not in frame.columns:
        return []
    values = frame[key].dropna().map(normalise)
    dup = values[values.duplicated(keep=False)]
    letter = header.columns[key].letter
    first_row: dict[str, int] = {}
    found = []
    for row, value in zip(dup.index.tolist(), dup.tolist(), strict=True):
        if value not in first_row:
            first_row[value] = row
            continue
        shown = frame.at[row, key]
        found.append(
            at.finding(
                "duplicate-key",
                f"{source.columns[key].header} {shown!s} ganda: sudah ada di sel {letter}{first_row[value]} "
                f"dan muncul lagi di sel {letter}{row}; hapus salah satu atau perbaiki nomornya",
                cell=f"{letter}{row}",
                column=key,
                value=shown,
            )
        )
    return found
