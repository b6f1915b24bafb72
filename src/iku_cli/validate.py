"""Check the bidang workbooks: every declared sheet of the years asked, and measures across years."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from iku_cli import findings as F
from iku_cli.checks import large_changes, read_years
from iku_cli.findings import Finding
from iku_cli.spec import Config
from iku_cli.workspace import Workspace


@dataclass(frozen=True)
class ValidationReport:
    data_dir: str
    years: list[int]
    findings: list[Finding]
    files: list[str]

    def valid(self, strict: bool = False) -> bool:
        return not F.has_errors(self.findings, strict)

    def summary(self) -> dict:
        return {
            "years": self.years,
            "files": len(self.files),
            **F.count_by_severity(self.findings),
            "valid": self.valid(),
        }


def year_folders(data_dir: Path) -> list[int]:
    """Every sub-folder named as a year (2022, 2023 ...)."""
    return sorted(int(p.name) for p in data_dir.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name))


def validate(config: Config, data_dir: Path, years: list[int]) -> ValidationReport:
    ws = Workspace(config, Path(data_dir))
    found = read_years(ws, years)
    found += large_changes(ws, years)
    files = sorted({d.file for d in ws.sheets_read() if not d.missing})
    return ValidationReport(data_dir=str(data_dir), years=years, findings=found, files=files)
