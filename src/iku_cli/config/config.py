"""A loaded indicators.yaml and the questions the rest of iku asks of it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

from iku_cli.config.model import Indikator, Sasaran, Spec, Tujuan, conditions


class Level(StrEnum):
    """Where an indicator sits: an indikator kinerja tujuan, or an IKU of a sasaran."""

    TUJUAN = "tujuan"
    SASARAN = "sasaran"


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator with its place in the hierarchy: level, tujuan and (for IKU) sasaran."""

    indikator: Indikator
    level: Level
    tujuan: Tujuan
    sasaran: Sasaran | None


@dataclass(frozen=True)
class Config:
    """A loaded, checked indicators.yaml."""

    spec: Spec
    path: Path

    @property
    def indicators(self) -> list[IndicatorRef]:
        """Every indicator in document order: a tujuan's own first, then its sasaran's."""
        refs: list[IndicatorRef] = []
        for tujuan in self.spec.tujuan:
            refs += [IndicatorRef(ind, Level.TUJUAN, tujuan, None) for ind in tujuan.indikator]
            for sasaran in tujuan.sasaran:
                refs += [IndicatorRef(ind, Level.SASARAN, tujuan, sasaran) for ind in sasaran.indikator]
        return refs

    def columns_used(self, source_id: str) -> set[str]:
        """Columns of a source that some measure sums, counts or filters on: they must be in the sheet."""
        used: set[str] = set()
        for measure in self.spec.measures.values():
            if measure.source == source_id:
                used |= {measure.column} if measure.column else set()
                for flt in (measure.where, measure.where_previous):
                    used |= {cond.column for cond, _ in conditions(flt)}
                if measure.follows_key and self.spec.sources[source_id].key:
                    used.add(str(self.spec.sources[source_id].key))
        return used

    def indicator(self, indicator_id: str) -> IndicatorRef | None:
        """The indicator with this id, compared without case or surrounding spaces."""
        wanted = indicator_id.strip().casefold()
        return next((r for r in self.indicators if r.indikator.id.casefold() == wanted), None)


def default_config_path() -> Path:
    """The indicators.yaml shipped in the package, or the repository's own when run from a checkout."""
    shipped = resources.files("iku_cli") / "indicators.yaml"
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "indicators.yaml"
