"""iku validate on the command line: planted defects found at their cells, exit codes, exports, inputs untouched."""

from __future__ import annotations

import hashlib
import json
import shutil

import openpyxl
import pytest

from tests.helpers import EXAMPLES, YEAR_2024, run, umkm, write_book


def test_planted_defects_end_to_end(defective):
    data, expected = defective
    result = run("validate", data, "--year", 2024, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    found = {(f["severity"], f["code"], f["file"], f["sheet"], f["cell"]) for f in payload["findings"]}
    assert expected <= found
    errors_and_warnings = {f for f in found if f[0] != "info"}
    assert errors_and_warnings - expected == set()  # nothing reported that was not planted
    assert payload["summary"]["error"] == 8 and payload["summary"]["warning"] == 1
    assert payload["summary"]["valid"] is False


def test_validate_table_summarises_and_exits_1(defective):
    data, _ = defective
    result = run("validate", data, "--year", 2024)
    assert result.exit_code == 1
    assert "2024/bidang_usaha_mikro_ikm.xlsx › Data UMKM: 4 kesalahan, 1 peringatan" in result.stdout
    assert "Total: 8 kesalahan, 1 peringatan" in result.stdout


def digest(folder):
    return {
        p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_inputs_never_change(tmp_path):
    data = shutil.copytree(EXAMPLES, tmp_path / "data")
    before = digest(data)
    run("validate", data)
    run("validate", data, "--year", 2024, "--annotate", tmp_path / "annotated")
    run("compute", data, "--year", 2024, "-o", tmp_path / "out.xlsx")
    run("explain", "IKU-1", data, "--year", 2024)
    run("trend", data, "--from", 2022, "--to", 2024)
    assert digest(data) == before
    assert len(list((tmp_path / "annotated").rglob("*.xlsx"))) == 10  # 5 workbooks, 2023 and 2024


def test_annotate_refuses_the_data_folder(small_data):
    result = run("validate", small_data, "--annotate", small_data)
    assert result.exit_code == 2


def test_strict_counts_warnings(small_data):
    rows = umkm(("1001", "Mikro", "Rp 1.000"))
    write_book(
        small_data / "2024" / "bidang_usaha_mikro_ikm.xlsx",
        {"Data UMKM": rows, "Direktori IKM": YEAR_2024["ikm_rows"]},
    )
    assert run("validate", small_data, "--year", 2024).exit_code == 0
    assert run("validate", small_data, "--year", 2024, "--strict").exit_code == 1


def test_without_year_checks_every_year_folder(small_data):
    payload = json.loads(run("validate", small_data, "--format", "json").stdout)
    assert payload["summary"]["years"] == [2023, 2024]
    assert payload["summary"]["files"] == 8


def test_thousands_of_findings_do_not_flood_the_screen(small_data):
    rows = umkm(*[(str(10_000 + i), "Mikro", f"Rp {i + 1}.000") for i in range(3000)])
    write_book(
        small_data / "2024" / "bidang_usaha_mikro_ikm.xlsx",
        {"Data UMKM": rows, "Direktori IKM": YEAR_2024["ikm_rows"]},
    )
    result = run("validate", small_data, "--year", 2024)
    assert result.exit_code == 0
    assert "Total: 0 kesalahan, 30" in result.stdout  # 3000 number-as-text, and a few large changes
    assert len(result.stdout.splitlines()) < 40


def test_findings_exported_to_csv_xlsx_json(defective, tmp_path):
    data, expected = defective
    out = tmp_path / "out"
    out.mkdir()
    run("validate", data, "--year", 2024, "-o", out / "t.csv", "-o", out / "t.xlsx", "-o", out / "t.json")
    import csv

    with open(out / "t.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {
        (r["severity"], r["code"], r["file"], r["sheet"] or None, r["cell"] or None) for r in rows
    } >= expected
    ws = openpyxl.load_workbook(out / "t.xlsx")["Temuan"]
    assert ws.max_row - 1 == len(rows)
    assert len(json.loads((out / "t.json").read_text())["findings"]) == len(rows)


def test_compute_with_errors_prints_summary_and_points_to_validate(defective):
    data, _ = defective
    result = run("compute", data, "--year", 2024)
    assert result.exit_code == 1
    assert "iku validate" in result.stderr
    assert "IKU-1" not in result.stdout  # nothing computed


HOSTILE = ['=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(1)", "\t=1"]


@pytest.fixture
def hostile(small_data):
    """Cell texts a spreadsheet would run, in a money column (each is a type-error with the text as its value)."""
    rows = umkm(*[(str(2000 + i), "Mikro", text) for i, text in enumerate(HOSTILE)])
    write_book(
        small_data / "2024" / "bidang_usaha_mikro_ikm.xlsx",
        {"Data UMKM": rows, "Direktori IKM": YEAR_2024["ikm_rows"]},
    )
    return small_data


def test_no_export_of_findings_holds_a_live_formula(hostile, tmp_path):
    import csv
    import io

    result = run("validate", hostile, "--year", 2024, "--format", "csv", "-o", tmp_path / "t.xlsx")
    values = [r["value"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["code"] == "type-error"]
    assert values == ["'" + text for text in HOSTILE]  # quoted, nothing stripped
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Temuan"]
    cells = [row[6] for row in ws.iter_rows(min_row=2) if row[1].value == "type-error"]
    assert [c.value for c in cells] == HOSTILE and {c.data_type for c in cells} == {"s"}
    run("validate", hostile, "--year", 2024, "--annotate", tmp_path / "ann")
    book = openpyxl.load_workbook(tmp_path / "ann" / "2024" / "bidang_usaha_mikro_ikm.xlsx")
    listed = [row[6] for row in book["Temuan iku"].iter_rows(min_row=2) if row[1].value == "type-error"]
    assert [c.value for c in listed] == HOSTILE and {c.data_type for c in listed} == {"s"}
    original = book["Data UMKM"]["F2"]  # the workbook's own text cell stays text in the copy
    assert original.value == HOSTILE[0] and original.data_type == "s"


def test_csv_for_indonesian_excel(small_data):
    result = run("validate", small_data, "--csv-dialect", "excel-id", "--format", "csv")
    header = "\ufeffseverity;code;file;sheet;cell;column;column_header;value;message\r\n"
    assert result.stdout_bytes.startswith(header.encode("utf-8"))
    computed = run("compute", small_data, "--year", 2024, "--format", "csv", "--csv-dialect", "excel-id")
    row = computed.stdout.splitlines()[1].split(";")
    assert row[:2] == ["2024", "IKT-1"] and row[8] == repr(632 / 1153 * 100).replace(".", ",")


def test_the_cli_header_counts_the_workbooks_it_reports(small_data):
    shutil.rmtree(small_data / "2023")
    result = run("validate", small_data, "--year", 2024)
    assert result.exit_code == 0  # good data: the missing 2023 is a warning, not 4 errors
    assert " ".join(result.stdout.split()).startswith(f"Memeriksa 4 workbook di {small_data} (tahun 2024)")
    (small_data / "2024" / "pdrb.xlsx").unlink()
    missing = run("validate", small_data, "--year", 2024)
    assert missing.exit_code == 1 and missing.stdout.startswith("Memeriksa 4 workbook")  # the missing one too
