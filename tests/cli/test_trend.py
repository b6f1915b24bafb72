"""iku trend on the command line."""

from __future__ import annotations

import json

from tests.helpers import YEAR_2024, koperasi, run, write_book


def test_trend_with_a_broken_year(small_data):
    write_book(
        small_data / "2023" / "bidang_koperasi.xlsx",
        {"Keragaan Koperasi": koperasi(("BH-1", "Aktif", "banyak", [70] * 4))},
    )
    result = run("trend", small_data, "--from", 2023, "--to", 2024, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    iku2 = next(i for i in payload["indicators"] if i["id"] == "IKU-2")
    assert iku2["values"]["2023"]["status"] == "data-error"
    assert iku2["values"]["2024"]["status"] == "data-error"  # 2024 needs 2023 for growth: nothing is computed
    assert YEAR_2024  # the other year's data is intact


def test_a_span_without_any_year_folder_is_a_usage_error(small_data):
    result = run("trend", small_data, "--from", 2030, "--to", 2031)
    assert result.exit_code == 2
    assert (
        f"no year folder from 2030 to 2031 in '{small_data}' (year folders there: 2023, 2024)"
        in result.stderr
    )
    some = run("trend", small_data, "--from", 2024, "--to", 2026, "--format", "json")  # 2025, 2026: missing
    assert some.exit_code == 0
    values = json.loads(some.stdout)["indicators"][0]["values"]
    assert [values[y]["value"] is None for y in ("2024", "2025", "2026")] == [False, True, True]
