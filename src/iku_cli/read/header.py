"""Where the declared columns are: the header row found wherever it is, each header matched, units read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iku_cli.config import NUMERIC_TYPES, Column, Source
from iku_cli.findings import At, Finding
from iku_cli.numbers import format_exact
from iku_cli.read.cellref import column_letter
from iku_cli.text import closest, collapse_spaces, normalise
from iku_cli.units import parse_unit, split_header_unit

HEADER_SEARCH_ROWS = 50


@dataclass(frozen=True)
class ColumnPlace:
    """A declared column found in the header row: where it is and the unit its values are in."""

    index: int  # 0-based position in the sheet's rows
    letter: str  # the Excel column letter
    unit: str | None = None  # the unit of its values, as the header names it (or as declared)
    factor: float = 1.0  # what a value is multiplied by to be in the declared unit


@dataclass(frozen=True)
class Header:
    """The header row and the declared columns found in it, in the order they stand."""

    index: int  # 0-based index in the sheet's rows
    columns: dict[str, ColumnPlace]

    @property
    def row(self) -> int:
        """The header's row number as Excel shows it."""
        return self.index + 1


def find_sheet(names: list[str], wanted: str) -> str | None:
    """The sheet named ``wanted``, or one whose name differs only in case and spacing."""
    if wanted in names:
        return wanted
    return next((n for n in names if normalise(n) == normalise(wanted)), None)


def _header_names(column: Column) -> set[str]:
    return {normalise(h) for h in [column.header, *column.aliases]}


def _match_header(cell: object, names: set[str]) -> tuple[bool, str | None]:
    """Does a header cell name this column? Returns (matched, unit text in brackets or None)."""
    if not isinstance(cell, str) or not cell.strip():
        return False, None
    text = collapse_spaces(cell)
    if normalise(text) in names:
        return True, None
    name, unit = split_header_unit(text)
    if normalise(name) in names:
        return True, unit
    return False, None


def locate_header(
    source: Source, rows: list[list[object]]
) -> tuple[int | None, dict[str, tuple[int, str | None]]]:
    """The row that names most declared columns, and where each column is in it (with its unit text).

    The search starts at the first row that holds anything, so empty rows above a table do not hide it.
    """
    best_row: int | None = None
    best: dict[str, tuple[int, str | None]] = {}
    names = {cid: _header_names(col) for cid, col in source.columns.items()}
    start = first_filled_row(rows)
    if start is None:
        return None, {}
    for r, row in enumerate(rows[start : start + HEADER_SEARCH_ROWS], start=start):
        found: dict[str, tuple[int, str | None]] = {}
        for c, cell in enumerate(row):
            for cid, wanted in names.items():
                if cid in found:
                    continue
                matched, unit = _match_header(cell, wanted)
                if matched:
                    found[cid] = (c, unit)
                    break
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


def head_rows(rows: Iterator[list[object]]) -> list[list[object]]:
    """The rows ``locate_header`` looks at, taken from ``rows``: up to HEADER_SEARCH_ROWS from the first filled one."""
    head: list[list[object]] = []
    start: int | None = None
    for row in rows:
        head.append(row)
        if start is None and any(present(v) for v in row):
            start = len(head) - 1
        if start is not None and len(head) >= start + HEADER_SEARCH_ROWS:
            break
    return head


def first_filled_row(rows: list[list[object]]) -> int | None:
    """The index of the first row with any value, or None for an empty sheet."""
    return next((r for r, row in enumerate(rows) if any(present(v) for v in row)), None)


def present(value: object) -> bool:
    """A cell that holds something: not empty, not only spaces, not NaN."""
    return not (value is None or (isinstance(value, str) and not value.strip()) or value != value)


def read_header(
    at: At,
    source: Source,
    header_index: int,
    row: list[object],
    located: dict[str, tuple[int, str | None]],
    needed: frozenset[str],
) -> tuple[Header, list[Finding]]:
    """The declared columns of the header row with their units; missing, extra and unit findings."""
    header_row = header_index + 1
    found = _missing_columns(at, source, row, located, needed, header_row)
    found += _other_columns(at, source, row, located, header_row)
    columns: dict[str, ColumnPlace] = {}
    for cid, (c, unit_text) in located.items():
        place, unit_found = _column_unit(at, source.columns[cid], cid, c, unit_text, row, header_row)
        columns[cid] = place
        found += unit_found
    return Header(header_index, columns), found


def _missing_columns(
    at: At,
    source: Source,
    row: list[object],
    located: dict[str, tuple[int, str | None]],
    needed: frozenset[str],
    header_row: int,
) -> list[Finding]:
    used = {c for c, _ in located.values()}  # a header already in use is never suggested for another column
    free = [str(v) for c, v in enumerate(row) if c not in used and isinstance(v, str) and v.strip()]
    found = []
    for cid, column in source.columns.items():
        if cid in located:
            continue
        required = column.required or cid == source.key
        if required or column.required_when is not None or cid in needed:
            near = closest(normalise(column.header), [normalise(p) for p in free], cutoff=0.5)
            hint = ""
            if near:
                original = next(p for p in free if normalise(p) == near)
                hint = f"; judul terdekat yang ada: '{original.strip()}' — ganti menjadi '{column.label}'"
            found.append(
                at.finding(
                    "column-missing",
                    f"kolom {'wajib' if required else 'yang dipakai untuk menghitung indikator'} "
                    f"'{column.label}' tidak ditemukan di baris judul (baris {header_row}){hint}",
                    column=cid,
                )
            )
    return found


def _other_columns(
    at: At, source: Source, row: list[object], located: dict[str, tuple[int, str | None]], header_row: int
) -> list[Finding]:
    """Headers not used: a second copy of a declared column is an error (which one holds the data?), others info."""
    used = {c: cid for cid, (c, _) in located.items()}
    found = []
    for c, value in enumerate(row):
        if c in used or not isinstance(value, str) or not value.strip():
            continue
        twin = next(
            (cid for cid in located if _match_header(value, _header_names(source.columns[cid]))[0]), None
        )
        cell = f"{column_letter(c)}{header_row}"
        if twin is not None:
            first = f"{column_letter(located[twin][0])}{header_row}"
            found.append(
                at.finding(
                    "duplicate-column",
                    f"kolom '{source.columns[twin].label}' muncul dua kali ({first} dan {cell}); iku tidak menebak "
                    "kolom mana yang berisi data yang benar: hapus atau ganti nama salah satunya",
                    cell=cell,
                    column=twin,
                    value=value.strip(),
                )
            )
        else:
            found.append(
                at.finding(
                    "extra-column-ignored",
                    f"kolom '{normalise(value)}' tidak dideklarasikan, diabaikan",
                    cell=cell,
                    value=value.strip(),
                )
            )
    return found


def _column_unit(
    at: At, column: Column, cid: str, c: int, unit_text: str | None, row: list[object], header_row: int
) -> tuple[ColumnPlace, list[Finding]]:
    """Where the column is and the unit of its values: the declared one, or the header's, scaled to it."""
    letter = column_letter(c)
    if column.type not in NUMERIC_TYPES or not column.unit:
        return ColumnPlace(c, letter), []
    declared = parse_unit(column.unit)
    found = parse_unit(unit_text) if unit_text is not None else None
    if found is None or declared is None:  # no unit in the header, or a bracket that is no unit ("(Aktif)")
        return ColumnPlace(c, letter, column.unit), []
    cell = f"{letter}{header_row}"
    header_text = str(row[c]).strip()
    if found.base != declared.base:  # no unit is recorded: the values are not read as anything
        return ColumnPlace(c, letter), [
            at.finding(
                "unit-mismatch",
                f"judul kolom menyebut satuan '{found.text}', padahal kolom ini dalam {column.unit}; "
                f"isi kolom dalam {column.unit} dan ubah judulnya",
                cell=cell,
                column=cid,
                value=header_text,
            )
        ]
    factor = found.factor_to(declared)
    if factor == 1:
        return ColumnPlace(c, letter, found.text), []
    return ColumnPlace(c, letter, found.text, factor), [
        at.finding(
            "unit-scaled",
            f"judul kolom dalam '{found.text}'; nilai dikalikan {format_exact(factor)} menjadi {column.unit}",
            cell=cell,
            column=cid,
            value=header_text,
        )
    ]
