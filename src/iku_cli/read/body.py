"""The rows below the header as one array per sheet column, made once and looked at column by column.

A million-row sheet arrives as a million Python lists; turning them, a slice at a time, into a few object
arrays (with the garbage collector paused, since none of these objects can form a cycle) lets every later
step run over a whole column at C speed, and each distinct value be looked at once. A column's repeated
texts are made one object on the way, so a million cells of six kecamatan names hold six strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd
from pandas._libs import lib

from iku_cli.read.grid import collector_paused


@dataclass(frozen=True)
class Body:
    """The cells below the header: ``columns[c][i]`` is column ``c`` of Excel row ``first + i``."""

    first: int  # the Excel row number of the first body row
    columns: list[np.ndarray]  # one object array per sheet column, all of the same length
    _types: dict[int, np.ndarray] = field(default_factory=dict)
    _stripped: dict[int, np.ndarray] = field(default_factory=dict)

    def types(self, index: int) -> np.ndarray:
        """The Python type of each cell of a sheet column (looked up once per column)."""
        if index not in self._types:
            self._types[index] = types_of(self.column(index))
        return self._types[index]

    def stripped(self, index: int) -> np.ndarray:
        """A sheet column with each text cell trimmed of white space (trimmed once per column)."""
        if index not in self._stripped:
            self._stripped[index] = stripped_of(self.column(index), self.types(index))
        return self._stripped[index]

    @property
    def height(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @property
    def rows(self) -> np.ndarray:
        """The Excel row number of every body row."""
        return np.arange(self.first, self.first + self.height, dtype=np.int64)

    def column(self, index: int) -> np.ndarray:
        """A sheet column's cells; a column the sheet does not reach is all empty."""
        if index < len(self.columns):
            return self.columns[index]
        return np.full(self.height, None, dtype=object)


CHUNK = 1 << 16  # rows turned into column arrays at a time


def make_body(rows: Iterable[list[Any]], first: int, width: int) -> Body:
    """The rows as column arrays (``width`` columns at least, for a header wider than the data).

    The rows are taken a slice at a time, so only one slice of row lists lives at once; in each slice a
    column's repeated texts become one string object (``share_text``).
    """
    pieces: list[list[np.ndarray]] = []  # per column, its slices
    kinds: list[list[np.ndarray]] = []  # per column, the type of each cell of its slices
    shared: list[dict[str, str] | None] = []  # per column, its texts so far; None: too varied to share
    height = 0
    source = iter(rows)
    with collector_paused():
        while chunk := list(islice(source, CHUNK)):
            # pandas' C routine: rows of Python objects into one 2-D object array (not in its type stubs)
            grid = lib.to_object_array(chunk, min_width=width)  # type: ignore[attr-defined]
            del chunk
            while len(pieces) < grid.shape[1]:  # a column first met in this slice: empty above it
                pieces.append([np.full(height, None, dtype=object)] if height else [])
                kinds.append([np.full(height, type(None), dtype=object)] if height else [])
                shared.append({})
            for c, column in enumerate(pieces):
                values = _slice_column(grid, c)
                types = types_of(values)
                texts = shared[c]
                if texts is not None and not share_text(values, types, texts):
                    shared[c] = None
                column.append(values)
                kinds[c].append(types)
            height += len(grid)
            del grid
    if not pieces:
        return Body(first, [np.empty(0, dtype=object) for _ in range(width)])
    return Body(first, [_joined(p) for p in pieces], {c: _joined(k) for c, k in enumerate(kinds)})


def _slice_column(grid: np.ndarray, c: int) -> np.ndarray:
    """Column ``c`` of a slice of rows, as an array of its own (all empty where the slice is narrower)."""
    if c < grid.shape[1]:
        return np.ascontiguousarray(grid[:, c])
    return np.full(len(grid), None, dtype=object)


def _joined(pieces: list[np.ndarray]) -> np.ndarray:
    """One array of a column's slices (let go as soon as joined: the slices and the whole are not all kept)."""
    out = pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
    pieces.clear()
    return out


SHARE_FROM = 256  # text cells in a slice of a column before its repeated texts are shared


def share_text(values: np.ndarray, types: np.ndarray, texts: dict[str, str]) -> bool:
    """Make equal text cells of a slice one string object (in place), the same one as in earlier slices.

    The reader makes each cell its own object: a million cells naming a handful of kecamatan would be a
    million strings. Only ``str`` cells are merged (never 1 with 1.0 or True); values do not change.
    False when the slice's texts are mostly distinct (a name or number column): not worth sharing.
    """
    is_str = types == np.array(str, dtype=object)
    count = int(is_str.sum())
    if count < SHARE_FROM:
        return True
    codes, distinct = pd.factorize(values[is_str])
    if len(distinct) * 2 > count:
        return False
    one = np.empty(len(distinct), dtype=object)
    one[:] = [texts.setdefault(text, text) for text in distinct]
    values[is_str] = one[codes]
    return True


def types_of(values: np.ndarray) -> np.ndarray:
    """The Python type of every cell, as an object array (compared with ``== str`` etc.)."""
    return np.fromiter(map(type, values), dtype=object, count=len(values))


def of_type(types: np.ndarray, *kinds: type) -> np.ndarray:
    """Cells whose type is exactly one of ``kinds`` (bool is not int here: True is no number)."""
    mask = np.zeros(len(types), dtype=bool)
    for kind in kinds:
        mask |= types == np.array(kind, dtype=object)
    return mask


def stripped_of(values: np.ndarray, types: np.ndarray) -> np.ndarray:
    """``values`` with each string trimmed of white space (``str.strip``), any other value as it is."""
    is_str = of_type(types, str)
    if not is_str.any():
        return values
    out = values.copy()
    out[is_str] = np.fromiter(map(str.strip, values[is_str]), dtype=object, count=int(is_str.sum()))
    return out


def blank_of(values: np.ndarray, types: np.ndarray, stripped: np.ndarray | None = None) -> np.ndarray:
    """Empty cells, and cells holding only spaces or a dash; a number that is NaN is a value (a wrong one).

    ``stripped``: the values as ``stripped_of`` gives them, when already made.
    """
    blank = of_type(types, type(None))
    is_str = of_type(types, str)
    if is_str.any():
        trimmed = (stripped if stripped is not None else stripped_of(values, types))[is_str]
        blank[is_str] = (trimmed == "") | (trimmed == "-")
    return blank
