"""The data folder as read in one run: where each year's workbooks are, each sheet and measure read once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import cast

import pandas as pd

from iku_cli.calc import anggaran
from iku_cli.calc.measures import MeasureValue, aggregate, used_mask
from iku_cli.calc.plan import PLAIN, Reading
from iku_cli.calc.results import InputFile
from iku_cli.config import Config, Folder, Source, folder_name, measure_folders
from iku_cli.findings import Finding, by_severity, make
from iku_cli.read import Opened, SheetData, WorkbookCache, read_sheet
from iku_cli.read.locate import quarter_folder, year_folder


@dataclass
class Workspace:
    """The data folder as read in one run: each sheet and each measure read once and remembered.

    A folder is a year's own (the final annual data, ``triwulan`` None) or one of its triwulan folders,
    DATA_DIR/<year>/TW<n>/, with the same workbooks as they stood at the triwulan's end.
    """

    config: Config
    data_dir: Path
    reading: Reading = PLAIN
    cache: WorkbookCache = field(init=False)
    _sheets: dict[tuple[Folder, str], SheetData] = field(default_factory=dict)
    _measures: dict[tuple[Folder, str], MeasureValue | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cache = WorkbookCache(preloader=self.reading.preload)

    def folder(self, year: int, triwulan: int | None = None) -> Path:
        if triwulan is None:
            return year_folder(self.data_dir, year)
        return quarter_folder(self.data_dir, year, triwulan)

    def path(self, year: int, workbook: str, triwulan: int | None = None) -> Path:
        return self.folder(year, triwulan) / workbook

    def workbook(self, year: int, workbook: str, triwulan: int | None = None) -> Opened:
        return self.cache.get(self.path(year, workbook, triwulan))

    def sheet(self, year: int, source_id: str, triwulan: int | None = None) -> SheetData:
        key = ((year, triwulan), source_id)
        if key not in self._sheets:
            source = self.config.spec.sources[source_id]
            needed = frozenset(self.config.columns_used(source_id))
            path = self.path(year, source.workbook, triwulan)
            file = f"{folder_name((year, triwulan))}/{source.workbook}"
            with self.reading.progress(f"{file} › {source.sheet}"):
                data = read_sheet(path, file, source_id, source, self.cache, needed)
            if source.optional and data.missing:
                data = replace(data, findings=[_optional_missing(data, path)])
            if self.config.spec.anggaran and source_id == self.config.spec.anggaran.source:
                data = anggaran.adjusted(data)
            else:
                data = _without_unused_columns(data, needed | {source.key or ""})
            self._sheets[key] = data
        return self._sheets[key]

    def frame(self, year: int, source_id: str, triwulan: int | None = None) -> pd.DataFrame | None:
        """A sheet's typed data rows; None when it could not be read, or has no data rows at all.

        A sheet with only its header is a workbook nobody filled in, not a count of zero.
        """
        data = self.sheet(year, source_id, triwulan)
        frame = data.frame if data.readable else None
        return frame if frame is not None and not frame.empty else None

    def measure_sheets(self, year: int, measure_id: str, triwulan: int | None = None) -> list[SheetData]:
        """The sheets a measure reads for the report of ``year`` (at ``triwulan``), the earlier year first."""
        measure = self.config.spec.measures[measure_id]
        return [self.sheet(y, measure.source, q) for y, q in measure_folders(measure, year, triwulan)]

    def measure(self, year: int, measure_id: str, triwulan: int | None = None) -> MeasureValue | None:
        """The measure for the report of ``year`` (at ``triwulan``); None when a sheet it reads has no usable
        rows. At a triwulan the data of ``year`` come from its TW folder, an earlier year's from its own."""
        key = ((year, triwulan), measure_id)
        if key not in self._measures:
            measure = self.config.spec.measures[measure_id]
            folders = measure_folders(measure, year, triwulan)
            value = None
            if all(self.frame(y, measure.source, q) is not None for y, q in folders):
                (first, first_tw), (last, last_tw) = folders[0], folders[-1]
                now = self.sheet(last, measure.source, last_tw)
                frame = cast(pd.DataFrame, now.frame)
                before = self.sheet(first, measure.source, first_tw) if measure.follows_key else None
                mask = used_mask(
                    measure,
                    frame,
                    now.source,
                    now.codes,
                    previous=before.frame if before else None,
                    previous_codes=before.codes if before else None,
                )
                value = aggregate(measure, frame, now.source, now.codes, mask)
            self._measures[key] = value
        return self._measures[key]

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
                f = f.with_header(column.label)
            named.append(f)
        return named

    def sheets_read(self) -> list[SheetData]:
        return list(self._sheets.values())

    def input_files(self) -> list[InputFile]:
        files = {}
        for data in self._sheets.values():
            path = self.data_dir / data.file
            if data.file not in files and path.is_file():
                files[data.file] = InputFile(data.file, sha256_of(path), path.stat().st_size)
        return sorted(files.values(), key=lambda f: f.file)


def _without_unused_columns(data: SheetData, used: frozenset[str]) -> SheetData:
    """The sheet keeping only the columns a measure or the key uses: the rest was checked, and is let go.

    A million names and addresses of one year need not wait in memory while the next year is read.
    """
    if data.frame is None or set(data.frame.columns) <= used:
        return data
    kept = [cid for cid in data.frame.columns if cid in used]
    frame = data.frame[kept].copy()  # a copy of its own: a selection would keep the dropped columns alive
    return replace(data, frame=frame, text_codes=data.codes.narrowed(frame))


def _optional_missing(data: SheetData, path: Path) -> Finding:
    """An optional workbook that is not there is a note: what it feeds is left out, nothing else stops."""
    return make(
        "optional-workbook-missing",
        f"workbook opsional {path.name} tidak ada di folder {PurePosixPath(data.file).parent}; yang dihitung darinya "
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
