"""One sheet as the grid of cell values the reader returns, with what the values alone do not say.

Before the reader builds a grid, the sheet's own file content is walked: Excel error cells (which the reader
returns as empty), formulas without a stored value, and cells so far from the data that the grid would not
fit in memory. Such far cells are named, left out of a temporary copy, and the copy is read instead.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iku_cli.findings import At, Finding
from iku_cli.read import others
from iku_cli.read.cellref import cell_ref, split_ref
from iku_cli.read.opener import Book
from iku_cli.read.package import Refused, sheet_part
from iku_cli.read.scan import (
    SheetScan,
    cell_texts,
    describe_far,
    exact_cells,
    far_cells,
    scan_sheet,
    without_cells,
)

# The error values every Excel version writes; a newer one (#SPILL!, #CALC! ...) the reader refuses outright.
CLASSIC_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of acyclic cells are made (it would walk them again and again)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass
class Grid:
    """The sheet as the reader has loaded it, and the cells whose value it does not tell."""

    loaded: Any = None  # the reader's sheet (python_calamine.CalamineSheet), until its rows are taken
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # 0-based (row, col) -> "#VALUE!"
    no_cache: set[tuple[int, int]] = field(default_factory=set)  # formulas without a stored value
    findings: list[Finding] = field(default_factory=list)  # stray cells left out

    let_go: Callable[[], None] | None = None  # called once the loaded sheet is let go (see read.preload)

    def take_rows(self) -> Iterator[list[Any]]:
        """The rows from A1, one list at a time (rows and columns before the data as empty cells).

        The same rows as ``to_python(skip_empty_area=False)``, without holding them all at once (a
        million row lists are 120 MB that nothing needs together). The loaded sheet is let go once they
        are all given (or the rest is dropped), and ``let_go`` is told.
        """
        loaded, self.loaded = self.loaded, None
        return _rows(loaded, self.released)

    def released(self) -> None:
        """Tell ``let_go`` (once) that this sheet's loaded data is gone."""
        told, self.let_go = self.let_go, None
        if told is not None:
            told()


def _rows(loaded: Any, released: Callable[[], None]) -> Iterator[list[Any]]:
    rows: Any = None
    try:
        if loaded is None or loaded.start is None:
            return
        before = loaded.start[1]
        rows = loaded.iter_rows()  # rows above the data come as empty rows already, columns before do not
        loaded = None
        if before:
            pad = [""] * before
            for row in rows:
                yield pad + row
        else:
            yield from rows
    finally:
        loaded = rows = None  # the reader's sheet goes with its last reference
        released()


@dataclass
class Prepared:
    """A sheet checked and ready to load: its grid (loaded already on the rare paths) and what is left to do."""

    grid: Grid
    book: Book | None = None  # the workbook whose reader still has to load the sheet
    sheet_name: str = ""
    weight: int = 0  # bytes of the sheet's own XML (of the whole file for other formats): how large a load

    def load(self) -> Grid:
        """The grid with the sheet loaded (the heavy part, which leaves other threads free)."""
        if self.book is not None:
            self.grid.loaded = self.book.reader.get_sheet_by_name(self.sheet_name)
            self.book = None
        return self.grid


def load_grid(at: At, book: Book, sheet_name: str) -> Grid:
    """The sheet ``sheet_name`` loaded by the reader.

    Raises Refused when the sheet cannot be read within the limits.
    """
    return prepare_grid(at, book, sheet_name).load()


def prepare_grid(at: At, book: Book, sheet_name: str, bound: SheetScan | None = None) -> Prepared:
    """The sheet checked before the reader loads it: error cells, formulas without value, far cells.

    ``bound``: the grid's bound (``grid_bound``), when already found. Raises Refused when the sheet
    cannot be read within the limits.
    """
    if book.kind == "xlsx":
        return _xlsx(at, book, sheet_name, bound)
    return Prepared(_other(at, book, sheet_name), weight=book.path.stat().st_size * 5)


def grid_bound(book: Book, sheet_name: str) -> tuple[SheetScan, int] | None:
    """The bound of an .xlsx sheet's grid and the bytes of its XML, when the reader may load it as it is.

    Only the bound is looked for (half the work of ``prepare_grid``), so that loading can start while
    the cells are checked. None when the sheet needs more than its bound (another format, cells without an
    address, a grid beyond the limit): ``prepare_grid`` says what then. The sheet may still have to be
    loaded from a copy, for an error value the reader refuses; ``prepare_grid`` finds that too.
    """
    if book.kind != "xlsx" or book.package is None:
        return None
    member = sheet_part(book.package, sheet_name)
    if member is None or member not in book.package.parts:
        return None
    scan = scan_sheet(book.package, member, cells=False)
    if scan.irregular or scan.bound_cells > book.limits.max_cells:
        return None
    return scan, book.package.parts[member].file_size


def _load(path: Path, sheet_name: str) -> Any:
    """The sheet loaded from a copy of the workbook (the copy may go once this returns)."""
    import python_calamine

    with python_calamine.CalamineWorkbook.from_path(str(path)) as reader:
        return reader.get_sheet_by_name(sheet_name)


def _xlsx(at: At, book: Book, sheet_name: str, bound: SheetScan | None) -> Prepared:
    assert book.package is not None
    package, limits = book.package, book.limits
    member = sheet_part(package, sheet_name)
    if member is None or member not in package.parts:
        raise Refused(
            "workbook-unreadable",
            f"sheet '{sheet_name}' tidak ditemukan di dalam file; simpan ulang di Excel",
        )
    scan = scan_sheet(package, member, bound=bound is None)
    if bound is not None:
        scan.max_row, scan.max_col, scan.irregular = bound.max_row, bound.max_col, bound.irregular
    grid = Grid(
        None,
        {split_ref(ref): code for ref, code in scan.errors.items()},
        {split_ref(r) for r in scan.no_cache},
    )
    drop: set[str] = {ref for ref, code in scan.errors.items() if code not in CLASSIC_ERRORS}
    if scan.irregular:
        raise Refused(
            "workbook-unreadable",
            "ada sel tanpa alamat yang dapat dibaca di sheet ini (file dibuat program lain); "
            "buka dan simpan ulang di Excel",
        )
    if scan.bound_cells > limits.max_cells:
        rows, cols = exact_cells(package, member)
        far, last = far_cells(rows, cols, limits.max_cells, limits.max_far_cells)
        if last is None:
            height, width = int(rows.max()) + 1, int(cols.max()) + 1
            raise Refused(
                "sheet-too-large",
                f"sheet '{sheet_name}' memakai A1:{cell_ref(height - 1, width - 1)} = {height * width:,} sel, melebihi batas "
                f"{limits.max_cells:,} sel yang dibaca iku; pisahkan datanya ke beberapa sheet atau file",
            )
        refs = {cell_ref(r, c) for r, c in far}
        for ref, text, message in describe_far(far, cell_texts(package, member, refs), last):
            grid.findings.append(at.finding("stray-cell", message, cell=ref, value=text))
        drop |= refs
    if not drop:
        return Prepared(grid, book, sheet_name, package.parts[member].file_size)
    with tempfile.TemporaryDirectory(prefix="iku-") as folder:
        grid.loaded = _load(without_cells(package, member, drop, Path(folder)), sheet_name)
    return Prepared(grid)


def _other(at: At, book: Book, sheet_name: str) -> Grid:
    """.xls, .xlsb and .ods: walk the cells, leave far ones out, and let a capped child try the grid first."""
    limits = book.limits
    member: str | None = None
    if book.kind == "xls":
        cells = others.xls_cells(others.xls_stream(book.path, limits), sheet_name)
    elif book.kind == "xlsb":
        assert book.package is not None
        member = others.xlsb_sheet_member(book.package, sheet_name)
        cells = others.xlsb_cells(book.package.zf.read(book.package.parts[member])) if member else None
    else:
        assert book.package is not None
        member = "content.xml"
        cells = others.ods_cells(book.package.zf.read(book.package.parts[member]), sheet_name)
    if cells is None:
        raise Refused(
            "workbook-unreadable",
            f"sheet '{sheet_name}' tidak ditemukan di dalam file; simpan ulang file itu",
        )
    grid = Grid(None, {(c.row, c.col): c.error for c in cells if c.error})
    taken: list[others.Cell] = []
    if cells and (max(c.row for c in cells) + 1) * (max(c.col for c in cells) + 1) > limits.max_cells:
        import numpy as np

        rows = np.array([c.row for c in cells], dtype=np.int64)
        cols = np.array([c.col for c in cells], dtype=np.int64)
        far, last = far_cells(rows, cols, limits.max_cells, limits.max_far_cells)
        if last is None:
            raise Refused(
                "sheet-too-large",
                f"sheet '{sheet_name}' melebihi batas {limits.max_cells:,} sel yang dibaca iku; pisahkan datanya",
            )
        places = set(far)
        taken = [c for c in cells if (c.row, c.col) in places]
        texts = {cell_ref(c.row, c.col): c.text or "" for c in taken}
        for ref, text, message in describe_far(sorted(places), texts, last):
            grid.findings.append(at.finding("stray-cell", message, cell=ref, value=text or None))
    with tempfile.TemporaryDirectory(prefix="iku-") as folder:
        path = (
            others.write_without(book.path, book.kind, taken, book.package, member, Path(folder))
            if taken
            else book.path
        )
        trouble = others.probe_grid(path, sheet_name, budget_bytes=limits.max_cells * 40 + (512 << 20))
        if trouble is not None:
            raise trouble
        grid.loaded = _load(path, sheet_name) if taken else book.reader.get_sheet_by_name(sheet_name)
    return grid
