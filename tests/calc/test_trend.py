"""trend: realisasi per year, a missing year stays missing."""

from __future__ import annotations

import pytest

from iku_cli import trend
from tests.helpers import EXAMPLES


def test_trend_years_and_missing_values(config):
    t = trend(config, EXAMPLES, 2022, 2024)
    assert t.years == [2022, 2023, 2024]
    iku1 = next(r for r in t.rows if r.id == "IKU-1")
    assert [p.value is None for p in iku1.points] == [True, False, False]  # 2022 has no 2021 to grow from
    assert iku1.points[2].value == pytest.approx((3276 - 2966) / 2966 * 100)
    iku2 = next(r for r in t.rows if r.id == "IKU-2")  # usaha mikro of n−1 followed to n: none for 2022
    assert [p.value for p in iku2.points] == [
        None,
        pytest.approx(61 / 2650 * 100),
        pytest.approx(88 / 2966 * 100),
    ]
    assert t.exit_code == 0
