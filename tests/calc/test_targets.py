"""Targets, capaian and kategori in the computed result, on data computed by hand and on the examples."""

from __future__ import annotations

import json

import pytest
import yaml

from iku_cli import compute
from iku_cli.config import load_config
from tests.helpers import EXAMPLES, ROOT, run


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
    by_id["IKU-2"]["targets"] = {2024: [40, 50], 2026: 50}  # realisasi 33,33 below the range: 33,33 / 40
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
    assert got["IKU-2"].capaian == pytest.approx((100 / 3) / 40 * 100)
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
    assert got["IKU-3"]["realisasi_sebelumnya"] == {"2023": pytest.approx(50.0), "2022": None}


def test_shipped_targets_on_examples(config):
    got = {i.id: i for i in compute(config, EXAMPLES, 2024).indicators}
    # IKU-1: realisasi (3.276 - 2.966) / 2.966 x 100 = 10,45...; target 10 -> capaian 104,52 (Sangat Tinggi)
    assert got["IKU-1"].capaian == pytest.approx((3276 - 2966) / 2966 * 100 / 10 * 100)
    assert got["IKU-1"].kategori == "Sangat Tinggi"
    # IKU-2: 88 of the 2.966 usaha mikro of 2023 grew past Rp 300 jt: 2,967 %; target 3 -> 98,90
    assert got["IKU-2"].capaian == pytest.approx(88 / 2966 * 100 / 3 * 100)
    # IKT-3: 4,236 % against 5,5 -> 77,02 (Tinggi)
    assert got["IKT-3"].kategori == "Tinggi"
    # IKT-2: target range [5, 6]; realisasi 6,70 above it -> 6,70 / 6
    assert got["IKT-2"].target == (5.0, 6.0)
    assert got["IKT-2"].capaian == pytest.approx(got["IKT-2"].value / 6 * 100)
    assert got["IKU-6"].kategori == "Rendah"  # 15,30 / 25 = 61,2
    assert got["IKU-3"].target_akhir == 40.0
