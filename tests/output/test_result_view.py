"""The computed year for people (the terminal table) and for programs (JSON and CSV at full precision)."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from iku_cli.output.result_view import print_table, to_csv, to_json


def test_json_has_typed_inputs_statuses_and_no_info_findings(result):
    payload = json.loads(to_json(result))
    got = {i["id"]: i for i in payload["indicators"]}
    assert got["IKU-1"]["inputs"] == {"v_n_1": 31475.0, "v_n": 34694.0}
    assert got["IKU-1"]["value"] == (34694 - 31475) / 31475 * 100  # full precision
    assert got["IKU-2"]["inputs"] == {"pembilang": 83.0, "penyebut": 852.0}
    assert got["IKU-3"]["value"] is None and got["IKU-3"]["status"] == "zero-denominator"
    assert got["IKU-1"]["level"] == "sasaran" and got["IKU-2"]["formula"] == "ratio"
    assert got["IKU-1"]["target_akhir_renstra"] == [10.0, 12.0]
    assert got["IKU-1"]["realisasi_sebelumnya"] == {"2023": 9.0, "2022": None}
    assert [f["code"] for f in payload["findings"]] == ["number-as-text"]
    assert payload["files"] == [{"file": "2024/umkm.xlsx", "sha256": "ab" * 32, "size": 1234}]


def test_csv_leaves_what_does_not_apply_empty_never_zero(result):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(result)))}
    assert rows["IKU-1"]["v_n_1"] == "31475.0" and rows["IKU-1"]["pembilang"] == ""
    assert rows["IKU-2"]["pembilang"] == "83.0" and rows["IKU-2"]["v_n"] == ""
    assert (
        rows["IKU-3"]["value"] == ""
        and rows["IKU-3"]["pembilang"] == ""
        and rows["IKU-3"]["penyebut"] == "0.0"
    )
    assert rows["IKU-1"]["target_akhir_renstra"] == "10.0-12.0"
    assert rows["IKU-1"]["realisasi_n_1"] == "9.0" and rows["IKU-1"]["realisasi_n_2"] == ""


def test_table_in_indonesian_format(result):
    console = Console(file=io.StringIO(), width=140, color_system=None)
    print_table(result, console)
    text = console.file.getvalue()
    assert "10,23 %" in text  # (34.694 − 31.475) / 31.475
    assert "2023: 31.475 → 2024: 34.694" in text
    assert "83 / 852" in text and "9,74 %" in text
    assert "IKU-3: tidak dapat dihitung: penyebut = 0" in text
    assert "2 dari 3 indikator dihitung." in text


def test_table_of_a_blocked_result_prints_nothing(result):
    from dataclasses import replace

    console = Console(file=io.StringIO())
    print_table(replace(result, blocked=True), console)
    assert console.file.getvalue() == ""
