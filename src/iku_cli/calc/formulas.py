"""The indicator formulas, pure: growth and ratio; capaian and kategori against a target."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from iku_cli.calc.results import NOT_COMPUTED, Status
from iku_cli.config import Band, Better, Target


@dataclass(frozen=True)
class Outcome:
    """A computed value, or why there is none. ``value`` is None whenever ``status`` is not "ok"."""

    value: float | None
    status: Status
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == Status.OK


def not_computed(status: Status, why: str) -> Outcome:
    return Outcome(value=None, status=status, reason=f"{NOT_COMPUTED}: {why}")


def _finite(value: float, what: str) -> Outcome:
    if not math.isfinite(value):
        return not_computed(Status.NOT_FINITE, f"{what} bukan bilangan terhingga")
    return Outcome(value=value, status=Status.OK)


def growth(previous: float, current: float, year: int, base: str | None = None) -> Outcome:
    """(V(n) − V(n−1)) / V(n−1) × 100; ``base`` names V(n−1)'s folder when it is not the year n−1's."""
    if previous == 0:
        where = base or f"tahun {year - 1}"
        return not_computed(Status.ZERO_BASE, f"nilai {where} = 0, pertumbuhan dari nol tidak terdefinisi")
    return _finite((current - previous) / previous * 100, "pertumbuhan")


def ratio(numerator: float, denominator: float) -> Outcome:
    """numerator / denominator × 100."""
    if denominator == 0:
        return not_computed(Status.ZERO_DENOMINATOR, "penyebut = 0")
    return _finite(numerator / denominator * 100, "rasio")


def capaian(realisasi: float | None, target: Target | None, better: Better = Better.HIGHER) -> Outcome:
    """Achievement against a target, for a target of any sign.

    Higher is better: (1 + (R − T) / |T|) × 100; lower is better: (1 − (R − T) / |T|) × 100. For T > 0 these
    are PermenPANRB 8/2021's R / T × 100 and (1 + (1 − R / T)) × 100; for T < 0 (a growth target may be
    negative) they keep their meaning, where R / T does not: T −5, R −2 gives 160, not 40. That extension is
    iku's convention. A range target: inside it 100, above it the upper bound, below it the lower bound.
    """
    if realisasi is None:
        return not_computed(Status.NO_REALISASI, "realisasi tidak ada")
    if target is None:
        return not_computed(Status.NO_TARGET, "target tahun ini tidak ditetapkan")
    if isinstance(target, tuple):
        low, high = target
        if low <= realisasi <= high:
            return Outcome(value=100.0, status=Status.OK)
        target = high if realisasi > high else low
    if target == 0:
        return not_computed(Status.ZERO_TARGET, "target = 0, capaian tidak terdefinisi")
    relative = (realisasi - target) / abs(target)
    return _finite((1 - relative if better == Better.LOWER else 1 + relative) * 100, "capaian")


def kategori(value: float | None, bands: Sequence[Band]) -> str | None:
    """The band a capaian falls in; bands are half-open, highest first, the last without a minimum."""
    if value is None or math.isnan(value):
        return None
    for band in bands:
        if band.min is None or value >= band.min:
            return band.label
    return None
