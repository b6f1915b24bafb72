"""Realisasi (and capaian) per indicator over a span of years; a missing year stays missing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iku_cli.calc.compute import compute_year
from iku_cli.calc.plan import PLAIN, Reading
from iku_cli.calc.results import ComputeResult, Status, blocks
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Config, Target
from iku_cli.findings import Finding, by_severity, dedupe


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float | None
    status: Status
    reason: str | None
    target: Target | None
    capaian: float | None
    kategori: str | None


@dataclass(frozen=True)
class TrendRow:
    id: str
    nama: str
    satuan: str
    points: list[TrendPoint]


@dataclass(frozen=True)
class Trend:
    agency: str
    years: list[int]
    rows: list[TrendRow]
    blocked_years: list[int]  # years whose data had errors: nothing computed for them
    findings: list[Finding]

    @property
    def exit_code(self) -> int:
        return 1 if self.blocked_years else 0

    @property
    def blocking_errors(self) -> list[Finding]:
        """The errors that stopped the years in ``blocked_years``."""
        return [f for f in self.findings if blocks(f)]


def trend(
    config: Config,
    data_dir: Path | str,
    first: int,
    last: int,
    *,
    reading: Reading = PLAIN,
) -> Trend:
    """One computation per year over a shared workspace, so each workbook is read once."""
    ws = Workspace(config, Path(data_dir), reading)
    years = list(range(first, last + 1))
    results: list[ComputeResult] = [compute_year(ws, y, history_years=0, with_budget=False) for y in years]
    rows = []
    for k, ref in enumerate(config.indicators):
        points = []
        for res in results:
            ind = res.indicators[k]
            points.append(
                TrendPoint(res.year, ind.value, ind.status, ind.reason, ind.target, ind.capaian, ind.kategori)
            )
        rows.append(TrendRow(ref.indikator.id, ref.indikator.nama, ref.indikator.satuan, points))
    return Trend(
        agency=config.spec.agency.nama,
        years=years,
        rows=rows,
        blocked_years=[r.year for r in results if r.blocked],
        findings=by_severity(dedupe([f for res in results for f in res.findings])),
    )
