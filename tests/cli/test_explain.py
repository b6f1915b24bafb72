"""iku explain on the command line."""

from __future__ import annotations

import json

from tests.helpers import EXAMPLES, run


def test_explain_cli(config):
    result = run("explain", "IKU-1", EXAMPLES, "--year", 2024)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "(3.276 − 2.966) / 2.966 × 100 = 10,4518 %" in text
    assert "Jumlah usaha mikro" in text and "Skala Usaha = Mikro" in text
    payload = json.loads(run("explain", "IKU-2", EXAMPLES, "--year", 2024, "--format", "json").stdout)
    used = next(m for m in payload["measures"] if m["id"] == "jumlah_usaha_mikro_naik_kelas")
    assert len(used["excel_rows"]) == 88 and used["sheet"] == "Data UMKM"
    assert len(used["followed"]) == 88 and used["previous_year"] == 2023
    firm = used["followed"][0]  # each business with its row and values in both years
    assert firm["2023"]["omzet"] <= 300_000_000 < firm["2024"]["omzet"]
    assert firm["2023"]["skala_usaha"] == "Mikro" and firm["2024"]["excel_row"] == used["excel_rows"][0]


def test_explain_lists_the_businesses_that_grew_with_both_years(naik_kelas_data):
    result = run("explain", "IKU-2", naik_kelas_data, "--year", 2024)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "pembilang / penyebut × 100 = 2 / 5 × 100 = 40,0000 %" in text
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    # NIB, row, skala and omzet of 2023, then of 2024
    assert "1001 3 Mikro 200.000.000 3 Kecil 450.000.000" in lines
    assert "1234567890123 2 Mikro 250.000.000 5 Mikro 310.000.000" in lines
    assert not any(line.startswith(("1002 ", "1003 ", "1004 ")) for line in lines)


def test_explain_unknown_id_lists_valid_ones(small_data):
    result = run("explain", "IKU-9", small_data, "--year", 2024)
    assert result.exit_code == 2
    assert (
        "unknown indicator 'IKU-9'; valid ids: IKT-1, IKU-1, IKU-2, IKU-3, IKT-2, IKT-3, IKU-4, IKU-5, IKU-6"
        in " ".join(result.stderr.split())
    )
