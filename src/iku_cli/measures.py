"""Measures: count rows, count distinct keys or sum a column, over the rows a declarative filter keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iku_cli.numbers import format_exact
from iku_cli.spec import NUMERIC_TYPES, AllOf, Condition, Filter, Measure, Source


def _norm(value: object) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def _condition_mask(frame: pd.DataFrame, cond: Condition, source: Source) -> pd.Series:
    column = source.columns[cond.column]
    # A declared column the sheet does not have is read as a column of blanks.
    series = frame[cond.column] if cond.column in frame.columns else pd.Series(np.nan, index=frame.index)
    present = series.notna()
    if cond.op == "blank":
        return ~present
    if cond.op == "not_blank":
        return present
    if column.type in NUMERIC_TYPES:
        values = series.astype("float64")
        wanted = [float(v) for v in cond.value] if isinstance(cond.value, list) else float(cond.value)
    else:
        values = series.where(present, "").map(_norm)
        wanted = [_norm(v) for v in cond.value] if isinstance(cond.value, list) else _norm(cond.value)
    ops = {
        "eq": lambda: values == wanted,
        "ne": lambda: values != wanted,
        "in": lambda: values.isin(wanted),
        "not_in": lambda: ~values.isin(wanted),
        "gt": lambda: values > wanted,
        "ge": lambda: values >= wanted,
        "lt": lambda: values < wanted,
        "le": lambda: values <= wanted,
    }
    # A blank value satisfies no comparison, as in SQL: "not Aktif" does not count an empty Status.
    return ops[cond.op]().fillna(False).astype(bool) & present


def filter_mask(frame: pd.DataFrame, flt: Filter | None, source: Source) -> pd.Series:
    """True for each row the filter keeps; every row when there is no filter."""
    if flt is None:
        return pd.Series(True, index=frame.index)
    if isinstance(flt, Condition):
        return _condition_mask(frame, flt, source)
    parts = [filter_mask(frame, p, source) for p in (flt.all if isinstance(flt, AllOf) else flt.any)]
    combined = parts[0].copy()
    for part in parts[1:]:
        combined = combined & part if isinstance(flt, AllOf) else combined | part
    return combined


_OP_WORDS = {
    "eq": "=",
    "ne": "≠",
    "in": "salah satu dari",
    "not_in": "bukan salah satu dari",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
}


def describe_filter(flt: Filter | None, source: Source | None = None) -> str:
    """A filter in words: "Skala Usaha = Mikro dan Omzet per Tahun (Rp) > 300.000.000"."""
    if flt is None:
        return "semua baris"
    if isinstance(flt, Condition):
        name = source.columns[flt.column].label if source and flt.column in source.columns else flt.column
        if flt.op == "blank":
            return f"{name} kosong"
        if flt.op == "not_blank":
            return f"{name} terisi"
        if isinstance(flt.value, list):
            value = "{" + ", ".join(_value_words(v) for v in flt.value) + "}"
        else:
            value = _value_words(flt.value)
        return f"{name} {_OP_WORDS[flt.op]} {value}"
    joiner = " dan " if isinstance(flt, AllOf) else " atau "
    parts = flt.all if isinstance(flt, AllOf) else flt.any
    words = [describe_filter(p, source) for p in parts]
    return joiner.join(w if isinstance(p, Condition) else f"({w})" for p, w in zip(parts, words, strict=True))


def _value_words(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_exact(value)  # 0.5 -> "0,5", not "0,500000"
    return str(value)


@dataclass(frozen=True)
class MeasureValue:
    """One measure for one year: its value and the number of rows it was taken over."""

    value: float
    rows: int


def rows_used(measure: Measure, frame: pd.DataFrame, source: Source) -> pd.DataFrame:
    """The rows a measure counts or sums (index: the Excel row numbers); blank values do not count."""
    mask = filter_mask(frame, measure.where, source)
    if measure.column:
        if measure.column not in frame.columns:  # a declared column the sheet does not have: all blank
            return frame.iloc[0:0]
        mask &= frame[measure.column].notna()
    return frame[mask]


def evaluate(measure: Measure, frame: pd.DataFrame, source: Source) -> MeasureValue:
    """The measure over a typed sheet (pure: no I/O)."""
    used = rows_used(measure, frame, source)
    rows = len(used)
    if measure.aggregate == "count":
        return MeasureValue(float(rows), rows)
    values = used[measure.column] if measure.column in used.columns else pd.Series(dtype="float64")
    if measure.aggregate == "count_distinct":
        if source.columns[measure.column].type not in NUMERIC_TYPES:
            values = values.map(_norm)
        return MeasureValue(float(values.nunique()), rows)
    return MeasureValue(float(np.float64(values.astype("float64").sum(min_count=0))), rows)
