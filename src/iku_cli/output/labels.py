"""What people read: Indonesian words for formulas and values, targets, and the colour of each kategori."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from iku_cli.calc.results import (
    BY_DECLARATION,
    NOT_COMPUTED,
    ComputeResult,
    GroupResult,
    GrowthInputs,
    IndicatorResult,
)
from iku_cli.config import Band, FormulaType, JenisCapaian, Level, Target
from iku_cli.numbers import format_auto, format_number, format_percent

FORMULA_WORDS = {FormulaType.GROWTH: "pertumbuhan", FormulaType.RATIO: "rasio"}

# Green to red, from the highest kategori band to the lowest (hex RGB, as spreadsheets take them).
KATEGORI_COLOURS = ["63BE7B", "B5D98A", "FFEB84", "FBAA77", "F8696B"]
_DEFAULT_BANDS = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def kategori_colour(label: str | None, bands: Sequence[Band]) -> str | None:
    """The colour of a kategori by its rank in the scale, whatever the bands are called."""
    if label is None:
        return None
    if label in _DEFAULT_BANDS:
        return KATEGORI_COLOURS[_DEFAULT_BANDS.index(label)]
    labels = [b.label for b in bands]
    if label in labels:
        rank = labels.index(label) * (len(KATEGORI_COLOURS) - 1) // max(len(labels) - 1, 1)
        return KATEGORI_COLOURS[rank]
    return None


def is_percent(satuan: str) -> bool:
    return satuan.strip().casefold() in ("persen", "%")


def value_text(ind: IndicatorResult, decimals: int = 2) -> str:
    """The realisasi as a person reads it: "10,23 %", or the words for why there is none."""
    if ind.value is None:
        return ind.status.words if ind.status in BY_DECLARATION else NOT_COMPUTED
    return amount_text(ind.value, ind.satuan, decimals)


def amount_text(value: float, satuan: str, decimals: int = 2) -> str:
    """A number in an indicator's satuan: "4,43 %", "1.250,00 unit"."""
    if is_percent(satuan):
        return format_percent(value, decimals)
    return f"{format_number(value, decimals)} {satuan}"


def inputs_text(ind: IndicatorResult, year: int) -> str:
    """The numbers the value is computed from: "2023: 31.475\\n2024: 34.694" or "83 / 852"; at a triwulan
    with the reading and the folders compared, "c-to-c 2023/TW2: 31.002\\n2024/TW2: 33.870"."""
    if isinstance(ind.inputs, GrowthInputs):
        before, now = periods_text(ind, year)
        return f"{before}: {format_auto(ind.inputs.v_n_1)}\n{now}: {format_auto(ind.inputs.v_n)}"
    if ind.inputs is None:
        return ""
    return f"{format_auto(ind.inputs.pembilang)} / {format_auto(ind.inputs.penyebut)}"


def realisasi_shown(ind: IndicatorResult) -> float | None:
    """The realisasi a PK form shows for a triwulan: in the triwulan alone for a kumulatif indicator (its
    targets are per triwulan), s.d. the triwulan's end otherwise."""
    info = ind.triwulan
    if info is not None and info.jenis_capaian == JenisCapaian.KUMULATIF:
        return info.realisasi_triwulan
    return ind.value


def periods_text(ind: IndicatorResult, year: int) -> tuple[str, str]:
    """What a growth compares: "2023" and "2024"; at a triwulan its reading and folders, "c-to-c 2023/TW2"."""
    info = ind.triwulan
    if info is None or len(info.periode) != 2:
        return str(year - 1), str(year)
    return f"{info.bacaan} {info.periode[0]}", info.periode[1]


def target_text(target: Target | None, satuan: str = "") -> str:
    """A target as people read it: "9,50" for percentages, "5,00–6,00" for a range, "–" for none."""
    if target is None:
        return "–"
    decimals = 2 if is_percent(satuan) else 0
    if isinstance(target, tuple):
        return f"{format_number(target[0], decimals)}–{format_number(target[1], decimals)}"
    return format_number(target, decimals)


@dataclass(frozen=True)
class Block:
    """Indicators shown together: a tujuan's own (indikator kinerja tujuan), or one sasaran's IKU."""

    level: Level
    id: str  # of the tujuan or sasaran
    text: str
    tujuan_id: str
    tujuan: str
    indicators: list[IndicatorResult]
    group: GroupResult | None  # its average capaian, when the result carries it


def blocks(result: ComputeResult) -> list[Block]:
    """The result's indicators in runs of one tujuan's own or one sasaran's, in order."""
    groups = {(g.level, g.id): g for g in [*result.tujuan, *result.sasaran]}
    out: list[Block] = []
    for ind in result.indicators:
        level = Level.SASARAN if ind.level == Level.SASARAN else Level.TUJUAN
        gid, text = (
            (ind.sasaran_id or "", ind.sasaran or "")
            if level == Level.SASARAN
            else (ind.tujuan_id, ind.tujuan)
        )
        if out and (out[-1].level, out[-1].id, out[-1].tujuan_id) == (level, gid, ind.tujuan_id):
            out[-1].indicators.append(ind)
        else:
            out.append(Block(level, gid, text, ind.tujuan_id, ind.tujuan, [ind], groups.get((level, gid))))
    return out


def averaged_words(averaged: int, count: int) -> str:
    """ "2 dari 3 indikator": how many indicators an average was taken over."""
    return f"{averaged} dari {count} indikator"
