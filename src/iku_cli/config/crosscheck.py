"""References between the blocks of indicators.yaml: columns, measures and ids must exist and fit together.

Each check yields (location, message); the loader turns the location into a line of the file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from iku_cli.config.model import (
    TRIWULAN,
    Anggaran,
    Bacaan,
    Band,
    GrowthFormula,
    Indikator,
    JenisCapaian,
    Renstra,
    Spec,
    Target,
    is_number,
    parse_kode,
    quarter_target,
    tw_label,
)
from iku_cli.config.sources import NUMERIC_TYPES, Condition, Measure, Source, conditions
from iku_cli.text import closest, normalise

Location = tuple[str | int, ...]
Problem = tuple[Location, str]


def cross_check(spec: Spec) -> Iterator[Problem]:
    """Every problem between blocks, in the order of the file."""
    for sid, source in spec.sources.items():
        yield from _check_source(sid, source)
    for mid, measure in spec.measures.items():
        yield from _check_measure(mid, measure, spec)
    yield from _check_indicators(spec)
    yield from _check_kategori(spec.kategori)
    yield from _check_anggaran(spec)


def _did_you_mean(name: str, options: Iterable[str]) -> str:
    near = closest(name, options)
    return f" (did you mean '{near}'?)" if near else ""


def _check_source(sid: str, source: Source) -> Iterator[Problem]:
    cols = source.columns
    if source.key and source.key not in cols:
        yield (
            ("sources", sid, "key"),
            f"key '{source.key}' is not a column of source '{sid}'{_did_you_mean(source.key, cols)}",
        )
    for cid, column in cols.items():
        at: Location = ("sources", sid, "columns", cid, "required_when")
        for cond, sub in conditions(column.required_when):
            yield from _check_condition(cond, source, (*at, *sub))


def _check_measure(mid: str, measure: Measure, spec: Spec) -> Iterator[Problem]:
    at: Location = ("measures", mid)
    source = spec.sources.get(measure.source)
    if source is None:
        yield (
            (*at, "source"),
            f"measure '{mid}' names source '{measure.source}', which is not declared"
            f"{_did_you_mean(measure.source, spec.sources)}",
        )
        return
    column = source.columns.get(measure.column) if measure.column else None
    if measure.column and column is None:
        problem = f"names column '{measure.column}', not declared in source '{measure.source}'"
        yield (*at, "column"), f"measure '{mid}' {problem}{_did_you_mean(measure.column, source.columns)}"
    elif column is not None and measure.aggregate == "sum" and column.type not in NUMERIC_TYPES:
        problem = f"sums column '{measure.column}', which is of type {column.type}, not a number"
        yield (*at, "column"), f"measure '{mid}' {problem}"
    for part in ("where", "where_previous"):
        for cond, sub in conditions(getattr(measure, part)):
            yield from _check_condition(cond, source, (*at, part, *sub))
    if measure.follows_key and not source.key:
        yield (
            (*at, "where_previous"),
            f"measure '{mid}' uses where_previous, which follows each row to the year before by the source's "
            f"key; source '{measure.source}' declares no key (add e.g. key: {next(iter(source.columns))})",
        )


def _indicator_places(spec: Spec) -> Iterator[tuple[Location, Indikator]]:
    """Every indicator with its location: a tujuan's own, then its sasaran's."""
    for ti, tujuan in enumerate(spec.tujuan):
        for i, ind in enumerate(tujuan.indikator):
            yield ("tujuan", ti, "indikator", i), ind
        for si, sasaran in enumerate(tujuan.sasaran):
            for i, ind in enumerate(sasaran.indikator):
                yield ("tujuan", ti, "sasaran", si, "indikator", i), ind


def _check_indicators(spec: Spec) -> Iterator[Problem]:
    seen: set[str] = set()
    for at, ind in _indicator_places(spec):
        if ind.id in seen:
            yield (*at, "id"), f"indicator id '{ind.id}' is used twice; give each indicator its own id"
        seen.add(ind.id)
        for m in ind.formula.measure_ids:
            if m not in spec.measures:
                yield (
                    (*at, "formula"),
                    f"indicator {ind.id} uses measure '{m}', which is not declared under measures"
                    f"{_did_you_mean(m, spec.measures)}",
                )
        yield from _check_targets(ind, spec.agency.renstra, at)
        yield from _check_triwulan(ind, at)
    ids = [t.id for t in spec.tujuan] + [s.id for t in spec.tujuan for s in t.sasaran]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        yield ("tujuan",), f"tujuan/sasaran id '{dup}' is used twice; give each its own id"


def _check_kategori(bands: list[Band]) -> Iterator[Problem]:
    mins = [b.min for b in bands[:-1] if b.min is not None]
    ordered = len(mins) == len(bands) - 1 and mins == sorted(mins, reverse=True)
    if not bands or bands[-1].min is not None or not ordered:
        yield (
            ("kategori",),
            "kategori: list bands from highest to lowest, each with 'min', the last without 'min'",
        )


def _check_condition(cond: Condition, source: Source, at: Location) -> Iterator[Problem]:
    column = source.columns.get(cond.column)
    if column is None:
        yield (
            at,
            f"filter names column '{cond.column}', not declared in the source"
            f"{_did_you_mean(cond.column, source.columns)}",
        )
        return
    values = cond.value if isinstance(cond.value, list) else [cond.value]
    if column.type == "category" and cond.op in ("eq", "ne", "in", "not_in"):
        allowed = {normalise(a) for a in column.allowed or []}
        for v in values:
            if normalise(v) not in allowed:
                yield (
                    at,
                    f"filter value '{v}' is not an allowed value of '{cond.column}' ({', '.join(column.allowed or [])})",
                )
    if column.type in NUMERIC_TYPES and cond.op in ("eq", "ne", "in", "not_in"):
        for v in values:
            if not is_number(v):
                yield at, f"filter compares number column '{cond.column}' with '{v}'; write a number"
    if cond.op in ("gt", "ge", "lt", "le") and column.type not in NUMERIC_TYPES:
        yield at, f"filter compares column '{cond.column}' (type {column.type}) as a number; use eq/ne/in"


def _check_targets(ind: Indikator, renstra: Renstra | None, at: Location) -> Iterator[Problem]:
    for year in ind.targets:
        where = (*at, "targets", year)
        tw = ind.target_tw(year)
        named = [(f"target range for {year}", ind.target(year))]
        named += [
            (f"{tw_label(q)} target range for {year}", t) for q, t in zip(TRIWULAN, tw or [], strict=False)
        ]
        for what, target in named:
            if isinstance(target, tuple) and target[0] > target[1]:
                yield (
                    where,
                    f"indicator {ind.id}: {what} has low {target[0]:g} above high {target[1]:g}; write [low, high]",
                )
        if renstra is not None and not renstra.start <= year <= renstra.end:
            yield (
                where,
                f"indicator {ind.id}: target year {year} is outside the Renstra period {renstra.start}-{renstra.end}",
            )
        if tw is not None:
            yield from _check_quarter_targets(ind, year, tw, where)


def _check_quarter_targets(ind: Indikator, year: int, tw: list[Target], where: Location) -> Iterator[Problem]:
    """Quarterly targets agree with the year's, and the indicator says how its quarters are read."""
    if ind.bacaan == Bacaan.TAHUNAN:
        yield (
            where,
            f"indicator {ind.id} is annual only (triwulan: tahunan) but has targets per triwulan for {year}; "
            "remove tw, or declare how it is read over part of a year",
        )
    elif ind.bacaan is None:
        yield (
            where,
            f"indicator {ind.id} has targets per triwulan for {year}; declare how its growth is read over part "
            "of a year: triwulan: c-to-c (against the same triwulan of n-1) or triwulan: snapshot (against "
            "the end of n-1)",
        )
    kumulatif = ind.triwulan.capaian == JenisCapaian.KUMULATIF
    year_end = quarter_target(tw, len(TRIWULAN), ind.triwulan.capaian)
    annual = ind.target(year)
    if annual is not None and not _same_target(year_end, annual):
        words = "the four add up to" if kumulatif else "the TW IV target is"
        why = (
            "each is the triwulan's own share" if kumulatif else "each is the position at the triwulan's end"
        )
        yield (
            where,
            f"indicator {ind.id}: with capaian {ind.triwulan.capaian} ({why}) {words} {_target_words(year_end)}, "
            f"not the year's target {_target_words(annual)}; make them agree",
        )


def _same_target(a: Target, b: Target) -> bool:
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    xs, ys = (a if isinstance(a, tuple) else (a,)), (b if isinstance(b, tuple) else (b,))
    return all(math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9) for x, y in zip(xs, ys, strict=True))


def _target_words(target: Target) -> str:
    return f"[{target[0]:g}, {target[1]:g}]" if isinstance(target, tuple) else f"{target:g}"


def _check_triwulan(ind: Indikator, at: Location) -> Iterator[Problem]:
    """A reading that fits the formula: c-to-c and snapshot compare two periods of a growth, a ratio is taken
    on one; quarters of a growth rate do not add up."""
    declared, growth = ind.triwulan.bacaan, isinstance(ind.formula, GrowthFormula)
    where = (*at, "triwulan")
    if growth and declared == Bacaan.TRIWULAN:
        yield (
            where,
            f"indicator {ind.id} is a growth, which compares two periods: write triwulan: c-to-c (against the "
            "same triwulan of n-1) or triwulan: snapshot (against the end of n-1)",
        )
    if not growth and declared in (Bacaan.C_TO_C, Bacaan.SNAPSHOT):
        yield (
            where,
            f"indicator {ind.id} is a ratio: '{declared}' reads a growth; a ratio is taken on the triwulan's own "
            "data (leave bacaan out, or write tahunan)",
        )
    if growth and ind.triwulan.capaian == JenisCapaian.KUMULATIF:
        yield (
            where,
            f"indicator {ind.id}: capaian kumulatif adds the realisasi of the triwulan; the triwulan of a growth "
            "rate do not add up: use nilai_akhir",
        )
    if ind.triwulan.alasan is not None and declared != Bacaan.TAHUNAN:
        yield (
            where,
            f"indicator {ind.id}: alasan says why an indicator is annual only; it goes with bacaan: tahunan",
        )


# The columns a budget source must declare, with the types each may have, and what it holds.
BUDGET_COLUMNS = {
    "kode": (("text",), "the program / kegiatan / sub kegiatan code"),
    "pagu": (NUMERIC_TYPES, "the budget, in rupiah"),
    "realisasi": (NUMERIC_TYPES, "what was spent, in rupiah"),
}


def _check_anggaran(spec: Spec) -> Iterator[Problem]:
    anggaran = spec.anggaran
    if anggaran is None:
        return
    source = spec.sources.get(anggaran.source)
    if source is None:
        yield (
            ("anggaran", "source"),
            f"anggaran names source '{anggaran.source}', which is not declared"
            f"{_did_you_mean(anggaran.source, spec.sources)}",
        )
    else:
        for cid, (types, what) in BUDGET_COLUMNS.items():
            column = source.columns.get(cid)
            if column is None or column.type not in types:
                yield (
                    ("sources", anggaran.source, "columns"),
                    f"source '{anggaran.source}' holds the anggaran and needs a column '{cid}' of type "
                    f"{' or '.join(types)} ({what})",
                )
    yield from _overlapping_codes(spec, anggaran)


def _overlapping_codes(spec: Spec, anggaran: Anggaran) -> Iterator[Problem]:
    """A budget row may serve one sasaran only: no declared code may be a prefix of another's."""
    claims: list[tuple[tuple[int, ...], str, str, Location]] = []
    for ti, tujuan in enumerate(spec.tujuan):
        for si, sasaran in enumerate(tujuan.sasaran):
            for pi, code in enumerate(sasaran.program):
                at: Location = ("tujuan", ti, "sasaran", si, "program", pi)
                claims.append((parse_kode(code) or (), code, f"sasaran {sasaran.id}", at))
    for pi, code in enumerate(anggaran.penunjang):
        claims.append((parse_kode(code) or (), code, "anggaran.penunjang", ("anggaran", "penunjang", pi)))
    for i, (numbers, code, owner, at) in enumerate(claims):
        for other_numbers, other_code, other_owner, _ in claims[:i]:
            shorter = min(len(numbers), len(other_numbers))
            if numbers[:shorter] == other_numbers[:shorter]:
                yield (
                    at,
                    f"program code '{code}' of {owner} overlaps '{other_code}' of {other_owner}: a budget row "
                    "would count for both; give each code to one sasaran",
                )
