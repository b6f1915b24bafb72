"""The data folder as read in one run: where each year's workbooks are, each sheet and measure read once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from iku_cli.calc.measures import MeasureValue, evaluate
from iku_cli.calc.results import InputFile
from iku_cli.config import Config, Source
from iku_cli.findings import Finding, by_severity
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
            self._sheets[key] = read_sheet(
                path, f"{year}/{source.workbook}", source_id, source, self.cache, needed
            )
        return self._sheets[key]

    def measure(self, year: int, measure_id: str) -> MeasureValue | None:
        """None when the sheet could not be read for that year, or has no data rows at all.

        A sheet with only its header is a workbook nobody filled in, not a count of zero.
        """
        key = (year, measure_id)
        if key not in self._measures:
            measure = self.config.spec.measures[measure_id]
            data = self.sheet(year, measure.source)
            frame = data.frame if data.readable else None
            usable = frame is not None and not frame.empty
            self._measures[key] = (
                evaluate(measure, frame, data.source) if usable and frame is not None else None
            )
        return self._measures[key]

    def sheets_read(self) -> list[SheetData]:
        return list(self._sheets.values())

    def report(self, found: list[Finding]) -> list[Finding]:
        """The findings as every report lists them: errors first, each declared column named by its header."""
        sources: dict[tuple[str | None, str | None], Source] = {
            (d.file, d.sheet): d.source for d in self._sheets.values()
        }
        named = []
        for f in by_severity(found):
            source = sources.get((f.file, f.sheet))
            column = source.columns.get(f.column) if source is not None and f.column else None
            if column is not None and f.column_header is None:
                f = replace(f, column_header=column.label)
            named.append(f)
        return named

    def input_files(self) -> list[InputFile]:
        files = {}
        for data in self._sheets.values():
            path = self.data_dir / data.file
            if data.file not in files and path.is_file():
                files[data.file] = InputFile(data.file, sha256_of(path), path.stat().st_size)
        return sorted(files.values(), key=lambda f: f.file)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()
