"""The rows below the header as one array per sheet column, made once and looked at column by column.

A million-row sheet arrives as a million Python lists; turning them into a few object arrays (with the
garbage collector paused, since none of these objects can form a cycle) lets every later step run over a
whole column at C speed, and each distinct value be looked at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pandas._libs import lib

from iku_cli.read.grid import collector_paused


@dataclass(frozen=True)
class Body:
    """The cells below the header: ``columns[c][i]`` is column ``c`` of Excel row ``first + i``."""

    first: int  # the Excel row number of the first body row
    columns: list[np.ndarray]  # one object array per sheet column, all of the same length
    _types: dict[int, np.ndarray] = field(default_factory=dict)

    def types(self, index: int) -> np.ndarray:
        """The Python type of each cell of a sheet column (looked up once per column)."""
        if index not in self._types:
            self._types[index] = types_of(self.column(index))
        return self._types[index]

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


def make_body(rows: list[list[Any]], first: int, width: int) -> Body:
    """The rows as column arrays (``width`` at least, for a header wider than the data)."""
    with collector_paused():
        # pandas' C routine: rows of Python objects into one 2-D object array (not in pandas' type stubs)
        grid = lib.to_object_array(rows, min_width=width) if rows else np.empty((0, width), dtype=object)  # type: ignore[attr-defined]
        return Body(first, [np.ascontiguousarray(grid[:, c]) for c in range(grid.shape[1])])


def types_of(values: np.ndarray) -> np.ndarray:
    """The Python type of every cell, as an object array (compared with ``== str`` etc.)."""
    return np.fromiter(map(type, values), dtype=object, count=len(values))


def of_type(types: np.ndarray, *kinds: type) -> np.ndarray:
    """Cells whose type is exactly one of ``kinds`` (bool is not int here: True is no number)."""
    mask = np.zeros(len(types), dtype=bool)
    for kind in kinds:
        mask |= types == np.array(kind, dtype=object)
    return mask


def blank_of(values: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Empty cells, and cells holding only spaces or a dash; a number that is NaN is a value (a wrong one)."""
    blank = of_type(types, type(None))
    is_str = of_type(types, str)
    if is_str.any():
        stripped = np.fromiter(map(str.strip, values[is_str]), dtype=object, count=int(is_str.sum()))
        blank[is_str] = (stripped == "") | (stripped == "-")
    return blank
