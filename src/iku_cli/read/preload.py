"""Sheets loaded ahead on a second thread, in the order they will be read.

Loading a sheet is mostly the reader parsing XML, which leaves the interpreter free; typing a sheet is
Python work. With two cores, the next sheet loads while the current one is typed (and, started early,
while the command line is still importing its libraries). Each thread opens its own workbooks: the reader
does not share one between threads. At most one large workbook's sheet waits loaded at a time, so the
memory stays that of the reading, not of the whole folder.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from iku_cli.findings import At
from iku_cli.read.grid import Grid, load_grid
from iku_cli.read.header import find_sheet
from iku_cli.read.locate import locate, read_name, year_folder
from iku_cli.read.opener import Opened, open_workbook
from iku_cli.read.package import LIMITS, Limits

LARGE = 20 << 20  # a workbook above this size is loaded ahead only when nothing large is waiting


@dataclass
class _Job:
    declared: Path  # the workbook as declared (DATA_DIR/<year>/<workbook>)
    file: str  # its name relative to DATA_DIR, as findings give it
    sheet: str  # the sheet as declared
    done: threading.Event
    size: int = 0
    grid: Grid | None = None


class Preloader:
    """Loads the given sheets ahead, in order; ``take`` hands one over (waiting for it if need be)."""

    def __init__(self, sheets: list[tuple[Path, str, str]], limits: Limits = LIMITS) -> None:
        """``sheets``: (declared workbook path, its name relative to DATA_DIR, declared sheet), in reading order."""
        self.limits = limits
        self._jobs = {
            (declared, sheet): _Job(declared, file, sheet, threading.Event(), _size(declared))
            for declared, file, sheet in sheets
        }
        self._order = list(self._jobs.values())
        self._room = threading.Condition()
        self._waiting_large = 0  # loaded large sheets not yet taken
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="iku-preload", daemon=True)
        self._thread.start()

    def take(self, declared: Path, sheet: str) -> Grid | None:
        """The loaded sheet, once; None when it was not asked for, was refused, or is already taken."""
        job = self._jobs.pop((declared, sheet), None)
        if job is None:
            return None
        job.done.wait()
        if job.grid is not None and job.size > LARGE:
            with self._room:
                self._waiting_large -= 1
                self._room.notify_all()
        return job.grid  # refused or failed: the caller reads it itself, and words the finding

    def close(self) -> None:
        """Stop loading what nobody will take."""
        with self._room:
            self._stop = True
            self._room.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        books: dict[Path, Opened] = {}
        for job in self._order:
            try:
                if self._stop:
                    return
                if job.size > LARGE:
                    with self._room:
                        self._room.wait_for(lambda: self._waiting_large == 0 or self._stop)
                        if self._stop:
                            return
                job.grid = self._load(job, books)
                if job.grid is not None and job.size > LARGE:
                    with self._room:
                        self._waiting_large += 1
            except Exception:  # noqa: BLE001 - whatever it is, the reader meets it again and reports it
                job.grid = None
            finally:
                job.done.set()

    def _load(self, job: _Job, books: dict[Path, Opened]) -> Grid | None:
        path = locate(job.declared).path
        if path is None:
            return None
        if path not in books:
            books[path] = open_workbook(path, self.limits)
        opened = books[path]
        name = find_sheet(opened.sheet_names, job.sheet)
        if opened.book is None or name is None:
            return None
        return load_grid(At(read_name(job.file, path), name), opened.book, name)


def plan(data_dir: Path, sheets: list[tuple[str, str, str]], years: list[int]) -> list[tuple[Path, str, str]]:
    """The jobs for the declared ``sheets`` (source, workbook, sheet) of ``years``, in the order they are read."""
    return [
        (year_folder(data_dir, year) / workbook, f"{year}/{workbook}", sheet)
        for year in years
        for _, workbook, sheet in sheets
    ]


def _size(path: Path) -> int:
    try:
        return (locate(path).path or path).stat().st_size
    except OSError:
        return 0
