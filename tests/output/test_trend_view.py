"""The trend views: the sparkline and the workbook with a chart per indicator."""

from __future__ import annotations

import openpyxl
import pytest

from iku_cli.output.trend_view import sparkline
from tests.helpers import EXAMPLES, run


def test_sparkline_keeps_missing_years_blank():
    assert sparkline([None, 1.0, 2.0]) == " ▁█"
    assert sparkline([None, None]) == "  "
    assert sparkline([3.0, 3.0]) == "▅▅"


def test_trend_xlsx_has_a_chart_per_indicator(tmp_path):
    out = tmp_path / "trend.xlsx"
    result = run("trend", EXAMPLES, "--from", 2022, "--to", 2024, "-o", out)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(out)
    ws = book["Tren"]
    assert [c.value for c in ws[4]][:6] == ["Kode", "Indikator", "Satuan", "2022", "2023", "2024"]
    iku1 = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] == "IKU-1")
    assert iku1[3] is None  # missing, not 0
    assert iku1[5] == pytest.approx((3276 - 2966) / 2966 * 100)
    assert len(book["Grafik"]._charts) == 9
