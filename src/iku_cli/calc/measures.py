"""Measures: count rows, count distinct keys or sum a column, over the rows a declarative filter keeps."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Measure, Source
from iku_cli.read import filter_mask
from iku_cli.text import normalise


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
    column = str(measure.column)
    values = used[column] if column in used.columns else pd.Series(dtype="float64")
    if measure.aggregate == "count_distinct":
        if source.columns[column].type not in NUMERIC_TYPES:
            values = values.map(normalise)
        return MeasureValue(float(values.nunique()), rows)
    return MeasureValue(float(np.float64(values.astype("float64").sum(min_count=0))), rows)
