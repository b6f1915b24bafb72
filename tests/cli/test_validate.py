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
