"""What an existing workbook holds: ``iku template --force`` overwrites a blank workbook, never one with data."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from itertools import chain
from pathlib import Path

import python_calamine

from iku_cli.config import Source
from iku_cli.findings import At
from iku_cli.read.cells import as_text
from iku_cli.read.grid import load_grid
from iku_cli.read.header import find_sheet, head_rows, locate_header, present
from iku_cli.read.opener import open_workbook
from iku_cli.read.package import Refused


def filled_sheets(
    path: Path, declared: Collection[Source], own: Mapping[str, Collection[object]] | None = None
) -> list[str] | None:
    """The sheets of the workbook at ``path`` that hold data, in the workbook's order.

    A ``declared`` sheet holds data when a row below its header has a value (any row, when iku finds no
    header); a sheet named in ``own`` (one a template writes itself, such as its guide) when it holds a value
    other than those given (compared as text); any other sheet when it holds anything. An error value, a formula without a
    value or a stray cell counts as a value. None when the file cannot be read as a workbook: then what it
    holds is unknown, and it must be treated as holding data.
    """
    own = own or {}
    opened = open_workbook(path)
    if opened.book is None:
        return None
    names = opened.sheet_names
    sources = {name: source for source in declared if (name := find_sheet(names, source.sheet)) is not None}
    filled = []
    for name in names:
        try:
            grid = load_grid(At(path.name, name), opened.book, name)
        except (Refused, python_calamine.CalamineError, OSError, ValueError):
            return None
        # the rows of cells whose value the reader does not give (error values, formulas without one)
        unread = [r for r, _ in chain(grid.errors, grid.no_cache)]
        rows = grid.take_rows()
        head = head_rows(rows)
        start = 0
        if name in sources:
            found, _ = locate_header(sources[name], head)
            start = found + 1 if found is not None else 0
        values = (value for row in chain(head[start:], rows) for value in row if present(value))
        if name in own and not grid.findings and not unread:
            known = {as_text(value) for value in own[name]}
            holds = any(as_text(value) not in known for value in values)
        else:
            holds = bool(grid.findings) or any(r >= start for r in unread) or any(True for _ in values)
        if holds:
            filled.append(name)
    return filled
