"""The budget: detailed rows summed per sasaran by code prefix, subtotals checked, serapan and efficiency."""

from __future__ import annotations

import pytest

from iku_cli import compute, validate
from tests.helpers import Formula, anggaran, write_book

# S1 (2.17.07, 2.17.08), S2 (2.17.02-06), S3 (3.31.02-04), S4 (3.30.02-05, 3.30.07); penunjang 2.17.01
ROWS = (
    ("2.17", "KOPERASI, USAHA KECIL, DAN MENENGAH", 1_550_000_000, 1_420_000_000),  # row 2: a heading
    ("2.17.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", 1_000_000_000, 980_000_000),  # row 3
    ("2.17.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 1_000_000_000, 980_000_000),
    ("2.17.07", "PROGRAM PEMBERDAYAAN UMKM", 300_000_000, 250_000_000),  # row 5: program subtotal
    ("2.17.07.2.01", "Pemberdayaan Usaha Mikro", 300_000_000, 250_000_000),  # row 6: kegiatan subtotal
    ("2.17.07.2.01.0003", "Fasilitasi Kemudahan Perizinan Usaha Mikro", 100_000_000, 90_000_000),
    ("2.17.07.02.01.0015", "Peningkatan Kapasitas SDM UMKM", 200_000_000, 160_000_000),  # level digit "02"
    ("2.17.070.2.01.0001", "Kode salah ketik", 50_000_000, 50_000_000),  # row 9: not under 2.17.07
    ("2.17.03.2.01.0004", "Pemeriksaan dan Pengawasan Koperasi", 200_000_000, 140_000_000),  # row 10: S2
)


def test_detailed_rows_summed_per_sasaran_by_hand(config, small_data):
    write_book(small_data / "2024" / "anggaran.xlsx", anggaran(*ROWS))
    result = compute(config, small_data, 2024)
    budget = result.anggaran
    assert budget.status == "ok" and budget.file == "2024/anggaran.xlsx"
    s1 = budget.sasaran["S1"]
    # only the two sub kegiatan: 100 + 200 jt pagu, 90 + 160 jt realisasi (not the program or kegiatan rows)
    assert (s1.total.pagu, s1.total.realisasi) == (300_000_000, 250_000_000)
    assert s1.total.serapan == pytest.approx(250 / 300 * 100)  # 83,33 %
    assert s1.total.sisa == 50_000_000
    # 2.17.08 is declared for S1 but not in this year's budget: not listed
    assert [(p.kode, p.nama, p.pagu, p.rows) for p in s1.program] == [
        ("2.17.07", "PROGRAM PEMBERDAYAAN UMKM", 300_000_000, [7, 8]),
    ]
    # S1's average capaian on small_data: (333,33 + 1.111,11) / 2 = 722,22 >= 83,33: efisien
    assert s1.capaian == pytest.approx((1000 / 3 + 10000 / 9) / 2) and s1.efisien is True
    s2 = budget.sasaran["S2"]
    assert (s2.total.pagu, s2.total.realisasi, s2.total.serapan) == (200_000_000, 140_000_000, 70.0)
    s3 = budget.sasaran["S3"]
    assert s3.total.pagu == 0 and s3.total.serapan is None and s3.efisien is None
    assert s3.reason == "pagu = 0, serapan tidak terdefinisi"
    assert [(p.kode, p.pagu, p.realisasi) for p in budget.penunjang] == [
        ("2.17.01", 1_000_000_000, 980_000_000)
    ]
    # 2.17.070... is not 2.17.07: listed, and a warning at its cell
    assert [(u.kode, u.pagu, u.rows) for u in budget.unassigned] == [("2.17.070.2.01.0001", 50_000_000, [9])]
    [unassigned] = [f for f in result.findings if f.code == "budget-row-unassigned"]
    assert (unassigned.severity, unassigned.cell, unassigned.file) == ("warning", "A9", "2024/anggaran.xlsx")
    # every detailed row once: 1.000 + 100 + 200 + 50 + 200 jt
    assert budget.total.pagu == 1_550_000_000 and budget.total.realisasi == 1_420_000_000
    assert result.exit_code == 0


def test_subtotals_checked_against_the_rows_under_them(config, small_data):
    rows = list(ROWS)
    rows[4] = ("2.17.07.2.01", "Pemberdayaan Usaha Mikro", 310_000_000, 250_000_000)  # row 6: 10 jt too much
    write_book(small_data / "2024" / "anggaran.xlsx", anggaran(*rows))
    report = validate(config, small_data, [2024])
    # each subtotal against the sub kegiatan under it: the kegiatan row 6 is flagged, the program row 5 is right
    mismatch = [f for f in report.findings if f.code == "budget-subtotal-mismatch"]
    assert [(f.severity, f.cell, f.column) for f in mismatch] == [("warning", "C6", "pagu")]
    assert mismatch[0].message.startswith(
        "Pagu (Rp) 2.17.07.2.01 (310.000.000) tidak sama dengan jumlah 2 baris rincian di bawahnya "
        "(300.000.000, baris 7, 8)"
    )
    # the sasaran still sums the detailed rows
    assert compute(config, small_data, 2024).anggaran.sasaran["S1"].total.pagu == 300_000_000


def test_realisasi_above_pagu_is_a_warning(config, small_data):
    write_book(
        small_data / "2024" / "anggaran.xlsx",
        anggaran(
            ("2.17.07.2.01.0003", "Fasilitasi Kemudahan Perizinan Usaha Mikro", 100_000_000, 120_000_000)
        ),
    )
    [found] = [f for f in validate(config, small_data, [2024]).findings if f.code == "budget-above-pagu"]
    assert (found.severity, found.cell, found.value) == ("warning", "D2", 120_000_000)
    assert "realisasi 120.000.000 melebihi pagu 100.000.000 (120,00 %)" in found.message


def test_a_code_that_does_not_parse_is_an_error_and_leaves_the_budget_out(config, small_data):
    rows = [*ROWS[:3], ("2.17.07.2.01.0003 Fasilitasi", "tergabung", 100_000_000, 90_000_000)]
    write_book(small_data / "2024" / "anggaran.xlsx", anggaran(*rows))
    [error] = [f for f in validate(config, small_data, [2024]).findings if f.severity == "error"]
    assert (error.code, error.cell, error.value) == (
        "budget-code-invalid",
        "A5",
        "2.17.07.2.01.0003 Fasilitasi",
    )
    result = compute(config, small_data, 2024)
    assert not result.blocked and all(i.ok for i in result.indicators)  # the indicators are computed
    assert result.anggaran.status == "data-error" and result.anggaran.sasaran == {}
    assert result.exit_code == 1


def test_without_a_budget_workbook_everything_else_works(config, small_data):
    result = compute(config, small_data, 2024)
    assert result.exit_code == 0 and not result.blocked
    assert result.anggaran.status == "data-missing"
    assert result.anggaran.reason == "anggaran tidak diberikan: 2024/anggaran.xlsx tidak ada"
    assert all(s.anggaran is None for s in result.sasaran)
    [note] = [f for f in result.findings if f.file == "2024/anggaran.xlsx"]
    assert (note.severity, note.code) == ("info", "optional-workbook-missing")
    report = validate(config, small_data, [2023, 2024])
    assert report.valid()
    assert {f.code for f in report.findings if f.file and "anggaran" in f.file} == {
        "optional-workbook-missing"
    }


def test_jumlah_row_and_thousands_in_the_header(config, small_data):
    header = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp.000)", "Realisasi (Rp.000)"]
    rows = [
        header,
        ["2.17.07", "PROGRAM PEMBERDAYAAN UMKM", 300_000, "250.000"],  # thousands; a number typed as text
        ["2.17.07.2.01.0003", "Fasilitasi Kemudahan Perizinan Usaha Mikro", 100_000, 90_000],
        ["2.17.07.2.01.0015", "Peningkatan Kapasitas SDM UMKM", 200_000, 160_000],
        ["JUMLAH", None, Formula("=C2", 300_000), Formula("=D2", 250_000)],
    ]
    write_book(small_data / "2024" / "anggaran.xlsx", {"Realisasi Anggaran": rows})
    result = compute(config, small_data, 2024)
    assert result.anggaran.sasaran["S1"].total.pagu == 300_000_000
    assert result.anggaran.sasaran["S1"].total.realisasi == 250_000_000
    [total] = [f for f in result.findings if f.code == "total-row-excluded"]
    assert total.cell == "A5" and "diperiksa terhadap rinciannya" in total.message
    assert {"unit-scaled", "number-as-text"} <= {f.code for f in result.findings}
    assert not [f for f in result.findings if f.code == "budget-subtotal-mismatch"]


def test_a_heading_with_nothing_under_it_is_flagged_not_summed(config, small_data):
    # "3.30" typed as a number reads as 3.3: no row is under it; it is a heading all the same, never summed
    rows = [
        ("3.3", "PERDAGANGAN", 80_000_000, 60_000_000),  # row 2
        ("3.30.04.2.02.0002", "Pemantauan Harga dan Stok", 80_000_000, 60_000_000),
    ]
    write_book(small_data / "2024" / "anggaran.xlsx", anggaran(*rows))
    result = compute(config, small_data, 2024)
    assert result.anggaran.total.pagu == 80_000_000 and result.anggaran.sasaran["S4"].total.pagu == 80_000_000
    flagged = [f for f in result.findings if f.code == "budget-subtotal-mismatch"]
    assert [f.cell for f in flagged] == ["C2", "D2"]
    assert "ketik kodenya sebagai teks" in flagged[0].message
