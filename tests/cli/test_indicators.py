"""iku indicators: the declared indicators."""

from __future__ import annotations

import json

from tests.helpers import run


def test_indicators_lists_the_nine(tmp_path):
    result = run("indicators", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["indicators"]
    assert [r["id"] for r in rows] == [
        "IKT-1",
        "IKU-1",
        "IKU-2",
        "IKU-3",
        "IKT-2",
        "IKT-3",
        "IKU-4",
        "IKU-5",
        "IKU-6",
    ]
    iku2 = rows[2]
    assert iku2["unit_kerja"] == "Bidang Usaha Mikro dan IKM"
    assert iku2["source"] == "bidang_usaha_mikro_ikm.xlsx › Data UMKM"
    assert iku2["formula"] == "ratio"
    table = run("indicators")
    assert "IKU-6" in table.stdout and "Perdagangan" in table.stdout
