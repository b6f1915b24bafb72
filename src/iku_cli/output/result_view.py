"""A year's computed indicators: the terminal table (for people) and JSON and CSV at full precision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from iku_cli.calc.results import (
    NOT_COMPUTED,
    ComputeResult,
    GrowthInputs,
    IndicatorResult,
    RatioInputs,
    target_json,
)
from iku_cli.config import Level
from iku_cli.numbers import format_percent
from iku_cli.output.labels import inputs_text, kategori_colour, target_text, value_text
from iku_cli.output.serialise import CsvDialect, csv_text, json_text
from iku_cli.output.terminal import plain, shown

# --- the terminal ---------------------------------------------------------------------------------


def result_table(result: ComputeResult) -> Table:
    has_targets = any(i.target is not None for i in result.indicators)
    table = Table(
        title=plain(f"Indikator Kinerja {result.agency} — tahun {result.year}"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("Kode", no_wrap=True)
    table.add_column("Indikator (masukan)", ratio=1, min_width=16)
    table.add_column("Realisasi", justify="right", min_width=9)  # "tidak dapat dihitung" may wrap
    if has_targets:
        table.add_column("Target", justify="right", no_wrap=True)
        table.add_column("Capaian", justify="right", no_wrap=True)
        table.add_column("Kategori", min_width=6)
    current_tujuan, current_sasaran = None, None
    for ind in result.indicators:
        if ind.tujuan != current_tujuan:
            if current_tujuan is not None:
                table.add_section()
            table.add_row(plain(ind.tujuan_id, "bold"), plain(f"Tujuan: {ind.tujuan}", "bold cyan"))
            current_tujuan, current_sasaran = ind.tujuan, None
        if ind.level == Level.SASARAN and ind.sasaran != current_sasaran:
            table.add_row(
                plain(ind.sasaran_id or "", "bold"),
                plain(f"Sasaran: {ind.sasaran}", "bold magenta"),
            )
            current_sasaran = ind.sasaran
        name = plain(ind.nama)
        if ind.inputs is not None:
            name.append("\n" + inputs_text(ind, result.year).replace("\n", " → "), style="dim")
        value = plain(
            value_text(ind).replace(NOT_COMPUTED, "tidak dapat\ndihitung"), "" if ind.ok else "bold red"
        )
        cells: list[str | Text] = [plain(ind.id), name, value]
        if has_targets:
            colour = kategori_colour(ind.kategori, result.bands)
            cells += [
                target_text(ind.target, ind.satuan),
                format_percent(ind.capaian) if ind.capaian is not None else "–",
                plain(ind.kategori or "–", f"#{colour}" if colour else ""),
            ]
        table.add_row(*cells)
    return table


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


def to_json(result: ComputeResult) -> str:
    payload = {
        "year": result.year,
        "agency": result.agency,
        "generated_at": result.generated_at,
        "iku_version": result.version,
        "config": result.config_path,
        "computed": not result.blocked,
        "indicators": [indicator_dict(i) for i in result.indicators],
        "findings": [f.to_dict() for f in result.findings if f.severity != "info"],
        "files": [{"file": f.file, "sha256": f.sha256, "size": f.size} for f in result.files],
    }
    return json_text(payload)


# --- CSV ------------------------------------------------------------------------------------------

CSV_FIELDS = [
    "year",
    "id",
    "level",
    "tujuan",
    "sasaran",
    "name",
    "satuan",
    "formula",
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
    "realisasi_n_1",
    "realisasi_n_2",
    "target_akhir_renstra",
    "capaian_akhir_renstra",
    "sumber_data",
    "unit_kerja",
]


def csv_number(value: float | None) -> float | None:
    """A number at full precision, written in the CSV's dialect; empty for no value (never 0)."""
    return None if value is None else float(value)


def to_csv(result: ComputeResult, dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    rows: list[dict[str, Any]] = []
    for ind in result.indicators:
        target = ind.target
        low, high = target if isinstance(target, tuple) else (None, None)
        end = ind.target_akhir
        growth = ind.inputs if isinstance(ind.inputs, GrowthInputs) else GrowthInputs(None, None)
        ratio = ind.inputs if isinstance(ind.inputs, RatioInputs) else RatioInputs(None, None)
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
                "realisasi_n_1": csv_number(ind.history.get(result.year - 1)),
                "realisasi_n_2": csv_number(ind.history.get(result.year - 2)),
                "target_akhir_renstra": (
                    f"{end[0]!r}-{end[1]!r}" if isinstance(end, tuple) else csv_number(end)
                ),
                "capaian_akhir_renstra": csv_number(ind.capaian_akhir),
                "sumber_data": ind.sumber_data or "",
                "unit_kerja": ind.unit_kerja or "",
            }
        )
    return csv_text(CSV_FIELDS, ([row[k] for k in CSV_FIELDS] for row in rows), dialect)


def write_xlsx(result: ComputeResult, path: Path) -> None:
    """The LKjIP workbook (drawn in ``lkjip_xlsx``; imported here only when asked for)."""
    from iku_cli.output.lkjip_xlsx import write_lkjip

    write_lkjip(result, path)
