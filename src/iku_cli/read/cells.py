"""Cell values typed by their declared column: text, category or number, with a finding for each misfit.

Each function takes one column's cells (a Series indexed by Excel row number) and returns the typed
values and the findings, in row order. Each distinct value is looked at once where that is possible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Column
from iku_cli.findings import At, Finding, at_rows
from iku_cli.numbers import format_exact, parse_number_text
from iku_cli.text import closest, normalise


def matching_values(series: pd.Series, test: Callable[[str], bool]) -> list[object]:
    """The distinct string values of a column that pass ``test``; each distinct value is looked at once."""
    return [v for v in pd.unique(series.to_numpy()) if isinstance(v, str) and test(v)]


def blank_mask(series: pd.Series) -> pd.Series:
    """Empty cells, and cells holding only spaces or a dash; a number that is NaN is a value (a wrong one)."""
    blanks = matching_values(series, lambda v: v.strip() in ("", "-"))
    empty = series.isna()
    if empty.any():
        empty[empty] = series[empty].map(lambda v: v is None)
    return empty | (series.isin(blanks) if blanks else False)


# No count, amount or score comes near this; a million of them still sum to a finite number.
MAX_MAGNITUDE = 1e300


@dataclass(frozen=True)
class _Cells:
    """One declared column's cells as read, and the findings made at them."""

    at: At
    cid: str
    letter: str
    raw: pd.Series  # the cells as read (a finding's value), indexed by Excel row

    def each(
        self, code: str, mask: pd.Series, message: Callable[[int], str], value: pd.Series | None = None
    ) -> list[Finding]:
        """A finding at every row of ``mask`` (the first thousand, and a count); its value the cell as read."""
        shown = self.raw if value is None else value
        rows = mask.index[mask.to_numpy(dtype=bool)].tolist()
        return at_rows(
            self.at, code, rows, lambda row: f"{self.letter}{row}", message, lambda row: shown[row], self.cid
        )


def typed(
    at: At, cid: str, column: Column, letter: str, factor: float, series: pd.Series, blank: pd.Series
) -> tuple[pd.Series, list[Finding]]:
    """One column's values in its declared type (numbers scaled by ``factor``), and what did not fit."""
    cells = _Cells(at, cid, letter, series)
    if column.type in NUMERIC_TYPES:
        return _typed_number(cells, column, factor, blank)
    if column.type == "category":
        return _typed_category(cells, column, blank)
    return typed_text(series, blank), []


def typed_text(series: pd.Series, blank: pd.Series) -> pd.Series:
    """Text as typed, trimmed; a whole number stored as a number reads as its digits ("1234", not "1234.0")."""

    def as_text(v: object) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()

    out = pd.Series(np.nan, index=series.index, dtype=object)
    present = ~blank
    if present.any():
        out[present] = series[present].map(as_text)
    return out


def _typed_category(cells: _Cells, column: Column, blank: pd.Series) -> tuple[pd.Series, list[Finding]]:
    canonical = {normalise(a): a for a in column.allowed or []}
    text = typed_text(cells.raw, blank)
    present = ~blank
    present_text = text[present]
    lookup = {v: canonical.get(normalise(v)) for v in pd.unique(present_text.to_numpy())}
    mapped = present_text.map(lookup)
    out = pd.Series(np.nan, index=cells.raw.index, dtype=object)
    out[present] = mapped
    choices = ", ".join(column.allowed or [])

    def message(row: int) -> str:
        near = closest(normalise(text[row]), list(canonical), cutoff=0.5)
        hint = f"; mungkin maksudnya '{canonical[near]}'?" if near else ""
        return f"'{text[row]}' bukan nilai yang diterima untuk {column.header} (pilihan: {choices}){hint}"

    return out, cells.each("not-allowed", mapped.isna(), message, value=text)


def _typed_number(
    cells: _Cells, column: Column, factor: float, blank: pd.Series
) -> tuple[pd.Series, list[Finding]]:
    series = cells.raw
    kinds = series.map(type)
    numeric = kinds.isin((int, float)) & ~blank
    text = kinds.isin((str,)) & ~blank
    out = pd.Series(np.nan, index=series.index, dtype="float64")
    found: list[Finding] = []
    if numeric.any():
        out[numeric] = series[numeric].astype("float64")
    if text.any():
        parsed = parse_number_text(series[text])
        out[text] = parsed
        found += cells.each(
            "number-as-text",
            parsed.notna(),
            lambda row: (
                f"angka diketik sebagai teks: '{series[row]}' dibaca sebagai {format_exact(parsed[row])}; "
                "sebaiknya ketik sebagai angka"
            ),
        )
    kind = "uang (Rupiah)" if column.type == "money" else "angka"
    found += cells.each(
        "type-error",
        ~blank & out.isna(),
        lambda row: f"'{series[row]}' bukan {kind}; ketik angkanya saja, misalnya 1250000 atau 1.250.000",
    )
    if column.type == "integer":
        found += cells.each(
            "type-error",
            out.notna() & (out != np.floor(out)),
            lambda row: (
                f"{format_exact(out[row])} bukan bilangan bulat; {column.header} dihitung dalam bilangan bulat"
            ),
        )
    if factor != 1.0:
        out = out * factor
    huge = out.notna() & ~(out.abs() <= MAX_MAGNITUDE)  # inf, and what would overflow a sum
    if huge.any():
        found += cells.each(
            "type-error",
            huge,
            lambda row: (
                f"{series[row]} bukan angka yang dapat dihitung (tak terhingga atau lebih dari 1e300); "
                "periksa isinya"
            ),
        )
        out[huge] = np.nan
    return out, found + _bounds(cells, column, out)


def _bounds(cells: _Cells, column: Column, out: pd.Series) -> list[Finding]:
    unit = f" {column.unit}" if column.unit else ""
    found = []
    if column.min is not None:
        low = format_exact(column.min)
        found += cells.each(
            "below-minimum",
            out < column.min,
            lambda row: f"{format_exact(out[row])}{unit} di bawah batas minimum {low}; periksa nilainya",
        )
    if column.max is not None:
        high = format_exact(column.max)
        found += cells.each(
            "above-maximum",
            out > column.max,
            lambda row: f"{format_exact(out[row])}{unit} di atas batas maksimum {high}; periksa nilainya",
        )
    return found
