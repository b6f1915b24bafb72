"""JSON always valid; CSV for programs or for Indonesian Excel; no cell text a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import replace

import openpyxl

from iku_cli.output.lkjip_xlsx import write_lkjip
from iku_cli.output.result_view import to_csv, to_json
from iku_cli.output.serialise import CsvDialect, csv_text, inert, json_text


def test_text_that_would_start_a_formula_gets_a_quote_and_loses_nothing():
    for live in ("=1+1", '=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"):
        assert inert(live) == "'" + live
    assert inert("Mikro") == "Mikro" and inert("1.250.000") == "1.250.000" and inert("") == ""


def test_csv_numbers_stay_numbers_and_text_stays_text():
    text = csv_text(["nilai", "teks"], [[-5.5, "-5.5"], [3, "=1"], [None, None], [math.inf, "ok"]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["nilai", "teks"],
        ["-5.5", "'-5.5"],  # a negative number is a number; the same as text is text
        ["3", "'=1"],
        ["", ""],
        ["", "ok"],  # no infinity in a spreadsheet
    ]


def test_csv_for_indonesian_excel():
    text = csv_text(["a", "b"], [[1250000.5, "x;y"], [2, "Rp 1.000,-"]], CsvDialect.EXCEL_ID)
    assert text.startswith("\ufeffa;b\r\n")
    assert text == '\ufeffa;b\r\n1250000,5;"x;y"\r\n2;Rp 1.000,-\r\n'


def test_json_has_no_nan_or_infinity_anywhere():
    text = json_text({"value": math.inf, "rows": [math.nan, 1.5, {"x": -math.inf}]})
    assert json.loads(text) == {"value": None, "rows": [None, 1.5, {"x": None}]}
    assert "Infinity" not in text and "NaN" not in text


def test_a_result_with_infinite_numbers_is_written_everywhere(result, tmp_path):
    inf = replace(result.indicators[0], value=math.inf, capaian=-math.inf, history={2023: math.nan})
    broken = replace(result, indicators=[inf, *result.indicators[1:]])
    payload = json.loads(to_json(broken))  # never Infinity, never an exception
    assert payload["indicators"][0]["value"] is None and payload["indicators"][0]["capaian"] is None
    rows = list(csv.DictReader(io.StringIO(to_csv(broken))))
    assert rows[0]["value"] == "" and rows[0]["realisasi_n_1"] == ""
    write_lkjip(broken, tmp_path / "laporan.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "laporan.xlsx")["Pengukuran Kinerja"]
    assert all(
        not isinstance(v, float) or math.isfinite(v) for row in ws.iter_rows(values_only=True) for v in row
    )


def test_the_report_keeps_text_from_the_configuration_as_text(result, tmp_path):
    hostile = replace(result, agency='=HYPERLINK("http://x","klik")', config_path="=1+1\x07.yaml")
    hostile = replace(hostile, indicators=[replace(i, nama="=2*3") for i in hostile.indicators])
    write_lkjip(hostile, tmp_path / "laporan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "laporan.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    meta = {r[0]: r[1] for r in book["Metadata"].iter_rows(values_only=True)}
    assert meta["File konfigurasi"] == "=1+1\\x07.yaml"
    temuan = book["Temuan Data"]
    assert temuan["G2"].value == "=1+1" and temuan["G2"].data_type == "s"  # the finding's value, as text
