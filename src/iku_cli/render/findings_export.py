"""Findings as files: JSON with a summary, CSV one finding a row, XLSX with a filterable table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import Workbook

from iku_cli.findings import FINDING_FIELDS, Finding
from iku_cli.render import xlsx_style as S
from iku_cli.render.atomic import write_output

SEVERITY_FILL = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}


def findings_json(found: list[Finding], summary: dict) -> str:
    payload = {"findings": [f.to_dict() for f in found], "summary": summary}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def findings_csv(found: list[Finding]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FINDING_FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in found:
        writer.writerow({k: ("" if v is None else v) for k, v in f.to_dict().items()})
    return buf.getvalue()


def fill_findings_sheet(ws, found: list[Finding]) -> None:
    """A sheet listing findings, one a row, with a header and a filter: shared with --annotate."""
    headers = ["Tingkat", "Kode", "File", "Sheet", "Sel", "Kolom", "Nilai", "Pesan"]
    ws.append(headers)
    S.style_header_row(ws, 1, 1, len(headers))
    for f in found:
        d = f.to_dict()
        ws.append([d[k] for k in FINDING_FIELDS])
        ws.cell(row=ws.max_row, column=1).fill = S.PatternFill("solid", fgColor=SEVERITY_FILL[d["severity"]])
    S.set_widths(ws, {"A": 10, "B": 22, "C": 32, "D": 20, "E": 7, "F": 18, "G": 20, "H": 100})
    for (cell,) in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        cell.alignment = S.WRAP_TOP
    S.fit_row_heights(ws, 2, ws.max_row)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(ws.max_row, 1)}"


def findings_xlsx(found: list[Finding], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Temuan"
    fill_findings_sheet(ws, found)
    wb.save(path)


def export_findings(found: list[Finding], summary: dict, path: Path) -> None:
    write_output(
        path,
        json=lambda: findings_json(found, summary),
        csv=lambda: findings_csv(found),
        xlsx=lambda tmp: findings_xlsx(found, tmp),
    )
