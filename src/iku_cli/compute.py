"""Evaluate every indicator of indicators.yaml for one year from DATA_DIR/<year>/ workbooks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from iku_cli import __version__
from iku_cli import findings as F
from iku_cli import formulas
from iku_cli.findings import Finding
from iku_cli.measures import MeasureValue, describe_filter, evaluate
from iku_cli.results import ComputeResult, IndicatorResult, InputFile, MeasureResult
from iku_cli.spec import Config, GrowthFormula, IndicatorRef, Indikator
from iku_cli.workbook import SheetData, WorkbookCache, read_sheet

# A missing workbook makes its indicators "cannot compute"; it does not stop the others.
NOT_BLOCKING = {"workbook-missing"}


def measures_of(ind: Indikator) -> list[str]:
    f = ind.formula
    return list(f.measures) if isinstance(f, GrowthFormula) else [*f.numerator, *f.denominator]


def years_needed(ind: Indikator, year: int) -> list[int]:
    return [year - 1, year] if isinstance(ind.formula, GrowthFormula) else [year]


@dataclass
class Workspace:
    """The data folder as read in one run: each sheet and each measure read once and remembered."""

    config: Config
    data_dir: Path
    cache: WorkbookCache = field(default_factory=WorkbookCache)
    _sheets: dict[tuple[int, str], SheetData] = field(default_factory=dict)
    _measures: dict[tuple[int, str], MeasureValue | None] = field(default_factory=dict)

    def sheet(self, year: int, source_id: str) -> SheetData:
        key = (year, source_id)
        if key not in self._sheets:
            source = self.config.spec.sources[source_id]
            self._sheets[key] = read_sheet(self.data_dir, year, source_id, source, self.cache)
        return self._sheets[key]

    def measure(self, year: int, measure_id: str) -> MeasureValue | None:
        """None when the sheet could not be read for that year."""
        key = (year, measure_id)
        if key not in self._measures:
            measure = self.config.spec.measures[measure_id]
            data = self.sheet(year, measure.source)
            self._measures[key] = evaluate(measure, data.frame, data.source) if data.readable else None
        return self._measures[key]

    def sheets_read(self) -> list[SheetData]:
        return list(self._sheets.values())

    def input_files(self) -> list[InputFile]:
        files = {}
        for data in self._sheets.values():
            path = self.data_dir / data.file
            if data.file not in files and path.is_file():
                files[data.file] = InputFile(data.file, sha256_of(path), path.stat().st_size)
        return sorted(files.values(), key=lambda f: f.file)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def load_years(ws: Workspace, years: list[int], source_ids: list[str] | None = None) -> list[Finding]:
    """Read every declared sheet the given years need; return all findings, in reading order."""
    source_ids = source_ids if source_ids is not None else list(ws.config.spec.sources)
    found: list[Finding] = []
    for year in years:
        for sid in source_ids:
            found += ws.sheet(year, sid).findings
    found += _extra_sheets(ws, years, source_ids)
    found += unit_consistency(ws, years, source_ids)
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Two sources in one missing or broken workbook give one finding about the file, not two."""
    seen, out = set(), []
    for f in found:
        key = (f.code, f.file, f.sheet, f.cell, f.column, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _extra_sheets(ws: Workspace, years: list[int], source_ids: list[str]) -> list[Finding]:
    out = []
    sources = ws.config.spec.sources
    for year in years:
        by_file: dict[str, set[str]] = {}
        for sid in source_ids:
            data = ws.sheet(year, sid)
            if data.sheet is not None:
                by_file.setdefault(sources[sid].workbook, set()).add(data.sheet)
        for workbook, used in by_file.items():
            book, _, _ = ws.cache.get(ws.data_dir / str(year) / workbook)
            for name in book.sheet_names if book else []:
                declared = {s.sheet for s in sources.values() if s.workbook == workbook}
                if name not in used and name not in declared:
                    out.append(F.make(
                        "extra-sheet-ignored", f"sheet '{name}' tidak dideklarasikan, diabaikan",
                        file=f"{year}/{workbook}", sheet=name,
                    ))
    return out


def unit_consistency(ws: Workspace, years: list[int], source_ids: list[str]) -> list[Finding]:
    """The same column written in different units in different years is worth a second look."""
    out = []
    for sid in source_ids:
        for cid, column in ws.config.spec.sources[sid].columns.items():
            seen = {y: ws.sheet(y, sid).units.get(cid) for y in years}
            units = {u for u in seen.values() if u}
            if len(units) > 1:
                listing = ", ".join(f"{y}: {u}" for y, u in seen.items() if u)
                last = max(y for y, u in seen.items() if u)
                data = ws.sheet(last, sid)
                out.append(F.make(
                    "unit-inconsistent",
                    f"kolom {column.header} memakai satuan berbeda antartahun ({listing}); "
                    f"semua dikonversi ke {column.unit}, tetapi sebaiknya seragamkan satuannya",
                    file=data.file, sheet=data.sheet, column=cid,
                ))
    return out


def compute(config: Config, data_dir: Path, year: int, history_years: int = 2) -> ComputeResult:
    """Every indicator for ``year``; nothing at all when the workbooks it needs have errors."""
    ws = Workspace(config, Path(data_dir))
    refs = config.indicators
    years = sorted({y for r in refs for y in years_needed(r.indikator, year)})
    found = load_years(ws, years)
    blocked = any(f.severity == F.Severity.ERROR and f.code not in NOT_BLOCKING for f in found)
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

    def total(names: list[str], y: int) -> float | None:
        values = []
        for name in names:
            measure = spec.measures[name]
            data = ws.sheet(y, measure.source)
            mv = ws.measure(y, name)
            column = spec.sources[measure.source].columns.get(measure.column) if measure.column else None
            used.append(MeasureResult(
                id=name, label=measure.label or name, year=y,
                value=mv.value if mv else None, rows=mv.rows if mv else None,
                aggregate=measure.aggregate, column=column.label if column else None,
                filter=describe_filter(measure.where, spec.sources[measure.source]),
                file=data.file, sheet=data.sheet or spec.sources[measure.source].sheet,
                unit=column.unit if column and measure.aggregate == "sum" else None,
            ))
            if mv is None:
                missing.append(data.file if data.missing else f"{data.file} ({data.source.sheet})")
            values.append(mv.value if mv else None)
        return None if any(v is None for v in values) else sum(values)

    f = ind.formula
    if isinstance(f, GrowthFormula):
        prev, cur = total(f.measures, year - 1), total(f.measures, year)
        inputs = {"v_n_1": prev, "v_n": cur}
        outcome = formulas.growth(prev, cur, year) if prev is not None and cur is not None else None
    else:
        num, den = total(f.numerator, year), total(f.denominator, year)
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
        id=ind.id, level=ref.level,
        tujuan_id=ref.tujuan.id, tujuan=ref.tujuan.tujuan,
        sasaran_id=ref.sasaran.id if ref.sasaran else None,
        sasaran=ref.sasaran.sasaran if ref.sasaran else None,
        nama=ind.nama, satuan=ind.satuan, formula=ind.formula.type, formulasi=ind.formulasi,
        sumber_data=ind.sumber_data, unit_kerja=ind.unit_kerja,
        inputs=inputs, value=outcome.value, status=outcome.status, reason=outcome.reason,
        measures=used, better=ind.better,
        target=target, capaian=cap.value, capaian_reason=cap.reason,
        kategori=formulas.kategori(cap.value, ws.config.spec.kategori),
        history=history, target_akhir=end_target, capaian_akhir=cap_end.value,
    )
