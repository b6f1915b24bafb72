"""compute: the nine indicators of two small hand-made years, by hand; missing data, zero bases, errors."""

from __future__ import annotations

import shutil

import pytest

from iku_cli import compute, explain
from iku_cli.calc import GrowthInputs, RatioInputs
from tests.helpers import YEAR_2023, koperasi, write_book, write_year


def by_id(result):
    return {i.id: i for i in result.indicators}


def test_nine_indicators_by_hand(config, small_data):
    result = compute(config, small_data, 2024)
    got = by_id(result)
    assert not result.blocked and result.exit_code == 0
    # IKT-1: V(2023) = omzet Mikro+Kecil 1.150.000.000 + volume koperasi Aktif 3.000.000 = 1.153.000.000
    #        V(2024) = 1.780.000.000 + 5.000.000 = 1.785.000.000 -> 632/1153 * 100
    assert got["IKT-1"].inputs == GrowthInputs(1_153_000_000, 1_785_000_000)
    assert got["IKT-1"].value == pytest.approx(632 / 1153 * 100)
    # IKU-1: distinct Mikro NIB 3 -> 4
    assert got["IKU-1"].inputs == GrowthInputs(3, 4)
    assert got["IKU-1"].value == pytest.approx(100 / 3)
    # IKU-2: the usaha mikro of 2023 with omzet up to 300 jt (1001, 1002; 1003 had 350 jt) whose omzet in
    # 2024 is above 300 jt: 1002 (310 jt); 1001 has 120 jt. Of the 3 usaha mikro of 2023: 1 / 3
    assert got["IKU-2"].inputs == RatioInputs(1, 3)
    assert got["IKU-2"].value == pytest.approx(100 / 3)
    # IKU-3: Aktif with all four scores >= 60 (80s yes, 60s yes, 59.9 no) = 2 of 3 Aktif
    assert got["IKU-3"].inputs == RatioInputs(2, 3)
    assert got["IKU-3"].value == pytest.approx(200 / 3)
    assert got["IKT-2"].value == pytest.approx(5.0)  # PDRB C 2000 -> 2100
    assert got["IKT-3"].value == pytest.approx(10.0)  # PDRB G 4000 -> 4400
    assert got["IKU-4"].value == pytest.approx(20.0)  # nilai produksi 100 jt -> 120 jt
    assert got["IKU-5"].value == pytest.approx(20.0)  # volume 1500 -> 1800 kg
    # IKU-6: 5000 -> 5000 USD: a growth of exactly 0, computed, not "cannot compute"
    assert got["IKU-6"].value == 0.0 and got["IKU-6"].status == "ok"


def test_levels_and_texts_follow_the_seed(config, small_data):
    got = by_id(compute(config, small_data, 2024))
    assert got["IKT-2"].level == "tujuan" and got["IKT-2"].sasaran is None
    assert got["IKT-2"].tujuan == "Meningkatkan pertumbuhan sektor industri dan perdagangan"
    assert got["IKU-3"].level == "sasaran" and got["IKU-3"].sasaran == "Meningkatnya kualitas koperasi"
    assert got["IKU-3"].unit_kerja == "Bidang Koperasi"
    assert got["IKU-1"].formula == "growth" and got["IKU-2"].formula == "ratio"


def test_measures_record_rows_and_source(config, small_data):
    got = by_id(compute(config, small_data, 2024))
    m = {(x.id, x.year): x for x in got["IKU-2"].measures}
    naik = m[("jumlah_usaha_mikro_naik_kelas", 2024)]
    assert (naik.value, naik.rows) == (1, 1)
    assert naik.file == "2024/bidang_usaha_mikro_ikm.xlsx" and naik.sheet == "Data UMKM"
    assert naik.previous_year == 2023
    assert naik.filter == (
        "tahun 2023: Skala Usaha = Mikro dan Omzet per Tahun (Rp) ≤ 300.000.000; "
        "tahun 2024, NIB yang sama: Omzet per Tahun (Rp) > 300.000.000"
    )
    lalu = m[("jumlah_usaha_mikro_tahun_lalu", 2023)]  # the denominator counts 2023's usaha mikro
    assert (lalu.value, lalu.file, lalu.previous_year) == (3, "2023/bidang_usaha_mikro_ikm.xlsx", None)
    assert lalu.filter == "tahun 2023: Skala Usaha = Mikro"


def test_missing_year_makes_growth_uncomputable_but_ratios_still_computed(config, small_data):
    shutil.rmtree(small_data / "2023")
    result = compute(config, small_data, 2024)
    got = by_id(result)
    assert not result.blocked and result.exit_code == 1
    # growths, and IKU-2, which follows the usaha mikro of 2023
    for gid in ("IKT-1", "IKT-2", "IKT-3", "IKU-1", "IKU-2", "IKU-4", "IKU-5", "IKU-6"):
        assert got[gid].value is None and got[gid].status == "data-missing"
        assert got[gid].reason.startswith("tidak dapat dihitung: data tidak tersedia: 2023/")
    assert got["IKU-3"].value == pytest.approx(200 / 3)


def test_one_missing_workbook_affects_only_its_indicators(config, small_data):
    (small_data / "2023" / "pdrb.xlsx").unlink()
    got = by_id(compute(config, small_data, 2024))
    assert got["IKT-2"].status == "data-missing" and got["IKT-3"].status == "data-missing"
    assert "2023/pdrb.xlsx" in got["IKT-2"].reason
    assert got["IKU-1"].value == pytest.approx(100 / 3)


def test_previous_year_zero_is_not_computed(config, tmp_path):
    data = tmp_path / "data"
    zero_2023 = dict(YEAR_2023)
    zero_2023["ekspor_rows"] = [YEAR_2023["ekspor_rows"][0], ["PT A", "Kopi", "Jepang", 100, 0]]
    write_year(data, 2023, **zero_2023)
    write_year(data, 2024, **YEAR_2023)
    got = by_id(compute(config, data, 2024))
    assert got["IKU-6"].value is None and got["IKU-6"].status == "zero-base"
    assert (
        got["IKU-6"].reason
        == "tidak dapat dihitung: nilai tahun 2023 = 0, pertumbuhan dari nol tidak terdefinisi"
    )
    assert got["IKU-6"].inputs == GrowthInputs(0.0, 5000.0)


def test_zero_denominator_is_not_computed(config, small_data):
    # No koperasi is Aktif: IKU-3's denominator is 0 (an empty filter), never a 0 % result.
    write_book(
        small_data / "2024" / "bidang_koperasi.xlsx",
        {"Keragaan Koperasi": koperasi(("BH-9", "Tidak Aktif", 100, [None] * 4))},
    )
    got = by_id(compute(config, small_data, 2024))
    assert got["IKU-3"].value is None and got["IKU-3"].status == "zero-denominator"
    assert got["IKU-3"].inputs == RatioInputs(0, 0)
    # IKT-1 still computed: volume usaha of Aktif koperasi is 0 in 2024 (sum over an empty filter is 0)
    assert got["IKT-1"].inputs.v_n == 1_780_000_000


def test_data_error_blocks_every_indicator(config, small_data):
    rows = koperasi(("BH-1", "Aktif", "dua juta", [70, 70, 70, 70]))
    write_book(small_data / "2024" / "bidang_koperasi.xlsx", {"Keragaan Koperasi": rows})
    result = compute(config, small_data, 2024)
    assert result.blocked and result.exit_code == 1
    assert all(i.value is None and i.status == "data-error" for i in result.indicators)
    [error] = result.errors
    assert (error.code, error.file, error.sheet, error.cell) == (
        "type-error",
        "2024/bidang_koperasi.xlsx",
        "Keragaan Koperasi",
        "F2",
    )


def test_history_carries_previous_realisasi(config, small_data):
    got = by_id(compute(config, small_data, 2024))
    # 2023's ratio IKU-3 is computable from 2023 alone: 1 of 2 Aktif koperasi; 2022 has no data
    assert got["IKU-3"].history[2023] == pytest.approx(50.0)
    assert got["IKU-3"].history[2022] is None
    assert got["IKU-2"].history[2023] is None  # follows usaha mikro from 2022
    assert got["IKU-1"].history[2023] is None  # growth for 2023 needs 2022


def test_optional_column_a_measure_needs_must_be_present(config, small_data):
    # Volume Usaha is optional in the sheet's declaration, but IKT-1 sums it: its absence is an error,
    # not a silent 0 in the omzet of koperasi.
    rows = [[c for c in r if c != "Volume Usaha (Rp)"] for r in koperasi(("BH-1", "Aktif", 1, [70] * 4))[:1]]
    rows.append(["BH-1", "Koperasi", "Simpan Pinjam", "Aktif", 50, 70, 70, 70, 70])
    write_book(small_data / "2024" / "bidang_koperasi.xlsx", {"Keragaan Koperasi": rows})
    result = compute(config, small_data, 2024)
    assert result.blocked
    [error] = result.errors
    assert (error.code, error.column, error.cell) == ("column-missing", "volume_usaha", None)
    assert "dipakai untuk menghitung indikator 'Volume Usaha (Rp)'" in error.message


def test_a_sheet_nobody_filled_in_is_not_a_zero(config, small_data):
    from tests.helpers import EKSPOR_HEADER, VOLUME_HEADER

    write_book(
        small_data / "2024" / "bidang_perdagangan.xlsx",
        {"Volume Perdagangan": [VOLUME_HEADER], "Realisasi Ekspor": [EKSPOR_HEADER]},
    )
    result = compute(config, small_data, 2024)
    got = by_id(result)
    assert not result.blocked and result.exit_code == 1
    for ind_id in ("IKU-5", "IKU-6"):
        assert got[ind_id].value is None and got[ind_id].status == "data-missing"
    assert (
        "2024/bidang_perdagangan.xlsx (sheet Volume Perdagangan tidak berisi baris data)"
        in got["IKU-5"].reason
    )
    assert got["IKU-4"].value == pytest.approx(20.0)


def test_iku2_follows_usaha_mikro_by_nib_by_hand(config, naik_kelas_data):
    """Naik kelas is a change over time: a usaha mikro of 2023 (omzet up to 300 jt) above 300 jt in 2024."""
    got = by_id(compute(config, naik_kelas_data, 2024))
    # 2 (1234567890123 and 1001) of the 5 usaha mikro of 2023 (1234567890123, 1001, 1002, 1003, 1005)
    assert got["IKU-2"].inputs == RatioInputs(2, 5)
    assert got["IKU-2"].value == pytest.approx(40.0)
    ex = explain(config, naik_kelas_data, 2024, "IKU-2")
    naik = next(r for r in ex.rows if r.measure.id == "jumlah_usaha_mikro_naik_kelas")
    assert list(naik.rows.index) == [3, 5]
    assert naik.previous["row"].tolist() == [3, 2]
    assert naik.previous["omzet"].tolist() == [200_000_000, 250_000_000]
    assert naik.rows["omzet"].tolist() == [450_000_000, 310_000_000]
    assert naik.rows["skala_usaha"].tolist() == ["Kecil", "Mikro"]
