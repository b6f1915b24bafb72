"""The declared shape of indicators.yaml, as pydantic models: each block checks itself (cross-references are
checked in ``crosscheck``). The indicators, targets, plan and budget are here; the data sources, columns,
filters and measures in ``sources``."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from iku_cli.config.sources import Block, Measure, Source


class Better(StrEnum):
    """Which direction of an indicator is good: it decides the capaian formula."""

    HIGHER = "higher"
    LOWER = "lower"


class FormulaType(StrEnum):
    GROWTH = "growth"
    RATIO = "ratio"


def parse_kode(text: object) -> tuple[int, ...] | None:
    """A budget code (Permendagri 90/2019: program 2.17.07, kegiatan 2.17.07.2.01, sub kegiatan
    2.17.07.2.01.0003) as its numbers, or None when it is not digits separated by dots.

    Compared as numbers, a level digit written "02" is the same as "2", and 2.17.07 is a prefix of 2.17.07.2.01
    but not of 2.17.070."""
    parts = str(text).strip().split(".")
    if not all(p.isascii() and p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def _kode_list(codes: list[str]) -> list[str]:
    for code in codes:
        if parse_kode(code) is None:
            raise ValueError(
                f"'{code}' is not a program code; write digits separated by dots, e.g. '2.17.07'"
            )
    return codes


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class GrowthFormula(Block):
    type: Literal["growth"]
    measures: list[str] = Field(min_length=1)

    _list = field_validator("measures", mode="before")(_as_list)

    @property
    def measure_ids(self) -> list[str]:
        """Every measure the formula uses, in the order written."""
        return list(self.measures)


class RatioFormula(Block):
    type: Literal["ratio"]
    numerator: list[str] = Field(min_length=1)
    denominator: list[str] = Field(min_length=1)

    _list = field_validator("numerator", "denominator", mode="before")(_as_list)

    @property
    def measure_ids(self) -> list[str]:
        """Every measure the formula uses: the numerator's, then the denominator's."""
        return [*self.numerator, *self.denominator]


Formula = Annotated[GrowthFormula | RatioFormula, Field(discriminator="type")]
Target = float | tuple[float, float]
TRIWULAN = (1, 2, 3, 4)
ROMAN = ("I", "II", "III", "IV")
QUARTER_END = ("31 Maret", "30 Juni", "30 September", "31 Desember")


def tw_label(triwulan: int) -> str:
    """ "TW II": a triwulan as the PK forms name it."""
    return f"TW {ROMAN[triwulan - 1]}"


def plausible_year(year: int) -> bool:
    """A year as a Renstra or a data folder names one (2024), not a slip (24, 0)."""
    return 1900 <= year <= 2200


def target_value(value: Any) -> Target:
    """A number, or a range [low, high], as a target; anything else is a mistake worth a clear message."""
    if is_number(value):
        return float(value)
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(is_number(t) for t in value):
        return (float(value[0]), float(value[1]))
    if value is None:
        raise ValueError(
            "a target without a value; write a number (e.g. 10.5) or a range [low, high]. Decimals take a dot: "
            "in {2021: 8,5} the comma ends the entry, and YAML reads a year 5 with no target"
        )
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+,\d+\s*", value):
        raise ValueError(
            f"target '{value}' has a decimal comma; write it with a dot: {value.strip().replace(',', '.')}"
        )
    raise ValueError(f"target '{value}' is not a number (e.g. 10.5) or a range [low, high]")


class TargetTriwulan(Block):
    """A year's target with one target per triwulan (TW I–IV).

    With capaian ``nilai_akhir`` each is the position to reach by the quarter's end (TW IV's is the year's);
    with ``kumulatif`` each is the quarter's own share (the four add up to the year's).
    """

    tahunan: Any
    tw: list[Any]

    @field_validator("tahunan")
    @classmethod
    def _tahunan(cls, value: Any) -> Target:
        return target_value(value)

    @field_validator("tw")
    @classmethod
    def _tw(cls, values: list[Any]) -> list[Target]:
        if len(values) != len(TRIWULAN):
            raise ValueError(
                f"tw has {len(values)} target{'s' * (len(values) != 1)}; write four, one per triwulan: "
                "[TW I, TW II, TW III, TW IV]"
            )
        return [target_value(v) for v in values]


def _target_kind(value: Any) -> str:
    return "<triwulan>" if isinstance(value, (dict, TargetTriwulan)) else "<tahunan>"


# A year's target: a number or a range (the year's only), or {tahunan: ..., tw: [...]} with the quarters'.
YearTarget = Annotated[
    Annotated[Annotated[Any, AfterValidator(target_value)], Tag("<tahunan>")]
    | Annotated[TargetTriwulan, Tag("<triwulan>")],
    Discriminator(_target_kind),
]


class Bacaan(StrEnum):
    """How an indicator is read over part of a year (BPS: c-to-c against q-to-q and end-of-period figures)."""

    C_TO_C = "c-to-c"  # a growth: the year to the quarter's end against the same part of n−1
    SNAPSHOT = "snapshot"  # a growth: the position at the quarter's end against the end of n−1
    TRIWULAN = "triwulan"  # a ratio: on the quarter's own data (a ratio's default)
    TAHUNAN = "tahunan"  # annual only: no quarterly value (PDRB of a kota is published once a year)


class JenisCapaian(StrEnum):
    """How a quarter's capaian is taken (Permendagri 86/2017 practice; research/domain §4.2)."""

    NILAI_AKHIR = "nilai_akhir"  # realisasi s.d. TW n / target TW n × 100
    KUMULATIF = "kumulatif"  # Σ realisasi TW 1..n / Σ target TW 1..n × 100


def quarter_target(tw: list[Target], triwulan: int, jenis: JenisCapaian) -> Target:
    """The target s.d. a triwulan: that triwulan's (nilai akhir), or the sum of the triwulan so far
    (kumulatif; ranges add up bound by bound)."""
    if jenis == JenisCapaian.NILAI_AKHIR:
        return tw[triwulan - 1]
    so_far = tw[:triwulan]
    low = sum(t[0] if isinstance(t, tuple) else t for t in so_far)
    high = sum(t[1] if isinstance(t, tuple) else t for t in so_far)
    return (low, high) if any(isinstance(t, tuple) for t in so_far) else low


class Triwulan(Block):
    """The indicator over part of a year: how it is read, how its quarterly capaian is taken, why it is not."""

    bacaan: Bacaan | None = None
    capaian: JenisCapaian = JenisCapaian.NILAI_AKHIR
    alasan: str | None = None  # why it is annual only (bacaan: tahunan), shown in place of a value

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        """``triwulan: c-to-c`` is ``triwulan: {bacaan: c-to-c}``."""
        return {"bacaan": data} if isinstance(data, str) else data


class Pembanding(Block):
    """A national or provincial figure to compare the realisasi with: its values by year and where they are from."""

    sumber: str
    nilai: dict[int, float] = Field(min_length=1)


class Indikator(Block):
    id: str
    nama: str
    satuan: str
    formula: Formula
    formulasi: str
    sumber_data: str | None = None
    unit_kerja: str | None = None
    targets: dict[int, YearTarget] = {}
    better: Better = Better.HIGHER
    baseline: float | None = None  # kondisi awal: the realisasi of the year before the Renstra starts
    pembanding: Pembanding | None = None
    triwulan: Triwulan = Triwulan()

    @field_validator("targets")
    @classmethod
    def _years(cls, targets: dict[int, Any]) -> dict[int, Any]:
        for year in targets:
            if not plausible_year(year):
                raise ValueError(
                    f"{year} is not a year; targets are written {{2024: 9.5, 2025: 10.0}}, with a dot for "
                    "decimals (a decimal comma, 8,5, makes YAML read a year 5)"
                )
        return targets

    def target(self, year: int) -> Target | None:
        """The year's target (a number or a range), whether or not it has quarterly targets."""
        entry = self.targets.get(year)
        return entry.tahunan if isinstance(entry, TargetTriwulan) else entry

    def target_tw(self, year: int) -> list[Target] | None:
        """The four quarterly targets of the year as declared; None when the year has none."""
        entry = self.targets.get(year)
        return list(entry.tw) if isinstance(entry, TargetTriwulan) else None

    def target_sd(self, year: int, triwulan: int) -> Target | None:
        """The target s.d. a triwulan, by the capaian type; None when the year has no quarterly targets."""
        tw = self.target_tw(year)
        return quarter_target(tw, triwulan, self.triwulan.capaian) if tw is not None else None

    @property
    def bacaan(self) -> Bacaan | None:
        """How the indicator is read over part of a year: as declared; a ratio on the quarter's data by
        default; None for a growth that does not say (c-to-c or snapshot is a choice, never a default)."""
        if self.triwulan.bacaan is not None:
            return self.triwulan.bacaan
        return Bacaan.TRIWULAN if isinstance(self.formula, RatioFormula) else None


class Sasaran(Block):
    id: str
    sasaran: str
    indikator: list[Indikator] = Field(min_length=1)
    program: list[str] = []  # the codes (or any code prefix) of the budget rows that serve this sasaran

    _codes = field_validator("program")(_kode_list)


class Tujuan(Block):
    id: str
    tujuan: str
    indikator: list[Indikator] = []
    sasaran: list[Sasaran] = []


class Renstra(Block):
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Renstra:
        if self.start > self.end:
            raise ValueError(
                f"the Renstra period starts in {self.start}, after it ends in {self.end}; write start <= end"
            )
        return self


class Agency(Block):
    nama: str
    tugas: str | None = None
    fungsi: list[str] = []
    renstra: Renstra | None = None


class Band(Block):
    label: str
    min: float | None = None


DEFAULT_KATEGORI = (
    Band(label="Sangat Tinggi", min=91),
    Band(label="Tinggi", min=76),
    Band(label="Sedang", min=66),
    Band(label="Rendah", min=51),
    Band(label="Sangat Rendah", min=None),
)


class Anggaran(Block):
    """Where the budget (pagu and realisasi per program, kegiatan, sub kegiatan) is read from."""

    source: str  # a source with the columns kode, nama, pagu and realisasi
    penunjang: list[str] = []  # codes that serve no sasaran on purpose (the secretariat's program)

    _codes = field_validator("penunjang")(_kode_list)


class Validation(Block):
    max_change: float = Field(default=50.0, gt=0)  # percent change of a measure from n-1 worth a warning


class Spec(Block):
    agency: Agency
    sources: dict[str, Source] = Field(min_length=1)
    measures: dict[str, Measure] = Field(min_length=1)
    tujuan: list[Tujuan] = Field(min_length=1)
    kategori: list[Band] = list(DEFAULT_KATEGORI)
    anggaran: Anggaran | None = None
    validation: Validation = Validation()


def all_keys() -> set[str]:
    """Every key any block of indicators.yaml may have (for "did you mean" on an unknown key)."""
    return {name for model in Block.__subclasses__() for name in model.model_fields}
