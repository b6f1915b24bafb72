"""The terminal view: the indicator table grouped by tujuan and sasaran, and findings summaries."""

from __future__ import annotations

from collections import defaultdict

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from iku_cli.findings import Finding, Severity, count_by_severity
from iku_cli.numbers import format_percent
from iku_cli.render.labels import inputs_text, target_text, value_text
from iku_cli.results import ComputeResult

KATEGORI_STYLE = {
    "Sangat Tinggi": "bold green",
    "Tinggi": "green",
    "Sedang": "yellow",
    "Rendah": "dark_orange",
    "Sangat Rendah": "bold red",
}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
SEVERITY_WORD = {Severity.ERROR: "kesalahan", Severity.WARNING: "peringatan", Severity.INFO: "info"}


def _kategori_style(label: str | None, bands) -> str:
    if label in KATEGORI_STYLE:
        return KATEGORI_STYLE[label]
    labels = [b.label for b in bands]
    styles = list(KATEGORI_STYLE.values())
    if label in labels:
        return styles[labels.index(label) * (len(styles) - 1) // max(len(labels) - 1, 1)]
    return ""


def result_table(result: ComputeResult) -> Table:
    has_targets = any(i.target is not None for i in result.indicators)
    table = Table(
        title=f"Indikator Kinerja {result.agency} — tahun {result.year}",
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
            table.add_row(Text(ind.tujuan_id, style="bold"), Text(f"Tujuan: {ind.tujuan}", style="bold cyan"))
            current_tujuan, current_sasaran = ind.tujuan, None
        if ind.level == "sasaran" and ind.sasaran != current_sasaran:
            table.add_row(
                Text(ind.sasaran_id or "", style="bold"),
                Text(f"Sasaran: {ind.sasaran}", style="bold magenta"),
            )
            current_sasaran = ind.sasaran
        name = Text(ind.nama)
        if ind.inputs:
            name.append("\n" + inputs_text(ind, result.year).replace("\n", " → "), style="dim")
        value = Text(
            value_text(ind).replace("tidak dapat dihitung", "tidak dapat\ndihitung"),
            style="" if ind.ok else "bold red",
        )
        cells = [ind.id, name, value]
        if has_targets:
            cells += [
                target_text(ind.target, ind.satuan),
                format_percent(ind.capaian) if ind.capaian is not None else "–",
                Text(ind.kategori or "–", style=_kategori_style(ind.kategori, result.bands)),
            ]
        table.add_row(*cells)
    return table


def print_result(result: ComputeResult, console: Console) -> None:
    console.print(result_table(result))
    failed = [i for i in result.indicators if not i.ok]
    for ind in failed:
        console.print(f"[bold red]{ind.id}[/]: {ind.reason}")
    done = len(result.indicators) - len(failed)
    console.print(f"{done} dari {len(result.indicators)} indikator dihitung.")


def print_findings_summary(
    found: list[Finding], console: Console, per_group: int = 5, show_info: bool = False
) -> None:
    """Counts per workbook and sheet, and the first findings of each; never thousands of lines."""
    shown = [f for f in found if show_info or f.severity != Severity.INFO]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in shown:
        groups[(f.file or "", f.sheet or "")].append(f)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranked = sorted(groups.items(), key=lambda kv: min(order[f.severity] for f in kv[1]))  # errors first
    for (file, sheet), items in ranked:
        counts = count_by_severity(items)
        summary = ", ".join(
            f"[{SEVERITY_STYLE[Severity(s)]}]{n} {SEVERITY_WORD[Severity(s)]}[/]"
            for s, n in counts.items()
            if n
        )
        console.print(f"[bold]{file}[/]" + (f" › {sheet}" if sheet else "") + f": {summary}")
        items = sorted(items, key=lambda f: order[f.severity])
        for f in items[:per_group]:
            where = f"{f.cell}: " if f.cell else ""
            console.print(
                f"  [{SEVERITY_STYLE[f.severity]}]{f.severity.value:<7}[/] [dim]{f.code}[/] {where}{f.message}",
                highlight=False,
            )
        if len(items) > per_group:
            console.print(f"  [dim]… dan {len(items) - per_group} temuan lain[/]")
    totals = count_by_severity(found)
    console.print(
        f"Total: {totals['error']} kesalahan, {totals['warning']} peringatan, {totals['info']} info.",
        highlight=False,
    )
