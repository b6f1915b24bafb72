"""How one indicator's number was obtained: the formula with its numbers, each measure and its rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from iku_cli.compute import compute
from iku_cli.measures import rows_used
from iku_cli.results import ComputeResult, IndicatorResult, MeasureResult
from iku_cli.spec import Config
from iku_cli.workspace import Workspace


class UnknownIndicator(ValueError):
    """An id that indicators.yaml does not declare; carries the valid ids."""

    def __init__(self, wanted: str, valid: list[str]):
        super().__init__(f"unknown indicator '{wanted}'; valid ids: {', '.join(valid)}")
        self.valid = valid


@dataclass(frozen=True)
class MeasureRows:
    measure: MeasureResult
    rows: pd.DataFrame  # the rows counted or summed, indexed by Excel row number


@dataclass(frozen=True)
class Explanation:
    result: ComputeResult  # the same computation `iku compute` does
    indicator: IndicatorResult
    rows: list[MeasureRows]


def explain(config: Config, data_dir: Path, year: int, indicator_id: str) -> Explanation:
    ids = [r.indikator.id for r in config.indicators]
    match = next((i for i in ids if i.casefold() == indicator_id.strip().casefold()), None)
    if match is None:
        raise UnknownIndicator(indicator_id, ids)
    ws = Workspace(config, Path(data_dir))
    result = compute(config, data_dir, year, ws=ws)
    ind = next(i for i in result.indicators if i.id == match)
    rows = []
    for m in ind.measures:
        measure = config.spec.measures[m.id]
        data = ws.sheet(m.year, measure.source)
        if data.readable:
            rows.append(MeasureRows(m, rows_used(measure, data.frame, data.source)))
    return Explanation(result=result, indicator=ind, rows=rows)


def row_ranges(index: list[int], limit: int = 12) -> str:
    """[5, 6, 7, 9] -> "5–7, 9"; long lists end in "… (N rentang lagi)"."""
    runs: list[tuple[int, int]] = []
    for r in sorted(index):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    if len(parts) > limit:
        return ", ".join(parts[:limit]) + f", … ({len(parts) - limit} rentang lagi)"
    return ", ".join(parts)
