"""Declarations in Indonesian words, for people: filters, aggregates and formulas as iku shows them."""

from __future__ import annotations

from iku_cli.config.model import GrowthFormula, RatioFormula, Spec, tw_label
from iku_cli.config.sources import AllOf, Column, Condition, Filter, Measure, Source
from iku_cli.numbers import format_exact

_OP_WORDS = {
    "eq": "=",
    "ne": "≠",
    "in": "salah satu dari",
    "not_in": "bukan salah satu dari",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
}
_AGGREGATE_WORDS = {"count": "jumlah baris", "count_distinct": "jumlah {col} berbeda", "sum": "jumlah {col}"}


def describe_filter(flt: Filter | None, source: Source | None = None) -> str:
    """A filter in words: "Skala Usaha = Mikro dan Omzet per Tahun (Rp) > 300.000.000"."""
    if flt is None:
        return "semua baris"
    if isinstance(flt, Condition):
        name = source.columns[flt.column].label if source and flt.column in source.columns else flt.column
        if flt.op == "blank":
            return f"{name} kosong"
        if flt.op == "not_blank":
            return f"{name} terisi"
        if isinstance(flt.value, list):
            value = "{" + ", ".join(_value_words(v) for v in flt.value) + "}"
        else:
            value = _value_words(flt.value)
        return f"{name} {_OP_WORDS[flt.op]} {value}"
    joiner = " dan " if isinstance(flt, AllOf) else " atau "
    parts = flt.all if isinstance(flt, AllOf) else flt.any
    words = [describe_filter(p, source) for p in parts]
    return joiner.join(w if isinstance(p, Condition) else f"({w})" for p, w in zip(parts, words, strict=True))


def describe_measure_filter(
    measure: Measure, source: Source, year: int | None = None, triwulan: int | None = None
) -> str:
    """A measure's filter in words, saying which year it is about when that is not the year reported.

    "tahun 2023: Skala Usaha = Mikro ...; tahun 2024, NIB yang sama: Omzet per Tahun (Rp) > 300.000.000"
    (``year``: the year the measure counts, the later of two; without it, "tahun n−1" and "tahun n";
    ``triwulan``: counted on that triwulan's data of ``year``, "tahun 2024 s.d. TW II").
    """
    if measure.where_previous is None:
        words = describe_filter(measure.where, source)
        if measure.year == "n-1":
            return f"tahun {year if year is not None else 'n−1'}: {words}"
        return words
    if year is not None:
        before, after = f"{year - 1}", f"{year}" + (f" s.d. {tw_label(triwulan)}" if triwulan else "")
    else:
        before, after = ("n−2", "n−1") if measure.year == "n-1" else ("n−1", "n")
    key = source.columns[source.key].header if source.key in source.columns else "kunci"
    return (
        f"tahun {before}: {describe_filter(measure.where_previous, source)}; "
        f"tahun {after}, {key} yang sama: {describe_filter(measure.where, source)}"
    )


def _value_words(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_exact(value)  # 0.5 -> "0,5", not "0,500000"
    return str(value)


def aggregate_words(aggregate: str, column_label: str | None) -> str:
    """How a measure is taken: "jumlah baris", "jumlah NIB berbeda", "jumlah Omzet per Tahun (Rp)"."""
    return _AGGREGATE_WORDS[aggregate].format(col=column_label or "")


def measure_column(spec: Spec, measure: Measure) -> Column | None:
    """The column a measure counts or sums, as declared; None for a count of rows."""
    return spec.sources[measure.source].columns.get(measure.column) if measure.column else None


def formula_words(spec: Spec, formula: GrowthFormula | RatioFormula) -> str:
    """ "pertumbuhan dari: Jumlah usaha mikro" or "rasio: ... / ...", with the measures' labels."""

    def labels(names: list[str]) -> str:
        return " + ".join(spec.measures[n].label or n for n in names)

    if isinstance(formula, GrowthFormula):
        return f"pertumbuhan dari: {labels(formula.measures)}"
    return f"rasio: {labels(formula.numerator)} / {labels(formula.denominator)}"
