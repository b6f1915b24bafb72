"""Finding the header row and the declared columns in it, with their units."""

from __future__ import annotations

from iku_cli.config import Column, Source
from iku_cli.findings import At
from iku_cli.read.header import find_sheet, locate_header, read_header

SOURCE = Source(
    workbook="x.xlsx",
    sheet="Data",
    key="kode",
    columns={
        "kode": Column(header="Kode", required=True),
        "nilai": Column(header="Nilai", aliases=["PDRB ADHK"], type="money", unit="juta Rp", required=True),
        "catatan": Column(header="Catatan"),
    },
)


def test_the_row_naming_most_columns_is_the_header():
    rows = [["PDRB 2024", None], [None, None], ["No", "KODE", "PDRB  ADHK\n(miliar Rp)"], [1, "C", 2.5]]
    index, located = locate_header(SOURCE, rows)
    assert index == 2
    assert located == {"kode": (1, None), "nilai": (2, "miliar Rp")}


def test_units_extra_columns_and_missing_ones():
    row = ["No", "KODE", "PDRB ADHK (miliar Rp)"]
    _, located = locate_header(SOURCE, [row])
    header, found = read_header(At("2024/x.xlsx", "Data"), SOURCE, 0, row, located, frozenset({"catatan"}))
    assert header.row == 1
    assert header.columns["nilai"].factor == 1000 and header.columns["nilai"].letter == "C"
    assert header.columns["kode"].unit is None
    codes = [(f.code, f.cell, f.column) for f in found]
    assert codes == [
        ("column-missing", None, "catatan"),  # optional, but a measure needs it
        ("extra-column-ignored", "A1", None),
        ("unit-scaled", "C1", "nilai"),
    ]


def test_sheet_names_forgive_case_and_spacing():
    assert find_sheet(["Data  umkm", "Catatan"], "Data UMKM") == "Data  umkm"
    assert find_sheet(["Catatan"], "Data UMKM") is None
