"""Measures: count rows, count distinct keys or sum a column, over the rows a declarative filter keeps."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Measure, Source
from iku_cli.read.filters import TextCodes, rows_kept


@dataclass(frozen=True)
class MeasureValue:
    """One measure for one year: its value and the number of rows it was taken over."""

    value: float
    rows: int


def used_mask(
    measure: Measure, frame: pd.DataFrame, source: Source, codes: TextCodes | None = None
) -> np.ndarray:
    """The rows a measure counts or sums; a blank value does not count (nor a column the sheet lacks)."""
    mask = rows_kept(frame, measure.where, source, codes or TextCodes(frame))
    if measure.column:
        if measure.column not in frame.columns:
            return np.zeros(len(frame), dtype=bool)
        mask &= frame[measure.column].notna().to_numpy()
    return mask


def rows_used(measure: Measure, frame: pd.DataFrame, source: Source) -> pd.DataFrame:
    """The rows a measure counts or sums (index: the Excel row numbers), for an auditor to look at."""
    return frame[used_mask(measure, frame, source)]


def evaluate(
    measure: Measure, frame: pd.DataFrame, source: Source, codes: TextCodes | None = None
) -> MeasureValue:
    """The measure over a typed sheet (pure: no I/O). ``codes``: the sheet's normalised text, to reuse."""
    codes = codes or TextCodes(frame)
    mask = used_mask(measure, frame, source, codes)
    rows = int(mask.sum())
    if measure.aggregate == "count" or not rows:
        return MeasureValue(float(rows), rows)
    column = str(measure.column)
    if measure.aggregate == "count_distinct":
        if source.columns[column].type in NUMERIC_TYPES:
            return MeasureValue(float(pd.unique(frame[column].to_numpy()[mask]).size), rows)
        text_codes, _ = codes.of(column)
        return MeasureValue(float(np.unique(text_codes[mask]).size), rows)
    return MeasureValue(float(np.sum(frame[column].to_numpy(dtype=np.float64)[mask])), rows)
