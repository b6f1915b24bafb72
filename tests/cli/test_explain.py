"""iku explain on the command line."""

from __future__ import annotations

import json

from tests.helpers import EXAMPLES, run


def test_explain_cli(config):
    result = run("explain", "IKU-1", EXAMPLES, "--year", 2024)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "(3.177 − 2.926) / 2.926 × 100 = 8,5783 %" in text
    assert "Jumlah usaha mikro" in text and "Skala Usaha = Mikro" in text
    payload = json.loads(run("explain", "IKU-2", EXAMPLES, "--year", 2024, "--format", "json").stdout)
    used = next(m for m in payload["measures"] if m["id"] == "jumlah_usaha_mikro_naik_kelas")
    assert len(used["excel_rows"]) == 105 and used["sheet"] == "Data UMKM"


def test_explain_unknown_id_lists_valid_ones(small_data):
    result = run("explain", "IKU-9", small_data, "--year", 2024)
    assert result.exit_code == 2
    assert (
        "unknown indicator 'IKU-9'; valid ids: IKT-1, IKU-1, IKU-2, IKU-3, IKT-2, IKT-3, IKU-4, IKU-5, IKU-6"
        in " ".join(result.stderr.split())
    )
