"""Realisasi (and capaian) per indicator over a span of years; a missing year stays missing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iku_cli.compute import compute
from iku_cli.findings import Finding
from iku_cli.results import ComputeResult
from iku_cli.spec import Config
from iku_cli.workspace import Workspace


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float | None
    status: str
    reason: str | None
    target: float | tuple[float, float] | None
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


def trend(config: Config, data_dir: Path, first: int, last: int) -> Trend:
    """One computation per year over a shared workspace, so each workbook is read once."""
    ws = Workspace(config, Path(data_dir))
    years = list(range(first, last + 1))
    results: list[ComputeResult] = [compute(config, data_dir, y, history_years=0, ws=ws) for y in years]
    rows = []
    for k, ref in enumerate(config.indicators):
        points = []
        for res in results:
            ind = res.indicators[k]
            points.append(
                TrendPoint(res.year, ind.value, ind.status, ind.reason, ind.target, ind.capaian, ind.kategori)
            )
        rows.append(TrendRow(ref.indikator.id, ref.indikator.nama, ref.indikator.satuan, points))
    found: dict[tuple, Finding] = {}
    for res in results:
        for f in res.findings:
            found.setdefault((f.code, f.file, f.sheet, f.cell, f.message), f)
    return Trend(
        agency=config.spec.agency.nama,
        years=years,
        rows=rows,
        blocked_years=[r.year for r in results if r.blocked],
        findings=list(found.values()),
    )


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """A small inline trend; a missing year is a space, never a zero."""
    present = [v for v in values if v is not None]
    if not present:
        return " " * len(values)
    low, high = min(present), max(present)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            out.append(
                SPARK[len(SPARK) // 2] if span == 0 else SPARK[round((v - low) / span * (len(SPARK) - 1))]
            )
    return "".join(out)
