"""A year's computed indicators: the terminal table (for people) and JSON and CSV at full precision."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from iku_cli.calc.results import (
    NOT_COMPUTED,
    Average,
    ComputeResult,
    GroupResult,
    GrowthInputs,
    IndicatorResult,
    RatioInputs,
    target_json,
)
from iku_cli.config import Level, Target
from iku_cli.numbers import format_percent
from iku_cli.output.anggaran_view import budget_dict, print_budget, sasaran_budget_dict
from iku_cli.output.labels import (
    amount_text,
    averaged_words,
    blocks,
    inputs_text,
    kategori_colour,
    target_text,
    value_text,
)
from iku_cli.output.serialise import CsvDialect, csv_text, json_text
from iku_cli.output.terminal import plain, shown

# --- the terminal ---------------------------------------------------------------------------------


# A column a caller adds after the kategori: its header, and its cell for each indicator.
ExtraColumn = tuple[str, Callable[[IndicatorResult], "str | Text"]]


def result_table(
    result: ComputeResult,
    title: str | None = None,
    extra: Sequence[ExtraColumn] = (),
    target_header: str = "Target",
) -> Table:
    has_targets = bool(extra) or any(i.target is not None for i in result.indicators)
    table = Table(
        title=plain(title or f"Indikator Kinerja {result.agency} — tahun {result.year}"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("Kode", no_wrap=True)
    # a long number folds, never cut; narrow enough that Realisasi, Target, Capaian and Kategori fit in 80 columns
    table.add_column("Indikator (masukan)", ratio=1, min_width=12, overflow="fold")
    table.add_column("Realisasi", justify="right", min_width=9)  # "tidak dapat dihitung" may wrap
    if has_targets:
        table.add_column(target_header, justify="right", no_wrap=True)
        table.add_column("Capaian", justify="right", no_wrap=True)
        table.add_column("Kategori", min_width=13)  # "Sangat Tinggi" whole
    for header, _ in extra:
        table.add_column(header, justify="right", no_wrap=True)
    current_tujuan = None
    for block in blocks(result):
        if block.tujuan_id != current_tujuan:
            if current_tujuan is not None:
                table.add_section()
            table.add_row(plain(block.tujuan_id, "bold"), plain(f"Tujuan: {block.tujuan}", "bold cyan"))
            current_tujuan = block.tujuan_id
        if block.level == Level.SASARAN:
            table.add_row(plain(block.id, "bold"), plain(f"Sasaran: {block.text}", "bold magenta"))
        for ind in block.indicators:
            table.add_row(*_indicator_cells(ind, result, has_targets), *(cell(ind) for _, cell in extra))
        if has_targets and block.group is not None:
            table.add_row(*_average_cells(f"Rata-rata capaian {block.id}", block.group.average, result))
    if has_targets and result.average is not None:
        table.add_section()
        table.add_row(*_average_cells("Rata-rata capaian keseluruhan", result.average, result))
    return table


def _indicator_cells(ind: IndicatorResult, result: ComputeResult, has_targets: bool) -> list[str | Text]:
    name = plain(ind.nama)
    if ind.inputs is not None:
        name.append("\n" + inputs_text(ind, result.year).replace("\n", " → "), style="dim")
    if ind.pembanding is not None and ind.pembanding.nilai is not None:
        figure = amount_text(ind.pembanding.nilai, ind.satuan)
        name.append(f"\npembanding {ind.pembanding.tahun}: {figure}", style="dim")
    value = Text(
        value_text(ind).replace(NOT_COMPUTED, "tidak dapat\ndihitung"),
        style="" if ind.ok else "bold red" if ind.fails else "dim",
    )
    cells: list[str | Text] = [plain(ind.id), name, value]
    if has_targets:
        colour = kategori_colour(ind.kategori, result.bands)
        cells += [
            target_text(ind.target, ind.satuan),
            format_percent(ind.capaian) if ind.capaian is not None else "–",
            Text(ind.kategori or "–", style=f"#{colour}" if colour else ""),
        ]
    return cells


def _average_cells(label: str, avg: Average, result: ComputeResult) -> list[str | Text]:
    """A row of the table that carries an average capaian instead of an indicator."""
    colour = kategori_colour(avg.kategori, result.bands)
    return [
        "",
        plain(f"{label} ({averaged_words(avg.averaged, avg.count)})", "italic"),
        "",
        "",
        Text(format_percent(avg.value) if avg.value is not None else "–", style="italic"),
        Text(avg.kategori or "–", style=f"italic #{colour}" if colour else "italic"),
    ]


def print_table(result: ComputeResult, console: Console) -> None:
    """The table, the reason of each indicator not computed, and how many were; nothing when blocked."""
    if result.blocked:
        return
    console.print(result_table(result))
    failed = [i for i in result.indicators if not i.ok]
    for ind in failed:
        console.print(f"[bold red]{shown(ind.id)}[/]: {shown(ind.reason)}")
    done = len(result.indicators) - len(failed)
    console.print(f"{done} dari {len(result.indicators)} indikator dihitung.")
    print_budget(result, console)


# --- JSON -----------------------------------------------------------------------------------------


def indicator_dict(ind: IndicatorResult) -> dict[str, Any]:
    return {
        "id": ind.id,
        "level": ind.level,
        "tujuan": ind.tujuan,
        "sasaran": ind.sasaran,
        "name": ind.nama,
        "satuan": ind.satuan,
        "formula": ind.formula,
        "formulasi": ind.formulasi,
        "sumber_data": ind.sumber_data,
        "unit_kerja": ind.unit_kerja,
        "value": ind.value,
        "status": ind.status,
        "reason": ind.reason,
        "inputs": ind.inputs.as_dict() if ind.inputs is not None else {},
        "target": target_json(ind.target),
        "capaian": ind.capaian,
        "kategori": ind.kategori,
        "better": ind.better,
        "realisasi_sebelumnya": {str(y): v for y, v in sorted(ind.history.items(), reverse=True)},
        "target_akhir_renstra": target_json(ind.target_akhir),
        "capaian_akhir_renstra": ind.capaian_akhir,
        "riwayat": [
            {
                "tahun": p.tahun,
                "target": target_json(p.target),
                "realisasi": p.realisasi,
                "capaian": p.capaian,
                "kategori": p.kategori,
                "reason": p.reason,
            }
            for p in ind.riwayat
        ],
        "baseline": None if ind.baseline is None else vars(ind.baseline),
        "pembanding": None if ind.pembanding is None else vars(ind.pembanding),
        "measures": [
            {
                "id": m.id,
                "label": m.label,
                "year": m.year,
                "value": m.value,
                "rows": m.rows,
                "aggregate": m.aggregate,
                "column": m.column,
                "filter": m.filter,
                "file": m.file,
                "sheet": m.sheet,
                "unit": m.unit,
            }
            for m in ind.measures
        ],
    }


def average_dict(avg: Average | None) -> dict[str, Any]:
    """An average capaian as JSON carries it, with how many indicators it was taken over."""
    if avg is None:
        return {"rata_rata_capaian": None, "kategori": None, "dirata_dari": 0, "jumlah_indikator": 0}
    return {
        "rata_rata_capaian": avg.value,
        "kategori": avg.kategori,
        "dirata_dari": avg.averaged,
        "jumlah_indikator": avg.count,
        "reason": avg.reason,
    }


def group_dict(group: GroupResult, result: ComputeResult) -> dict[str, Any]:
    """A tujuan or sasaran item: its text, its indicators, their average capaian now and in earlier years;
    a sasaran's budget."""
    item: dict[str, Any] = {"id": group.id, str(group.level): group.text}
    if group.tujuan_id is not None:
        item["tujuan_id"] = group.tujuan_id
    item["indikator"] = group.indikator
    item |= average_dict(group.average)
    item["riwayat"] = [{"tahun": y, **average_dict(a)} for y, a in group.riwayat.items()]
    if group.level == Level.SASARAN:
        budget = group.anggaran
        item["anggaran"] = None if budget is None else sasaran_budget_dict(budget)
        item["anggaran_reason"] = result.budget_reason(group.id)
    return item


def to_json(result: ComputeResult) -> str:
    payload = {
        "year": result.year,
        "agency": result.agency,
        "generated_at": result.generated_at,
        "iku_version": result.version,
        "config": result.config_path,
        "computed": not result.blocked,
        "rata_rata_capaian": result.average.value if result.average else None,
        "keseluruhan": {
            "indikator": [i.id for i in result.indicators],
            **average_dict(result.average),
            "riwayat": [{"tahun": y, **average_dict(a)} for y, a in result.average_riwayat.items()],
        },
        "tujuan": [group_dict(g, result) for g in result.tujuan],
        "sasaran": [group_dict(g, result) for g in result.sasaran],
        "anggaran": budget_dict(result.anggaran),
        "indicators": [indicator_dict(i) for i in result.indicators],
        "findings": [f.to_dict() for f in result.findings if f.severity != "info"],
        "files": files_list(result.files),
    }
    return json_text(payload)


def files_list(files: Sequence[Any]) -> list[dict[str, Any]]:
    """The input files read (name, SHA-256, size), for an auditor to check they are the ones signed off."""
    return [{"file": f.file, "sha256": f.sha256, "size": f.size} for f in files]


# --- CSV ------------------------------------------------------------------------------------------

# An indicator's outcome in the CSV (compute and triwulan alike): its value or why none, its inputs, its target
# (a number, or a range's two ends) and its capaian.
OUTCOME_FIELDS = [
    "value",
    "status",
    "reason",
    "v_n_1",
    "v_n",
    "pembilang",
    "penyebut",
    "target",
    "target_low",
    "target_high",
    "capaian",
    "kategori",
]


def csv_outcome(ind: IndicatorResult) -> dict[str, object]:
    """The OUTCOME_FIELDS of one indicator, as the CSV writes them (no value is empty, never 0)."""
    target = ind.target
    low, high = target if isinstance(target, tuple) else (None, None)
    growth = ind.inputs if isinstance(ind.inputs, GrowthInputs) else GrowthInputs(None, None)
    ratio = ind.inputs if isinstance(ind.inputs, RatioInputs) else RatioInputs(None, None)
    return {
        "value": csv_number(ind.value),
        "status": ind.status,
        "reason": ind.reason or "",
        "v_n_1": csv_number(growth.v_n_1),
        "v_n": csv_number(growth.v_n),
        "pembilang": csv_number(ratio.pembilang),
        "penyebut": csv_number(ratio.penyebut),
        "target": "" if isinstance(target, tuple) else csv_number(target),
        "target_low": csv_number(low),
        "target_high": csv_number(high),
        "capaian": csv_number(ind.capaian),
        "kategori": ind.kategori or "",
    }


CSV_FIELDS = [
    "year",
    "id",
    "level",
    "tujuan",
    "sasaran",
    "name",
    "satuan",
    "formula",
    *OUTCOME_FIELDS,
    "realisasi_n_1",
    "realisasi_n_2",
    "target_akhir_renstra",
    "capaian_akhir_renstra",
    "sumber_data",
    "unit_kerja",
    # added with the earlier years, baseline and comparison figure (new columns go last)
    "target_n_1",
    "capaian_n_1",
    "kategori_n_1",
    "target_n_2",
    "capaian_n_2",
    "kategori_n_2",
    "baseline_tahun",
    "baseline",
    "pembanding",
    "pembanding_sumber",
]


def csv_number(value: float | None) -> float | None:
    """A number at full precision, written in the CSV's dialect; empty for no value (never 0)."""
    return None if value is None else float(value)


def csv_target(target: Target | None) -> str | float | None:
    """A target in one CSV cell: a number, or a range as "low-high"."""
    return f"{target[0]!r}-{target[1]!r}" if isinstance(target, tuple) else csv_number(target)


def _earlier_years(ind: IndicatorResult, year: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for back in (1, 2):
        point = next((p for p in ind.riwayat if p.tahun == year - back), None)
        out[f"target_n_{back}"] = csv_target(point.target if point else None)
        out[f"capaian_n_{back}"] = csv_number(point.capaian if point else None)
        out[f"kategori_n_{back}"] = (point.kategori if point else None) or ""
    return out


def to_csv(result: ComputeResult, dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    rows: list[dict[str, Any]] = []
    for ind in result.indicators:
        end = ind.target_akhir
        rows.append(
            {
                "year": result.year,
                "id": ind.id,
                "level": ind.level,
                "tujuan": ind.tujuan,
                "sasaran": ind.sasaran or "",
                "name": ind.nama,
                "satuan": ind.satuan,
                "formula": ind.formula,
                **csv_outcome(ind),
                "realisasi_n_1": csv_number(ind.history.get(result.year - 1)),
                "realisasi_n_2": csv_number(ind.history.get(result.year - 2)),
                "target_akhir_renstra": csv_target(end),
                "capaian_akhir_renstra": csv_number(ind.capaian_akhir),
                "sumber_data": ind.sumber_data or "",
                "unit_kerja": ind.unit_kerja or "",
                **_earlier_years(ind, result.year),
                "baseline_tahun": ind.baseline.tahun if ind.baseline and ind.baseline.tahun else "",
                "baseline": csv_number(ind.baseline.realisasi if ind.baseline else None),
                "pembanding": csv_number(ind.pembanding.nilai if ind.pembanding else None),
                "pembanding_sumber": ind.pembanding.sumber if ind.pembanding else "",
            }
        )
    return csv_text(CSV_FIELDS, ([row[k] for k in CSV_FIELDS] for row in rows), dialect)


def write_xlsx(result: ComputeResult, path: Path) -> None:
    """The LKjIP workbook (drawn in ``lkjip_xlsx``; imported here only when asked for)."""
    from iku_cli.output.lkjip_xlsx import write_lkjip

    write_lkjip(result, path)
