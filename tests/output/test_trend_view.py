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


def test_trend_xlsx_prints_on_a4_with_no_chart_across_a_page_break(tmp_path):
    from iku_cli.output.trend_view import CM, PT

    out = tmp_path / "trend.xlsx"
    assert run("trend", EXAMPLES, "--from", 2022, "--to", 2024, "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tren", "Capaian", "Grafik"]  # capaian on its own pages, under its own header
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    grafik = book["Grafik"]
    assert not grafik.sheet_properties.pageSetUpPr.fitToPage  # fitting to a width would ignore the breaks
    breaks = [b.id * 15 * PT for b in grafik.row_breaks.brk]  # rows of 15 pt
    assert len(breaks) == 2  # 9 charts, 4 to a page
    page_height = (21.0 - 2 * 0.6 * 2.54) * CM  # A4 landscape between the top and bottom margins
    starts = [0, *breaks]
    for chart in grafik._charts:
        top = chart.anchor.pos.y
        bottom = top + chart.anchor.ext.height
        page = max(s for s in starts if s <= top)
        assert bottom <= page + page_height and not any(top < b < bottom for b in breaks)
        assert chart.anchor.pos.x + chart.anchor.ext.width <= (29.7 - 2 * 0.75 * 2.54) * CM
