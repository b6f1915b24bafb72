"""Annotated copies of checked workbooks: error cells red, warning cells yellow, a comment on each.

The copies go to another folder; the originals are only ever read.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from iku_cli.findings import Finding, Severity, by_severity
from iku_cli.output import xlsx_style as S
from iku_cli.output.atomic import write_atomic
from iku_cli.output.findings_view import fill_findings_sheet
from iku_cli.output.guard import InputGuard

FILL = {
    Severity.ERROR: PatternFill("solid", fgColor="FF7C80"),
    Severity.WARNING: PatternFill("solid", fgColor="FFE699"),
}
FINDINGS_SHEET = "Temuan iku"


def annotate(data_dir: Path, out_dir: Path, found: list[Finding]) -> list[Path]:
    """Write DIR/<year>/<workbook> for every workbook with a finding; return the paths written.

    Raises WouldReplaceInput (a ValueError) when a copy would replace a workbook of DATA_DIR or land in
    one of its year folders.
    """
    guard = InputGuard.of(data_dir)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in found:
        if f.file and (data_dir / f.file).is_file():
            by_file[f.file].append(f)
    written = []
    for rel, items in sorted(by_file.items()):
        source, target = data_dir / rel, out_dir / rel
        guard.check(target, "--annotate")
        try:
            wb = load_workbook(source)  # read: openpyxl never writes to the file it loads
        except Exception:
            continue  # a file that cannot be opened has nothing to mark; its finding says so
        for ws in wb.worksheets:  # the copy prints on A4 whatever the original was set to
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
        for name in _mark(wb, items):
            S.print_setup(wb[name])
        if FINDINGS_SHEET in wb.sheetnames:
            del wb[FINDINGS_SHEET]
        fill_findings_sheet(wb.create_sheet(FINDINGS_SHEET), items)
        # openpyxl keeps formulas but not their stored values: have Excel recompute them on opening.
        wb.calculation.fullCalcOnLoad = True
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, wb.save)
        written.append(target)
    return written


def _mark(wb: Workbook, items: list[Finding]) -> set[str]:
    """Fill and comment each cell with a finding; return the names of the sheets marked."""
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in items:
        if f.sheet and f.cell and f.severity in FILL and f.sheet in wb.sheetnames:
            by_cell[(f.sheet, f.cell)].append(f)
    for (sheet, ref), unsorted in by_cell.items():
        cell_findings = by_severity(unsorted)
        ws = wb[sheet]
        cell = ws[ref]
        if type(cell).__name__ == "MergedCell":
            continue
        cell.fill = FILL[cell_findings[0].severity]
        text = "\n".join(f"[{f.severity.label}] {f.code}: {S.cell_text(f.message)}" for f in cell_findings)
        comment = Comment(text, "iku validate")
        comment.width, comment.height = 360, 40 + 18 * (len(text) // 50 + len(cell_findings))
        cell.comment = comment
    return {sheet for sheet, _ in by_cell}
