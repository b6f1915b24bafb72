"""The XLSX look: row heights in one pass, styles stamped, text that stays text."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.findings import make
from iku_cli.output import xlsx_style as S
from iku_cli.output.findings_view import fill_findings_sheet


class Counted:
    """Counts the calls that cost a pass over the whole sheet, and the texts measured."""

    def __init__(self, monkeypatch):
        self.rescans = 0
        self.measured = 0
        for name in ("max_row", "max_column"):
            prop = getattr(Worksheet, name)
            monkeypatch.setattr(Worksheet, name, property(lambda ws, prop=prop: self._rescan(prop, ws)))
        real = S.lines_needed
        monkeypatch.setattr(S, "lines_needed", lambda text, width: self._measure(real, text, width))

    def _rescan(self, prop, ws):
        self.rescans += 1
        return prop.fget(ws)

    def _measure(self, real, text, width):
        self.measured += 1
        return real(text, width)


def findings(n):
    return [
        make("number-as-text", "teks " * (i % 40), file="2024/a.xlsx", sheet="S", cell=f"F{i}", value="Rp 1")
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [50, 500])
def test_the_findings_sheet_looks_at_each_value_once(monkeypatch, n):
    counted = Counted(monkeypatch)
    fill_findings_sheet(openpyxl.Workbook().active, findings(n))
    assert counted.rescans <= 2  # a constant, not one per row: writing stays linear
    assert counted.measured == 7 * n  # each text of each finding (no column here) measured once, for its row


@pytest.mark.parametrize("n", [50, 500])
def test_fit_row_heights_touches_each_cell_once(monkeypatch, n):
    ws = openpyxl.Workbook().active
    for i in range(1, n + 1):
        ws.append(["kode", "pesan yang panjang " * (i % 7), 3.5])
    ws.merge_cells("A1:B1")
    counted = Counted(monkeypatch)
    S.fit_row_heights(ws, 1, n)
    assert counted.rescans == 0
    assert counted.measured == 2 * n - 1  # the text cells, the one hidden by the merge not at all
    width = ws.column_dimensions["B"].width
    assert ws.row_dimensions[6].height == 15 * S.lines_needed("pesan yang panjang " * 6, width) > 15
