"""Chapter III beyond this year's value: earlier years, the baseline, the comparison figure, the averages."""

from __future__ import annotations

import pytest
import yaml

from iku_cli import compute
from iku_cli.calc.pengukuran import average
from iku_cli.config import DEFAULT_KATEGORI, load_config
from tests.helpers import ROOT, YEAR_2023, write_year


def by_id(result):
    return {i.id: i for i in result.indicators}


def test_riwayat_of_the_two_years_before(config, small_data):
    got = by_id(compute(config, small_data, 2024))
    later, earlier = got["IKU-3"].riwayat
    # 2023: 1 of the 2 Aktif koperasi berkualitas = 50 %, target 31: (1 + (50 - 31) / 31) x 100 = 161,29
    assert (later.tahun, later.target, later.realisasi) == (2023, 31.0, pytest.approx(50.0))
    assert later.capaian == pytest.approx(161.29032258)
    assert later.kategori == "Sangat Tinggi" and later.reason is None
    # 2022: no folder; the target is still shown, the reason says what is missing
    assert (earlier.tahun, earlier.target, earlier.realisasi, earlier.capaian) == (2022, 28.0, None, None)
    assert earlier.status == "data-missing"
    assert earlier.reason == "tidak dapat dihitung: data tidak tersedia: 2022/bidang_koperasi.xlsx"
    # a growth for 2023 needs 2022
    assert got["IKU-1"].riwayat[0].realisasi is None


def test_declared_baseline_and_pembanding(config, small_data):
    got = by_id(compute(config, small_data, 2024))
    assert got["IKU-1"].baseline.tahun == 2020 and got["IKU-1"].baseline.realisasi == 3.1
    assert got["IKU-1"].baseline.sumber == "indicators.yaml"
    assert got["IKT-2"].pembanding.nilai == 4.43 and got["IKT-2"].pembanding.tahun == 2024
    assert got["IKT-2"].pembanding.sumber.startswith("BPS, laju pertumbuhan PDB")
    assert got["IKU-1"].pembanding is None
    ikt3_2023 = by_id(compute(config, small_data, 2023))["IKT-3"].pembanding
    assert (
        ikt3_2023.nilai is None
        and ikt3_2023.reason == "pembanding tahun 2023 tidak dinyatakan di indicators.yaml"
    )


def test_baseline_computed_from_the_year_before_the_renstra(tmp_path, small_data):
    data = yaml.safe_load((ROOT / "indicators.yaml").read_text())
    for tujuan in data["tujuan"]:
        for ind in tujuan["indikator"] + [i for s in tujuan["sasaran"] for i in s["indikator"]]:
            ind.pop("baseline", None)
    path = tmp_path / "tanpa-baseline.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    write_year(small_data, 2020, **YEAR_2023)  # the year before the Renstra (2021-2026) starts
    got = by_id(compute(load_config(path), small_data, 2024))
    # IKU-3 in 2020: 1 of the 2 Aktif koperasi berkualitas
    assert (got["IKU-3"].baseline.tahun, got["IKU-3"].baseline.realisasi) == (2020, pytest.approx(50.0))
    assert got["IKU-3"].baseline.sumber == "data"
    # IKU-1 in 2020 is a growth from 2019, which is not there
    assert got["IKU-1"].baseline.realisasi is None and got["IKU-1"].baseline.sumber is None
    assert got["IKU-1"].baseline.reason == (
        "tidak dapat dihitung: tidak dinyatakan (baseline:) dan data tidak tersedia: 2019/bidang_usaha_mikro_ikm.xlsx"
    )


def test_averages_per_sasaran_tujuan_and_overall_by_hand(config, small_data):
    result = compute(config, small_data, 2024)
    sasaran = {g.id: g for g in result.sasaran}
    # IKU-1 (100/3 %, target 10): (1 + (33,33 - 10) / 10) x 100 = 333,33
    # IKU-2 (100/3 %, target 3): (1 + (33,33 - 3) / 3) x 100 = 1.111,11
    s1 = sasaran["S1"]
    assert s1.tujuan_id == "T1" and s1.indikator == ["IKU-1", "IKU-2"]
    assert s1.average.value == pytest.approx((1000 / 3 + 10000 / 9) / 2)
    assert (s1.average.averaged, s1.average.count, s1.average.kategori) == (2, 2, "Sangat Tinggi")
    # IKU-6: a growth of 0 against 25: (1 + (0 - 25) / 25) x 100 = 0, a capaian like any other
    s4 = sasaran["S4"]
    iku5 = (1 + (20 - 8) / 8) * 100  # 20 % against 8: 250
    assert s4.average.value == pytest.approx((iku5 + 0) / 2) and s4.average.averaged == 2
    tujuan = {g.id: g for g in result.tujuan}
    assert tujuan["T1"].indikator == ["IKT-1"]
    assert result.average.count == 9 and result.average.averaged == 9
    capaian = [i.capaian for i in result.indicators]
    assert result.average.value == pytest.approx(sum(capaian) / 9)
    # 2023: only IKU-3 has a capaian (50 % against 31: 161,29); 2022 has no data
    assert result.average_riwayat[2023].value == pytest.approx(161.29032258)
    assert (result.average_riwayat[2023].averaged, result.average_riwayat[2022].averaged) == (1, 0)


def test_an_indicator_without_capaian_is_left_out_and_counted(config, small_data):
    (small_data / "2023" / "pdrb.xlsx").unlink()
    result = compute(config, small_data, 2024)
    t2 = next(g for g in result.tujuan if g.id == "T2")
    assert t2.indikator == ["IKT-2", "IKT-3"]
    assert t2.average.value is None and (t2.average.averaged, t2.average.count) == (0, 2)
    assert t2.average.reason == "tidak dapat dihitung: tidak ada indikator dengan capaian"
    assert (result.average.averaged, result.average.count) == (7, 9)


@pytest.mark.parametrize(
    ("capaian", "value", "kategori", "averaged"),
    [
        ([98.06, 94.79], 96.425, "Sangat Tinggi", 2),  # a published sasaran average: (98,06 + 94,79) / 2
        ([100.0, None, 50.0], 75.0, "Sedang", 2),
        ([None, None], None, None, 0),
        ([], None, None, 0),
    ],
)
def test_average(capaian, value, kategori, averaged):
    out = average(capaian, DEFAULT_KATEGORI)
    assert out.value == (pytest.approx(value) if value is not None else None)
    assert (out.kategori, out.averaged, out.count) == (kategori, averaged, len(capaian))
