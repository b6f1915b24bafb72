"""The command line through typer's CliRunner: exit codes, formats, exports read back."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from conftest import ROOT, koperasi, write_book
from typer.testing import CliRunner

from iku_cli.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_compute_table(small_data):
    result = run("compute", small_data, "--year", 2024)
    assert result.exit_code == 0
    assert "IKU-2" in result.stdout and "25,00 %" in result.stdout
    assert "33,33 %" in result.stdout  # IKU-1, Indonesian decimal comma
    assert "9 dari 9 indikator dihitung." in result.stdout


def test_compute_json_has_full_precision(small_data):
    result = run("compute", small_data, "--year", 2024, "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["year"] == 2024
    assert payload["agency"] == "Dinas Koperasi, Usaha Mikro dan Perdagangan"
    got = {i["id"]: i for i in payload["indicators"]}
    assert list(got) == ["IKT-1", "IKU-1", "IKU-2", "IKU-3", "IKT-2", "IKT-3", "IKU-4", "IKU-5", "IKU-6"]
    assert got["IKU-3"]["value"] == 2 / 3 * 100  # full precision, not 66.67
    assert got["IKU-3"]["inputs"] == {"pembilang": 2.0, "penyebut": 3.0}
    assert got["IKU-1"]["inputs"] == {"v_n_1": 3.0, "v_n": 4.0}
    assert set(got["IKU-1"]) >= {
        "id",
        "level",
        "name",
        "satuan",
        "formula",
        "value",
        "status",
        "reason",
        "inputs",
    }
    assert got["IKU-1"]["status"] == "ok" and got["IKU-1"]["reason"] is None


def test_compute_csv_one_row_per_indicator(small_data):
    result = run("compute", small_data, "--year", 2024, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows][:3] == ["IKT-1", "IKU-1", "IKU-2"]
    row = next(r for r in rows if r["id"] == "IKT-1")
    assert float(row["value"]) == pytest.approx(632 / 1153 * 100, rel=1e-15)
    assert float(row["v_n_1"]) == 1_153_000_000 and float(row["v_n"]) == 1_785_000_000


def test_outputs_read_back_equal_computed_values(small_data, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        "compute",
        small_data,
        "--year",
        2024,
        "--format",
        "json",
        "-o",
        out / "iku.csv",
        "-o",
        out / "iku.json",
        "-o",
        out / "laporan.xlsx",
    )
    assert result.exit_code == 0
    expected = {i["id"]: i["value"] for i in json.loads(result.stdout)["indicators"]}
    from_json = {i["id"]: i["value"] for i in json.loads((out / "iku.json").read_text())["indicators"]}
    assert from_json == expected
    with open(out / "iku.csv", newline="") as fh:
        from_csv = {r["id"]: float(r["value"]) for r in csv.DictReader(fh)}
    assert from_csv == expected
    ws = openpyxl.load_workbook(out / "laporan.xlsx")["Pengukuran Kinerja"]
    from_xlsx = {}
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[2] and "(" in str(row[2]):
            ind_id = str(row[2]).rsplit("(", 1)[1].rstrip(")")
            from_xlsx[ind_id] = row[5]
    assert from_xlsx == expected
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_uncomputable_indicator_exits_1_and_is_never_zero(small_data):
    (small_data / "2023" / "pdrb.xlsx").unlink()
    result = run("compute", small_data, "--year", 2024, "--format", "json")
    assert result.exit_code == 1
    got = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    assert got["IKT-2"]["value"] is None and got["IKT-2"]["status"] == "data-missing"
    table = run("compute", small_data, "--year", 2024)
    assert table.exit_code == 1
    assert "tidak dapat dihitung" in table.stdout
    assert "7 dari 9 indikator dihitung." in table.stdout


def test_data_error_exits_1_and_names_the_cell(small_data):
    rows = koperasi(("BH-1", "Aktif", "dua juta", [70, 70, 70, 70]))
    write_book(small_data / "2024" / "bidang_koperasi.xlsx", {"Keragaan Koperasi": rows})
    result = run("compute", small_data, "--year", 2024)
    assert result.exit_code == 1
    assert "2024/bidang_koperasi.xlsx › Keragaan Koperasi" in result.stderr
    assert "F2: 'dua juta' bukan uang (Rupiah)" in result.stderr
    assert "iku validate" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compute", "tidak-ada", "--year", "2024"], "data folder 'tidak-ada' does not exist"),
        (["compute", "{data}", "--year", "2024", "-o", "x.txt"], "unknown extension '.txt'"),
        (
            ["compute", "{data}", "--year", "2024", "-o", "no/such/dir/x.csv"],
            "does not exist; create it first",
        ),
        (["compute", "{data}", "--year", "2024", "--config", "nope.yaml"], "nope.yaml: file not found"),
        (["compute", "{data}"], "Missing option '--year'"),
        (["compute", "{data}", "--year", "dua"], "Invalid value for '--year'"),
        (["compute", "{data}", "--year", "2024", "--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_usage_errors_exit_2_without_traceback(small_data, args, message, capfd):
    import subprocess
    import sys

    args = [a.replace("{data}", str(small_data)) for a in args]
    proc = subprocess.run(
        [sys.executable, "-m", "iku_cli", *args], capture_output=True, text=True, cwd=small_data.parent
    )
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_broken_config_exits_2_with_file_and_line(small_data, tmp_path):
    import subprocess
    import sys

    text = (
        (ROOT / "indicators.yaml")
        .read_text()
        .replace(
            "aggregate: count_distinct\n    column: nib\n", "aggregate: count_distinct\n    column: nibb\n", 1
        )
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "column: nibb" in ln)
    proc = subprocess.run(
        [sys.executable, "-m", "iku_cli", "compute", str(small_data), "--year", "2024", "--config", str(bad)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert f"{bad}:{line}: measure 'jumlah_usaha_mikro' names column 'nibb'" in proc.stderr
    assert "did you mean 'nib'?" in proc.stderr


def test_indicators_lists_the_nine(tmp_path):
    result = run("indicators", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["indicators"]
    assert [r["id"] for r in rows] == [
        "IKT-1",
        "IKU-1",
        "IKU-2",
        "IKU-3",
        "IKT-2",
        "IKT-3",
        "IKU-4",
        "IKU-5",
        "IKU-6",
    ]
    iku2 = rows[2]
    assert iku2["unit_kerja"] == "Bidang Usaha Mikro dan IKM"
    assert iku2["source"] == "bidang_usaha_mikro_ikm.xlsx › Data UMKM"
    assert iku2["formula"] == "ratio"
    table = run("indicators")
    assert "IKU-6" in table.stdout and "Perdagangan" in table.stdout


def test_help_documents_exit_codes():
    result = run("compute", "--help")
    assert "Exit codes: 0 every indicator computed; 1" in " ".join(result.stdout.split())


def test_year_without_folder_is_a_usage_error_with_a_hint(small_data):
    result = run("compute", small_data, "--year", 2030)
    assert result.exit_code == 2
    assert "year folders in" in result.stderr and "2023, 2024" in result.stderr
    pointing_at_year = run("compute", small_data / "2024", "--year", 2024)
    assert pointing_at_year.exit_code == 2
    assert "DATA_DIR is the folder that holds the year folders" in " ".join(pointing_at_year.stderr.split())
    assert run("compute", small_data, "--year", 24).exit_code == 2
    assert run("validate", small_data, "--year", 2030).exit_code == 2


def test_unwritable_targets_are_usage_errors_not_crashes(small_data, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    result = run("validate", small_data, "--year", 2024, "--annotate", a_file)
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    template = run("template", a_file / "sub", "--year", 2025)
    assert template.exit_code == 2
