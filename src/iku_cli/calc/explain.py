"""How one indicator's number was obtained: the formula with its numbers, each measure and its rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from iku_cli.calc.compute import compute_year
from iku_cli.calc.measures import rows_used
from iku_cli.calc.results import ComputeResult, IndicatorResult, MeasureResult
from iku_cli.calc.workspace import PLAIN, Reading, Workspace
from iku_cli.config import Config, UnknownIndicator

__all__ = ["Explanation", "MeasureRows", "UnknownIndicator", "explain"]


@dataclass(frozen=True)
class MeasureRows:
    measure: MeasureResult
    rows: pd.DataFrame  # the rows counted or summed, indexed by Excel row number


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
) -> Explanation:
    """The computation of ``year`` with, for one indicator, the Excel rows behind each of its measures."""
    ref = config.require_indicator(indicator_id)
    ws = Workspace(config, Path(data_dir), reading)
    result = compute_year(ws, year)
    ind = next(i for i in result.indicators if i.id == ref.indikator.id)
    rows = []
    for m in ind.measures:
        measure = config.spec.measures[m.id]
        data = ws.sheet(m.year, measure.source)
        if data.readable and data.frame is not None:
            rows.append(MeasureRows(m, rows_used(measure, data.frame, data.source)))
    return Explanation(result=result, indicator=ind, rows=rows)
