"""A triwulan computed by hand: each reading (c-to-c, snapshot, a ratio on the triwulan's data), each capaian
type (nilai akhir, kumulatif, lower is better), missing folders, no target, annual-only indicators."""

from __future__ import annotations

import shutil

import pytest

from iku_cli.calc.results import GrowthInputs, RatioInputs
from iku_cli.calc.triwulan import compute_triwulan
from tests.helpers import QUARTER_2024_TW2, anggaran, write_book, write_quarter

IKT1 = (901_500_000 - 801_000_000) / 801_000_000 * 100  # 12,55 %: 2023/TW2 -> 2024/TW2, omzet + volume usaha


@pytest.fixture
def tw2(quarterly_config, quarter_data):
    return compute_triwulan(quarterly_config, quarter_data, 2024, 2)


def by_id(result):
    return {i.id: i for i in result.indicators}


def test_c_to_c_compares_the_same_triwulan_of_the_year_before(tw2):
    ikt1 = by_id(tw2.now)["IKT-1"]
    # 2023/TW2: omzet Mikro + Kecil 300 + 200 + 300 jt, volume usaha koperasi Aktif 400.000 + 600.000
    # 2024/TW2: omzet 310 + 320 + 30 + 10 + 20 + 210 jt, volume usaha Aktif 700.000 + 800.000 (BH-3 not Aktif)
    assert ikt1.inputs == GrowthInputs(801_000_000, 901_500_000)
    assert ikt1.value == pytest.approx(IKT1)
    assert ikt1.triwulan.periode == ("2023/TW2", "2024/TW2")
    files = {(m.role, m.file) for m in ikt1.measures}
    assert ("V(n-1)", "2023/TW2/bidang_usaha_mikro_ikm.xlsx") in files
    assert ("V(n)", "2024/TW2/bidang_koperasi.xlsx") in files
    # nilai akhir: against the TW II target 4,5; and against the year's 9,5
    assert ikt1.target == 4.5 and ikt1.capaian == pytest.approx(IKT1 / 4.5 * 100)
    assert ikt1.triwulan.capaian_tahunan == pytest.approx(IKT1 / 9.5 * 100)
    assert ikt1.triwulan.target_tw == (2.0, 4.5, 7.0, 9.5) and ikt1.triwulan.target_tahunan == 9.5


def test_snapshot_compares_the_triwulans_end_with_the_end_of_the_year_before(tw2):
    iku1 = by_id(tw2.now)["IKU-1"]
    # usaha mikro: 3 at the end of 2023 (annual folder), 5 in the register of 2024/TW2
    assert iku1.inputs == GrowthInputs(3, 5) and iku1.value == pytest.approx(200 / 3)
    assert iku1.triwulan.periode == ("2023", "2024/TW2")
    assert [(m.year, m.triwulan, m.file) for m in iku1.measures] == [
        (2023, None, "2023/bidang_usaha_mikro_ikm.xlsx"),
        (2024, 2, "2024/TW2/bidang_usaha_mikro_ikm.xlsx"),
    ]
    assert iku1.capaian == pytest.approx((200 / 3) / 50 * 100)


def test_the_naik_kelas_cohort_follows_the_usaha_mikro_of_the_year_before_into_the_triwulan(tw2):
    iku2 = by_id(tw2.now)["IKU-2"]
    # 2023 (annual): 1001 (100 jt) and 1002 (200 jt) Mikro up to 300 jt; in 2024/TW2 both are above it
    assert iku2.inputs == RatioInputs(2, 3) and iku2.value == pytest.approx(200 / 3)
    naik = next(m for m in iku2.measures if m.role == "pembilang")
    assert (naik.file, naik.previous_year, naik.triwulan) == ("2024/TW2/bidang_usaha_mikro_ikm.xlsx", 2023, 2)
    assert (
        naik.filter.startswith("tahun 2023: Skala Usaha = Mikro")
        and "tahun 2024 s.d. TW II, NIB" in naik.filter
    )
    assert iku2.capaian == pytest.approx((200 / 3) / 50 * 100)


def test_kumulatif_adds_the_targets_of_the_triwulan_so_far(tw2):
    tw1, now = (by_id(q)["IKU-3"] for q in tw2.quarters)
    # TW I: 1 of 2 koperasi Aktif berkualitas (BH-2 scores 50) = 50 %, against 40
    assert tw1.value == pytest.approx(50.0) and tw1.target == 40 and tw1.capaian == pytest.approx(125.0)
    # TW II: 2 of 2 = 100 %, against 40 + 20 = 60; the triwulan's own realisasi 100 - 50
    assert (
        now.inputs == RatioInputs(2, 2) and now.target == 60 and now.capaian == pytest.approx(100 / 60 * 100)
    )
    assert now.triwulan.realisasi_triwulan == pytest.approx(50.0) and tw1.triwulan.realisasi_triwulan == 50.0
    assert now.triwulan.capaian_tahunan == pytest.approx(100.0)
    assert by_id(tw2.now)["IKT-1"].triwulan.realisasi_triwulan is None  # nilai akhir: a position


def test_lower_is_better_at_a_triwulan(tw2):
    iku6 = by_id(tw2.now)["IKU-6"]
    # ekspor 2023/TW2 2.500 USD -> 2024/TW2 3.000 USD: 20 %, against 25 with lower better: (1 - (20 - 25) / 25)
    assert iku6.value == pytest.approx(20.0) and iku6.capaian == pytest.approx(120.0)
    assert iku6.kategori == "Sangat Tinggi"
    assert iku6.triwulan.capaian_tahunan == pytest.approx(0.0)  # (1 - (20 - 10) / 10) x 100


def test_a_triwulan_without_its_own_target_still_has_a_capaian_against_the_year(tw2):
    iku4 = by_id(tw2.now)["IKU-4"]
    assert iku4.value == pytest.approx(20.0)  # nilai produksi 50 jt -> 60 jt
    assert iku4.target is None and iku4.capaian is None and iku4.kategori is None
    assert iku4.capaian_reason == (
        "tidak dapat dihitung: target TW II 2024 tidak ditetapkan (targets: {2024: {tahunan, tw}})"
    )
    assert iku4.triwulan.capaian_tahunan == pytest.approx(200.0)


def test_annual_only_indicators_have_no_triwulan_value_and_say_why(tw2):
    got = by_id(tw2.now)
    assert got["IKT-2"].value is None and got["IKT-2"].status == "annual-only"
    assert got["IKT-2"].reason == (
        "tidak ada nilai triwulan: indikator ini hanya dihitung tahunan (PDRB kota diterbitkan BPS setahun sekali)"
    )
    assert got["IKT-3"].reason == "tidak ada nilai triwulan: indikator ini hanya dihitung tahunan"
    assert got["IKT-2"].measures == [] and got["IKT-2"].triwulan.periode == ()
    assert not got["IKT-2"].fails  # annual only is a declaration, not a failure
    # no pdrb.xlsx was looked for in a triwulan folder
    assert not any("pdrb" in f.file for f in tw2.now.files)


def test_a_growth_without_a_declared_reading_is_not_guessed(tw2):
    iku5 = by_id(tw2.now)["IKU-5"]
    assert iku5.value is None and iku5.status == "no-reading" and iku5.fails
    assert "triwulan: c-to-c atau triwulan: snapshot" in iku5.reason
    assert tw2.exit_code == 1


def test_a_missing_triwulan_folder_of_the_year_before(tw2):
    tw1 = by_id(tw2.quarters[0])
    for gid in ("IKT-1", "IKU-4", "IKU-6"):  # c-to-c: 2023/TW1 is not there
        assert tw1[gid].value is None and tw1[gid].status == "data-missing"
        assert tw1[gid].reason == "tidak dapat dihitung: data tidak tersedia: folder 2023/TW1/ tidak ada"
    # snapshot and the ratios do not need it: 3 usaha mikro at the end of 2023 and in 2024/TW1
    assert tw1["IKU-1"].value == 0.0 and tw1["IKU-1"].capaian == 0.0


def test_a_missing_triwulan_folder_of_the_year_itself(quarterly_config, quarter_data):
    shutil.rmtree(quarter_data / "2024" / "TW1")
    result = compute_triwulan(quarterly_config, quarter_data, 2024, 2)
    tw1, now = (by_id(q) for q in result.quarters)
    assert tw1["IKU-3"].reason == "tidak dapat dihitung: data tidak tersedia: folder 2024/TW1/ tidak ada"
    assert now["IKU-3"].value == 100.0 and now["IKU-3"].triwulan.realisasi_triwulan is None
    assert not result.quarters[0].blocked  # missing data is not an error in the data


def test_averages_per_sasaran_leave_out_indicators_without_capaian(tw2):
    groups = {g.id: g.average for g in [*tw2.now.tujuan, *tw2.now.sasaran]}
    assert groups["S1"].value == pytest.approx((200 / 3) / 50 * 100)
    assert (groups["S4"].value, groups["S4"].averaged, groups["S4"].count) == (pytest.approx(120.0), 1, 2)
    assert groups["T2"].value is None  # IKT-2 and IKT-3: annual only
    capaian = [IKT1 / 4.5 * 100, 400 / 3, 400 / 3, 100 / 60 * 100, 120.0]
    assert tw2.now.average.value == pytest.approx(sum(capaian) / 5)


def test_the_budget_of_each_triwulan(quarterly_config, quarter_data):
    rows = [("2.17.07.2.01.0003", "Fasilitasi", 100_000_000, 40_000_000)]
    write_book(quarter_data / "2024" / "TW2" / "anggaran.xlsx", anggaran(*rows))
    result = compute_triwulan(quarterly_config, quarter_data, 2024, 2)
    tw1, now = result.quarters
    assert tw1.anggaran.status == "data-missing"
    assert tw1.anggaran.reason == "anggaran tidak diberikan: 2024/TW1/anggaran.xlsx tidak ada"
    s1 = now.anggaran.sasaran["S1"]
    assert (s1.total.pagu, s1.total.realisasi, s1.total.serapan) == (100_000_000, 40_000_000, 40.0)


def test_errors_in_a_triwulans_data_stop_that_triwulan(quarterly_config, quarter_data):
    bad_omzet = ["1010", "Usaha 1010", "Kota", "Kuliner", "Mikro", "dua juta", 1]
    write_quarter(
        quarter_data,
        2024,
        2,
        **{**QUARTER_2024_TW2, "umkm_rows": [*QUARTER_2024_TW2["umkm_rows"], bad_omzet]},
    )
    result = compute_triwulan(quarterly_config, quarter_data, 2024, 2)
    assert result.now.blocked and not result.quarters[0].blocked
    assert by_id(result.now)["IKU-3"].status == "data-error"
    assert result.exit_code == 1
