"""Cell values typed by their declared column: text, category or number, with a finding for each misfit.

Each function takes one column's cells of the data rows (an object array, with their Excel row numbers and
blank mask) and returns the typed values and the findings, in row order. Work that depends on a value
(parsing "Rp 1.250.000", matching a category) is done once per distinct value, never once per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Column
from iku_cli.findings import At, Finding, at_rows
from iku_cli.numbers import format_exact, parse_number_text
from iku_cli.read.body import of_type, stripped_of, types_of
from iku_cli.text import closest, normalise

_EDGE_SPACE = re.compile(r"\s\x00|\x00\s")
_MESSY_SPACE = re.compile(r"[^\S ]| {2}")  # white space other than one plain space between words
_ASCII_SPACES = "".join(c for c in map(chr, range(128)) if c.isspace() and c != " ")  # \t \n ... \x1f
# No count, amount or score comes near this; a million of them still sum to a finite number.
MAX_MAGNITUDE = 1e300


@dataclass(frozen=True)
class ColumnCells:
    """One declared column's cells in the data rows: as read, their Excel rows, which are blank, and where."""

    at: At
    cid: str
    letter: str
    raw: np.ndarray  # object: the cells as the reader gave them
    rows: np.ndarray  # int: the Excel row of each
    blank: np.ndarray  # bool
    types: np.ndarray | None = None  # object: the Python type of each cell, when already known
    stripped: np.ndarray | None = (
        None  # object: the cells with text trimmed (read.body.stripped_of), when made
    )

    def each(
        self, code: str, mask: np.ndarray, message: Callable[[int], str], value: np.ndarray | None = None
    ) -> list[Finding]:
        """A finding at every cell of ``mask`` (a bounded number, and a count); its value the cell as read.

        ``message`` takes the cell's position in the column.
        """
        positions = np.flatnonzero(mask)
        if not positions.size:
            return []
        shown = self.raw if value is None else value
        position_of = dict(zip(self.rows[positions].tolist(), positions.tolist(), strict=True))
        return at_rows(
            self.at,
            code,
            list(position_of),
            lambda row: f"{self.letter}{row}",
            lambda row: message(position_of[row]),
            lambda row: _plain(shown[position_of[row]]),
            self.cid,
        )


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def typed(cells: ColumnCells, column: Column, factor: float) -> tuple[np.ndarray, list[Finding]]:
    """One column's values in its declared type (numbers scaled by ``factor``), and what did not fit."""
    if column.type in NUMERIC_TYPES:
        return _typed_number(cells, column, factor)
    if column.type == "category":
        return _typed_category(cells, column)
    return typed_text(cells.raw, cells.blank, cells.types, cells.stripped), []


def as_text(value: object) -> str:
    """A cell as text: a whole number stored as a number reads as its digits ("1234", not "1234.0")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def typed_text(
    raw: np.ndarray, blank: np.ndarray, types: np.ndarray | None = None, stripped: np.ndarray | None = None
) -> np.ndarray:
    """Text as typed, trimmed; a whole number stored as a number reads as its digits ("1234", not "1234.0").

    ``types`` and ``stripped``: each cell's type and the cells with text trimmed, when already made.
    """
    out = np.full(len(raw), np.nan, dtype=object)
    present = np.flatnonzero(~blank)
    if present.size:
        types = types if types is not None else types_of(raw)
        values = (stripped if stripped is not None else stripped_of(raw, types))[present]
        is_str = of_type(types[present], str)
        text = np.empty(present.size, dtype=object)
        text[is_str] = values[is_str]
        text[~is_str] = [as_text(v) for v in values[~is_str]]
        out[present] = text
    return out


def distinct(values: np.ndarray, transform: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``transform`` (of an array of distinct values) for every value; ``values`` all of one type (str).

    One type only: Python counts True, 1 and 1.0 as one value, and "1" is not 1.
    """
    if not len(values):
        return np.empty(0, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.asarray(transform(np.asarray(uniques, dtype=object)))[codes]


def normalised(values: np.ndarray) -> np.ndarray:
    """``normalise`` of each string, done as one pass over the column joined (exactly the same result).

    Values are trimmed text: no white space at either end, so collapsing the joined string's white space
    never reaches across two values. A value holding the separator is normalised on its own. When no value
    changes (numbers typed as text, codes already in lower case), ``values`` itself is given back.
    """
    strings = values.tolist()
    joined = "\x00".join(strings)
    edge, messy = _spaces(joined)
    untrimmed = edge or joined[:1].isspace() or joined[-1:].isspace()
    if untrimmed or joined.count("\x00") != len(strings) - 1:
        return np.array([normalise(s) for s in strings], dtype=object)
    # split() and join only where some space is not a single " " (they would make every value anew)
    folded = (" ".join(joined.split()) if messy else joined).casefold()
    if folded == joined:
        return values
    out = np.empty(len(strings), dtype=object)
    out[:] = folded.split("\x00") if strings else []
    return out


def _spaces(joined: str) -> tuple[bool, bool]:
    """(white space next to a separator NUL, white space other than one " " between words) in ``joined``.

    ASCII text (most columns) is answered with a few C-speed substring tests, the rest by regex.
    """
    if joined.isascii():
        messy = "  " in joined or any(space in joined for space in _ASCII_SPACES)
        if not messy:
            return (" \x00" in joined or "\x00 " in joined), False
    return _EDGE_SPACE.search(joined) is not None, _MESSY_SPACE.search(joined) is not None


def each_value(transform: Callable[[Any], Any]) -> Callable[[np.ndarray], np.ndarray]:
    """A per-value function made into one over an array (for ``distinct``)."""
    return lambda values: np.array([transform(v) for v in values], dtype=object)


def _typed_category(cells: ColumnCells, column: Column) -> tuple[np.ndarray, list[Finding]]:
    canonical = {normalise(a): a for a in column.allowed or []}
    text = typed_text(cells.raw, cells.blank, cells.types, cells.stripped)
    out = np.full(len(text), np.nan, dtype=object)
    present = ~cells.blank
    out[present] = distinct(text[present], each_value(lambda v: canonical.get(normalise(v), np.nan)))
    choices = ", ".join(column.allowed or [])

    def message(p: int) -> str:
        near = closest(normalise(text[p]), list(canonical), cutoff=0.5)
        hint = f"; mungkin maksudnya '{canonical[near]}'?" if near else ""
        return f"'{text[p]}' bukan nilai yang diterima untuk {column.header} (pilihan: {choices}){hint}"

    unknown = present & pd.isna(out)
    return out, cells.each("not-allowed", unknown, message, value=text)


def _typed_number(cells: ColumnCells, column: Column, factor: float) -> tuple[np.ndarray, list[Finding]]:
    raw, blank = cells.raw, cells.blank
    types = cells.types if cells.types is not None else types_of(raw)
    numeric = of_type(types, float, int) & ~blank
    text = of_type(types, str) & ~blank
    out = np.full(len(raw), np.nan, dtype=np.float64)
    found: list[Finding] = []
    if numeric.any():
        out[numeric] = raw[numeric].astype(np.float64)
    if text.any():
        parsed = np.full(len(raw), np.nan, dtype=np.float64)
        parsed[text] = distinct(raw[text], _parse_numbers).astype(np.float64)
        out[text] = parsed[text]
        found += cells.each(
            "number-as-text",
            text & ~np.isnan(parsed),
            lambda p: (
                f"angka diketik sebagai teks: '{raw[p]}' dibaca sebagai {format_exact(parsed[p])}; "
                "sebaiknya ketik sebagai angka"
            ),
        )
    kind = "uang (Rupiah)" if column.type == "money" else "angka"
    found += cells.each(
        "type-error",
        ~blank & np.isnan(out),
        lambda p: f"'{raw[p]}' bukan {kind}; ketik angkanya saja, misalnya 1250000 atau 1.250.000",
    )
    if column.type == "integer":
        with np.errstate(invalid="ignore"):
            fraction = ~np.isnan(out) & (out != np.floor(out))
        found += cells.each(
            "type-error",
            fraction,
            lambda p: (
                f"{format_exact(out[p])} bukan bilangan bulat; {column.header} dihitung dalam bilangan bulat"
            ),
        )
    if factor != 1.0:
        out = out * factor
    with np.errstate(invalid="ignore"):
        huge = ~np.isnan(out) & ~(np.abs(out) <= MAX_MAGNITUDE)  # inf, and what would overflow a sum
    if huge.any():
        found += cells.each(
            "type-error",
            huge,
            lambda p: (
                f"{raw[p]} bukan angka yang dapat dihitung (tak terhingga atau lebih dari 1e300); periksa isinya"
            ),
        )
        out[huge] = np.nan
    return out, found + _bounds(cells, column, out)


def _parse_numbers(texts: np.ndarray) -> np.ndarray:
    return parse_number_text(pd.Series(texts, dtype=object)).to_numpy(dtype=np.float64)


def _bounds(cells: ColumnCells, column: Column, out: np.ndarray) -> list[Finding]:
    unit = f" {column.unit}" if column.unit else ""
    found = []
    with np.errstate(invalid="ignore"):
        if column.min is not None:
            low = format_exact(column.min)
            found += cells.each(
                "below-minimum",
                out < column.min,
                lambda p: f"{format_exact(out[p])}{unit} di bawah batas minimum {low}; periksa nilainya",
            )
        if column.max is not None:
            high = format_exact(column.max)
            found += cells.each(
                "above-maximum",
                out > column.max,
                lambda p: f"{format_exact(out[p])}{unit} di atas batas maksimum {high}; periksa nilainya",
            )
    return found
