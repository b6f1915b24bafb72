"""The budget on the terminal and in JSON, from the canonical result."""

from __future__ import annotations

import json
from dataclasses import replace

from iku_cli.calc.results import BudgetResult, Status
from iku_cli.output.result_view import print_table, to_json
from tests.helpers import printed_lines

CAPAIAN_IKU1 = (34694 - 31475) / 31475 * 100 / 10 * 100


def not_given(result):
    budget = BudgetResult(
        "2024/anggaran.xlsx", Status.DATA_MISSING, "anggaran tidak diberikan: 2024/anggaran.xlsx tidak ada"
    )
    return replace(result, anggaran=budget, sasaran=[replace(s, anggaran=None) for s in result.sasaran])


def test_json_sasaran_carries_its_budget(result):
    [s1] = json.loads(to_json(result))["sasaran"]
    budget = s1["anggaran"]
    assert (budget["pagu"], budget["realisasi"], budget["sisa"]) == (
        2_020_000_000,
        1_820_000_000,
        200_000_000,
    )
    assert budget["serapan"] == 1_820_000_000 / 2_020_000_000 * 100  # 90,10 %
    assert budget["efisien"] is True and budget["rata_rata_capaian"] == CAPAIAN_IKU1
    assert [p["kode"] for p in budget["program"]] == ["2.17.07", "2.17.08"]
    assert budget["program"][0]["excel_rows"] == [12, 13]
    assert s1["anggaran_reason"] is None


def test_json_top_level_budget_lists_penunjang_and_rows_without_sasaran(result):
    budget = json.loads(to_json(result))["anggaran"]
    assert (budget["file"], budget["status"], budget["pagu"]) == ("2024/anggaran.xlsx", "ok", 11_190_000_000)
    assert [p["kode"] for p in budget["penunjang"]] == ["2.17.01"]
    assert budget["tidak_terkait_sasaran"][0]["kode"] == "3.30.06.2.01.0001"


def test_json_without_budget_says_why(result):
    payload = json.loads(to_json(not_given(result)))
    [s1] = payload["sasaran"]
    assert s1["anggaran"] is None
    assert s1["anggaran_reason"] == "anggaran tidak diberikan: 2024/anggaran.xlsx tidak ada"
    assert payload["anggaran"]["status"] == "data-missing" and payload["anggaran"]["pagu"] is None


def test_table_shows_the_budget_per_sasaran(result):
    lines = printed_lines(print_table, result, 100)
    assert "Realisasi anggaran 2024 (2024/anggaran.xlsx)" in lines
    assert "S1 2.020.000.000 1.820.000.000 90,10 % 102,27 % ya" in lines
    assert "penunjang 9.070.000.000 8.800.000.000 97,02 %" in lines
    assert "tanpa sasaran 100.000.000 80.000.000 80,00 %" in lines
    assert "jumlah 11.190.000.000 10.700.000.000 95,62 %" in lines
    assert any(line.startswith("Baris anggaran tanpa sasaran: 3.30.06.2.01.0001") for line in lines)


def test_table_without_budget_says_it_was_not_given(result):
    lines = printed_lines(print_table, not_given(result), 100)
    assert "Anggaran: anggaran tidak diberikan: 2024/anggaran.xlsx tidak ada" in lines
