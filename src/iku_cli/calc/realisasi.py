"""An indicator's realisasi for one year: its measures evaluated and combined by its formula."""

from __future__ import annotations

from iku_cli.calc import formulas
from iku_cli.calc.results import GrowthInputs, Inputs, MeasureResult, RatioInputs, Status
from iku_cli.calc.workspace import Workspace
from iku_cli.config import GrowthFormula, Indikator
from iku_cli.config.words import describe_measure_filter, measure_column
from iku_cli.read import SheetData


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
            source = spec.sources[measure.source]
            sheets = ws.measure_sheets(y, name)
            data = sheets[-1]
            mv = ws.measure(y, name)
            column = measure_column(spec, measure)
            counted = measure.data_years(y)[-1]
            used.append(
                MeasureResult(
                    id=name,
                    label=measure.label or name,
                    year=counted,
                    value=mv.value if mv else None,
                    rows=mv.rows if mv else None,
                    aggregate=measure.aggregate,
                    column=column.label if column else None,
                    filter=describe_measure_filter(measure, source, counted),
                    file=data.file,
                    sheet=data.sheet or source.sheet,
                    unit=column.unit if column and measure.aggregate == "sum" else None,
                    role=role,
                    previous_year=counted - 1 if measure.follows_key else None,
                )
            )
            if mv is None:
                years = measure.data_years(y)
                missing.extend(
                    _unusable(d)
                    for dy, d in zip(years, sheets, strict=True)
                    if ws.frame(dy, d.source_id) is None
                )
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


def _unusable(data: SheetData) -> str:
    """Why a sheet gives no rows, as the reason of a value not computed names it."""
    if data.missing:
        return data.file
    if data.readable:
        return f"{data.file} (sheet {data.sheet} tidak berisi baris data)"
    return f"{data.file} ({data.source.sheet})"
