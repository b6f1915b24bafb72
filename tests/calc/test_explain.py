"""explain: the same numbers as compute, with the rows behind each measure."""

from __future__ import annotations

from iku_cli import compute, explain
from tests.helpers import EXAMPLES


def test_explain_numbers_equal_compute(config):
    ex = explain(config, EXAMPLES, 2024, "iku-2")
    computed = {i.id: i for i in compute(config, EXAMPLES, 2024).indicators}["IKU-2"]
    assert ex.indicator.value == computed.value and ex.indicator.inputs == computed.inputs
    counted = {r.measure.id: r.rows for r in ex.rows}
    assert len(counted["jumlah_usaha_mikro_naik_kelas"]) == 105
    assert (counted["jumlah_usaha_mikro_naik_kelas"]["omzet"] > 300_000_000).all()
    assert (counted["jumlah_usaha_mikro_naik_kelas"]["skala_usaha"] == "Mikro").all()
    assert counted["jumlah_usaha_mikro"]["nib"].nunique() == 3177
