"""Targets, capaian and kategori in the result, the LKjIP workbook, iku explain and iku trend."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
import yaml
from conftest import EXAMPLES, ROOT, YEAR_2024, koperasi, write_book
from typer.testing import CliRunner

from iku_cli.cli import app
from iku_cli.compute import compute
from iku_cli.explain import explain
from iku_cli.spec import load_config
from iku_cli.trend import sparkline, trend
from iku_cli.workspace import sha256_of

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def targets_config(tmp_path):
    """A copy of the shipped configuration with every capaian branch on the small data (see conftest)."""
    data = yaml.safe_load((ROOT / "indicators.yaml").read_text())
    by_id = {
        ind["id"]: ind
        for t in data["tujuan"]
        for ind in t["indikator"] + [i for s in t["sasaran"] for i in s["indikator"]]
    }
    by_id["IKU-1"]["targets"] = {2024: [20, 30], 2026: 40}  # realisasi 33,33 above the range: 33,33 / 30
    by_id["IKU-2"]["targets"] = {2024: [30, 40], 2026: 50}  # realisasi 25 below the range: 25 / 30
    by_id["IKU-3"]["targets"] = {2024: [60, 70], 2026: 70}  # realisasi 66,67 inside the range: 100
    by_id["IKU-6"]["targets"] = {2024: 10, 2026: 5}  # realisasi 0, lower is better: (1 + (1 - 0/10)) x 100
    by_id["IKU-6"]["better"] = "lower"
    by_id["IKU-4"]["targets"] = {2024: 20, 2026: 25}  # realisasi 20: capaian 100
    by_id["IKT-2"]["targets"] = {2024: 0, 2026: 6}  # target 0: cannot compute
    by_id["IKT-3"]["targets"] = {2023: 5, 2026: 8}  # no target for 2024
    path = tmp_path / "indicators-targets.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return load_config(path)


def test_capaian_branches_on_real_data(targets_config, small_data):
    got = {i.id: i for i in compute(targets_config, small_data, 2024).indicators}
    assert got["IKU-1"].capaian == pytest.approx((100 / 3) / 30 * 100)
    assert got["IKU-2"].capaian == pytest.approx(25 / 30 * 100)
    assert got["IKU-3"].capaian == 100.0 and got["IKU-3"].kategori == "Sangat Tinggi"
    assert got["IKU-6"].capaian == pytest.approx(200.0) and got["IKU-6"].kategori == "Sangat Tinggi"
    assert got["IKU-4"].capaian == pytest.approx(100.0)
    assert got["IKT-2"].capaian is None and got["IKT-2"].kategori is None
    assert got["IKT-2"].capaian_reason == "tidak dapat dihitung: target = 0, capaian tidak terdefinisi"
    assert got["IKT-3"].capaian is None
    assert got["IKT-3"].capaian_reason == "tidak dapat dihitung: target tahun ini tidak ditetapkan"
    assert got["IKU-2"].kategori == "Tinggi"  # 83,33
    # against the Renstra end target (2026)
    assert got["IKU-4"].target_akhir == 25 and got["IKU-4"].capaian_akhir == pytest.approx(80.0)
    assert got["IKU-6"].capaian_akhir == pytest.approx((1 + (1 - 0 / 5)) * 100)


def test_uncomputed_realisasi_has_no_capaian(targets_config, small_data):
    (small_data / "2023" / "bidang_perdagangan.xlsx").unlink()
    got = {i.id: i for i in compute(targets_config, small_data, 2024).indicators}
    assert got["IKU-6"].value is None and got["IKU-6"].capaian is None and got["IKU-6"].kategori is None
    assert got["IKU-6"].capaian_reason == "tidak dapat dihitung: realisasi tidak ada"


def test_json_carries_target_capaian_kategori(targets_config, small_data, tmp_path):
    result = run("compute", small_data, "--year", 2024, "--format", "json", "--config", targets_config.path)
    got = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    assert got["IKU-3"]["target"] == [60.0, 70.0]
    assert got["IKU-4"]["target"] == 20.0 and got["IKU-4"]["capaian"] == pytest.approx(100.0)
    assert got["IKU-4"]["kategori"] == "Sangat Tinggi"
    assert (
        got["IKT-3"]["target"] is None
        and got["IKT-3"]["capaian"] is None
        and got["IKT-3"]["kategori"] is None
    )
    assert got["IKU-6"]["better"] == "lower"
    assert got["IKU-2"]["realisasi_sebelumnya"] == {"2023": pytest.approx(100 / 3), "2022": None}


def test_shipped_targets_on_examples(config):
    got = {i.id: i for i in compute(config, EXAMPLES, 2024).indicators}
    # IKU-1: realisasi (3.177 - 2.926) / 2.926 x 100 = 8,578...; target 10 -> capaian 85,78 (Tinggi)
    assert got["IKU-1"].capaian == pytest.approx((3177 - 2926) / 2926 * 100 / 10 * 100)
    assert got["IKU-1"].kategori == "Tinggi"
    # IKT-2: target range [5, 6]; realisasi 6,70 above it -> 6,70 / 6
    assert got["IKT-2"].target == (5.0, 6.0)
    assert got["IKT-2"].capaian == pytest.approx(got["IKT-2"].value / 6 * 100)
    assert got["IKU-6"].kategori == "Rendah"  # 15,30 / 25 = 61,2
    assert got["IKU-3"].target_akhir == 40.0


def test_report_workbook_sheets(config, tmp_path):
    data = shutil.copytree(EXAMPLES, tmp_path / "data")
    out = tmp_path / "laporan.xlsx"
    assert run("compute", data, "--year", 2024, "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Pengukuran Kinerja", "Rincian Perhitungan", "Metadata"]
    ws = book["Pengukuran Kinerja"]
    assert [c.value for c in ws[4]] == [
        "No",
        "Sasaran",
        "Indikator",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Kategori",
        "Realisasi 2023",
        "Target akhir Renstra (2026)",
        "Capaian terhadap target akhir Renstra (%)",
        "Keterangan",
    ]
    assert ws.freeze_panes == "A5"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    rows = {r[2]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[2] and "(IKU-3)" in str(r[2])}
    [iku3] = rows.values()
    assert iku3[4] == 34.0 and iku3[5] == pytest.approx(87 / 239 * 100) and iku3[7] == "Sangat Tinggi"
    merged = [str(m) for m in ws.merged_cells.ranges]
    assert "A5:L5" in merged  # the first tujuan's group row
    rincian = book["Rincian Perhitungan"]
    lines = [
        r
        for r in rincian.iter_rows(min_row=2, values_only=True)
        if r[6] == "Jumlah usaha mikro yang omzetnya melampaui Rp 300.000.000 per tahun"
    ]
    assert lines[0][7] == 2024 and lines[0][8] == 105 and lines[0][14] == 105
    assert lines[0][11] == "Skala Usaha = Mikro dan Omzet per Tahun (Rp) > 300.000.000"
    meta = {r[0]: r[1] for r in book["Metadata"].iter_rows(values_only=True) if r[0]}
    assert meta["Tahun"] == 2024
    assert meta["2024/pdrb.xlsx"] == sha256_of(data / "2024" / "pdrb.xlsx")
    assert meta["2023/bidang_koperasi.xlsx"] == sha256_of(data / "2023" / "bidang_koperasi.xlsx")


def test_explain_numbers_equal_compute(config):
    ex = explain(config, EXAMPLES, 2024, "iku-2")
    computed = {i.id: i for i in compute(config, EXAMPLES, 2024).indicators}["IKU-2"]
    assert ex.indicator.value == computed.value and ex.indicator.inputs == computed.inputs
    counted = {r.measure.id: r.rows for r in ex.rows}
    assert len(counted["jumlah_usaha_mikro_naik_kelas"]) == 105
    assert (counted["jumlah_usaha_mikro_naik_kelas"]["omzet"] > 300_000_000).all()
    assert (counted["jumlah_usaha_mikro_naik_kelas"]["skala_usaha"] == "Mikro").all()
    assert counted["jumlah_usaha_mikro"]["nib"].nunique() == 3177


def test_explain_cli(config):
    result = run("explain", "IKU-1", EXAMPLES, "--year", 2024)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "(3.177 − 2.926) / 2.926 × 100 = 8,5783 %" in text
    assert "Jumlah usaha mikro" in text and "Skala Usaha = Mikro" in text
    payload = json.loads(run("explain", "IKU-2", EXAMPLES, "--year", 2024, "--format", "json").stdout)
    used = next(m for m in payload["measures"] if m["id"] == "jumlah_usaha_mikro_naik_kelas")
    assert len(used["excel_rows"]) == 105 and used["sheet"] == "Data UMKM"


def test_explain_unknown_id_lists_valid_ones(small_data):
    result = run("explain", "IKU-9", small_data, "--year", 2024)
    assert result.exit_code == 2
    assert (
        "unknown indicator 'IKU-9'; valid ids: IKT-1, IKU-1, IKU-2, IKU-3, IKT-2, IKT-3, IKU-4, IKU-5, IKU-6"
        in " ".join(result.stderr.split())
    )


def test_trend_years_and_missing_values(config):
    t = trend(config, EXAMPLES, 2022, 2024)
    assert t.years == [2022, 2023, 2024]
    iku1 = next(r for r in t.rows if r.id == "IKU-1")
    assert [p.value is None for p in iku1.points] == [True, False, False]  # 2022 has no 2021 to grow from
    assert iku1.points[2].value == pytest.approx((3177 - 2926) / 2926 * 100)
    iku2 = next(r for r in t.rows if r.id == "IKU-2")
    assert iku2.points[0].value == pytest.approx(109 / 2650 * 100)
    assert t.exit_code == 0


def test_sparkline_keeps_missing_years_blank():
    assert sparkline([None, 1.0, 2.0]) == " ▁█"
    assert sparkline([None, None]) == "  "
    assert sparkline([3.0, 3.0]) == "▅▅"


def test_trend_xlsx_has_a_chart_per_indicator(tmp_path):
    out = tmp_path / "trend.xlsx"
    result = run("trend", EXAMPLES, "--from", 2022, "--to", 2024, "-o", out)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(out)
    ws = book["Tren"]
    assert [c.value for c in ws[4]][:6] == ["Kode", "Indikator", "Satuan", "2022", "2023", "2024"]
    iku1 = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] == "IKU-1")
    assert iku1[3] is None  # missing, not 0
    assert iku1[5] == pytest.approx((3177 - 2926) / 2926 * 100)
    assert len(book["Grafik"]._charts) == 9


def test_trend_with_a_broken_year(small_data):
    write_book(
        small_data / "2023" / "bidang_koperasi.xlsx",
        {"Keragaan Koperasi": koperasi(("BH-1", "Aktif", "banyak", [70] * 4))},
    )
    result = run("trend", small_data, "--from", 2023, "--to", 2024, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    iku2 = next(i for i in payload["indicators"] if i["id"] == "IKU-2")
    assert iku2["values"]["2023"]["status"] == "data-error"
    assert iku2["values"]["2024"]["status"] == "data-error"  # 2024 needs 2023 for growth: nothing is computed
    assert YEAR_2024  # the other year's data is intact
