"""The data folder as read in one run: where each year's workbooks are, each sheet and measure read once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

import pandas as pd

from iku_cli.calc import anggaran
from iku_cli.calc.measures import MeasureValue, evaluate
from iku_cli.calc.results import InputFile
from iku_cli.config import Config
from iku_cli.findings import Finding, make
from iku_cli.read import Opened, SheetData, WorkbookCache, read_sheet


def year_folder(data_dir: Path, year: int) -> Path:
    """DATA_DIR/<year>: the folder that holds one year's workbooks."""
    return Path(data_dir) / str(year)


def year_folders(data_dir: Path) -> list[int]:
    """Every sub-folder named as a year (2022, 2023 ...)."""
    return sorted(
        int(p.name) for p in Path(data_dir).iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)
    )


@dataclass
class Workspace:
    """The data folder as read in one run: each sheet and each measure read once and remembered."""

    config: Config
    data_dir: Path
    cache: WorkbookCache = field(default_factory=WorkbookCache)
    _sheets: dict[tuple[int, str], SheetData] = field(default_factory=dict)
    _measures: dict[tuple[int, str], MeasureValue | None] = field(default_factory=dict)

    def path(self, year: int, workbook: str) -> Path:
        return year_folder(self.data_dir, year) / workbook

    def workbook(self, year: int, workbook: str) -> Opened:
        return self.cache.get(self.path(year, workbook))

    def sheet(self, year: int, source_id: str) -> SheetData:
        key = (year, source_id)
        if key not in self._sheets:
            source = self.config.spec.sources[source_id]
            needed = frozenset(self.config.columns_used(source_id))
            path = self.path(year, source.workbook)
            data = read_sheet(path, f"{year}/{source.workbook}", source_id, source, self.cache, needed)
            if source.optional and data.missing:
                data = replace(data, findings=[_optional_missing(data, path)])
            if self.config.spec.anggaran and source_id == self.config.spec.anggaran.source:
                data = anggaran.adjusted(data)
            self._sheets[key] = data
        return self._sheets[key]

    def frame(self, year: int, source_id: str) -> pd.DataFrame | None:
        """A sheet's typed data rows; None when it could not be read, or has no data rows at all.

        A sheet with only its header is a workbook nobody filled in, not a count of zero.
        """
        data = self.sheet(year, source_id)
        frame = data.frame if data.readable else None
        return frame if frame is not None and not frame.empty else None

    def measure_sheets(self, year: int, measure_id: str) -> list[SheetData]:
        """The sheets a measure reads for the report of ``year``, the earlier year first."""
        measure = self.config.spec.measures[measure_id]
        return [self.sheet(y, measure.source) for y in measure.data_years(year)]

    def measure(self, year: int, measure_id: str) -> MeasureValue | None:
        """The measure for the report of ``year``; None when a sheet it reads has no usable rows."""
        key = (year, measure_id)
        if key not in self._measures:
            measure = self.config.spec.measures[measure_id]
            frames = [self.frame(y, measure.source) for y in measure.data_years(year)]
            value = None
            if all(f is not None for f in frames):
                source = self.config.spec.sources[measure.source]
                previous = frames[0] if measure.follows_key else None
                value = evaluate(measure, cast(pd.DataFrame, frames[-1]), source, previous)
            self._measures[key] = value
        return self._measures[key]

    def sheets_read(self) -> list[SheetData]:
        return list(self._sheets.values())

    def input_files(self) -> list[InputFile]:
        files = {}
        for data in self._sheets.values():
            path = self.data_dir / data.file
            if data.file not in files and path.is_file():
                files[data.file] = InputFile(data.file, sha256_of(path), path.stat().st_size)
        return sorted(files.values(), key=lambda f: f.file)


def _optional_missing(data: SheetData, path: Path) -> Finding:
    """An optional workbook that is not there is a note: what it feeds is left out, nothing else stops."""
    return make(
        "optional-workbook-missing",
        f"workbook opsional {path.name} tidak ada di folder {path.parent.name}; yang dihitung darinya "
        f"(sheet {data.source.sheet}) tidak dilaporkan",
        file=data.file,
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()
