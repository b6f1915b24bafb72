"""2024 TW II of the hand-computed triwulan data as JSON, CSV and the terminal table: the same numbers."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rich.console import Console

from iku_cli.output.serialise import CsvDialect
from iku_cli.output.triwulan_view import print_table, to_csv, to_json

IKT1 = (901_500_000 - 801_000_000) / 801_000_000 * 100
IKU1 = (5 - 3) / 3 * 100


def test_json_carries_the_triwulan_and_every_triwulan_so_far(tw2_result):
    payload = json.loads(to_json(tw2_result))
    assert (payload["year"], payload["triwulan"], payload["periode"]) == (2024, 2, "s.d. 30 Juni 2024")
    got = {i["id"]: i for i in payload["indicators"]}
    ikt1 = got["IKT-1"]
    assert ikt1["bacaan"] == "c-to-c" and ikt1["periode"] == ["2023/TW2", "2024/TW2"]
    assert ikt1["value"] == pytest.approx(IKT1) and ikt1["capaian"] == pytest.approx(IKT1 / 4.5 * 100)
    assert ikt1["target_tw"] == [2, 4.5, 7, 9.5] and ikt1["target_tahunan"] == 9.5
    assert [q["value"] for q in ikt1["triwulan"]] == [None, pytest.approx(IKT1)]  # no 2023/TW1: null, not 0
    assert got["IKU-1"]["value"] == pytest.approx(IKU1) and got["IKU-1"]["periode"] == ["2023", "2024/TW2"]
    assert [q["realisasi_triwulan"] for q in got["IKU-3"]["triwulan"]] == [50.0, pytest.approx(50.0)]
    assert got["IKT-2"]["value"] is None and got["IKT-2"]["status"] == "annual-only"
    overall = [IKT1 / 4.5 * 100, IKU1 / 50 * 100, IKU1 / 50 * 100, 100 / 60 * 100, 120.0]
    assert payload["rata_rata_capaian"] == pytest.approx(sum(overall) / 5)
    assert payload["predikat"] == "Sangat Tinggi"
    s1 = next(s for s in payload["sasaran"] if s["id"] == "S1")
    assert (
        s1["triwulan"][1]["anggaran"]["realisasi"] == 40_000_000
        and s1["triwulan"][1]["anggaran"]["serapan"] == 40.0
    )
    assert s1["triwulan"][0]["anggaran"] is None  # no 2024/TW1/anggaran.xlsx


def test_csv_has_a_row_per_indicator_per_triwulan_with_the_same_numbers(tw2_result):
    rows = list(csv.DictReader(io.StringIO(to_csv(tw2_result))))
    assert len(rows) == 2 * 9
    by = {(r["triwulan"], r["id"]): r for r in rows}
    assert float(by["2", "IKT-1"]["value"]) == pytest.approx(IKT1)
    assert by["1", "IKT-1"]["value"] == "" and by["1", "IKT-1"]["status"] == "data-missing"
    assert float(by["2", "IKT-1"]["capaian_tahunan"]) == pytest.approx(IKT1 / 9.5 * 100)
    assert float(by["2", "IKU-3"]["capaian"]) == pytest.approx(100 / 60 * 100)
    assert (by["2", "IKU-1"]["anggaran_pagu"], by["2", "IKU-1"]["anggaran_realisasi"]) == (
        "100000000.0",
        "40000000.0",
    )
    assert by["2", "IKT-2"]["value"] == "" and by["2", "IKT-2"]["status"] == "annual-only"
    assert by["2", "IKT-1"]["target_tw2"] == "4.5" and by["2", "IKT-2"]["target_tahunan"] == "5.0-6.0"


def test_csv_for_excel_in_an_indonesian_locale(tw2_result):
    text = to_csv(tw2_result, CsvDialect.EXCEL_ID)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    ikt1 = next(r for r in rows if r["triwulan"] == "2" and r["id"] == "IKT-1")
    assert float(ikt1["value"].replace(",", ".")) == pytest.approx(IKT1)


def test_the_terminal_table_in_indonesian(tw2_result):
    console = Console(width=200, record=True)
    print_table(tw2_result, console)
    text = console.export_text()
    assert "triwulan II (s.d. 30 Juni 2024)" in text
    assert re.search(r"Target *\n.* TW II ", text)  # the header on two lines: the table fits 80 columns
    assert "12,55 %" in text  # IKT-1
    assert "c-to-c 2023/TW2: 801.000.000" in text
    assert "IKT-2: tidak ada nilai triwulan: indikator ini hanya dihitung tahunan" in text
    assert "6 dari 9 indikator dihitung untuk TW II 2024; 2 hanya tahunan." in text
    assert "hanya tahunan" in text and "snapshot, nilai akhir" in text
