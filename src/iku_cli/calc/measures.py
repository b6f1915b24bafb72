"""Measures: count rows, count distinct keys or sum a column, over the rows a declarative filter keeps.

A measure over two years (``where_previous``) keeps the rows of its year whose key had, the year before, a
row that ``where_previous`` keeps. Keys are compared as the duplicate-key check compares them: as text,
without case or repeated spaces, so that a NIB read as the number 1234567890123 in one year and typed as
the text "1234567890123" in the other is the same business.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Measure, Source
from iku_cli.read.filters import TextCodes, rows_kept
from iku_cli.text import normalise


@dataclass(frozen=True)
class MeasureValue:
    """One measure for one year: its value and the number of rows it was taken over."""

    value: float
    rows: int


def used_mask(
    measure: Measure,
    frame: pd.DataFrame,
    source: Source,
    codes: TextCodes | None = None,
    *,
    previous: pd.DataFrame | None = None,
    previous_codes: TextCodes | None = None,
) -> np.ndarray:
    """The rows a measure counts or sums; a blank value does not count (nor a column the sheet lacks).

    ``previous``: the year before's rows, for a measure over two years (required there); the ``codes`` of
    each frame are its normalised text, made once per sheet, reused when given.
    """
    codes = codes or TextCodes(frame)
    mask = rows_kept(frame, measure.where, source, codes)
    if measure.follows_key:
        if previous is None:
            raise ValueError("a measure over two years needs the rows of the year before")
        mask &= _in_cohort(measure, source, frame, codes, previous, previous_codes or TextCodes(previous))
    if measure.column:
        if measure.column not in frame.columns:
            return np.zeros(len(frame), dtype=bool)
        mask &= frame[measure.column].notna().to_numpy()
    return mask


def _in_cohort(
    measure: Measure,
    source: Source,
    frame: pd.DataFrame,
    codes: TextCodes,
    previous: pd.DataFrame,
    previous_codes: TextCodes,
) -> np.ndarray:
    """Rows of ``frame`` whose key had, in ``previous``, a row that ``where_previous`` keeps."""
    key = source.key
    if not key:
        raise ValueError(f"where_previous needs a source with a key; source '{measure.source}' has none")
    kept = rows_kept(previous, measure.where_previous, source, previous_codes)
    if source.columns[key].type in NUMERIC_TYPES:
        before = _numbers(previous, key)[kept]
        return np.isin(_numbers(frame, key), before[~np.isnan(before)])
    before_codes, before_values = previous_codes.of(key)
    wanted = {before_values[c] for c in np.unique(before_codes[kept]) if c >= 0}
    now_codes, now_values = codes.of(key)
    followed = np.array([v in wanted for v in now_values] + [False], dtype=bool)  # the last: a blank key
    return followed[now_codes]


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return frame[column].to_numpy(dtype=np.float64)


def rows_used(
    measure: Measure, frame: pd.DataFrame, source: Source, previous: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The rows a measure counts or sums (index: the Excel row numbers), for an auditor to look at."""
    return frame[used_mask(measure, frame, source, previous=previous)]


def key_text(values: pd.Series) -> pd.Series:
    """Keys as compared across rows and years (blank keys stay NaN)."""
    present = values.notna()
    out = pd.Series(np.nan, index=values.index, dtype=object)
    if present.any():
        out[present] = values[present].map(normalise)
    return out


def previous_rows(used: pd.DataFrame, previous: pd.DataFrame, key: str) -> pd.DataFrame:
    """For each row of ``used``, the row of the same key in ``previous``, on ``used``'s index.

    Column ``row`` holds the previous row's Excel row number; the other columns its values.
    """
    keys = key_text(previous[key])
    first = pd.Series(previous.index[keys.notna()], index=keys[keys.notna()].to_numpy())
    first = first[~first.index.duplicated()]
    rows = key_text(used[key]).map(first)
    out = previous.loc[rows.to_numpy()].set_axis(used.index)
    out.insert(0, "row", rows.astype("int64").to_numpy())
    return out


def evaluate(
    measure: Measure, frame: pd.DataFrame, source: Source, codes: TextCodes | None = None
) -> MeasureValue:
    """The measure over a typed sheet (pure: no I/O). ``codes``: the sheet's normalised text, to reuse."""
    codes = codes or TextCodes(frame)
    return aggregate(measure, frame, source, codes, used_mask(measure, frame, source, codes))


def aggregate(
    measure: Measure, frame: pd.DataFrame, source: Source, codes: TextCodes, mask: np.ndarray
) -> MeasureValue:
    """The count, distinct count or sum over the rows of ``mask`` (from ``used_mask``)."""
    rows = int(mask.sum())
    if measure.aggregate == "count" or not rows:
        return MeasureValue(float(rows), rows)
    column = str(measure.column)
    if measure.aggregate == "count_distinct":
        if source.columns[column].type in NUMERIC_TYPES:
            return MeasureValue(float(pd.unique(frame[column].to_numpy()[mask]).size), rows)
        text_codes, _ = codes.of(column)
        return MeasureValue(float(np.count_nonzero(np.bincount(text_codes[mask]))), rows)
    return MeasureValue(float(np.sum(frame[column].to_numpy(dtype=np.float64)[mask])), rows)
