"""A loaded indicators.yaml and the questions the rest of iku asks of it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

from iku_cli.config.model import Bacaan, GrowthFormula, Indikator, Sasaran, Spec, Tujuan
from iku_cli.config.sources import Measure, conditions

# A folder of data: (year, triwulan), the triwulan None for the year's own folder (the final annual data).
Folder = tuple[int, int | None]


class UnknownIndicator(ValueError):
    """An id that indicators.yaml does not declare; carries the valid ids."""

    def __init__(self, wanted: str, valid: list[str]):
        super().__init__(f"unknown indicator '{wanted}'; valid ids: {', '.join(valid)}")
        self.valid = valid


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

    def years_for(self, year: int) -> list[int]:
        """The years a computation of ``year`` reads, for all its indicators."""
        return sorted({y for ref in self.indicators for y in self.indicator_years(ref, year)})

    def indicator_years(self, ref: IndicatorRef, year: int) -> set[int]:
        """The years one indicator of ``year`` reads: a growth compares year n with n−1, a ratio needs n only;
        a measure of n−1, or over two years, reaches back one more."""
        formula = ref.indikator.formula
        reported = [year - 1, year] if isinstance(formula, GrowthFormula) else [year]
        return {
            y for mid in formula.measure_ids for r in reported for y in self.spec.measures[mid].data_years(r)
        }

    def quarter_reads(self, year: int, triwulan: int) -> list[tuple[Folder, str]]:
        """(folder, source) of every sheet the indicators read for a triwulan, in reading order: the
        triwulan's folder first, then the folders of n−1 their readings compare with."""
        reads: set[tuple[Folder, str]] = set()
        for ref in self.indicators:
            for period in periods(ref.indikator, year, triwulan):
                for mid in ref.indikator.formula.measure_ids:
                    measure = self.spec.measures[mid]
                    reads |= {(folder, measure.source) for folder in measure_folders(measure, *period)}
        order = list(self.spec.sources)
        return sorted(reads, key=lambda r: (-r[0][0], r[0][1] is None, order.index(r[1])))

    def triwulan_reads(self, year: int, triwulan: int) -> list[tuple[Folder, str]]:
        """(folder, source) of every sheet triwulan 1 .. ``triwulan`` read, each once, in reading order: a
        triwulan's indicators, then its budget (DATA_DIR/<year>/TW<n>/anggaran.xlsx) when one is declared."""
        reads: dict[tuple[Folder, str], None] = {}
        budget = self.spec.anggaran.source if self.spec.anggaran else None
        for q in range(1, triwulan + 1):
            reads |= dict.fromkeys(self.quarter_reads(year, q))
            if budget is not None:
                reads[((year, q), budget)] = None
        return list(reads)

    def sheets(self) -> list[tuple[str, str, str]]:
        """(source id, workbook, sheet) of every declared source, in the order they are read."""
        return [(sid, source.workbook, source.sheet) for sid, source in self.spec.sources.items()]

    def indicator(self, indicator_id: str) -> IndicatorRef | None:
        """The indicator with this id, compared without case or surrounding spaces."""
        wanted = indicator_id.strip().casefold()
        return next((r for r in self.indicators if r.indikator.id.casefold() == wanted), None)

    def require_indicator(self, indicator_id: str) -> IndicatorRef:
        """``indicator``, or UnknownIndicator listing the valid ids."""
        ref = self.indicator(indicator_id)
        if ref is None:
            raise UnknownIndicator(indicator_id, [r.indikator.id for r in self.indicators])
        return ref


def measure_folders(measure: Measure, year: int, triwulan: int | None = None) -> list[Folder]:
    """The folders a measure reads for the report of ``year`` (at ``triwulan``): the data of ``year`` itself
    from the triwulan's folder, an earlier year's (``year: n-1``, ``where_previous``) from its annual folder."""
    return [(y, triwulan if y == year else None) for y in measure.data_years(year)]


def periods(ind: Indikator, year: int, triwulan: int | None = None) -> list[Folder]:
    """The periods an indicator's formula is evaluated on: V(n−1) and V(n) of a growth, n of a ratio.

    For a triwulan, by the indicator's reading: c-to-c compares the same triwulan folder of n−1, snapshot
    the annual folder of n−1, a ratio takes the triwulan's own; annual-only or undeclared readings have none.
    """
    growth = isinstance(ind.formula, GrowthFormula)
    if triwulan is None:
        return [(year - 1, None), (year, None)] if growth else [(year, None)]
    bacaan = ind.bacaan
    if bacaan == Bacaan.C_TO_C:
        return [(year - 1, triwulan), (year, triwulan)]
    if bacaan == Bacaan.SNAPSHOT:
        return [(year - 1, None), (year, triwulan)]
    if bacaan == Bacaan.TRIWULAN:
        return [(year, triwulan)]
    return []


def folder_name(folder: Folder) -> str:
    """ "2024" or "2024/TW2": a folder as findings and results name it, relative to DATA_DIR."""
    year, triwulan = folder
    return str(year) if triwulan is None else f"{year}/TW{triwulan}"


def default_config_path() -> Path:
    """The indicators.yaml shipped in the package, or the repository's own when run from a checkout."""
    shipped = resources.files("iku_cli") / "indicators.yaml"
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "indicators.yaml"
