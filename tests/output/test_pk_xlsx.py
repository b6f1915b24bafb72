"""The Monitoring PK workbook of 2024 TW II of the hand-computed triwulan data (tests/calc/test_triwulan.py):
each number read back from its cell."""

from __future__ import annotations

import re

import openpyxl
import pytest

from iku_cli.output.formats import COMPUTE_TRIWULAN
from iku_cli.output.pk_xlsx import COL, HEADER_ROW, SHEET

IKT1 = (901_500_000 - 801_000_000) / 801_000_000 * 100  # c-to-c: 2023/TW2 -> 2024/TW2
IKU1 = (5 - 3) / 3 * 100  # snapshot: the end of 2023 -> 2024/TW2


@pytest.fixture(scope="module")
def book(tw2_result, tmp_path_factory):
    path = tmp_path_factory.mktemp("pk") / "pk-tw2.xlsx"
    COMPUTE_TRIWULAN.write(tw2_result, path)  # as --output writes it: atomically
    return openpyxl.load_workbook(path)


def indicator_rows(ws) -> dict[str, dict[str, object]]:
    """Each indicator's row by its id (named in the Indikator cell), as {column name: value}."""
    out = {}
    for row in ws.iter_rows(min_row=HEADER_ROW + 2):
        found = re.search(r"\((IK[TU]-\d+)\)", str(row[COL["indikator"] - 1].value or ""))
        if found:
            out[found[1]] = {name: row[col - 1].value for name, col in COL.items()}
    return out


def test_the_sheets_and_the_header(book):
    assert book.sheetnames[:3] == [SHEET, "Rincian Perhitungan", "Metadata"]
    ws = book[SHEET]
    assert ws.cell(row=3, column=1).value == "TAHUN 2024 — TRIWULAN II (S.D. 30 JUNI 2024)"
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:6] == ["No", "Sasaran", "Indikator", "Satuan", "Target 2024", "Target per triwulan"]
    assert [c.value for c in ws[HEADER_ROW + 1]][COL["tw1"] - 1 : COL["tw4"]] == [
        "TW I",
        "TW II",
        "TW III",
        "TW IV",
    ]
    assert header[COL["pendorong"] - 1 :] == ["Faktor pendorong", "Faktor penghambat", "Tindak lanjut"]


def test_targets_realisasi_and_capaian_of_each_reading(book):
    rows = indicator_rows(book[SHEET])
    ikt1 = rows["IKT-1"]
    assert (ikt1["target"], ikt1["tw1"], ikt1["tw2"], ikt1["tw3"], ikt1["tw4"]) == (9.5, 2, 4.5, 7, 9.5)
    assert ikt1["r1"] == "–"  # no 2023/TW1 to compare TW I with: not 0
    assert ikt1["r2"] == pytest.approx(IKT1)  # 12,55 %
    assert ikt1["r3"] is None and ikt1["r4"] is None  # triwulan not reached yet
    assert ikt1["capaian"] == pytest.approx(IKT1 / 4.5 * 100)
    assert ikt1["capaian_tahunan"] == pytest.approx(IKT1 / 9.5 * 100)
    assert ikt1["kategori"] == "Sangat Tinggi"
    iku1 = rows["IKU-1"]
    assert iku1["r1"] == 0.0  # TW I: 3 usaha mikro, as at the end of 2023
    assert iku1["r2"] == pytest.approx(IKU1) and iku1["capaian"] == pytest.approx(IKU1 / 50 * 100)


def test_kumulatif_shows_each_triwulan_alone_and_its_capaian_on_the_sum(book):
    iku3 = indicator_rows(book[SHEET])["IKU-3"]
    assert (iku3["r1"], iku3["r2"]) == (50.0, 50.0)  # 50 % at TW I; 100 % s.d. TW II, 50 in TW II
    assert iku3["capaian"] == pytest.approx(100 / (40 + 20) * 100)
    assert iku3["capaian_tahunan"] == pytest.approx(100.0)


def test_lower_is_better_and_a_triwulan_without_target(book):
    rows = indicator_rows(book[SHEET])
    assert rows["IKU-6"]["capaian"] == pytest.approx(120.0)  # (1 - (20 - 25) / 25) x 100
    assert rows["IKU-6"]["capaian_tahunan"] == pytest.approx(0.0)  # (1 - (20 - 10) / 10) x 100
    iku4 = rows["IKU-4"]
    assert iku4["r2"] == pytest.approx(20.0) and iku4["tw2"] == "–" and iku4["capaian"] == "–"
    assert iku4["capaian_tahunan"] == pytest.approx(200.0)


def test_annual_only_and_undeclared_readings_are_never_zero(book):
    rows = indicator_rows(book[SHEET])
    for iid in ("IKT-2", "IKT-3", "IKU-5"):
        assert rows[iid]["r2"] == "–" and rows[iid]["capaian"] == "–", iid
    assert "hanya tahunan" in rows["IKT-2"]["indikator"]
    notes = [c.value for c in book[SHEET]["A"] if isinstance(c.value, str) and c.value.startswith("IKT-2 (")]
    assert notes == [
        "IKT-2 (TW I, TW II): tidak ada nilai triwulan: indikator ini hanya dihitung tahunan "
        "(PDRB kota diterbitkan BPS setahun sekali)"
    ]


def test_budget_averages_and_predikat(book):
    ws = book[SHEET]
    rows = indicator_rows(ws)
    s1 = rows["IKU-1"]
    assert (s1["pagu"], s1["realisasi_anggaran"], s1["capaian_anggaran"]) == (100_000_000, 40_000_000, 40.0)
    labels = {
        str(r[COL["sasaran"] - 1].value).split(" (")[0]: r
        for r in ws.iter_rows(min_row=HEADER_ROW + 2)
        if r[COL["sasaran"] - 1].value
    }
    s1_average = (IKU1 / 50 * 100 + IKU1 / 50 * 100) / 2  # IKU-1 and IKU-2 (2 of 3, against 50)
    assert labels["Rata-rata capaian S1"][COL["capaian"] - 1].value == pytest.approx(s1_average)
    overall = [IKT1 / 4.5 * 100, IKU1 / 50 * 100, IKU1 / 50 * 100, 100 / 60 * 100, 120.0]
    got = labels["Rata-rata capaian kinerja s.d. TW II"][COL["capaian"] - 1].value
    assert got == pytest.approx(sum(overall) / 5)
    assert labels["Predikat kinerja"][COL["kategori"] - 1].value == "Sangat Tinggi"


def test_columns_to_fill_are_empty_and_styled(book):
    ws = book[SHEET]
    rows = indicator_rows(ws)
    assert all(rows[i][c] is None for i in rows for c in ("pendorong", "penghambat", "tindak_lanjut"))
    first = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 2) if r[0].value == 1)
    assert first[COL["pendorong"] - 1].fill.fgColor.rgb.endswith("FFFCEB")


def test_a4_landscape_fit_to_width_with_repeated_header(book):
    ws = book[SHEET]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW + 1}"
