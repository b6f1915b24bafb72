"""How one indicator's number was obtained: the formula with its numbers, each measure and its rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from iku_cli.calc.compute import compute_year
from iku_cli.calc.measures import previous_rows, rows_used
from iku_cli.calc.plan import PLAIN, Reading
from iku_cli.calc.results import ComputeResult, IndicatorResult, MeasureResult
from iku_cli.calc.triwulan import triwulan_over
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Config, Measure, Source, UnknownIndicator, conditions

__all__ = ["Explanation", "MeasureRows", "UnknownIndicator", "explain"]


@dataclass(frozen=True)
class MeasureRows:
    measure: MeasureResult
    rows: pd.DataFrame  # the rows counted or summed, indexed by Excel row number
    # A measure over two years: each counted row's row of the same key the year before (column "row": its
    # Excel row), on the same index; and the columns worth showing for both years (id -> header).
    previous: pd.DataFrame | None = None
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    result: ComputeResult  # the same computation `iku compute` does
    indicator: IndicatorResult
    rows: list[MeasureRows]


def explain(
    config: Config,
    data_dir: Path | str,
    year: int,
    indicator_id: str,
    *,
    reading: Reading = PLAIN,
    triwulan: int | None = None,
) -> Explanation:
    """The computation of ``year`` (or of its ``triwulan``, from DATA_DIR/<year>/TW<n>/ and the folders its
    reading compares with) with, for one indicator, the Excel rows behind each of its measures."""
    ref = config.require_indicator(indicator_id)
    ws = Workspace(config, Path(data_dir), reading)
    result = compute_year(ws, year) if triwulan is None else triwulan_over(ws, year, triwulan).now
    ind = next(i for i in result.indicators if i.id == ref.indikator.id)
    rows = []
    for m in ind.measures:
        measure = config.spec.measures[m.id]
        data = ws.sheet(m.year, measure.source, m.triwulan)
        if not (data.readable and data.frame is not None):
            continue
        if m.previous_year is None:
            rows.append(MeasureRows(m, rows_used(measure, data.frame, data.source)))
            continue
        previous = ws.frame(m.previous_year, measure.source)
        if previous is not None:
            used = rows_used(measure, data.frame, data.source, previous)
            key = str(data.source.key)
            before = previous_rows(used, previous, key)
            rows.append(MeasureRows(m, used, before, _followed_columns(measure, data.source)))
    return Explanation(result=result, indicator=ind, rows=rows)


def _followed_columns(measure: Measure, source: Source) -> dict[str, str]:
    """The key, then every column the measure filters on or sums, in the source's order, with its header."""
    named = {str(source.key), measure.column or ""}
    for flt in (measure.where_previous, measure.where):
        named |= {cond.column for cond, _ in conditions(flt)}
    return {cid: column.label for cid, column in source.columns.items() if cid in named}
