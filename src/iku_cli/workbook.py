"""Read one declared sheet of a bidang workbook into typed columns, finding what is wrong on the way.

The reader accepts workbooks as they come: title rows above a header found wherever it is, headers in
any case or spacing with aliases and units, numbers typed as text, a JUMLAH row, blank rows. What it
cannot read it reports as findings that name the file, sheet and cell; it never guesses a value.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine

from iku_cli import findings as F
from iku_cli.findings import Finding
from iku_cli.measures import describe_filter, filter_mask
from iku_cli.numbers import format_auto, format_exact, parse_number_text
from iku_cli.spec import NUMERIC_TYPES, Column, Source
from iku_cli.units import parse_unit, split_header_unit
from iku_cli.xlsxfile import column_letter, formulas_without_value, sniff

HEADER_SEARCH_ROWS = 50
TOTAL_LABELS = {
    "jumlah",
    "total",
    "jumlah total",
    "total keseluruhan",
    "jumlah keseluruhan",
    "grand total",
    "sub total",
    "subtotal",
    "jumlah seluruhnya",
    "total seluruhnya",
}


def normalise(text: object) -> str:
    """Header or category text compared without case, repeated spaces or line breaks."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


@dataclass
class SheetData:
    """One declared sheet of one year: typed values of the data rows, and what was found."""

    source_id: str
    source: Source
    file: str
    sheet: str | None = None
    header_row: int | None = None
    letters: dict[str, str] = field(default_factory=dict)
    factors: dict[str, float] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    frame: pd.DataFrame | None = None
    findings: list[Finding] = field(default_factory=list)
    missing: bool = False

    @property
    def readable(self) -> bool:
        return self.frame is not None and not F.has_errors(self.findings)

    def cell(self, column_id: str, row: int) -> str:
        return f"{self.letters[column_id]}{row}"

    def _add(self, code: str, message: str, **where) -> None:
        self.findings.append(F.make(code, message, file=self.file, sheet=self.sheet, **where))


class WorkbookCache:
    """Opens each workbook once per run, whatever number of sheets is read from it."""

    def __init__(self) -> None:
        self._open: dict[Path, tuple[python_calamine.CalamineWorkbook | None, str | None, str | None]] = {}

    def get(self, path: Path) -> tuple[python_calamine.CalamineWorkbook | None, str | None, str | None]:
        """(workbook, None, None) or (None, finding code, reason)."""
        if path not in self._open:
            self._open[path] = _open_workbook(path)
        return self._open[path]


def _open_workbook(path: Path):
    if path.is_dir():
        return None, "workbook-unreadable", "ini sebuah folder, bukan file workbook"
    try:
        problem = sniff(path)
        if problem:
            return None, *problem
        return python_calamine.CalamineWorkbook.from_path(str(path)), None, None
    except PermissionError:
        return None, "workbook-unreadable", "tidak ada izin membaca file ini; periksa hak akses file"
    except python_calamine.PasswordError:
        return None, "workbook-encrypted", "workbook dilindungi kata sandi; simpan ulang tanpa kata sandi"
    except Exception as exc:  # calamine raises several kinds for a damaged file
        return (
            None,
            "workbook-unreadable",
            f"file rusak atau tidak lengkap ({type(exc).__name__}); salin ulang file aslinya",
        )


def read_sheet(
    data_dir: Path,
    year: int,
    source_id: str,
    source: Source,
    cache: WorkbookCache,
    needed: frozenset[str] = frozenset(),
) -> SheetData:
    """Read ``source`` for ``year`` from DATA_DIR/<year>/<workbook>.

    ``needed``: optional columns that must be present all the same, because a measure uses them.
    """
    rel = f"{year}/{source.workbook}"
    data = SheetData(source_id=source_id, source=source, file=rel)
    path = data_dir / str(year) / source.workbook
    if not path.exists():
        data.missing = True
        data._add(
            "workbook-missing",
            f"workbook {source.workbook} tidak ada di folder {year}; letakkan file itu di {data_dir / str(year)}",
        )
        return data
    workbook, code, reason = cache.get(path)
    if workbook is None:
        data._add(code, f"{source.workbook} tidak dapat dibuka: {reason}")
        return data
    sheet_name = _find_sheet(workbook.sheet_names, source.sheet)
    if sheet_name is None:
        close = difflib.get_close_matches(source.sheet, workbook.sheet_names, n=1, cutoff=0.4)
        hint = (
            f"; mungkin maksudnya '{close[0]}'? Ganti nama sheet itu menjadi '{source.sheet}'"
            if close
            else ""
        )
        present = ", ".join(workbook.sheet_names)
        data._add("sheet-missing", f"sheet '{source.sheet}' tidak ada (yang ada: {present}){hint}")
        return data
    data.sheet = sheet_name
    try:
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception as exc:
        data._add("workbook-unreadable", f"sheet '{sheet_name}' tidak dapat dibaca ({type(exc).__name__})")
        return data
    _parse_rows(data, rows, path, needed)
    return data


def _find_sheet(names: list[str], wanted: str) -> str | None:
    if wanted in names:
        return wanted
    return next((n for n in names if normalise(n) == normalise(wanted)), None)


def _header_names(column: Column) -> set[str]:
    return {normalise(h) for h in [column.header, *column.aliases]}


def _match_header(cell: object, names: set[str]) -> tuple[bool, str | None]:
    """Does a header cell name this column? Returns (matched, unit text in brackets or None)."""
    if not isinstance(cell, str) or not cell.strip():
        return False, None
    text = re.sub(r"\s+", " ", cell).strip()
    if normalise(text) in names:
        return True, None
    name, unit = split_header_unit(text)
    if normalise(name) in names:
        return True, unit
    return False, None


def _locate_header(source: Source, rows: list[list]) -> tuple[int | None, dict[str, tuple[int, str | None]]]:
    """The row that names most declared columns, and where each column is in it."""
    best_row, best = None, {}
    names = {cid: _header_names(col) for cid, col in source.columns.items()}
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
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


def _parse_rows(data: SheetData, rows: list[list], path: Path, needed: frozenset[str]) -> None:
    source = data.source
    if not rows or not any(any(_present(v) for v in row) for row in rows[:HEADER_SEARCH_ROWS]):
        data._add("header-not-found", "sheet ini kosong; isi baris judul kolom dan datanya")
        return
    header_index, located = _locate_header(source, rows)
    if header_index is None:
        expected = ", ".join(c.label for c in source.columns.values())
        data._add(
            "header-not-found",
            f"tidak ada baris judul kolom di {HEADER_SEARCH_ROWS} baris pertama; judul yang diharapkan: {expected}",
        )
        return
    header = rows[header_index]
    data.header_row = header_index + 1
    _check_columns(data, header, located, needed)
    for cid, (c, _unit) in located.items():
        data.letters[cid] = column_letter(c)
    body = rows[header_index + 1 :]
    first = header_index + 2
    raw = pd.DataFrame(body, dtype=object, index=pd.RangeIndex(first, first + len(body)))
    if raw.empty:
        raw = pd.DataFrame(index=pd.RangeIndex(first, first), columns=range(len(header)), dtype=object)
    declared = {
        cid: raw[c] if c in raw.columns else pd.Series(dtype=object) for cid, (c, _) in located.items()
    }
    blank = {cid: _blank_mask(s) for cid, s in declared.items()}

    all_blank = pd.Series(True, index=raw.index)
    for mask in blank.values():
        all_blank &= mask
    total = _total_rows(raw) & ~all_blank
    keep = ~all_blank & ~total
    # A formula without a stored value is unknown data, except in a JUMLAH row, which is never used.
    total_rows = set(total.index[total])
    no_cache = {
        (r + 1, c)
        for r, c in formulas_without_value(path, data.sheet)
        if r + 1 >= first and r + 1 not in total_rows
    }
    cols_of_interest = {c for c, _ in located.values()}
    no_cache_rows: dict[str, set[int]] = {}
    for row, c in sorted(no_cache):
        if c in cols_of_interest:
            cid = next(k for k, (cc, _) in located.items() if cc == c)
            data._add(
                "formula-no-cache",
                "sel ini berisi rumus tanpa nilai tersimpan (file dibuat program lain tanpa dihitung); "
                "buka di Excel, tekan Ctrl+Alt+F9, lalu simpan",
                cell=f"{column_letter(c)}{row}",
                column=cid,
            )
            no_cache_rows.setdefault(cid, set()).add(row)
            if all_blank.get(row, False):  # a row whose only content is such formulas is still a data row
                all_blank[row] = False
                keep[row] = True
    _report_blank_runs(data, all_blank, total)
    frame = pd.DataFrame(index=raw.index[keep])
    for cid in located:
        frame[cid] = _typed(data, cid, source.columns[cid], declared[cid][keep], blank[cid][keep])
    _report_totals(data, raw, total, keep, located, frame)
    _check_required(data, frame, blank, keep, located, no_cache_rows)
    _check_duplicates(data, frame)
    if frame.empty:
        data._add(
            "no-data-rows",
            f"sheet ini hanya berisi judul kolom (baris {data.header_row}), tanpa baris data; isi datanya",
        )
    data.frame = frame


def _present(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()) or value != value)


def _matching_values(series: pd.Series, test) -> list:
    """The distinct string values of a column that pass ``test``; each distinct value is looked at once."""
    return [v for v in pd.unique(series.to_numpy()) if isinstance(v, str) and test(v)]


def _blank_mask(series: pd.Series) -> pd.Series:
    """Empty cells, and cells holding only spaces or a dash."""
    blanks = _matching_values(series, lambda v: v.strip() in ("", "-"))
    return series.isna() | (series.isin(blanks) if blanks else False)


def _is_total_label(text: str) -> bool:
    return len(text) <= 40 and normalise(text).rstrip(":").strip() in TOTAL_LABELS


def _total_rows(raw: pd.DataFrame) -> pd.Series:
    """Rows that carry a JUMLAH / TOTAL label in any cell."""
    total = pd.Series(False, index=raw.index)
    for c in raw.columns:
        labels = _matching_values(raw[c], _is_total_label)
        if labels:
            total |= raw[c].isin(labels)
    return total


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _report_blank_runs(data: SheetData, all_blank: pd.Series, total: pd.Series) -> None:
    """Blank rows between data rows (not the empty tail of the sheet) are reported once per run."""
    data_rows = all_blank.index[~all_blank]
    if len(data_rows) == 0:
        return
    last = data_rows.max()
    inside = all_blank[(all_blank.index < last) & all_blank]
    for start, end in _runs(list(inside.index)):
        span = f"baris {start}" if start == end else f"baris {start}–{end}"
        data._add("blank-rows-skipped", f"{span} kosong, dilewati", cell=f"A{start}")


def _check_columns(
    data: SheetData, header: list, located: dict[str, tuple[int, str | None]], needed: frozenset[str]
) -> None:
    source = data.source
    present = [str(v) for v in header if isinstance(v, str) and v.strip()]
    for cid, column in source.columns.items():
        if cid in located:
            continue
        if column.required or column.required_when is not None or cid == source.key or cid in needed:
            close = difflib.get_close_matches(
                normalise(column.header), [normalise(p) for p in present], n=1, cutoff=0.5
            )
            hint = ""
            if close:
                original = next(p for p in present if normalise(p) == close[0])
                hint = f"; judul terdekat yang ada: '{original.strip()}' — ganti menjadi '{column.label}'"
            data._add(
                "column-missing",
                f"kolom {'wajib' if column.required or cid == source.key else 'yang dipakai untuk menghitung indikator'} "
                f"'{column.label}' tidak ditemukan di baris judul (baris {data.header_row}){hint}",
                column=cid,
            )
    used = {c for c, _ in located.values()}
    for c, value in enumerate(header):
        if c not in used and isinstance(value, str) and value.strip():
            data._add(
                "extra-column-ignored",
                f"kolom '{normalise(value)}' tidak dideklarasikan, diabaikan",
                cell=f"{column_letter(c)}{data.header_row}",
                value=value.strip(),
            )
    for cid, (c, unit_text) in located.items():
        column = source.columns[cid]
        if column.type not in NUMERIC_TYPES or not column.unit:
            continue
        declared = parse_unit(column.unit)
        data.units[cid] = column.unit
        if unit_text is None:
            continue
        found = parse_unit(unit_text)
        cell = f"{column_letter(c)}{data.header_row}"
        if found is None:
            continue  # a bracket that is no unit, e.g. "(Aktif / Tidak Aktif)"
        data.units[cid] = found.text
        if found.base != declared.base:
            data._add(
                "unit-mismatch",
                f"judul kolom menyebut satuan '{found.text}', padahal kolom ini dalam {column.unit}; "
                f"isi kolom dalam {column.unit} dan ubah judulnya",
                cell=cell,
                column=cid,
                value=str(header[c]).strip(),
            )
            continue
        factor = found.factor_to(declared)
        if factor != 1:
            data.factors[cid] = factor
            data._add(
                "unit-scaled",
                f"judul kolom dalam '{found.text}'; nilai dikalikan {format_exact(factor)} menjadi {column.unit}",
                cell=cell,
                column=cid,
                value=str(header[c]).strip(),
            )


def _typed(data: SheetData, cid: str, column: Column, series: pd.Series, blank: pd.Series) -> pd.Series:
    if column.type in NUMERIC_TYPES:
        return _typed_number(data, cid, column, series, blank)
    if column.type == "category":
        return _typed_category(data, cid, column, series, blank)
    return _typed_text(series, blank)


def _typed_text(series: pd.Series, blank: pd.Series) -> pd.Series:
    def as_text(v: object) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()

    out = pd.Series(np.nan, index=series.index, dtype=object)
    present = ~blank
    if present.any():
        out[present] = series[present].map(as_text)
    return out


def _typed_category(
    data: SheetData, cid: str, column: Column, series: pd.Series, blank: pd.Series
) -> pd.Series:
    canonical = {normalise(a): a for a in column.allowed or []}
    text = _typed_text(series, blank)
    present = ~blank
    present_text = text[present]
    lookup = {v: canonical.get(normalise(v)) for v in pd.unique(present_text.to_numpy())}
    mapped = present_text.map(lookup)
    out = pd.Series(np.nan, index=series.index, dtype=object)
    out[present] = mapped
    bad = mapped.isna()
    for row in mapped.index[bad]:
        value = text[row]
        close = difflib.get_close_matches(normalise(value), list(canonical), n=1, cutoff=0.5)
        hint = f"; mungkin maksudnya '{canonical[close[0]]}'?" if close else ""
        data._add(
            "not-allowed",
            f"'{value}' bukan nilai yang diterima untuk {column.header} "
            f"(pilihan: {', '.join(column.allowed or [])}){hint}",
            cell=data.cell(cid, row),
            column=cid,
            value=value,
        )
    return out


def _typed_number(
    data: SheetData, cid: str, column: Column, series: pd.Series, blank: pd.Series
) -> pd.Series:
    kinds = series.map(type)
    numeric = kinds.isin((int, float)) & ~blank
    text = kinds.eq(str) & ~blank
    out = pd.Series(np.nan, index=series.index, dtype="float64")
    if numeric.any():
        out[numeric] = series[numeric].astype("float64")
    if text.any():
        parsed = parse_number_text(series[text])
        out[text] = parsed
        for row in parsed.index[parsed.notna()]:
            data._add(
                "number-as-text",
                f"angka diketik sebagai teks: '{series[row]}' dibaca sebagai {format_exact(parsed[row])}; "
                "sebaiknya ketik sebagai angka",
                cell=data.cell(cid, row),
                column=cid,
                value=series[row],
            )
    unreadable = ~blank & out.isna()
    for row in unreadable.index[unreadable]:
        value = series[row]
        kind = "uang (Rupiah)" if column.type == "money" else "angka"
        data._add(
            "type-error",
            f"'{value}' bukan {kind}; ketik angkanya saja, misalnya 1250000 atau 1.250.000",
            cell=data.cell(cid, row),
            column=cid,
            value=value,
        )
    if column.type == "integer":
        fraction = out.notna() & (out != np.floor(out))
        for row in fraction.index[fraction]:
            data._add(
                "type-error",
                f"{format_exact(out[row])} bukan bilangan bulat; {column.header} dihitung dalam bilangan bulat",
                cell=data.cell(cid, row),
                column=cid,
                value=series[row],
            )
    factor = data.factors.get(cid, 1.0)
    if factor != 1.0:
        out = out * factor
    unit = f" {column.unit}" if column.unit else ""
    if column.min is not None:
        low = out < column.min
        for row in low.index[low]:
            data._add(
                "below-minimum",
                f"{format_exact(out[row])}{unit} di bawah batas minimum {format_exact(column.min)}; periksa nilainya",
                cell=data.cell(cid, row),
                column=cid,
                value=series[row],
            )
    if column.max is not None:
        high = out > column.max
        for row in high.index[high]:
            data._add(
                "above-maximum",
                f"{format_exact(out[row])}{unit} di atas batas maksimum {format_exact(column.max)}; periksa nilainya",
                cell=data.cell(cid, row),
                column=cid,
                value=series[row],
            )
    return out


def _report_totals(
    data: SheetData, raw: pd.DataFrame, total: pd.Series, keep: pd.Series, located: dict, frame: pd.DataFrame
) -> None:
    previous = raw.index.min() - 1 if len(raw.index) else 0
    for row in total.index[total]:
        checks = []
        for cid, (c, _unit) in located.items():
            column = data.source.columns[cid]
            if column.type not in NUMERIC_TYPES or cid == data.source.key:
                continue
            value = raw.at[row, c]
            stated = (
                value if isinstance(value, (int, float)) else parse_number_text(pd.Series([value])).iloc[0]
            )
            if not isinstance(stated, (int, float)) or stated != stated:
                continue
            stated = float(stated) * data.factors.get(cid, 1.0)
            above = frame.loc[(frame.index > previous) & (frame.index < row), cid].sum()
            if np.isclose(stated, above, rtol=1e-9, atol=0.005):
                checks.append(f"{column.header} sama dengan jumlah baris di atasnya")
            else:
                checks.append(
                    f"{column.header} TIDAK sama dengan jumlah baris di atasnya "
                    f"({format_auto(stated)} vs {format_auto(above)})"
                )
        detail = "; ".join(checks) if checks else "tidak ada nilai angka untuk dibandingkan"
        data._add(
            "total-row-excluded",
            f"baris {row} adalah baris JUMLAH/TOTAL dan tidak ikut dihitung; {detail}",
            cell=f"A{row}",
        )
        previous = row


def _check_required(
    data: SheetData, frame: pd.DataFrame, blank: dict, keep: pd.Series, located: dict, no_cache: dict
) -> None:
    """Blank required cells; a formula without a cached value is already reported as such."""
    for cid, column in data.source.columns.items():
        if cid not in located:
            continue
        missing = blank[cid][keep] & ~blank[cid][keep].index.isin(list(no_cache.get(cid, ())))
        if column.required:
            need = missing
            why = "wajib diisi"
        elif column.required_when is not None:
            condition = filter_mask(frame, column.required_when, data.source)
            need = missing & condition
            why = f"wajib diisi bila {describe_filter(column.required_when, data.source)}"
        else:
            continue
        for row in need.index[need]:
            data._add(
                "required-missing",
                f"{column.header} kosong; kolom ini {why}",
                cell=data.cell(cid, row),
                column=cid,
            )


def _check_duplicates(data: SheetData, frame: pd.DataFrame) -> None:
    key = data.source.key
    if not key or key not in frame.columns:
        return
    values = frame[key].dropna().map(normalise)
    dup = values[values.duplicated(keep=False)]
    first_row: dict[str, int] = {}
    for row, value in dup.items():
        if value not in first_row:
            first_row[value] = row
            continue
        header = data.source.columns[key].header
        first = data.cell(key, first_row[value])
        data._add(
            "duplicate-key",
            f"{header} {frame.at[row, key]} ganda: sudah ada di sel {first} dan muncul lagi di sel "
            f"{data.cell(key, row)}; hapus salah satu atau perbaiki nomornya",
            cell=data.cell(key, row),
            column=key,
            value=frame.at[row, key],
        )
