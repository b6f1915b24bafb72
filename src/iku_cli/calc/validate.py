"""Check the bidang workbooks: every declared sheet of the years asked, and measures across years."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iku_cli import findings as F
from iku_cli.calc.anggaran import read_budget
from iku_cli.calc.crossyear import large_changes, read_years
from iku_cli.calc.workspace import PLAIN, Reading, Workspace
from iku_cli.config import Config
from iku_cli.findings import Finding


@dataclass(frozen=True)
class ValidationReport:
    data_dir: str
    years: list[int]
    findings: list[Finding]
    files: list[str]

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
    files = sorted({d.file for d in ws.sheets_read() if not d.missing})
    return ValidationReport(data_dir=str(data_dir), years=years, findings=found, files=files)
