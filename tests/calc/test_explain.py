"""explain: the same numbers as compute, with the rows behind each measure."""

from __future__ import annotations

from iku_cli import compute, explain
from tests.helpers import EXAMPLES


def test_explain_numbers_equal_compute(config):
    ex = explain(config, EXAMPLES, 2024, "iku-2")
    computed = {i.id: i for i in compute(config, EXAMPLES, 2024).indicators}["IKU-2"]
    assert ex.indicator.value == computed.value and ex.indicator.inputs == computed.inputs
    counted = {r.measure.id: r.rows for r in ex.rows}
    naik = next(r for r in ex.rows if r.measure.id == "jumlah_usaha_mikro_naik_kelas")
    assert len(naik.rows) == 88 and naik.measure.year == 2024 and naik.measure.previous_year == 2023
    assert (naik.rows["omzet"] > 300_000_000).all()  # above the threshold in 2024 ...
    assert (naik.previous["omzet"] <= 300_000_000).all()  # ... up to it in 2023, under the same NIB
    assert set(naik.rows["skala_usaha"]) == {"Mikro", "Kecil"}  # whatever their label in 2024
    assert list(naik.columns) == ["nib", "skala_usaha", "omzet"]
    assert counted["jumlah_usaha_mikro_tahun_lalu"]["nib"].nunique() == 2966
