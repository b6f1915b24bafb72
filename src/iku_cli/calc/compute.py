"""Evaluate every indicator of indicators.yaml for one year from the DATA_DIR/<year>/ workbooks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from iku_cli import __version__
from iku_cli.calc import formulas
from iku_cli.calc.crossyear import large_changes, read_years
from iku_cli.calc.results import (
    ComputeResult,
    GrowthInputs,
    IndicatorResult,
    Inputs,
    MeasureResult,
    RatioInputs,
    Status,
    blocks,
)
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Config, FormulaType, GrowthFormula, IndicatorRef, Indikator
from iku_cli.config.words import describe_filter, measure_column


def years_needed(ind: Indikator, year: int) -> list[int]:
    """A growth compares year n with n−1; a ratio needs year n only."""
    return [year - 1, year] if isinstance(ind.formula, GrowthFormula) else [year]


def compute(config: Config, data_dir: Path | str, year: int, *, history_years: int = 2) -> ComputeResult:
    """Every indicator for ``year``; nothing at all when the workbooks it needs have errors."""
    return compute_year(Workspace(config, Path(data_dir)), year, history_years)


def compute_year(ws: Workspace, year: int, history_years: int = 2) -> ComputeResult:
    """``compute`` over a workspace shared with other computations of the same run (trend, explain)."""
    config = ws.config
    refs = config.indicators
    years = sorted({y for r in refs for y in years_needed(r.indikator, year)})
    found = read_years(ws, years)
    blocked = any(blocks(f) for f in found)
    if not blocked:
        found += large_changes(ws, [year - 1, year])
    results = [evaluate_indicator(ws, ref, year, blocked, history_years) for ref in refs]
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
        years_read=tuple(years),
    )


def realisasi(
    ws: Workspace, ind: Indikator, year: int
) -> tuple[formulas.Outcome, Inputs, list[MeasureResult]]:
    """The indicator's value for one year, its inputs, and the measures behind them."""
    used: list[MeasureResult] = []
    missing: list[str] = []
    spec = ws.config.spec

    def total(names: list[str], y: int, role: str) -> float | None:
        values = []
        for name in names:
            measure = spec.measures[name]
            data = ws.sheet(y, measure.source)
            mv = ws.measure(y, name)
            column = measure_column(spec, measure)
            used.append(
                MeasureResult(
                    id=name,
                    label=measure.label or name,
                    year=y,
                    value=mv.value if mv else None,
                    rows=mv.rows if mv else None,
                    aggregate=measure.aggregate,
                    column=column.label if column else None,
                    filter=describe_filter(measure.where, spec.sources[measure.source]),
                    file=data.file,
                    sheet=data.sheet or spec.sources[measure.source].sheet,
                    unit=column.unit if column and measure.aggregate == "sum" else None,
                    role=role,
                )
            )
            if mv is None:
                if data.missing:
                    missing.append(data.file)
                elif data.readable:
                    missing.append(f"{data.file} (sheet {data.sheet} tidak berisi baris data)")
                else:
                    missing.append(f"{data.file} ({data.source.sheet})")
            values.append(mv.value if mv else None)
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    f = ind.formula
    inputs: Inputs
    if isinstance(f, GrowthFormula):
        prev, cur = total(f.measures, year - 1, "V(n-1)"), total(f.measures, year, "V(n)")
        inputs = GrowthInputs(prev, cur)
        outcome = formulas.growth(prev, cur, year) if prev is not None and cur is not None else None
    else:
        num, den = total(f.numerator, year, "pembilang"), total(f.denominator, year, "penyebut")
        inputs = RatioInputs(num, den)
        outcome = formulas.ratio(num, den) if num is not None and den is not None else None
    if outcome is None:
        files = ", ".join(dict.fromkeys(missing))
        outcome = formulas.not_computed(Status.DATA_MISSING, f"data tidak tersedia: {files}")
    return outcome, inputs, used


def evaluate_indicator(
    ws: Workspace, ref: IndicatorRef, year: int, blocked: bool, history_years: int = 2
) -> IndicatorResult:
    ind = ref.indikator
    inputs: Inputs | None = None
    used: list[MeasureResult] = []
    if blocked:
        outcome = formulas.not_computed(Status.DATA_ERROR, "data mengandung kesalahan; jalankan iku validate")
    else:
        outcome, inputs, used = realisasi(ws, ind, year)
    history = {}
    if not blocked:
        for back in range(1, history_years + 1):
            past, _, _ = realisasi(ws, ind, year - back)
            history[year - back] = past.value
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
    )
