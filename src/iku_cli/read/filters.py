"""The declared filters (column, op, value; all / any) evaluated over a typed sheet, as a row mask.

The reader uses them for conditional requirements (``required_when``), the measures for their ``where``.
Text is compared normalised (case, spaces); each column is normalised once per sheet (``TextCodes``), as
codes into its distinct values, so a filter looks at each distinct value once and then at integers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, AllOf, Condition, Filter, Source
from iku_cli.read.cells import normalised
from iku_cli.text import normalise


class TextCodes:
    """Each text column of one frame as codes into its distinct normalised values (-1: blank); made once."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._columns: dict[str, tuple[np.ndarray, list[str]]] = {}

    def of(self, column: str) -> tuple[np.ndarray, list[str]]:
        """(codes, distinct normalised values) of ``column``; a column the sheet lacks is all blank."""
        if column not in self._columns:
            if column not in self.frame.columns:
                self._columns[column] = (np.full(len(self.frame), -1, dtype=np.int64), [])
            else:
                raw_codes, raw_uniques = pd.factorize(self.frame[column].to_numpy(dtype=object))
                raw = np.asarray(raw_uniques, dtype=object)
                norm = normalised(raw)
                if norm is raw:  # every value already normalised, so none to merge: the codes as they are
                    self._columns[column] = (raw_codes.astype(np.int64, copy=False), raw.tolist())
                else:
                    merged_codes, uniques = pd.factorize(norm)
                    lookup = np.append(merged_codes, -1).astype(np.int64)  # raw code -1 (blank) stays -1
                    self._columns[column] = (lookup[raw_codes], list(uniques))
        return self._columns[column]

    def narrowed(self, frame: pd.DataFrame) -> TextCodes:
        """The codes of ``frame``, the same rows with fewer columns: what is already made is kept."""
        out = TextCodes(frame)
        out._columns = {c: v for c, v in self._columns.items() if c in frame.columns}
        return out


def _condition_mask(frame: pd.DataFrame, cond: Condition, source: Source, codes: TextCodes) -> np.ndarray:
    column = source.columns[cond.column]
    if column.type in NUMERIC_TYPES:
        # A declared column the sheet does not have is read as a column of blanks.
        values = (
            frame[cond.column].to_numpy(dtype=np.float64)
            if cond.column in frame.columns
            else np.full(len(frame), np.nan)
        )
        present = ~np.isnan(values)
    else:
        text_codes, uniques = codes.of(cond.column)
        present = text_codes >= 0
    if cond.op == "blank":
        return ~present
    if cond.op == "not_blank":
        return present
    wanted = cond.value if isinstance(cond.value, list) else [cond.value]
    if column.type in NUMERIC_TYPES:
        with np.errstate(invalid="ignore"):
            mask = _compare(values, cond.op, [float(v or 0) for v in wanted])
    else:
        # the comparison made once per distinct value; a blank (-1) picks the False appended at the end
        distinct = np.array(uniques + [""], dtype=object)
        table = _compare(distinct, cond.op, [normalise(v) for v in wanted])
        mask = table[text_codes]
    # A blank value satisfies no comparison, as in SQL: "not Aktif" does not count an empty Status.
    return np.asarray(mask, dtype=bool) & present


def _compare(values: np.ndarray, op: str, wanted: list[Any]) -> np.ndarray:
    """``values`` OP ``wanted`` (one value, or the list for in / not_in), element by element."""
    if op in ("in", "not_in"):
        if values.dtype.kind == "f":
            inside = np.isin(values, np.array(wanted, dtype=np.float64))
        else:
            members = set(wanted)
            inside = np.fromiter((v in members for v in values), dtype=bool, count=len(values))
        return inside if op == "in" else ~inside
    ops: dict[str, Callable[[Any, Any], Any]] = {
        "eq": operator.eq,
        "ne": operator.ne,
        "gt": operator.gt,
        "ge": operator.ge,
        "lt": operator.lt,
        "le": operator.le,
    }
    return np.asarray(ops[op](values, wanted[0]), dtype=bool)


def filter_mask(
    frame: pd.DataFrame, flt: Filter | None, source: Source, codes: TextCodes | None = None
) -> pd.Series:
    """True for each row the filter keeps; every row when there is no filter.

    Pass the sheet's ``codes`` to reuse its normalised text across filters (a measure, a requirement ...).
    """
    return pd.Series(rows_kept(frame, flt, source, codes or TextCodes(frame)), index=frame.index)


def rows_kept(frame: pd.DataFrame, flt: Filter | None, source: Source, codes: TextCodes) -> np.ndarray:
    """``filter_mask`` as a plain boolean array."""
    if flt is None:
        return np.ones(len(frame), dtype=bool)
    if isinstance(flt, Condition):
        return _condition_mask(frame, flt, source, codes)
    parts = [rows_kept(frame, p, source, codes) for p in (flt.all if isinstance(flt, AllOf) else flt.any)]
    combined = parts[0].copy()
    for part in parts[1:]:
        combined = combined & part if isinstance(flt, AllOf) else combined | part
    return combined
