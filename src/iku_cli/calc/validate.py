"""Check the bidang workbooks: every declared sheet of the years asked, and measures across years."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iku_cli import findings as F
from iku_cli.calc.anggaran import read_budget
from iku_cli.calc.crossyear import large_changes, read_folders, read_years
from iku_cli.calc.plan import PLAIN, Reading, years_to_check
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Config
from iku_cli.findings import Finding
from iku_cli.read.locate import year_folder


@dataclass(frozen=True)
class ValidationReport:
    data_dir: str
    years: list[int]
    findings: list[Finding]
    files: list[str]  # every workbook looked for, relative to DATA_DIR: those read and those missing

    def valid(self, strict: bool = False) -> bool:
        return not F.has_errors(self.findings, strict)

    def summary(self) -> dict[str, object]:
        return {
            "years": self.years,
            "files": len(self.files),
            **F.count_by_severity(self.findings),
            "valid": self.valid(),
        }


def validate(
    config: Config,
    data_dir: Path | str,
    years: list[int],
    *,
    reading: Reading = PLAIN,
) -> ValidationReport:
    """Every declared sheet of ``years``, checked; measures compared from one year to the next."""
    ws = Workspace(config, Path(data_dir), reading)
    found = read_years(ws, years)
    found += large_changes(ws, years)
    if config.spec.anggaran:  # codes, subtotals, realisasi above pagu, rows no sasaran claims
        for year in years:
            found += read_budget(config, ws.sheet(year, config.spec.anggaran.source))[1]
    files = sorted(
        {d.file for d in ws.sheets_read() if not (d.missing and d.source.optional)}
    )  # absent and optional: no workbook to check
    return ValidationReport(data_dir=str(data_dir), years=years, findings=ws.report(found), files=files)


def validate_year(
    config: Config, data_dir: Path | str, year: int, *, reading: Reading = PLAIN
) -> ValidationReport:
    """What computing ``year`` needs: its workbooks, and the year before's where that folder exists.

    Without a folder for the year before, the growth indicators cannot be computed: one warning says
    so, instead of an error for each workbook of a year that was never asked for.
    """
    years = years_to_check(data_dir, year)
    report = validate(config, data_dir, years, reading=reading)
    needing = [r.indikator.id for r in config.indicators if year - 1 in config.indicator_years(r, year)]
    if year - 1 in years or not needing:
        return report
    previous = year_folder(Path(data_dir), year - 1)
    warning = F.make(
        "previous-year-missing",
        f"folder {previous} tidak ada: indikator tahun {year} yang memakai data {year - 1} "
        f"({', '.join(needing)}) tidak dapat dihitung; "
        f"letakkan workbook tahun {year - 1} di {previous} untuk menghitungnya",
        file=str(year - 1),
    )
    return ValidationReport(
        report.data_dir, report.years, F.by_severity([warning, *report.findings]), report.files
    )


def validate_triwulan(
    config: Config, data_dir: Path | str, year: int, triwulan: int, *, reading: Reading = PLAIN
) -> ValidationReport:
    """What computing ``triwulan`` of ``year`` needs: the sheets of DATA_DIR/<year>/TW<n>/ its indicators
    read, those of the folders their readings compare with (TW<n> of n-1, the annual folder of n-1), and
    the triwulan's budget when one is declared."""
    ws = Workspace(config, Path(data_dir), reading)
    reads = config.quarter_reads(year, triwulan)
    budget = config.spec.anggaran.source if config.spec.anggaran else None
    if budget is not None:
        reads.append(((year, triwulan), budget))
    found = read_folders(ws, reads)
    if budget is not None:
        found += read_budget(config, ws.sheet(year, budget, triwulan))[1]
    files = sorted({d.file for d in ws.sheets_read() if not (d.missing and d.source.optional)})
    return ValidationReport(data_dir=str(data_dir), years=[year], findings=ws.report(found), files=files)
