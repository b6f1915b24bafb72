"""What a command will read and how, known before the data libraries load: the years, the sheets to load
ahead, and what is shown while each is read."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from iku_cli.config import Config, Folder, folder_name
from iku_cli.read.locate import quarter_folder, year_folder, year_folders
from iku_cli.read.opener import Preloaded
from iku_cli.read.preload import Preloader, plan

__all__ = [
    "PLAIN",
    "Preloader",
    "Progress",
    "Reading",
    "folder_path",
    "preload",
    "preload_triwulan",
    "quarter_folder",
    "year_folder",
    "year_folders",
    "years_to_check",
]

# Called around each sheet read with "2024/bidang_koperasi.xlsx › Keragaan Koperasi": the command line shows it.
Progress = Callable[[str], AbstractContextManager[object]]


def quiet(_label: str) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass(frozen=True)
class Reading:
    """How a run reads: what it shows while a sheet is read, and the sheets loaded ahead on another thread."""

    progress: Progress = quiet
    preload: Preloaded | None = None  # a read.preload.Preloader


PLAIN = Reading()  # nothing shown, nothing loaded ahead: the library's default


def years_to_check(data_dir: Path | str, year: int | None) -> list[int]:
    """Year N and N−1 (only where its folder exists), or every year folder when no year is given."""
    if year is None:
        return year_folders(Path(data_dir))
    return [year - 1, year] if year_folder(Path(data_dir), year - 1).is_dir() else [year]


def preload(config: Config, data_dir: Path, years: list[int]) -> Preloader:
    """Start loading the declared sheets of ``years`` on a second thread, in the order they will be read."""
    return Preloader(plan(data_dir, config.sheets(), years))


def folder_path(data_dir: Path, folder: Folder) -> Path:
    """DATA_DIR/<year> or DATA_DIR/<year>/TW<n>."""
    year, triwulan = folder
    return year_folder(data_dir, year) if triwulan is None else quarter_folder(data_dir, year, triwulan)


def preload_triwulan(config: Config, data_dir: Path, year: int, triwulan: int) -> Preloader:
    """Start loading the sheets triwulan 1 .. ``triwulan`` read, in the order they will be read."""
    sources = config.spec.sources
    return Preloader(
        [
            (
                folder_path(data_dir, folder) / sources[sid].workbook,
                f"{folder_name(folder)}/{sources[sid].workbook}",
                sources[sid].sheet,
            )
            for folder, sid in config.triwulan_reads(year, triwulan)
        ]
    )
