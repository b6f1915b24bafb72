"""An indicator's realisasi for one year, or for a triwulan: its measures evaluated and combined by its formula."""

from __future__ import annotations

from iku_cli.calc import formulas
from iku_cli.calc.results import GrowthInputs, Inputs, MeasureResult, RatioInputs, Status
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Folder, GrowthFormula, Indikator, folder_name, measure_folders, periods
from iku_cli.config.words import describe_measure_filter, measure_column
from iku_cli.read import SheetData


def realisasi(
    ws: Workspace, ind: Indikator, year: int, triwulan: int | None = None
) -> tuple[formulas.Outcome, Inputs, list[MeasureResult]]:
    """The indicator's value for one year, its inputs, and the measures behind them.

    With ``triwulan``, over the folders its reading compares (``config.periods``): the caller asks only for
    a reading that has them.
    """
    used: list[MeasureResult] = []
    missing: list[str] = []
    spec = ws.config.spec

    def total(names: list[str], period: Folder, role: str) -> float | None:
        y, q = period
        values = []
        for name in names:
            measure = spec.measures[name]
            source = spec.sources[measure.source]
            sheets = ws.measure_sheets(y, name, q)
            data = sheets[-1]
            mv = ws.measure(y, name, q)
            column = measure_column(spec, measure)
            folders = measure_folders(measure, y, q)
            counted, counted_tw = folders[-1]
            used.append(
                MeasureResult(
                    id=name,
                    label=measure.label or name,
                    year=counted,
                    value=mv.value if mv else None,
                    rows=mv.rows if mv else None,
                    aggregate=measure.aggregate,
                    column=column.label if column else None,
                    filter=describe_measure_filter(measure, source, counted, counted_tw),
                    file=data.file,
                    sheet=data.sheet or source.sheet,
                    unit=column.unit if column and measure.aggregate == "sum" else None,
                    role=role,
                    previous_year=counted - 1 if measure.follows_key else None,
                    triwulan=counted_tw,
                )
            )
            if mv is None:
                missing.extend(
                    _unusable(ws, d, folder)
                    for folder, d in zip(folders, sheets, strict=True)
                    if ws.frame(folder[0], d.source_id, folder[1]) is None
                )
            values.append(mv.value if mv else None)
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    f = ind.formula
    inputs: Inputs
    *before, now = periods(ind, year, triwulan)
    if isinstance(f, GrowthFormula):
        prev, cur = total(f.measures, before[0], "V(n-1)"), total(f.measures, now, "V(n)")
        inputs = GrowthInputs(prev, cur)
        base = folder_name(before[0]) if triwulan is not None else None
        outcome = formulas.growth(prev, cur, year, base) if prev is not None and cur is not None else None
    else:
        num, den = total(f.numerator, now, "pembilang"), total(f.denominator, now, "penyebut")
        inputs = RatioInputs(num, den)
        outcome = formulas.ratio(num, den) if num is not None and den is not None else None
    if outcome is None:
        files = ", ".join(dict.fromkeys(missing))
        outcome = formulas.not_computed(Status.DATA_MISSING, f"data tidak tersedia: {files}")
    return outcome, inputs, used


def _unusable(ws: Workspace, data: SheetData, folder: Folder) -> str:
    """Why a sheet gives no rows, as the reason of a value not computed names it."""
    if folder[1] is not None and not ws.folder(*folder).is_dir():
        return f"folder {folder_name(folder)}/ tidak ada"
    if data.missing:
        return data.file
    if data.readable:
        return f"{data.file} (sheet {data.sheet} tidak berisi baris data)"
    return f"{data.file} ({data.source.sheet})"
