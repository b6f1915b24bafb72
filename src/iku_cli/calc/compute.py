"""Evaluate every indicator of indicators.yaml for one year from the DATA_DIR/<year>/ workbooks."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from iku_cli import __version__
from iku_cli.calc import anggaran, formulas, pengukuran
from iku_cli.calc.crossyear import large_changes, read_folders, read_years
from iku_cli.calc.plan import PLAIN, Reading
from iku_cli.calc.realisasi import realisasi
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
from iku_cli.config import Config, FormulaType, IndicatorRef, Target
from iku_cli.findings import Finding, dedupe

# A realisasi as measured: the outcome, the inputs it was computed from, the measures behind them.
Measured = tuple[formulas.Outcome, Inputs | None, list[MeasureResult]]


def compute(
    config: Config,
    data_dir: Path | str,
    year: int,
    *,
    history_years: int = 2,
    reading: Reading = PLAIN,
) -> ComputeResult:
    """Every indicator for ``year``; nothing at all when the workbooks it needs have errors."""
    return compute_year(Workspace(config, Path(data_dir), reading), year, history_years)


def compute_year(ws: Workspace, year: int, history_years: int = 2, with_budget: bool = True) -> ComputeResult:
    """``compute`` over a workspace shared with other computations of the same run (trend, explain).

    The budget workbook is read for ``year`` only; an error in it leaves the budget out, not the indicators.
    """
    config = ws.config
    years = config.years_for(year)
    budget_source = _budget_only_source(config)
    found = read_years(ws, years, [s for s in config.spec.sources if s != budget_source])
    blocked = any(blocks(f) for f in found)
    if not blocked:
        found += large_changes(ws, [year - 1, year])
    results = [evaluate_indicator(ws, ref, year, blocked, history_years) for ref in config.indicators]
    return assemble(ws, year, results, found, blocked, tuple(years), with_budget=with_budget)


def assemble(
    ws: Workspace,
    year: int,
    results: list[IndicatorResult],
    found: list[Finding],
    blocked: bool,
    years_read: tuple[int, ...],
    *,
    triwulan: int | None = None,
    with_budget: bool = True,
) -> ComputeResult:
    """The computed indicators with their averages per tujuan and sasaran and the budget of the same folder
    (the year's, or the triwulan's), as one result."""
    config = ws.config
    tujuan, sasaran, overall, overall_earlier = pengukuran.groups(config, results)
    budget = None
    if config.spec.anggaran and with_budget:
        source = config.spec.anggaran.source
        capaian = {g.id: g.average.value for g in sasaran}
        budget, checks = anggaran.read_budget(config, ws.sheet(year, source, triwulan), capaian)
        found = dedupe(found + read_folders(ws, [((year, triwulan), source)]) + checks)
        sasaran = [replace(g, anggaran=budget.sasaran.get(g.id)) for g in sasaran]
    renstra = config.spec.agency.renstra
    return ComputeResult(
        year=year,
        agency=config.spec.agency.nama,
        config_path=str(config.path),
        data_dir=str(ws.data_dir),
        indicators=results,
        findings=ws.report(found),
        files=ws.input_files(),
        generated_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        version=__version__,
        renstra=(renstra.start, renstra.end) if renstra else None,
        bands=tuple(config.spec.kategori),
        blocked=blocked,
        years_read=years_read,
        tujuan=tujuan,
        sasaran=sasaran,
        average=overall,
        average_riwayat=overall_earlier,
        anggaran=budget,
        triwulan=triwulan,
    )


def _budget_only_source(config: Config) -> str | None:
    """The anggaran source, when no measure reads it: it is then read for the reported year alone."""
    source = config.spec.anggaran.source if config.spec.anggaran else None
    return None if any(m.source == source for m in config.spec.measures.values()) else source


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
    target = ind.target(year)
    cap = formulas.capaian(outcome.value, target, ind.better)
    renstra = ws.config.spec.agency.renstra
    end_target = ind.target(renstra.end) if renstra else None
    cap_end = formulas.capaian(outcome.value, end_target, ind.better)
    return indicator_result(
        ws,
        ref,
        (outcome, inputs, used),
        target,
        cap,
        history=history,
        target_akhir=end_target,
        capaian_akhir=cap_end.value,
        riwayat=riwayat,
        baseline=pengukuran.baseline(ws, ind, blocked) if history_years else None,
        pembanding=pengukuran.comparison(ind, year),
    )


def indicator_result(
    ws: Workspace,
    ref: IndicatorRef,
    measured: Measured,
    target: Target | None,
    cap: formulas.Outcome,
    **more: Any,
) -> IndicatorResult:
    """An indicator's result: the indicator itself (place, texts, formula, direction), its realisasi with the
    inputs and measures behind it, its target, capaian and kategori, and ``more`` (riwayat, triwulan ...)."""
    ind = ref.indikator
    outcome, inputs, used = measured
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
        better=ind.better,
        inputs=inputs,
        value=outcome.value,
        status=outcome.status,
        reason=outcome.reason,
        measures=used,
        target=target,
        capaian=cap.value,
        capaian_reason=cap.reason,
        kategori=formulas.kategori(cap.value, ws.config.spec.kategori),
        **more,
    )
