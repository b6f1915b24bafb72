"""Evaluate every indicator of indicators.yaml for one year from DATA_DIR/<year>/ workbooks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from iku_cli import __version__, formulas
from iku_cli import findings as F
from iku_cli.checks import large_changes, read_years
from iku_cli.measures import describe_filter
from iku_cli.results import ComputeResult, IndicatorResult, MeasureResult
from iku_cli.spec import Config, GrowthFormula, IndicatorRef, Indikator
from iku_cli.workspace import Workspace

# A missing workbook makes its indicators "cannot compute"; it does not stop the others.
NOT_BLOCKING = {"workbook-missing"}


def measures_of(ind: Indikator) -> list[str]:
    f = ind.formula
    return list(f.measures) if isinstance(f, GrowthFormula) else [*f.numerator, *f.denominator]


def years_needed(ind: Indikator, year: int) -> list[int]:
    return [year - 1, year] if isinstance(ind.formula, GrowthFormula) else [year]


def compute(
    config: Config, data_dir: Path, year: int, history_years: int = 2, ws: Workspace | None = None
) -> ComputeResult:
    """Every indicator for ``year``; nothing at all when the workbooks it needs have errors.

    Pass ``ws`` to share what was read with other computations of the same run (trend, explain).
    """
    ws = ws or Workspace(config, Path(data_dir))
    refs = config.indicators
    years = sorted({y for r in refs for y in years_needed(r.indikator, year)})
    found = read_years(ws, years)
    blocked = any(f.severity == F.Severity.ERROR and f.code not in NOT_BLOCKING for f in found)
    if not blocked:
        found += large_changes(ws, [year - 1, year])
    results = [evaluate_indicator(ws, ref, year, blocked, history_years) for ref in refs]
    renstra = config.spec.agency.renstra
    return ComputeResult(
        year=year,
        agency=config.spec.agency.nama,
        config_path=str(config.path),
        data_dir=str(data_dir),
        indicators=results,
        findings=found,
        files=ws.input_files(),
        generated_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        version=__version__,
        renstra=(renstra.start, renstra.end) if renstra else None,
        bands=tuple(config.spec.kategori),
        blocked=blocked,
    )


def realisasi(ws: Workspace, ind: Indikator, year: int) -> tuple[formulas.Outcome, dict, list[MeasureResult]]:
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
            column = spec.sources[measure.source].columns.get(measure.column) if measure.column else None
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
        return None if any(v is None for v in values) else sum(values)

    f = ind.formula
    if isinstance(f, GrowthFormula):
        prev, cur = total(f.measures, year - 1, "V(n-1)"), total(f.measures, year, "V(n)")
        inputs = {"v_n_1": prev, "v_n": cur}
        outcome = formulas.growth(prev, cur, year) if prev is not None and cur is not None else None
    else:
        num, den = total(f.numerator, year, "pembilang"), total(f.denominator, year, "penyebut")
        inputs = {"pembilang": num, "penyebut": den}
        outcome = formulas.ratio(num, den) if num is not None and den is not None else None
    if outcome is None:
        files = ", ".join(dict.fromkeys(missing))
        outcome = formulas.not_computed("data-missing", f"data tidak tersedia: {files}")
    return outcome, inputs, used


def evaluate_indicator(
    ws: Workspace, ref: IndicatorRef, year: int, blocked: bool, history_years: int = 2
) -> IndicatorResult:
    ind = ref.indikator
    if blocked:
        outcome = formulas.not_computed("data-error", "data mengandung kesalahan; jalankan iku validate")
        inputs: dict = {}
        used: list[MeasureResult] = []
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
        formula=ind.formula.type,
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
