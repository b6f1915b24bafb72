"""What an existing workbook holds: ``iku template --force`` overwrites a blank workbook, never one with data."""

from __future__ import annotations

from collections.abc import Collection
from itertools import chain
from pathlib import Path

import python_calamine

from iku_cli.config import Source
from iku_cli.findings import At
from iku_cli.read.grid import load_grid
from iku_cli.read.header import find_sheet, head_rows, locate_header, present
from iku_cli.read.opener import open_workbook
from iku_cli.read.package import Refused


def filled_sheets(
    path: Path, declared: Collection[Source], header_row: int, skip: Collection[str] = ()
) -> list[str] | None:
    """The sheets of the workbook at ``path`` that hold data, in the workbook's order.

    A ``declared`` sheet holds data when a row below its header (the row iku finds; row ``header_row``,
    1-based, when it finds none) has a value; any other sheet when it has a value at all. Sheets named in
    ``skip`` are not looked at. None when the file cannot be read as a workbook: then what it holds is
    unknown, and it must be treated as holding data.
    """
    opened = open_workbook(path)
    if opened.book is None:
        return None
    names = opened.sheet_names
    sources = {name: source for source in declared if (name := find_sheet(names, source.sheet)) is not None}
    filled = []
    for name in names:
        if name in skip:
            continue
        try:
            rows = load_grid(At(path.name, name), opened.book, name).take_rows()
        except (Refused, python_calamine.CalamineError, OSError, ValueError):
            return None
        start = 0
        head = head_rows(rows)
        if name in sources:
            found, _ = locate_header(sources[name], head)
            start = found + 1 if found is not None else header_row
        if any(present(value) for row in chain(head[start:], rows) for value in row):
            filled.append(name)
    return filled
