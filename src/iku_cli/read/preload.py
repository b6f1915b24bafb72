"""Sheets checked and loaded ahead on two more threads, in the order they will be read.

Loading a sheet is mostly the reader parsing XML, which leaves the interpreter free; checking a sheet's XML
first (``read.grid.prepare_grid``: error cells, formulas without value, far cells) and typing a sheet are
Python work. So one thread checks the sheets, one after the other, and another loads each sheet once it is
checked: the next sheet is checked while the current one loads, and loads while the one before is typed (the
first ones while the command line is still importing its libraries). When the loading thread would wait for
a check (the first sheet), the check finds the grid's bound first, the one thing loading needs, and the
sheet loads while its cells are checked. The threads open their own workbooks (the reader does not share one
between threads); of each, the checking thread uses only the zip and the loading thread only the reader. At
most one large sheet is held loaded at a time: the next one loads once the reader's data of the one before
is let go (its rows all taken, or the sheet after it asked for), so the memory stays that of reading one
sheet, not of the whole folder.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from iku_cli.findings import At
from iku_cli.read.grid import Grid, Prepared, grid_bound, prepare_grid
from iku_cli.read.header import find_sheet
from iku_cli.read.locate import locate, read_name, year_folder
from iku_cli.read.opener import Opened, open_workbook
from iku_cli.read.package import LIMITS, Limits

LARGE = 100 << 20  # a sheet of more XML than this is loaded ahead only when no other large one is waiting


@dataclass
class _Job:
    declared: Path  # the workbook as declared (DATA_DIR/<year>/<workbook>)
    file: str  # its name relative to DATA_DIR, as findings give it
    sheet: str  # the sheet as declared
    done: threading.Event  # loaded (or given up)
    size: int = 0  # bytes of the sheet's XML, once checked
    checked: threading.Event = field(default_factory=threading.Event)  # prepared (or given up)
    bounded: threading.Event = field(default_factory=threading.Event)  # may load now (or checked)
    early: Prepared | None = None  # what to load before the check ends (its grid's bound is known)
    prepared: Prepared | None = None
    grid: Grid | None = None


class Preloader:
    """Loads the given sheets ahead, in order; ``take`` hands one over (waiting for it if need be)."""

    def __init__(self, sheets: list[tuple[Path, str, str]], limits: Limits = LIMITS) -> None:
        """``sheets``: (declared workbook path, its name relative to DATA_DIR, declared sheet), in reading order."""
        self.limits = limits
        self._jobs = {
            (declared, sheet): _Job(declared, file, sheet, threading.Event())
            for declared, file, sheet in sheets
        }
        self._order = list(self._jobs.values())
        self._room = threading.Condition()
        self._waiting_large = 0  # loaded large sheets whose loaded data is not yet let go
        self._handed: Grid | None = None  # the last large sheet handed over, until it lets go
        self._stop = False
        self._threads = [
            threading.Thread(target=self._check, name="iku-check", daemon=True),
            threading.Thread(target=self._load, name="iku-load", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def take(self, declared: Path, sheet: str) -> Grid | None:
        """The loaded sheet, once; None when it was not asked for, was refused, or is already taken."""
        job = self._jobs.pop((declared, sheet), None)
        if job is None:
            return None
        if self._handed is not None:  # the sheet taken before is read by now, whether or not it said so
            self._handed.released()
            self._handed = None
        job.done.wait()
        if job.grid is not None and job.size > LARGE:
            job.grid.let_go = self._free_room
            self._handed = job.grid
        return job.grid  # refused or failed: the caller reads it itself, and words the finding

    def _free_room(self) -> None:
        """A large sheet handed over has let its loaded data go: the next one may load."""
        with self._room:
            self._waiting_large -= 1
            self._room.notify_all()

    def close(self) -> None:
        """Stop loading what nobody will take."""
        with self._room:
            self._stop = True
            self._room.notify_all()
        for job in self._order:
            job.checked.set()  # a loading thread waiting for a check that will not come stops waiting
            job.bounded.set()
        for thread in self._threads:
            thread.join(timeout=5)

    def _check(self) -> None:
        """Check each sheet in turn (opening its workbook once), for the loading thread to load.

        When the loading thread has nothing else to do (every sheet before is loaded), a sheet's grid
        bound is looked for first and loading may start on it while its cells are checked.
        """
        books: dict[Path, Opened] = {}
        for n, job in enumerate(self._order):
            try:
                if self._stop:
                    return
                idle = all(before.done.is_set() for before in self._order[:n])
                job.prepared = self._prepare(job, books, early=idle)
            except Exception:  # noqa: BLE001 - whatever it is, the reader meets it again and reports it
                job.prepared = None
            finally:
                job.checked.set()
                job.bounded.set()

    def _load(self) -> None:
        """Load each sheet once it may be, one large sheet held at the most."""
        for job in self._order:
            try:
                job.bounded.wait()
                if self._stop:
                    return
                early, ready = job.early, job.early or job.prepared
                if ready is None:
                    continue
                job.size = ready.weight
                if job.size > LARGE:
                    with self._room:
                        self._room.wait_for(lambda: self._waiting_large == 0 or self._stop)
                        if self._stop:
                            return
                job.grid = self._loaded(job, early)
                if job.grid is not None and job.size > LARGE:
                    with self._room:
                        self._waiting_large += 1
            except Exception:  # noqa: BLE001 - whatever it is, the reader meets it again and reports it
                job.grid = None
            finally:
                job.done.set()

    def _loaded(self, job: _Job, early: Prepared | None) -> Grid | None:
        """The sheet loaded: as checked, or loaded while it was checked and then given its check."""
        loaded = None
        if early is not None and early.book is not None and not job.checked.is_set():
            try:
                loaded = early.book.reader.get_sheet_by_name(early.sheet_name)
            except Exception:  # noqa: BLE001 - an error value the reader refuses: the check loads a copy
                loaded = None
            job.checked.wait()
        prepared, job.prepared, job.early = job.prepared, None, None
        if prepared is None:
            return None
        if loaded is not None and prepared.book is not None:
            prepared.grid.loaded, prepared.book = loaded, None
            return prepared.grid
        return prepared.load()  # as checked (a copy without some cells, or a sheet loaded at last)

    def _prepare(self, job: _Job, books: dict[Path, Opened], early: bool) -> Prepared | None:
        path = locate(job.declared).path
        if path is None:
            return None
        if path not in books:
            books[path] = open_workbook(path, self.limits)
        opened = books[path]
        name = find_sheet(opened.sheet_names, job.sheet)
        if opened.book is None or name is None:
            return None
        bound = grid_bound(opened.book, name) if early else None
        if bound is not None:
            job.early = Prepared(Grid(), opened.book, name, bound[1])
            job.bounded.set()
        return prepare_grid(
            At(read_name(job.file, path), name), opened.book, name, bound[0] if bound else None
        )


def plan(data_dir: Path, sheets: list[tuple[str, str, str]], years: list[int]) -> list[tuple[Path, str, str]]:
    """The jobs for the declared ``sheets`` (source, workbook, sheet) of ``years``, in the order they are read."""
    return [
        (year_folder(data_dir, year) / workbook, f"{year}/{workbook}", sheet)
        for year in years
        for _, workbook, sheet in sheets
    ]
