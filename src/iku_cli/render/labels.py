"""Indonesian words for what the tool shows: levels, formulas, statuses, inputs."""

from __future__ import annotations

from iku_cli.numbers import format_auto, format_number, format_percent
from iku_cli.results import IndicatorResult

FORMULA = {"growth": "pertumbuhan", "ratio": "rasio"}
STATUS = {
    "ok": "dihitung",
    "data-missing": "data tidak tersedia",
    "data-error": "data mengandung kesalahan",
    "zero-base": "nilai tahun sebelumnya nol",
    "zero-denominator": "penyebut nol",
    "not-finite": "hasil tidak terhingga",
}


def value_text(ind: IndicatorResult, decimals: int = 2) -> str:
    """The realisasi as a person reads it: "10,23 %", or the words for why there is none."""
    if ind.value is None:
        return "tidak dapat dihitung"
    if ind.satuan.strip().casefold() in ("persen", "%"):
        return format_percent(ind.value, decimals)
    return f"{format_number(ind.value, decimals)} {ind.satuan}"


def inputs_text(ind: IndicatorResult, year: int) -> str:
    """The numbers the value is computed from: "31.475 → 34.694" or "83 / 852"."""
    if ind.formula == "growth":
        prev, cur = ind.inputs.get("v_n_1"), ind.inputs.get("v_n")
        return f"{year - 1}: {format_auto(prev)}\n{year}: {format_auto(cur)}"
    num, den = ind.inputs.get("pembilang"), ind.inputs.get("penyebut")
    return f"{format_auto(num)} / {format_auto(den)}"


def target_text(target: float | tuple[float, float] | None, satuan: str = "") -> str:
    """A target as people read it: "9,50" for percentages, "5,00–6,00" for a range, "–" for none."""
    if target is None:
        return "–"
    decimals = 2 if satuan.strip().casefold() in ("persen", "%") else 0
    if isinstance(target, tuple):
        return f"{format_number(target[0], decimals)}–{format_number(target[1], decimals)}"
    return format_number(target, decimals)
