"""A triwulan's computed indicators, for monitoring the Perjanjian Kinerja: the terminal table, JSON and CSV
with every triwulan so far, and the PK monitoring workbook (drawn in ``pk_xlsx``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from iku_cli.calc.results import (
    ComputeResult,
    GroupResult,
    IndicatorResult,
    TriwulanResult,
    target_json,
)
from iku_cli.config import QUARTER_END, ROMAN, Bacaan, tw_label
from iku_cli.numbers import format_percent
from iku_cli.output.anggaran_view import budget_dict, print_budget, sasaran_budget_dict
from iku_cli.output.labels import realisasi_shown, target_text
from iku_cli.output.result_view import (
    OUTCOME_FIELDS,
    average_dict,
    csv_number,
    csv_outcome,
    csv_target,
    files_list,
    group_dict,
    indicator_dict,
    result_table,
)
from iku_cli.output.serialise import CsvDialect, csv_text, json_text
from iku_cli.output.terminal import plain

# What indicator_dict says about a year that a triwulan does not have.
ANNUAL_KEYS = (
    "realisasi_sebelumnya",
    "target_akhir_renstra",
    "capaian_akhir_renstra",
    "riwayat",
    "baseline",
    "pembanding",
)


def period_words(year: int, triwulan: int) -> str:
    """ "triwulan II (s.d. 30 Juni 2024)"."""
    return f"triwulan {ROMAN[triwulan - 1]} (s.d. {QUARTER_END[triwulan - 1]} {year})"


# --- the terminal ---------------------------------------------------------------------------------


def print_table(tw: TriwulanResult, console: Console) -> None:
    """The triwulan's table, why an indicator has no value, the realisasi of each triwulan so far, the
    budget; nothing when the triwulan's data had errors."""
    now = tw.now
    if now.blocked:
        return
    year = tw.year
    title = f"Indikator Kinerja {now.agency} — tahun {year}, {period_words(year, tw.triwulan)}"
    console.print(result_table(now, title, target_header=f"Target\n{tw_label(tw.triwulan)}"))
    for ind in now.indicators:
        if not ind.ok:
            console.print(plain(f"{ind.id}: {ind.reason}", "bold red" if ind.fails else "dim"))
    done = sum(i.ok for i in now.indicators)
    annual = sum(not i.ok and not i.fails for i in now.indicators)
    tail = f"; {annual} hanya tahunan" if annual else ""
    console.print(
        f"{done} dari {len(now.indicators)} indikator dihitung untuk {tw_label(tw.triwulan)} {year}{tail}."
    )
    console.print(quarters_table(tw))
    print_budget(now, console)


def quarters_table(tw: TriwulanResult) -> Table:
    """Realisasi of each triwulan so far (s.d. its end; in it alone for a kumulatif indicator), the year's
    target and the capaian against it, and how the indicator is read over part of the year."""
    year = tw.year
    table = Table(
        title=f"Realisasi per triwulan {year}, target dan capaian tahunan",
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("Kode", no_wrap=True)
    for q in range(1, tw.triwulan + 1):
        table.add_column(tw_label(q), justify="right", no_wrap=True)
    table.add_column(f"Target {year}", justify="right", no_wrap=True)
    table.add_column(f"Capaian thd {year}", justify="right", no_wrap=True)
    table.add_column("Bacaan")
    for k, ind in enumerate(tw.now.indicators):
        row = [q.indicators[k] for q in tw.quarters]
        cells = [_amount(realisasi_shown(i), i.satuan) for i in row]
        info = ind.triwulan
        annual = target_text(info.target_tahunan if info else None, ind.satuan)
        capaian = _percent(info.capaian_tahunan if info else None)
        table.add_row(plain(ind.id), *cells, annual, capaian, reading_words(ind))
    return table


def reading_words(ind: IndicatorResult) -> str:
    """ "c-to-c, nilai akhir": how the indicator is read over part of the year and its capaian taken."""
    info = ind.triwulan
    if info is None:
        return ""
    if info.bacaan == Bacaan.TAHUNAN:
        return "hanya tahunan"
    if info.bacaan is None:
        return "bacaan triwulan tidak dinyatakan"
    return f"{info.bacaan}, {info.jenis_capaian.replace('_', ' ')}"


def _percent(value: float | None) -> str:
    return format_percent(value) if value is not None else "–"


def _amount(value: float | None, satuan: str) -> str:
    return "–" if value is None else target_text(value, satuan)


# --- JSON -----------------------------------------------------------------------------------------


def quarter_dict(ind: IndicatorResult) -> dict[str, Any]:
    """One indicator at one triwulan: its realisasi, inputs, the folders compared, target and capaian."""
    info = ind.triwulan
    base = indicator_dict(ind)
    for m, measure in zip(base["measures"], ind.measures, strict=True):
        m["triwulan"] = measure.triwulan
    return {
        "triwulan": info.triwulan if info else None,
        "periode": list(info.periode) if info else [],
        **{
            key: base[key] for key in ("value", "status", "reason", "inputs", "target", "capaian", "kategori")
        },
        "capaian_reason": ind.capaian_reason,
        "capaian_tahunan": info.capaian_tahunan if info else None,
        "realisasi_triwulan": info.realisasi_triwulan if info else None,
        "measures": base["measures"],
    }


def indicator_item(tw: TriwulanResult, k: int) -> dict[str, Any]:
    """An indicator: what it is, how it is read over part of a year, its targets, the triwulan asked for,
    and every triwulan so far."""
    now = tw.now.indicators[k]
    info = now.triwulan
    item = {key: value for key, value in indicator_dict(now).items() if key not in ANNUAL_KEYS}
    item |= {
        "bacaan": info.bacaan if info else None,
        "jenis_capaian": info.jenis_capaian if info else None,
        "target_tahunan": target_json(info.target_tahunan if info else None),
        "target_tw": [target_json(t) for t in info.target_tw] if info and info.target_tw else None,
    }
    item |= quarter_dict(now)
    item["triwulan"] = [quarter_dict(q.indicators[k]) for q in tw.quarters]
    return item


def _group_item(group: GroupResult, tw: TriwulanResult, k: int, groups: str) -> dict[str, Any]:
    item = {key: value for key, value in group_dict(group, tw.now).items() if key != "riwayat"}
    per_quarter = []
    for q in tw.quarters:
        earlier: GroupResult = getattr(q, groups)[k]
        entry = {"triwulan": q.triwulan, **average_dict(earlier.average)}
        if "anggaran" in item:
            entry["anggaran"] = None if earlier.anggaran is None else sasaran_budget_dict(earlier.anggaran)
            entry["anggaran_reason"] = q.budget_reason(earlier.id)
        per_quarter.append(entry)
    item["triwulan"] = per_quarter
    return item


def to_json(tw: TriwulanResult) -> str:
    now = tw.now
    payload = {
        "year": tw.year,
        "triwulan": tw.triwulan,
        "periode": f"s.d. {QUARTER_END[tw.triwulan - 1]} {tw.year}",
        "agency": now.agency,
        "generated_at": now.generated_at,
        "iku_version": now.version,
        "config": now.config_path,
        "computed": not now.blocked,
        "rata_rata_capaian": now.average.value if now.average else None,
        "predikat": now.average.kategori if now.average else None,
        "keseluruhan": {
            "indikator": [i.id for i in now.indicators],
            **average_dict(now.average),
            "triwulan": [{"triwulan": q.triwulan, **average_dict(q.average)} for q in tw.quarters],
        },
        "tujuan": [_group_item(g, tw, k, "tujuan") for k, g in enumerate(now.tujuan)],
        "sasaran": [_group_item(g, tw, k, "sasaran") for k, g in enumerate(now.sasaran)],
        "anggaran": budget_dict(now.anggaran),
        "anggaran_triwulan": [
            {"triwulan": q.triwulan, **(budget_dict(q.anggaran) or {})} for q in tw.quarters
        ],
        "indicators": [indicator_item(tw, k) for k in range(len(now.indicators))],
        "findings": [f.to_dict() for f in tw.findings if f.severity != "info"],
        "files": files_list(now.files),
    }
    return json_text(payload)


# --- CSV ------------------------------------------------------------------------------------------

CSV_FIELDS = [
    "year",
    "triwulan",
    "id",
    "level",
    "tujuan",
    "sasaran",
    "name",
    "satuan",
    "formula",
    "bacaan",
    "jenis_capaian",
    "better",
    "periode_n_1",
    "periode_n",
    *OUTCOME_FIELDS,
    "realisasi_triwulan",
    "target_tahunan",
    "capaian_tahunan",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "rata_rata_capaian_sasaran",
    "anggaran_pagu",
    "anggaran_realisasi",
    "capaian_anggaran",
    "rata_rata_capaian",
    "predikat",
    "sumber_data",
    "unit_kerja",
]


def _row(q: ComputeResult, ind: IndicatorResult) -> dict[str, object]:
    info = ind.triwulan
    group = next((g for g in q.sasaran if g.id == ind.sasaran_id), None)
    budget = group.anggaran.total if group is not None and group.anggaran is not None else None
    periode = list(info.periode) if info else []
    tw = list(info.target_tw) if info and info.target_tw else [None] * 4
    return {
        "year": q.year,
        "triwulan": q.triwulan,
        "id": ind.id,
        "level": ind.level,
        "tujuan": ind.tujuan,
        "sasaran": ind.sasaran or "",
        "name": ind.nama,
        "satuan": ind.satuan,
        "formula": ind.formula,
        "bacaan": (info.bacaan or "") if info else "",
        "jenis_capaian": info.jenis_capaian if info else "",
        "better": ind.better,
        "periode_n_1": periode[0] if len(periode) == 2 else "",
        "periode_n": periode[-1] if periode else "",
        **csv_outcome(ind),
        "realisasi_triwulan": csv_number(info.realisasi_triwulan if info else None),
        "target_tahunan": csv_target(info.target_tahunan if info else None),
        "capaian_tahunan": csv_number(info.capaian_tahunan if info else None),
        **{f"target_tw{n}": csv_target(t) for n, t in enumerate(tw, start=1)},
        "rata_rata_capaian_sasaran": csv_number(group.average.value if group else None),
        "anggaran_pagu": csv_number(budget.pagu if budget else None),
        "anggaran_realisasi": csv_number(budget.realisasi if budget else None),
        "capaian_anggaran": csv_number(budget.serapan if budget else None),
        "rata_rata_capaian": csv_number(q.average.value if q.average else None),
        "predikat": (q.average.kategori if q.average else None) or "",
        "sumber_data": ind.sumber_data or "",
        "unit_kerja": ind.unit_kerja or "",
    }


def to_csv(tw: TriwulanResult, dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    """One row per indicator per triwulan so far, each with its sasaran's average and budget, and the
    triwulan's overall average and predikat."""
    rows = (_row(q, ind) for q in tw.quarters for ind in q.indicators)
    return csv_text(CSV_FIELDS, ([row[k] for k in CSV_FIELDS] for row in rows), dialect)


def write_xlsx(tw: TriwulanResult, path: Path) -> None:
    """The PK monitoring workbook (drawn in ``pk_xlsx``; imported here only when asked for)."""
    from iku_cli.output.pk_xlsx import write_pk

    write_pk(tw, path)
