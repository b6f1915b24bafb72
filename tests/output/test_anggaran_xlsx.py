"""The Realisasi Anggaran sheet of the LKjIP workbook, from the canonical result."""

from __future__ import annotations

import openpyxl
import pytest

from iku_cli.output.lkjip_xlsx import write_lkjip
from tests.output.test_anggaran_view import CAPAIAN_IKU1, not_given


def sheet(result, tmp_path):
    out = tmp_path / "laporan.xlsx"
    write_lkjip(result, out)
    return openpyxl.load_workbook(out)["Realisasi Anggaran"]


def test_programs_under_each_sasaran_then_penunjang_unassigned_and_total(result, tmp_path):
    ws = sheet(result, tmp_path)
    assert [c.value for c in ws[4]] == [
        "Kode", "Sasaran / Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Sisa (Rp)",
        "Rata-rata capaian kinerja (%)", "Efisiensi",
    ]  # fmt: skip
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True)]
    assert rows[0][:4] == ("S1", "Sasaran: Meningkatnya kuantitas usaha mikro", 2_020_000_000, 1_820_000_000)
    assert rows[0][4] == pytest.approx(90.0990099) and rows[0][5] == 200_000_000
    assert rows[0][6] == pytest.approx(CAPAIAN_IKU1) and rows[0][7] == "Efisien"
    assert rows[1][:4] == ("2.17.07", "PROGRAM PEMBERDAYAAN UMKM", 1_300_000_000, 1_170_000_000)
    assert rows[2][0] == "2.17.08"
    assert rows[3][0] == "Program penunjang (tidak terkait sasaran tertentu)" and rows[4][0] == "2.17.01"
    assert rows[5][0].startswith("Tidak terkait sasaran mana pun") and rows[6][0] == "3.30.06.2.01.0001"
    assert rows[7][1] == "Jumlah (2024/anggaran.xlsx)" and rows[7][2] == 11_190_000_000
    assert rows[9][0].startswith("Hanya baris rincian terdalam")
    assert ws.page_setup.orientation == "landscape"


def test_without_budget_the_sheet_says_it_was_not_given(result, tmp_path):
    ws = sheet(not_given(result), tmp_path)
    assert ws["A5"].value == "Anggaran tidak diberikan: 2024/anggaran.xlsx tidak ada."
