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
