"""iku compute on the command line: exit codes, formats, exports read back."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from tests.helpers import anggaran, koperasi, run, write_book


def test_compute_table(small_data):
    result = run("compute", small_data, "--year", 2024)
    assert result.exit_code == 0
    assert "IKU-2" in result.stdout and "33,33 %" in result.stdout  # 1 of the 3 usaha mikro of 2023
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
    for row in ws.iter_rows(min_row=6, values_only=True):
        if row[2] and "(" in str(row[2]):
            ind_id = str(row[2]).rsplit("(", 1)[1].rstrip(")")
            from_xlsx[ind_id] = row[12]  # the realisasi of the year, after the two years before
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


def test_without_budget_the_table_says_so_and_exits_0(small_data):
    result = run("compute", small_data, "--year", 2024)
    assert result.exit_code == 0
    assert "Anggaran: anggaran tidak diberikan: 2024/anggaran.xlsx tidak ada" in " ".join(
        result.stdout.split()
    )


def test_budget_errors_leave_the_budget_out_and_exit_1(small_data):
    rows = anggaran(("2.17.07.2.01.0003", "Fasilitasi", 100_000_000, 90_000_000), ("PROGRAM UMKM", "x", 1, 1))
    write_book(small_data / "2024" / "anggaran.xlsx", rows)
    result = run("compute", small_data, "--year", 2024)
    assert result.exit_code == 1
    assert "9 dari 9 indikator dihitung." in result.stdout  # the indicators are all there
    err = " ".join(result.stderr.split())
    assert "budget-code-invalid" in err and "A3" in err
    assert "Anggaran tidak dihitung: 1 kesalahan di 2024/anggaran.xlsx" in err


def test_reading_progress_shows_on_a_terminal_and_never_in_piped_output(small_data, monkeypatch):
    import io

    from rich.console import Console

    from iku_cli.cli import common

    piped = run("compute", small_data, "--year", 2024, "--format", "json")
    assert "Membaca" not in piped.stderr and json.loads(piped.stdout)["year"] == 2024
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    monkeypatch.setattr(common, "err", terminal)
    assert run("compute", small_data, "--year", 2024, "--format", "json").exit_code == 0
    shown = terminal.file.getvalue()
    assert "Membaca 2024/bidang_usaha_mikro_ikm.xlsx › Data UMKM" in shown


@pytest.mark.parametrize("name", ["laporan.xlsx", "iku.csv", "iku.json"])
def test_a_full_disk_is_one_line_naming_the_file_and_exit_2(small_data, tmp_path, monkeypatch, name):
    import errno
    import os

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / name
    target.write_text("the previous good file")
    monkeypatch.setattr(os, "fsync", full_disk)  # where a full disk shows itself: writing the data out
    result = run("compute", small_data, "--year", 2024, "-o", target)
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1] == f"Error: --output {target}: cannot write: No space left on device"
    )
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    assert target.read_text() == "the previous good file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", name]  # no temporary file left


def test_a_full_disk_while_annotating_names_the_copy(defective, tmp_path, monkeypatch):
    import errno

    import openpyxl.workbook.workbook as workbook

    def full_disk(self, filename):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(workbook.Workbook, "save", full_disk)
    data, _ = defective
    result = run("validate", data, "--year", 2024, "--annotate", tmp_path / "ann", "--format", "json")
    assert result.exit_code == 2
    first = tmp_path / "ann" / "2024" / "bidang_koperasi.xlsx"
    assert result.stderr.strip() == f"Error: cannot write {first}: No space left on device"
    assert not [p for p in (tmp_path / "ann").rglob("*") if p.is_file()]


def test_a_change_that_questions_a_value_is_shown_not_only_counted(config, tmp_path):
    from tests.helpers import YEAR_2023, YEAR_2024, write_year

    data = tmp_path / "data"
    write_year(data, 2023, **YEAR_2023)
    doubled = dict(YEAR_2024, volume_rows=[YEAR_2024["volume_rows"][0], ["Pasar Baru", "Beras", 3000, 1]])
    write_year(data, 2024, **doubled)  # volume 1.500 kg -> 3.000 kg: +100 %, beyond the ±50 % declared
    result = run("compute", data, "--year", 2024)
    assert result.exit_code == 0
    err = " ".join(result.stderr.split())
    assert (
        "Periksa: ukuran 'Volume perdagangan dalam daerah' berubah +100,0 % dari 2023 (1.500) ke 2024 (3.000)"
        in err
    )
    assert "satuan yang keliru (2024/bidang_perdagangan.xlsx)" in err
    assert err.count("Periksa:") == 4 and "large-change 4" in err  # the small data's three, each shown too
