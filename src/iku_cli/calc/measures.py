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
from iku_cli.read import filter_mask
from iku_cli.text import normalise


@dataclass(frozen=True)
class MeasureValue:
    """One measure for one year: its value and the number of rows it was taken over."""

    value: float
    rows: int


def key_text(values: pd.Series) -> pd.Series:
    """Keys as compared across rows and years (blank keys stay NaN)."""
    present = values.notna()
    out = pd.Series(np.nan, index=values.index, dtype=object)
    if present.any():
        out[present] = values[present].map(normalise)
    return out


def _key_column(measure: Measure, source: Source) -> str:
    if not source.key:
        raise ValueError(f"where_previous needs a source with a key; source '{measure.source}' has none")
    return source.key


def _in_cohort(measure: Measure, frame: pd.DataFrame, previous: pd.DataFrame, source: Source) -> pd.Series:
    """Rows of ``frame`` whose key had, in ``previous``, a row that ``where_previous`` keeps."""
    key = _key_column(measure, source)
    if key not in frame.columns or key not in previous.columns:
        return pd.Series(False, index=frame.index)
    before = previous[filter_mask(previous, measure.where_previous, source)]
    wanted = set(key_text(before[key]).dropna())
    return key_text(frame[key]).isin(wanted)


def rows_used(
    measure: Measure, frame: pd.DataFrame, source: Source, previous: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The rows a measure counts or sums (index: the Excel row numbers); blank values do not count.

    ``previous``: the year before's rows, for a measure over two years (required there).
    """
    mask = filter_mask(frame, measure.where, source)
    if measure.follows_key:
        if previous is None:
            raise ValueError("a measure over two years needs the rows of the year before")
        mask &= _in_cohort(measure, frame, previous, source)
    if measure.column:
        if measure.column not in frame.columns:  # a declared column the sheet does not have: all blank
            return frame.iloc[0:0]
        mask &= frame[measure.column].notna()
    return frame[mask]


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
    measure: Measure, frame: pd.DataFrame, source: Source, previous: pd.DataFrame | None = None
) -> MeasureValue:
    """The measure over a typed sheet (pure: no I/O); ``previous`` as for ``rows_used``."""
    used = rows_used(measure, frame, source, previous)
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
