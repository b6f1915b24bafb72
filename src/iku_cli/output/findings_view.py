"""Findings for people and programs: the terminal summary, JSON, CSV, and the one findings sheet of every XLSX."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from rich.console import Console
from rich.text import Text

from iku_cli.calc.validate import ValidationReport
from iku_cli.findings import FINDING_FIELDS, SEVERITY_ORDER, Finding, Severity, by_severity, count_by_severity
from iku_cli.output import xlsx_style as S
from iku_cli.output.serialise import CsvDialect, csv_text, json_text
from iku_cli.text import visible

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
SEVERITY_WORD = {Severity.ERROR: "kesalahan", Severity.WARNING: "peringatan", Severity.INFO: "info"}
SEVERITY_FILL = {Severity.ERROR: "F8CBAD", Severity.WARNING: "FFE699", Severity.INFO: "DDEBF7"}

# --- the terminal ---------------------------------------------------------------------------------


def print_findings_summary(
    found: list[Finding], console: Console, per_group: int = 5, show_info: bool = False
) -> None:
    """Counts per workbook and sheet, and the first findings of each; never thousands of lines."""
    shown = [f for f in found if show_info or f.severity != Severity.INFO]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in shown:
        groups[(f.file or "", f.sheet or "")].append(f)
    worst = {key: min(SEVERITY_ORDER[f.severity] for f in items) for key, items in groups.items()}
    for (file, sheet), items in sorted(groups.items(), key=lambda kv: worst[kv[0]]):  # errors first
        items = by_severity(items)
        counts = count_by_severity(items)
        line = Text.assemble((visible(file), "bold"), f" › {visible(sheet)}" if sheet else "", ": ")
        parts = [
            (f"{n} {SEVERITY_WORD[Severity.of(s)]}", SEVERITY_STYLE[Severity.of(s)])
            for s, n in counts.items()
            if n
        ]
        for i, part in enumerate(parts):
            line.append_text(Text.assemble(", " if i else "", part))
        console.print(line)
        for f in items[:per_group]:
            where = f"{f.cell}: " if f.cell else ""
            console.print(
                Text.assemble(
                    "  ",
                    (f"{f.severity.label:<10}", SEVERITY_STYLE[f.severity]),
                    " ",
                    (f.code, "dim"),
                    f" {where}{visible(f.message)}",
                ),
                highlight=False,
            )
        if len(items) > per_group:
            console.print(Text(f"  … dan {len(items) - per_group} temuan lain", style="dim"))
    totals = count_by_severity(found)
    console.print(
        f"Total: {totals['error']} kesalahan, {totals['warning']} peringatan, {totals['info']} info.",
        highlight=False,
        markup=False,
    )


def print_table(report: ValidationReport, console: Console, show_all: bool = False) -> None:
    """What `iku validate` shows: what was checked, then the findings summary."""
    years = report.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    console.print(
        f"Memeriksa {len(report.files)} workbook di {visible(report.data_dir)} (tahun {span})", markup=False
    )
    print_findings_summary(
        report.findings, console, per_group=1_000_000 if show_all else 5, show_info=show_all
    )
    if not show_all and report.findings:
        console.print("[dim]Semua temuan: --all, atau --output temuan.xlsx / --format csv[/]")


# --- JSON and CSV ---------------------------------------------------------------------------------


def findings_json(found: list[Finding], summary: dict[str, object]) -> str:
    """Errors first; ``severity`` and ``column`` keep their stable values, ``column_header`` is for people."""
    return json_text({"findings": [f.to_dict() for f in by_severity(found)], "summary": summary})


def findings_csv(found: list[Finding], dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    rows = ([d[k] for k in FINDING_FIELDS] for d in (f.to_dict() for f in by_severity(found)))
    return csv_text(FINDING_FIELDS, rows, dialect)


def to_json(report: ValidationReport) -> str:
    return findings_json(report.findings, report.summary())


def to_csv(report: ValidationReport, dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    return findings_csv(report.findings, dialect)


# --- XLSX -----------------------------------------------------------------------------------------

FINDINGS_COLUMNS = [  # one A4 landscape page wide at about 75 %; long texts wrap
    ("Tingkat", 11),
    ("Kode", 19),
    ("File", 35),
    ("Sheet", 16),
    ("Sel", 6),
    ("Kolom", 18),
    ("Nilai", 18),
    ("Pesan", 54),
]


def finding_row(f: Finding) -> list[object]:
    """One finding as the findings sheet lists it: the severity in words, the column by its header."""
    column = f.column_header or f.column
    return [f.severity.label, f.code, f.file, f.sheet, f.cell, column, f.plain_value, f.message]


def fill_findings_sheet(ws: Worksheet, found: list[Finding]) -> None:
    """The findings as a table, errors first, with a header and a filter: every XLSX iku writes uses it.

    Linear in the findings: each value is written, styled and measured for its row's height once.
    """
    S.append_row(ws, [name for name, _ in FINDINGS_COLUMNS])
    S.style_header_row(ws, 1, 1, len(FINDINGS_COLUMNS))
    widths = [width for _, width in FINDINGS_COLUMNS]
    S.set_widths(ws, {chr(65 + i): width for i, width in enumerate(widths)})
    text = S.Stamp(alignment=S.WRAP_TOP)
    severity = {s: S.Stamp(alignment=S.WRAP_TOP, fill=S.fill(colour)) for s, colour in SEVERITY_FILL.items()}
    for f in by_severity(found):
        values = finding_row(f)
        row = S.append_row(ws, values)
        severity[f.severity].on(ws.cell(row=row, column=1))
        for col in range(2, len(values) + 1):
            text.on(ws.cell(row=row, column=col))
        S.fit_row(ws, row, values, widths)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{len(found) + 1}"
    S.print_setup(ws, title_rows="1:1")


def write_findings_xlsx(found: list[Finding], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Temuan"
    fill_findings_sheet(ws, found)
    S.save(wb, path)


def write_xlsx(report: ValidationReport, path: Path) -> None:
    write_findings_xlsx(report.findings, path)
