"""A triwulan of a year: every indicator by its reading over part of the year, for monitoring the Perjanjian
Kinerja (PK) each quarter.

A triwulan's workbooks are in DATA_DIR/<year>/TW<n>/, as they stood at the triwulan's end. Each indicator is
read as indicators.yaml declares (``triwulan:``): a growth c-to-c (against the same triwulan folder of n−1,
BPS' cumulative-to-cumulative) or snapshot (against the annual folder of n−1); a ratio on the triwulan's own
data; an annual-only indicator has no value, with its reason. The capaian is taken against the target s.d.
the triwulan: the triwulan's own target (nilai akhir) or the sum of the targets so far (kumulatif).
"""

from __future__ import annotations

from pathlib import Path

from iku_cli.calc import formulas
from iku_cli.calc.compute import Measured, assemble, indicator_result
from iku_cli.calc.crossyear import read_folders
from iku_cli.calc.plan import PLAIN, Reading
from iku_cli.calc.realisasi import realisasi
from iku_cli.calc.results import (
    DATA_ERROR,
    ComputeResult,
    IndicatorResult,
    Status,
    TriwulanInfo,
    TriwulanResult,
    blocks,
)
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Bacaan, Config, IndicatorRef, JenisCapaian, folder_name, periods, tw_label

ANNUAL_ONLY = "tidak ada nilai triwulan: indikator ini hanya dihitung tahunan"
NO_READING = (
    "indicators.yaml tidak menyatakan cara membaca pertumbuhan ini untuk sebagian tahun "
    "(triwulan: c-to-c atau triwulan: snapshot)"
)


def compute_triwulan(
    config: Config,
    data_dir: Path | str,
    year: int,
    triwulan: int,
    *,
    reading: Reading = PLAIN,
) -> TriwulanResult:
    """Every indicator for each triwulan of ``year`` up to ``triwulan``, each from its own folders."""
    return triwulan_over(Workspace(config, Path(data_dir), reading), year, triwulan)


def triwulan_over(ws: Workspace, year: int, triwulan: int) -> TriwulanResult:
    """``compute_triwulan`` over a workspace shared with the rest of the run."""
    quarters: list[ComputeResult] = []
    for q in range(1, triwulan + 1):
        quarters.append(compute_quarter(ws, year, q, quarters[-1] if quarters else None))
    return TriwulanResult(year, triwulan, quarters)


def compute_quarter(
    ws: Workspace, year: int, triwulan: int, previous: ComputeResult | None = None
) -> ComputeResult:
    """One triwulan: the sheets its readings need, read and checked (an error stops the triwulan, as it stops
    a year), every indicator, the averages, and the budget of DATA_DIR/<year>/TW<n>/anggaran.xlsx.

    ``previous``: the triwulan before, for the triwulan's own realisasi of a kumulatif indicator.
    """
    config = ws.config
    reads = config.quarter_reads(year, triwulan)
    found = read_folders(ws, reads)
    blocked = any(blocks(f) for f in found)
    before = {i.id: i for i in previous.indicators} if previous is not None else {}
    results = [
        _indicator(ws, ref, year, triwulan, blocked, before.get(ref.indikator.id))
        for ref in config.indicators
    ]
    years = tuple(sorted({y for (y, _), _ in reads}))
    return assemble(ws, year, results, found, blocked, years, triwulan=triwulan)


def _indicator(
    ws: Workspace,
    ref: IndicatorRef,
    year: int,
    triwulan: int,
    blocked: bool,
    before: IndicatorResult | None,
) -> IndicatorResult:
    ind = ref.indikator
    bacaan = ind.bacaan
    measured: Measured
    if bacaan == Bacaan.TAHUNAN:
        why = f" ({ind.triwulan.alasan})" if ind.triwulan.alasan else ""
        measured = (formulas.Outcome(None, Status.ANNUAL_ONLY, ANNUAL_ONLY + why), None, [])
    elif bacaan is None:
        measured = (formulas.not_computed(Status.NO_READING, NO_READING), None, [])
    elif blocked:
        measured = (formulas.not_computed(Status.DATA_ERROR, DATA_ERROR), None, [])
    else:
        measured = realisasi(ws, ind, year, triwulan)
    outcome = measured[0]
    target = ind.target_sd(year, triwulan)
    cap = formulas.capaian(outcome.value, target, ind.better)
    if cap.status == Status.NO_TARGET:
        why = f"target {tw_label(triwulan)} {year} tidak ditetapkan (targets: {{{year}: {{tahunan, tw}}}})"
        cap = formulas.not_computed(Status.NO_TARGET, why)
    annual = ind.target(year)
    cap_year = formulas.capaian(outcome.value, annual, ind.better)
    tw = ind.target_tw(year)
    info = TriwulanInfo(
        triwulan=triwulan,
        bacaan=bacaan,
        jenis_capaian=ind.triwulan.capaian,
        periode=tuple(folder_name(p) for p in periods(ind, year, triwulan)),
        target_tahunan=annual,
        target_tw=tuple(tw) if tw is not None else None,
        capaian_tahunan=cap_year.value,
        capaian_tahunan_reason=cap_year.reason,
        realisasi_triwulan=_own(ind.triwulan.capaian, triwulan, outcome.value, before),
    )
    return indicator_result(ws, ref, measured, target, cap, triwulan=info)


def _own(
    jenis: JenisCapaian, triwulan: int, value: float | None, before: IndicatorResult | None
) -> float | None:
    """A kumulatif indicator's realisasi in the triwulan alone: s.d. this triwulan less s.d. the one before
    (a triwulan's data hold the year to date). None for nilai akhir, whose realisasi is a position."""
    if jenis != JenisCapaian.KUMULATIF or value is None:
        return None
    if triwulan == 1:
        return value
    if before is None or before.value is None:
        return None
    return value - before.value
