"""The rest of chapter III's Pengukuran Kinerja: earlier years, the baseline, the comparison figure, averages.

PermenPANRB 53/2014 asks chapter III to compare the realisasi with the target, with earlier years, with the
Renstra's end target and with national standards; LKjIPs of Dinas Koperasi also show the baseline (kondisi
awal Renstra) and the average capaian per sasaran that their "berhasil" statement rests on.
"""

from __future__ import annotations

from collections.abc import Sequence

from iku_cli.calc import formulas
from iku_cli.calc.realisasi import realisasi
from iku_cli.calc.results import (
    DATA_ERROR,
    Average,
    Baseline,
    Comparison,
    GroupResult,
    HistoryPoint,
    IndicatorResult,
    Status,
)
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Band, Config, Indikator, Level


def riwayat(ws: Workspace, ind: Indikator, year: int, years: int, blocked: bool) -> list[HistoryPoint]:
    """Years n−1 … n−``years``, the latest first: target, realisasi, capaian and kategori of each."""
    points = []
    for past in range(year - 1, year - 1 - years, -1):
        outcome = (
            formulas.not_computed(Status.DATA_ERROR, DATA_ERROR) if blocked else realisasi(ws, ind, past)[0]
        )
        target = ind.target(past)
        cap = formulas.capaian(outcome.value, target, ind.better)
        reason = outcome.reason or cap.reason
        kat = formulas.kategori(cap.value, ws.config.spec.kategori)
        points.append(HistoryPoint(past, target, outcome.value, cap.value, kat, outcome.status, reason))
    return points


def baseline(ws: Workspace, ind: Indikator, blocked: bool) -> Baseline:
    """The declared ``baseline``, else the realisasi computed for the year before the Renstra starts."""
    renstra = ws.config.spec.agency.renstra
    if renstra is None:
        return Baseline(
            None, None, None, "periode Renstra tidak dinyatakan di indicators.yaml (agency.renstra)"
        )
    year = renstra.start - 1
    if ind.baseline is not None:
        return Baseline(year, ind.baseline, "indicators.yaml")
    if blocked:
        return Baseline(year, None, None, f"{formulas.NOT_COMPUTED}: {DATA_ERROR}")
    outcome = realisasi(ws, ind, year)[0]
    if outcome.value is None:
        why = f"tidak dinyatakan (baseline:) dan {str(outcome.reason).removeprefix(formulas.NOT_COMPUTED + ': ')}"
        return Baseline(year, None, None, f"{formulas.NOT_COMPUTED}: {why}")
    return Baseline(year, outcome.value, "data")


def comparison(ind: Indikator, year: int) -> Comparison | None:
    """The declared national or provincial figure of the year; None when the indicator declares none."""
    if ind.pembanding is None:
        return None
    value = ind.pembanding.nilai.get(year)
    reason = None if value is not None else f"pembanding tahun {year} tidak dinyatakan di indicators.yaml"
    return Comparison(year, value, ind.pembanding.sumber, reason)


def average(capaian: Sequence[float | None], bands: Sequence[Band]) -> Average:
    """The simple mean of the capaian there are, with its kategori; the others are counted, not averaged."""
    present = [c for c in capaian if c is not None]
    if not present:
        why = f"{formulas.NOT_COMPUTED}: tidak ada indikator dengan capaian"
        return Average(None, None, 0, len(capaian), why)
    value = sum(present) / len(present)
    return Average(value, formulas.kategori(value, bands), len(present), len(capaian))


def groups(
    config: Config, results: list[IndicatorResult]
) -> tuple[list[GroupResult], list[GroupResult], Average, dict[int, Average]]:
    """Average capaian per tujuan (over its own indicators), per sasaran (over its IKU), and over all, this
    year's and (the last) each earlier year's of the riwayat."""
    bands = config.spec.kategori
    by_id = {r.id: r for r in results}

    def earlier(inds: list[IndicatorResult]) -> dict[int, Average]:
        years = sorted({p.tahun for r in inds for p in r.riwayat}, reverse=True)
        return {y: average([_capaian_of(r, y) for r in inds], bands) for y in years}

    def group(gid: str, level: Level, text: str, ids: list[str], tujuan_id: str | None = None) -> GroupResult:
        inds = [by_id[i] for i in ids]
        now = average([r.capaian for r in inds], bands)
        return GroupResult(gid, level, text, ids, now, earlier(inds), tujuan_id)

    tujuan, sasaran = [], []
    for t in config.spec.tujuan:
        tujuan.append(group(t.id, Level.TUJUAN, t.tujuan, [i.id for i in t.indikator]))
        for s in t.sasaran:
            sasaran.append(group(s.id, Level.SASARAN, s.sasaran, [i.id for i in s.indikator], t.id))
    return tujuan, sasaran, average([r.capaian for r in results], bands), earlier(results)


def _capaian_of(result: IndicatorResult, year: int) -> float | None:
    return next((p.capaian for p in result.riwayat if p.tahun == year), None)
