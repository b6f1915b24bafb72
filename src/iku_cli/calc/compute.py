"""Evaluate every indicator of indicators.yaml for one year from the DATA_DIR/<year>/ workbooks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from iku_cli import __version__
from iku_cli.calc import formulas, pengukuran
from iku_cli.calc.crossyear import large_changes, read_years
from iku_cli.calc.realisasi import realisasi, years_needed
from iku_cli.calc.results import (
    DATA_ERROR,
    ComputeResult,
    IndicatorResult,
    Inputs,
    MeasureResult,
    Status,
    blocks,
)
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Config, FormulaType, IndicatorRef


def compute(config: Config, data_dir: Path | str, year: int, *, history_years: int = 2) -> ComputeResult:
    """Every indicator for ``year``; nothing at all when the workbooks it needs have errors."""
    return compute_year(Workspace(config, Path(data_dir)), year, history_years)


def compute_year(ws: Workspace, year: int, history_years: int = 2) -> ComputeResult:
    """``compute`` over a workspace shared with other computations of the same run (trend, explain)."""
    config = ws.config
    refs = config.indicators
    years = sorted({y for r in refs for y in years_needed(config.spec, r.indikator, year)})
    found = read_years(ws, years)
    blocked = any(blocks(f) for f in found)
    if not blocked:
        found += large_changes(ws, [year - 1, year])
    results = [evaluate_indicator(ws, ref, year, blocked, history_years) for ref in refs]
    tujuan, sasaran, overall = pengukuran.groups(config, results)
    renstra = config.spec.agency.renstra
    return ComputeResult(
        year=year,
        agency=config.spec.agency.nama,
        config_path=str(config.path),
        data_dir=str(ws.data_dir),
        indicators=results,
        findings=found,
        files=ws.input_files(),
        generated_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        version=__version__,
        renstra=(renstra.start, renstra.end) if renstra else None,
        bands=tuple(config.spec.kategori),
        blocked=blocked,
        years_read=tuple(years),
        tujuan=tujuan,
        sasaran=sasaran,
        average=overall,
    )


def evaluate_indicator(
    ws: Workspace, ref: IndicatorRef, year: int, blocked: bool, history_years: int = 2
) -> IndicatorResult:
    """One indicator for ``year``; with ``history_years``, its earlier years and baseline too (not for trend)."""
    ind = ref.indikator
    inputs: Inputs | None = None
    used: list[MeasureResult] = []
    if blocked:
        outcome = formulas.not_computed(Status.DATA_ERROR, DATA_ERROR)
    else:
        outcome, inputs, used = realisasi(ws, ind, year)
    riwayat = pengukuran.riwayat(ws, ind, year, history_years, blocked)
    history = {p.tahun: p.realisasi for p in riwayat} if not blocked else {}
    target = ind.targets.get(year)
    cap = formulas.capaian(outcome.value, target, ind.better)
    renstra = ws.config.spec.agency.renstra
    end_target = ind.targets.get(renstra.end) if renstra else None
    cap_end = formulas.capaian(outcome.value, end_target, ind.better)
    return IndicatorResult(
        id=ind.id,
        level=ref.level,
        tujuan_id=ref.tujuan.id,
        tujuan=ref.tujuan.tujuan,
        sasaran_id=ref.sasaran.id if ref.sasaran else None,
        sasaran=ref.sasaran.sasaran if ref.sasaran else None,
        nama=ind.nama,
        satuan=ind.satuan,
        formula=FormulaType(ind.formula.type),
        formulasi=ind.formulasi,
        sumber_data=ind.sumber_data,
        unit_kerja=ind.unit_kerja,
        inputs=inputs,
        value=outcome.value,
        status=outcome.status,
        reason=outcome.reason,
        measures=used,
        better=ind.better,
        target=target,
        capaian=cap.value,
        capaian_reason=cap.reason,
        kategori=formulas.kategori(cap.value, ws.config.spec.kategori),
        history=history,
        target_akhir=end_target,
        capaian_akhir=cap_end.value,
        riwayat=riwayat,
        baseline=pengukuran.baseline(ws, ind, blocked) if history_years else None,
        pembanding=pengukuran.comparison(ind, year),
    )
