"""Every sheet of every workbook iku writes prints on A4, one page wide, numbered, text wrapped, nothing cut."""

from __future__ import annotations

import openpyxl
import pytest

from tests.helpers import run


@pytest.fixture
def written(defective, tmp_path):
    data, _ = defective
    out = tmp_path / "out"
    out.mkdir()
    (data / "2024" / "pdrb.xlsx").write_bytes((data / "2023" / "pdrb.xlsx").read_bytes())
    run("compute", data, "--year", 2023, "-o", out / "laporan.xlsx")
    run("validate", data, "--year", 2024, "-o", out / "temuan.xlsx", "--annotate", out / "diperiksa")
    run("trend", data, "--from", 2023, "--to", 2023, "-o", out / "trend.xlsx")
    run("template", out / "blanko", "--year", 2025)
    return out


def test_every_sheet_prints_on_a4_one_page_wide_with_page_numbers(written):
    books = [written / "laporan.xlsx", written / "temuan.xlsx", written / "trend.xlsx"]
    books += sorted((written / "blanko" / "2025").glob("*.xlsx"))
    assert len(books) == 8  # the LKjIP, findings and trend workbooks, and five templates (anggaran.xlsx too)
    for path in books:
        for ws in openpyxl.load_workbook(path).worksheets:
            if ws.sheet_state == "hidden":
                continue
            where = f"{path.name} › {ws.title}"
            assert int(ws.page_setup.paperSize) == 9, where
            assert "&P" in ws.oddFooter.center.text, where
            if ws.title != "Grafik":  # the charts print at 100 % with page breaks between them
                assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, where


def test_findings_sheets_wrap_their_text_and_repeat_the_header(written):
    sheets = [openpyxl.load_workbook(written / "temuan.xlsx")["Temuan"]]
    sheets.append(
        openpyxl.load_workbook(written / "diperiksa" / "2024" / "bidang_usaha_mikro_ikm.xlsx")["Temuan iku"]
    )
    for ws in sheets:
        assert ws.print_title_rows == "$1:$1"
        for row in ws.iter_rows(min_row=2):
            assert all(cell.alignment.wrap_text for cell in row)  # long messages wrap, never run off the page


def test_annotated_copies_print_every_sheet_on_a4(written):
    copies = sorted((written / "diperiksa").rglob("*.xlsx"))
    assert copies
    for path in copies:
        for ws in openpyxl.load_workbook(path).worksheets:
            assert int(ws.page_setup.paperSize) == 9, f"{path.name} › {ws.title}"
