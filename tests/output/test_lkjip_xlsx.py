"""The LKjIP workbook: its sheets, numbers read back, metadata with the inputs' hashes."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from iku_cli.calc.workspace import sha256_of
from iku_cli.output.lkjip_xlsx import write_lkjip
from tests.helpers import EXAMPLES, run


def test_report_workbook_sheets(config, tmp_path):
    data = shutil.copytree(EXAMPLES, tmp_path / "data")
    out = tmp_path / "laporan.xlsx"
    assert run("compute", data, "--year", 2024, "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == [
        "Pengukuran Kinerja",
        "Realisasi Anggaran",
        "Rincian Perhitungan",
        "Metadata",
    ]
    ws = book["Pengukuran Kinerja"]
    assert [c.value for c in ws[4]][:5] == ["No", "Sasaran", "Indikator", "Satuan", "Kondisi awal (2020)"]
    assert ws.freeze_panes == "A6"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    rows = {r[2]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[2] and "(IKU-3)" in str(r[2])}
    [iku3] = rows.values()
    assert iku3[11] == 34.0 and iku3[12] == pytest.approx(87 / 239 * 100) and iku3[14] == "Sangat Tinggi"
    merged = [str(m) for m in ws.merged_cells.ranges]
    assert "A6:S6" in merged  # the first tujuan's group row
    rincian = book["Rincian Perhitungan"]
    lines = [
        r
        for r in rincian.iter_rows(min_row=2, values_only=True)
        if r[6] == "Jumlah usaha mikro tahun n-1 yang omzetnya tahun n melampaui Rp 300.000.000 per tahun"
    ]
    assert lines[0][7] == 2024 and lines[0][8] == 88 and lines[0][14] == 88
    assert lines[0][11] == (
        "tahun 2023: Skala Usaha = Mikro dan Omzet per Tahun (Rp) ≤ 300.000.000; "
        "tahun 2024, NIB yang sama: Omzet per Tahun (Rp) > 300.000.000"
    )
    meta = {r[0]: r[1] for r in book["Metadata"].iter_rows(values_only=True) if r[0]}
    assert meta["Tahun"] == 2024
    assert meta["2024/pdrb.xlsx"] == sha256_of(data / "2024" / "pdrb.xlsx")
    assert meta["2023/bidang_koperasi.xlsx"] == sha256_of(data / "2023" / "bidang_koperasi.xlsx")


def test_pengukuran_kinerja_from_the_canonical_result(result, tmp_path):
    out = tmp_path / "laporan.xlsx"
    write_lkjip(result, out)
    ws = openpyxl.load_workbook(out)["Pengukuran Kinerja"]
    header = [c.value for c in ws[4]]
    assert header[4] == "Kondisi awal (2020)"
    assert [header[5], header[8], header[11]] == ["2022", "2023", "2024"]  # each over its sub-columns
    assert header[15:] == [
        "Pembanding",
        "Target akhir Renstra (2026)",
        "Capaian terhadap target akhir Renstra (%)",
        "Keterangan",
    ]
    assert [c.value for c in ws[5]][5:15] == [
        "Target", "Realisasi", "Capaian (%)", "Target", "Realisasi", "Capaian (%)",
        "Target", "Realisasi", "Capaian (%)", "Kategori",
    ]  # fmt: skip
    assert ws.print_title_rows == "$4:$5"
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert rows[0][0] == "Tujuan T1: Meningkatkan peran usaha mikro"
    iku1 = next(r for r in rows if r[2] == "Persentase pertumbuhan jumlah usaha mikro (IKU-1)")
    assert iku1[1] == "Sasaran S1: Meningkatnya kuantitas usaha mikro"
    assert iku1[4] == 7.5  # kondisi awal
    assert iku1[5:8] == (9.0, "–", "–")  # 2022: a target, no realisasi (data missing)
    assert iku1[8:11] == (9.5, 9.0, pytest.approx((1 + (9 - 9.5) / 9.5) * 100))  # 2023
    assert iku1[11:15] == (10.0, pytest.approx(10.2271644), pytest.approx(102.271644), "Sangat Tinggi")
    assert iku1[15] == 5.2 and iku1[16] == "10 – 12" and iku1[17] == 100.0
    assert (
        iku1[18]
        == "2022: tidak dapat dihitung: data tidak tersedia: 2022/umkm.xlsx; Pembanding: BPS (contoh)"
    )
    average = next(r for r in rows if str(r[1]).startswith("Rata-rata capaian S1"))
    assert average[1] == "Rata-rata capaian S1 (2024: 1 dari 3 indikator)"
    assert average[10] == pytest.approx((1 + (9 - 9.5) / 9.5) * 100) and average[7] == "–"
    assert average[13] == pytest.approx(102.271644) and average[14] == "Sangat Tinggi"
    assert average[18] == "tanpa capaian: IKU-2, IKU-3; rata-rata 2023: 1 dari 3 indikator"
    assert rows[-1][1] == "Rata-rata capaian keseluruhan (2024: 1 dari 3 indikator)"
    assert rows[-1][10] == pytest.approx((1 + (9 - 9.5) / 9.5) * 100) and rows[-1][13] == pytest.approx(
        102.271644
    )
