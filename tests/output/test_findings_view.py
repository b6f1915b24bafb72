"""Findings for people and programs: the summary, JSON, CSV and the one findings sheet."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import openpyxl
from rich.console import Console

from iku_cli.calc.validate import ValidationReport
from iku_cli.findings import make
from iku_cli.output.findings_view import (
    FINDINGS_COLUMNS,
    fill_findings_sheet,
    findings_json,
    print_findings_summary,
    to_csv,
    to_json,
    write_xlsx,
)

FOUND = [
    make("number-as-text", "teks", file="2024/a.xlsx", sheet="S", cell="B2", value="1.000"),
    make("blank-rows-skipped", "kosong", file="2024/b.xlsx", sheet="T", cell="A5"),
    make("type-error", "[bukan] angka", file="2024/b.xlsx", sheet="T", cell="C3", value="dua"),
]
REPORT = ValidationReport(
    data_dir="data", years=[2023, 2024], findings=FOUND, files=["2024/a.xlsx", "2024/b.xlsx"]
)


def test_summary_puts_the_workbook_with_errors_first_and_shows_text_as_text():
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_findings_summary(FOUND, console, show_info=True)
    lines = console.file.getvalue().splitlines()
    assert lines[0] == "2024/b.xlsx › T: 1 kesalahan, 1 info"
    assert lines[1].split() == [
        "Kesalahan",
        "type-error",
        "C3:",
        "[bukan]",
        "angka",
    ]  # brackets are not markup
    assert lines[3] == "2024/a.xlsx › S: 1 peringatan"
    assert lines[-1] == "Total: 1 kesalahan, 1 peringatan, 1 info."


def test_json_and_csv_carry_every_finding_errors_first():
    payload = json.loads(to_json(REPORT))
    assert [f["cell"] for f in payload["findings"]] == ["C3", "B2", "A5"]
    assert payload["findings"][0]["severity"] == "error"  # the stable value, for programs
    assert payload["summary"] == {
        "years": [2023, 2024],
        "files": 2,
        "error": 1,
        "warning": 1,
        "info": 1,
        "valid": False,
    }
    rows = list(csv.DictReader(io.StringIO(to_csv(REPORT))))
    assert [r["code"] for r in rows] == ["type-error", "number-as-text", "blank-rows-skipped"]
    assert rows[2]["value"] == ""


def test_one_findings_sheet_with_indonesian_headers(tmp_path):
    path = tmp_path / "temuan.xlsx"
    write_xlsx(REPORT, path)
    ws = openpyxl.load_workbook(path)["Temuan"]
    assert [c.value for c in ws[1]] == [name for name, _ in FINDINGS_COLUMNS]
    assert [c.value for c in ws[1]][:3] == ["Tingkat", "Kode", "File"]
    assert ws.max_row == 4 and ws["B2"].value == "type-error" and ws["G2"].value == "dua"
    assert [ws[f"A{r}"].value for r in (2, 3, 4)] == ["Kesalahan", "Peringatan", "Info"]
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows == "$1:$1"


def test_fill_findings_sheet_on_an_empty_list():
    ws = openpyxl.Workbook().active
    fill_findings_sheet(ws, [])
    assert ws.max_row == 1


def test_findings_sheet_names_the_column_by_its_header_and_keeps_text_as_text(tmp_path):
    found = [
        make(
            "type-error", "bukan uang", file="2024/a.xlsx", sheet="S", cell="F2", column="omzet", value="=1+1"
        ),
        make("not-allowed", "bukan pilihan", file="2024/a.xlsx", sheet="S", cell="E2", value="#N/A"),
        make("type-error", "x", file="2024/a.xlsx", sheet="S", cell="E3", value="a\x1b[31m\x00"),
    ]
    found[0] = replace(found[0], column_header="Omzet per Tahun (Rp)")
    path = tmp_path / "temuan.xlsx"
    write_xlsx(ValidationReport("data", [2024], found, ["2024/a.xlsx"]), path)
    ws = openpyxl.load_workbook(path)["Temuan"]
    assert ws["F2"].value == "Omzet per Tahun (Rp)"  # the header as people read it, not the id 'omzet'
    assert ws["G2"].value == "=1+1" and ws["G2"].data_type == "s"  # text, never a live formula
    assert ws["G3"].value == "#N/A" and ws["G3"].data_type == "s"  # text, not an error value
    assert ws["G4"].value == "a\\x1b[31m\\x00"  # control characters written out, not refused
    assert json.loads(findings_json(found, {}))["findings"][0]["column"] == "omzet"
    assert json.loads(findings_json(found, {}))["findings"][0]["column_header"] == "Omzet per Tahun (Rp)"
