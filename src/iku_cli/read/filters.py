"""The declared filters (column, op, value; all / any) evaluated over a typed sheet, as a row mask.

The reader uses them for conditional requirements (``required_when``), the measures for their ``where``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, AllOf, Condition, Filter, Source
from iku_cli.text import normalise


def _condition_mask(frame: pd.DataFrame, cond: Condition, source: Source) -> pd.Series:
    column = source.columns[cond.column]
    # A declared column the sheet does not have is read as a column of blanks.
    series = frame[cond.column] if cond.column in frame.columns else pd.Series(np.nan, index=frame.index)
    present = series.notna()
    if cond.op == "blank":
        return ~present
    if cond.op == "not_blank":
        return present
    wanted = cond.value if isinstance(cond.value, list) else [cond.value]
    if column.type in NUMERIC_TYPES:
        mask = _compare(series.astype("float64"), cond.op, [float(v or 0) for v in wanted])
    else:
        mask = _compare(series.where(present, "").map(normalise), cond.op, [normalise(v) for v in wanted])
    # A blank value satisfies no comparison, as in SQL: "not Aktif" does not count an empty Status.
    return mask.fillna(False).astype(bool) & present


def _compare(values: pd.Series, op: str, wanted: list[Any]) -> pd.Series:
    """``values`` OP ``wanted`` (one value, or the list for in / not_in)."""
    if op == "in":
        return values.isin(wanted)
    if op == "not_in":
        return ~values.isin(wanted)
    ops: dict[str, Callable[[Any, Any], pd.Series]] = {
        "eq": operator.eq,
        "ne": operator.ne,
        "gt": operator.gt,
        "ge": operator.ge,
        "lt": operator.lt,
        "le": operator.le,
    }
    return ops[op](values, wanted[0])


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
