"""iku validate: cross-sheet findings, a folder full of planted defects, annotate, and the originals untouched."""

from __future__ import annotations

import hashlib
import json
import shutil

import openpyxl
import pytest
from conftest import EXAMPLES, YEAR_2023, YEAR_2024, Formula, koperasi, umkm, write_book, write_year
from typer.testing import CliRunner

from iku_cli.cli import app
from iku_cli.validate import validate

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def where(f):
    return (f.severity, f.code, f.file, f.sheet, f.cell)


def test_extra_sheet_is_info(config, small_data):
    rows = YEAR_2024["koperasi_rows"]
    write_book(small_data / "2024" / "bidang_koperasi.xlsx", {"Keragaan Koperasi": rows, "Catatan": [["x"]]})
    report = validate(config, small_data, [2024])
    [f] = [f for f in report.findings if f.code == "extra-sheet-ignored"]
    assert where(f) == ("info", "extra-sheet-ignored", "2024/bidang_koperasi.xlsx", "Catatan", None)


def test_unit_inconsistent_across_years(config, small_data):
    rows = [["Nama Eksportir", "Nilai FOB (ribu USD)"], ["PT A", 2.5], ["PT B", 2.5]]
    write_book(
        small_data / "2024" / "bidang_perdagangan.xlsx",
        {"Volume Perdagangan": YEAR_2024["volume_rows"], "Realisasi Ekspor": rows},
    )
    report = validate(config, small_data, [2023, 2024])
    [f] = [f for f in report.findings if f.code == "unit-inconsistent"]
    assert where(f) == (
        "warning",
        "unit-inconsistent",
        "2024/bidang_perdagangan.xlsx",
        "Realisasi Ekspor",
        None,
    )
    assert f.column == "nilai_fob" and "2023: USD, 2024: ribu USD" in f.message
    assert report.valid()  # a warning, the values are scaled


def test_large_change_between_years(config, tmp_path):
    data = tmp_path / "data"
    write_year(data, 2023, **YEAR_2023)
    big = dict(YEAR_2024)
    big["volume_rows"] = [
        YEAR_2024["volume_rows"][0],
        ["Pasar Baru", "Beras", 3000, 1],
    ]  # 1500 -> 3000 kg: +100 %
    write_year(data, 2024, **big)
    report = validate(config, data, [2023, 2024])
    [f] = [
        f
        for f in report.findings
        if f.code == "large-change" and f.column == "volume" and "perdagangan" in f.message
    ]
    assert where(f) == ("warning", "large-change", "2024/bidang_perdagangan.xlsx", "Volume Perdagangan", None)
    assert "berubah +100,0 % dari 2023 (1.500) ke 2024 (3.000)" in f.message


def test_permission_denied_is_a_finding(config, small_data, monkeypatch):
    import iku_cli.workbook as wb

    def deny(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(wb, "sniff", deny)
    report = validate(config, small_data, [2024])
    f = next(f for f in report.findings if f.file == "2024/pdrb.xlsx")
    assert (f.severity, f.code) == ("error", "workbook-unreadable") and "izin" in f.message


@pytest.fixture
def defective(tmp_path):
    """A data folder with many planted defects; each is listed with the exact cell it must be found at."""
    data = tmp_path / "data"
    write_year(data, 2023, **YEAR_2023)
    year = dict(YEAR_2024)
    year["umkm_rows"] = [
        ["DATA UMKM 2024"],
        *umkm(
            ("1001", "Mikro", 120_000_000),
            ("1002", "Mikor", 310_000_000),  # E4 not-allowed
            ("1001", "Kecil", "dua juta"),  # A5 duplicate-key, F5 type-error
            ("1008", "Mikro", -5),  # F6 below-minimum
            ("1009", "Mikro", "Rp 1.500.000"),  # F7 number-as-text
        ),
    ]
    year["koperasi_rows"] = koperasi(
        ("BH-1", "Aktif", 1_000_000, [150, 60, 60, 60]),  # G2 above-maximum
        ("BH-2", "Aktif", 1_000_000, [60, None, 60, 60]),  # H3 required-missing (Aktif)
    )
    year["volume_rows"] = [
        ["Nama Pasar", "Komoditas", "Volume (kg)"],
        ["Pasar Baru", "Beras", Formula("=2*3")],
    ]
    write_year(data, 2024, **year)
    (data / "2024" / "pdrb.xlsx").unlink()
    expected = {
        ("error", "not-allowed", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "E4"),
        ("error", "duplicate-key", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "A5"),
        ("error", "type-error", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "F5"),
        ("error", "below-minimum", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "F6"),
        ("warning", "number-as-text", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "F7"),
        ("error", "above-maximum", "2024/bidang_koperasi.xlsx", "Keragaan Koperasi", "G2"),
        ("error", "required-missing", "2024/bidang_koperasi.xlsx", "Keragaan Koperasi", "H3"),
        ("error", "formula-no-cache", "2024/bidang_perdagangan.xlsx", "Volume Perdagangan", "C2"),
        ("error", "workbook-missing", "2024/pdrb.xlsx", None, None),
    }
    return data, expected


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


def test_annotated_copies_mark_cells_and_list_findings(defective, tmp_path):
    data, _ = defective
    out = tmp_path / "diperiksa"
    result = run("validate", data, "--year", 2024, "--annotate", out)
    assert result.exit_code == 1
    book = openpyxl.load_workbook(out / "2024" / "bidang_usaha_mikro_ikm.xlsx")
    ws = book["Data UMKM"]
    assert ws["F5"].fill.fgColor.rgb == "00FF7C80"  # error: red
    assert ws["F7"].fill.fgColor.rgb == "00FFE699"  # warning: yellow
    assert "type-error" in ws["F5"].comment.text and "'dua juta'" in ws["F5"].comment.text
    assert ws["F2"].comment is None
    listing = book["Temuan iku"]
    assert [c.value for c in listing[1]] == [
        "Tingkat",
        "Kode",
        "File",
        "Sheet",
        "Sel",
        "Kolom",
        "Nilai",
        "Pesan",
    ]
    assert listing.max_row - 1 == sum(
        1
        for f in json.loads(run("validate", data, "--year", 2024, "--format", "json").stdout)["findings"]
        if f["file"] == "2024/bidang_usaha_mikro_ikm.xlsx"
    )


def digest(folder):
    return {
        p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_inputs_never_change(tmp_path):
    data = shutil.copytree(EXAMPLES, tmp_path / "data")
    before = digest(data)
    run("validate", data)
    run("validate", data, "--year", 2024, "--annotate", tmp_path / "annotated")
    run("compute", data, "--year", 2024, "-o", tmp_path / "out.xlsx")
    run("explain", "IKU-1", data, "--year", 2024)
    run("trend", data, "--from", 2022, "--to", 2024)
    assert digest(data) == before
    assert len(list((tmp_path / "annotated").rglob("*.xlsx"))) == 8


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
