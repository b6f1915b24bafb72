"""Cell values typed by their declared column: text, category or number, with a finding for each misfit.

Each function takes one column's cells (a Series indexed by Excel row number) and returns the typed
values and the findings, in row order. Each distinct value is looked at once where that is possible.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Column
from iku_cli.findings import At, Finding
from iku_cli.numbers import format_exact, parse_number_text
from iku_cli.text import closest, normalise


def matching_values(series: pd.Series, test: Callable[[str], bool]) -> list[object]:
    """The distinct string values of a column that pass ``test``; each distinct value is looked at once."""
    return [v for v in pd.unique(series.to_numpy()) if isinstance(v, str) and test(v)]


def blank_mask(series: pd.Series) -> pd.Series:
    """Empty cells, and cells holding only spaces or a dash."""
    blanks = matching_values(series, lambda v: v.strip() in ("", "-"))
    return series.isna() | (series.isin(blanks) if blanks else False)


def typed(
    at: At, cid: str, column: Column, letter: str, factor: float, series: pd.Series, blank: pd.Series
) -> tuple[pd.Series, list[Finding]]:
    """One column's values in its declared type (numbers scaled by ``factor``), and what did not fit."""
    if column.type in NUMERIC_TYPES:
        return _typed_number(at, cid, column, letter, factor, series, blank)
    if column.type == "category":
        return _typed_category(at, cid, column, letter, series, blank)
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


def _typed_category(
    at: At, cid: str, column: Column, letter: str, series: pd.Series, blank: pd.Series
) -> tuple[pd.Series, list[Finding]]:
    canonical = {normalise(a): a for a in column.allowed or []}
    text = typed_text(series, blank)
    present = ~blank
    present_text = text[present]
    lookup = {v: canonical.get(normalise(v)) for v in pd.unique(present_text.to_numpy())}
    mapped = present_text.map(lookup)
    out = pd.Series(np.nan, index=series.index, dtype=object)
    out[present] = mapped
    found = []
    for row in mapped.index[mapped.isna()]:
        value = text[row]
        near = closest(normalise(value), list(canonical), cutoff=0.5)
        hint = f"; mungkin maksudnya '{canonical[near]}'?" if near else ""
        found.append(
            at.finding(
                "not-allowed",
                f"'{value}' bukan nilai yang diterima untuk {column.header} "
                f"(pilihan: {', '.join(column.allowed or [])}){hint}",
                cell=f"{letter}{row}",
                column=cid,
                value=value,
            )
        )
    return out, found


def _typed_number(
    at: At, cid: str, column: Column, letter: str, factor: float, series: pd.Series, blank: pd.Series
) -> tuple[pd.Series, list[Finding]]:
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
        found += [
            at.finding(
                "number-as-text",
                f"angka diketik sebagai teks: '{series[row]}' dibaca sebagai {format_exact(parsed[row])}; "
                "sebaiknya ketik sebagai angka",
                cell=f"{letter}{row}",
                column=cid,
                value=series[row],
            )
            for row in parsed.index[parsed.notna()]
        ]
    unreadable = ~blank & out.isna()
    kind = "uang (Rupiah)" if column.type == "money" else "angka"
    found += [
        at.finding(
            "type-error",
            f"'{series[row]}' bukan {kind}; ketik angkanya saja, misalnya 1250000 atau 1.250.000",
            cell=f"{letter}{row}",
            column=cid,
            value=series[row],
        )
        for row in unreadable.index[unreadable]
    ]
    if column.type == "integer":
        fraction = out.notna() & (out != np.floor(out))
        found += [
            at.finding(
                "type-error",
                f"{format_exact(out[row])} bukan bilangan bulat; {column.header} dihitung dalam bilangan bulat",
                cell=f"{letter}{row}",
                column=cid,
                value=series[row],
            )
            for row in fraction.index[fraction]
        ]
    if factor != 1.0:
        out = out * factor
    found += _bounds(at, cid, column, letter, series, out)
    return out, found


def _bounds(
    at: At, cid: str, column: Column, letter: str, series: pd.Series, out: pd.Series
) -> list[Finding]:
    unit = f" {column.unit}" if column.unit else ""
    found = []
    if column.min is not None:
        low = out < column.min
        found += [
            at.finding(
                "below-minimum",
                f"{format_exact(out[row])}{unit} di bawah batas minimum {format_exact(column.min)}; periksa nilainya",
                cell=f"{letter}{row}",
                column=cid,
                value=series[row],
            )
            for row in low.index[low]
        ]
    if column.max is not None:
        high = out > column.max
        found += [
            at.finding(
                "above-maximum",
                f"{format_exact(out[row])}{unit} di atas batas maksimum {format_exact(column.max)}; periksa nilainya",
                cell=f"{letter}{row}",
                column=cid,
                value=series[row],
            )
            for row in high.index[high]
        ]
    return found
