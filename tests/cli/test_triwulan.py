"""--triwulan on the command line: compute, validate and explain; usage errors with exit code 2."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from iku_cli.calc.validate import validate_triwulan
from tests.helpers import run

IKU1 = (5 - 3) / 3 * 100  # snapshot: 3 usaha mikro at the end of 2023, 5 at the end of 2024 TW II


@pytest.fixture
def quarterly(quarterly_config, quarter_data):
    """The arguments that point at the hand-computed triwulan data and its configuration."""
    return [quarter_data, "--config", quarterly_config.path]


def test_compute_prints_the_triwulan_table(quarterly):
    data, *config = quarterly
    result = run("compute", data, "--year", 2024, "--triwulan", 2, *config)
    assert result.exit_code == 1  # IKU-5 declares no reading: it cannot be computed, and says why
    assert "triwulan II (s.d. 30 Juni 2024)" in result.stdout
    assert "66,67 %" in result.stdout  # IKU-1
    assert "IKU-5: tidak dapat dihitung: indicators.yaml tidak menyatakan" in " ".join(result.stdout.split())


def test_compute_json_and_the_pk_workbook(quarterly, tmp_path):
    data, *config = quarterly
    out = tmp_path / "pk-tw2.xlsx"
    result = run("compute", data, "-y", 2024, "-t", 2, *config, "--format", "json", "-o", out)
    got = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    assert got["IKU-1"]["value"] == pytest.approx(IKU1)
    assert got["IKT-2"]["value"] is None and got["IKT-2"]["status"] == "annual-only"
    ws = openpyxl.load_workbook(out)["Monitoring PK"]
    assert any(
        c.value == pytest.approx(IKU1) for row in ws.iter_rows() for c in row if isinstance(c.value, float)
    )


def test_a_missing_triwulan_folder_is_a_usage_error(quarterly):
    data, *config = quarterly
    result = run("compute", data, "--year", 2024, "--triwulan", 3, *config)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "no folder" in message and "TW3" in message and "TW1, TW2" in message
    assert "DATA_DIR/<year>/TW<n>/" in message


@pytest.mark.parametrize("triwulan", ["0", "5"])
def test_a_triwulan_outside_1_to_4(quarterly, triwulan):
    data, *config = quarterly
    result = run("compute", data, "--year", 2024, "--triwulan", triwulan, *config)
    assert result.exit_code == 2 and "--triwulan" in result.stderr


def test_no_output_replaces_a_triwulan_workbook(quarterly):
    data, *config = quarterly
    target = data / "2024" / "TW2" / "bidang_koperasi.xlsx"
    before = target.read_bytes()
    result = run("compute", data, "--year", 2024, "--triwulan", 2, *config, "-o", target)
    assert result.exit_code == 2 and target.read_bytes() == before


def test_validate_a_triwulan(quarterly, quarterly_config):
    data, *config = quarterly
    result = run("validate", data, "--year", 2024, "--triwulan", 2, *config, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["valid"] is True
    files = validate_triwulan(quarterly_config, data, 2024, 2).files
    assert "2024/TW2/bidang_koperasi.xlsx" in files and "2023/TW2/bidang_usaha_mikro_ikm.xlsx" in files
    assert "2024/TW1/bidang_koperasi.xlsx" not in files and not any("pdrb" in f for f in files)


def test_validate_finds_an_error_in_a_triwulan_folder(quarterly):
    data, *config = quarterly
    shutil.copy(
        data / "2024" / "pdrb.xlsx", data / "2024" / "TW2" / "bidang_koperasi.xlsx"
    )  # a wrong workbook
    result = run("validate", data, "--year", 2024, "--triwulan", 2, *config)
    assert result.exit_code == 1 and "2024/TW2/bidang_koperasi.xlsx" in result.stdout


def test_validate_triwulan_needs_a_year(quarterly):
    data, *config = quarterly
    result = run("validate", data, "--triwulan", 2, *config)
    assert result.exit_code == 2 and "--triwulan needs --year" in result.stderr


def test_explain_names_the_folders_of_the_reading(quarterly):
    data, *config = quarterly
    result = run("explain", "IKU-1", data, "--year", 2024, "--triwulan", 2, *config)
    text = " ".join(result.stdout.split())
    assert result.exit_code == 0
    assert "Bacaan triwulan: snapshot, nilai akhir" in text
    assert "(V(2024/TW2) − V(2023)) / V(2023) × 100 = (5 − 3) / 3 × 100 = 66,6667 %" in text
    assert (
        "sumber: 2024/TW2/bidang_usaha_mikro_ikm.xlsx" in text
        and "sumber: 2023/bidang_usaha_mikro_ikm.xlsx" in text
    )
    annual_only = run("explain", "IKT-2", data, "--year", 2024, "--triwulan", 2, *config)
    assert annual_only.exit_code == 1 and "hanya dihitung tahunan" in annual_only.stdout
