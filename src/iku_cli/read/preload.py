"""Sheets checked and loaded ahead on two more threads, in the order they will be read.

Loading a sheet is mostly the reader parsing XML, which leaves the interpreter free; checking a sheet's
XML first (``read.grid.prepare_grid``: error cells, formulas without value, far cells) and typing a sheet
are Python work. So one thread checks the sheets, one after the other, and another loads each sheet once
it is checked: the next sheet is checked while the current one loads, and loads while the one before is
typed (the first ones while the command line is still importing its libraries). The threads open their
own workbooks (the reader does not share one between threads); of each, the checking thread uses only
the zip and the loading thread only the reader. At most one large sheet is held loaded at a time: the
next one loads once the reader's data of the one before is let go (its rows all taken, or the sheet after
it asked for), so the memory stays that of reading one sheet, not of the whole folder.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from iku_cli.findings import At
from iku_cli.read.grid import Grid, Prepared, prepare_grid
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
        for thread in self._threads:
            thread.join(timeout=5)

    def _check(self) -> None:
        """Check each sheet in turn (opening its workbook once), for the loading thread to load."""
        books: dict[Path, Opened] = {}
        for job in self._order:
            try:
                if self._stop:
                    return
                job.prepared = self._prepare(job, books)
            except Exception:  # noqa: BLE001 - whatever it is, the reader meets it again and reports it
                job.prepared = None
            finally:
                job.checked.set()

    def _load(self) -> None:
        """Load each checked sheet in turn, one large sheet waiting at the most."""
        for job in self._order:
            try:
                job.checked.wait()
                if self._stop:
                    return
                if job.prepared is None:
                    continue
                job.size = job.prepared.weight
                if job.size > LARGE:
                    with self._room:
                        self._room.wait_for(lambda: self._waiting_large == 0 or self._stop)
                        if self._stop:
                            return
                job.grid, job.prepared = job.prepared.load(), None
                if job.size > LARGE:
                    with self._room:
                        self._waiting_large += 1
            except Exception:  # noqa: BLE001 - whatever it is, the reader meets it again and reports it
                job.grid = None
            finally:
                job.done.set()

    def _prepare(self, job: _Job, books: dict[Path, Opened]) -> Prepared | None:
        path = locate(job.declared).path
        if path is None:
            return None
        if path not in books:
            books[path] = open_workbook(path, self.limits)
        opened = books[path]
        name = find_sheet(opened.sheet_names, job.sheet)
        if opened.book is None or name is None:
            return None
        return prepare_grid(At(read_name(job.file, path), name), opened.book, name)


def plan(data_dir: Path, sheets: list[tuple[str, str, str]], years: list[int]) -> list[tuple[Path, str, str]]:
    """The jobs for the declared ``sheets`` (source, workbook, sheet) of ``years``, in the order they are read."""
    return [
        (year_folder(data_dir, year) / workbook, f"{year}/{workbook}", sheet)
        for year in years
        for _, workbook, sheet in sheets
    ]
