"""Annotated copies: error cells red, warnings yellow, a comment on each, a sheet listing the findings."""

from __future__ import annotations

import json

import openpyxl

from tests.helpers import run


def test_annotated_copies_mark_cells_and_list_findings(defective, tmp_path):
    data, _ = defective
    out = tmp_path / "diperiksa"
    result = run("validate", data, "--year", 2024, "--annotate", out)
    assert result.exit_code == 1
    book = openpyxl.load_workbook(out / "2024" / "bidang_usaha_mikro_ikm.xlsx")
    ws = book["Data UMKM"]
    assert ws["F5"].fill.fgColor.rgb == "00FF7C80"  # error: red
    assert ws["F7"].fill.fgColor.rgb == "00FFE699"  # warning: yellow
    assert "type-error" in ws["F5"].comment.text and "'dua juta'" in ws["F5"].comment.text
    assert ws["F2"].comment is None
    listing = book["Temuan iku"]
    assert [c.value for c in listing[1]] == [
        "Tingkat",
        "Kode",
        "File",
        "Sheet",
        "Sel",
        "Kolom",
        "Nilai",
        "Pesan",
    ]
    assert listing.max_row - 1 == sum(
        1
        for f in json.loads(run("validate", data, "--year", 2024, "--format", "json").stdout)["findings"]
        if f["file"] == "2024/bidang_usaha_mikro_ikm.xlsx"
    )
