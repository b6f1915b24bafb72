"""The LKjIP workbook: its sheets, numbers read back, metadata with the inputs' hashes."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from iku_cli.calc.workspace import sha256_of
from tests.helpers import EXAMPLES, run


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
