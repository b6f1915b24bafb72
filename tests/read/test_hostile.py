"""Nothing wrong gets through, nothing aborts: Excel errors, far cells, bombs, pipes, other formats, odd headers."""

from __future__ import annotations

import os
import re
import zipfile

import openpyxl
import pytest
import xlwt

from iku_cli import compute, validate
from iku_cli.read import WorkbookCache, read_sheet
from iku_cli.read.package import Limits
from tests.helpers import KOPERASI_HEADER, UMKM_HEADER, Formula, koperasi, umkm, write_book
from tests.read.formats import rewrite_part, set_cell_xml, write_ods, write_xlsb
from tests.read.test_sheet import codes, only, put, read

PDRB = [
    ["Kode", "Lapangan Usaha", "Nilai (juta Rp)"],
    ["C", "Industri", 2100.0],
    ["G", "Perdagangan", 4400.0],
]


def read_with(config, data_dir, source_id, limits: Limits, year=2024):
    source = config.spec.sources[source_id]
    path = data_dir / str(year) / source.workbook
    return read_sheet(path, f"{year}/{source.workbook}", source_id, source, WorkbookCache(limits))


def openpyxl_book(path, sheet, rows):
    """openpyxl stores a string that is an Excel error value as an error cell (t="e")."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# --- (1) Excel error values ---------------------------------------------------------------------------


def test_an_error_value_in_a_used_column_is_an_error_at_its_cell_and_blocks_compute(config, small_data):
    rows = koperasi(("BH-1", "Aktif", "#VALUE!", [80] * 4), ("BH-2", "Aktif", 2_500_000, [60] * 4))
    openpyxl_book(small_data / "2024" / "bidang_koperasi.xlsx", "Keragaan Koperasi", rows)
    report = validate(config, small_data, [2023, 2024])
    [f] = [f for f in report.findings if f.code == "excel-error"]
    assert (f.severity, f.file, f.cell, f.column, f.value) == (
        "error",
        "2024/bidang_koperasi.xlsx",
        "F2",
        "volume_usaha",
        "#VALUE!",
    )
    assert "#VALUE!" in f.message and not report.valid()
    result = compute(config, small_data, 2024)
    assert result.blocked and result.exit_code == 1
    assert {i.value for i in result.indicators} == {None}  # 677.000.000 is not silently dropped


def test_an_error_in_a_required_column_is_not_called_blank(config, tmp_path):
    openpyxl_book(tmp_path / "2024" / "pdrb.xlsx", "PDRB ADHK", [*PDRB, ["A", "Pertanian", "#DIV/0!"]])
    data = read(config, tmp_path, "pdrb")
    assert (only(data, "excel-error").cell, only(data, "excel-error").value) == ("C4", "#DIV/0!")
    assert "required-missing" not in codes(data)


def test_errors_in_a_total_row_or_an_undeclared_column_are_warnings(config, tmp_path):
    rows = [[*PDRB[0], "Catatan"], [*PDRB[1], "#N/A"], PDRB[2], ["JUMLAH", None, "#REF!"]]
    openpyxl_book(tmp_path / "2024" / "pdrb.xlsx", "PDRB ADHK", rows)
    data = read(config, tmp_path, "pdrb")
    ignored = sorted((f.cell, f.value, f.severity) for f in data.findings if f.code == "excel-error-ignored")
    assert ignored == [("C4", "#REF!", "warning"), ("D2", "#N/A", "warning")]
    assert data.readable and data.frame["nilai"].sum() == 6500


def test_an_error_value_newer_excel_writes_does_not_stop_the_sheet(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": [*PDRB, ["B", "Tambang", 1.0]]})
    set_cell_xml(path, "C4", '<c r="C4" t="e"><f>SORT(A1:A3)</f><v>#SPILL!</v></c>')
    data = read(config, tmp_path, "pdrb")
    assert (only(data, "excel-error").cell, only(data, "excel-error").value) == ("C4", "#SPILL!")
    assert data.frame.loc[2, "nilai"] == 2100


@pytest.mark.parametrize("fmt", ["xls", "xlsb", "ods"])
def test_error_values_are_found_in_the_other_formats_too(config, tmp_path, fmt):
    rows = [*PDRB, ["A", "Pertanian", ("err", "#DIV/0!")]]
    target = tmp_path / "2024" / f"pdrb.{fmt}"
    if fmt == "ods":
        write_ods(target, "PDRB ADHK", rows)
    elif fmt == "xlsb":
        write_xlsb(target, "PDRB ADHK", [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row)])
    else:
        target.parent.mkdir(parents=True)
        book = xlwt.Workbook()
        sheet = book.add_sheet("PDRB ADHK")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, tuple):
                    sheet.row(r).set_cell_error(c, v[1])
                else:
                    sheet.write(r, c, v)
        book.save(str(target))
    data = read(config, tmp_path, "pdrb")
    assert data.file == f"2024/pdrb.{fmt}"  # the file actually read is named
    assert only(data, "workbook-other-format").severity == "warning"
    assert (only(data, "excel-error").cell, only(data, "excel-error").value) == ("C4", "#DIV/0!")
    assert data.frame.loc[2, "nilai"] == 2100 and data.frame.loc[3, "nilai"] == 4400


# --- (5) the workbook saved under another name ------------------------------------------------------------


def test_a_name_that_differs_by_case_or_extension_is_named_with_what_to_do(config, small_data):
    folder = small_data / "2024"
    (folder / "bidang_perdagangan.xlsx").rename(folder / "Bidang_Perdagangan.xlsx")
    (folder / "pdrb.xlsx").rename(folder / "pdrb.csv")
    report = validate(config, small_data, [2024])
    missing = {f.file: f.message for f in report.findings if f.code == "workbook-missing"}
    assert (
        "ada file 'Bidang_Perdagangan.xlsx': ganti namanya menjadi 'bidang_perdagangan.xlsx'"
        in missing["2024/bidang_perdagangan.xlsx"]
    )
    assert "'pdrb.csv': bukan workbook yang dapat dibaca" in missing["2024/pdrb.xlsx"]


@pytest.mark.parametrize(
    "name", ["bidang_koperasi (1).xlsx", "Bidang Koperasi - Copy.xlsx", "Salinan dari bidang_koperasi.xlsx"]
)
def test_a_copy_or_download_of_the_workbook_is_named_with_what_to_do(config, small_data, name):
    folder = small_data / "2024"
    (folder / "bidang_koperasi.xlsx").rename(folder / name)
    (folder / "pdrb.xlsx").rename(folder / "pdrb_2023.xlsx")  # another name altogether: not offered
    missing = {
        f.file: f.message
        for f in validate(config, small_data, [2024]).findings
        if f.code == "workbook-missing"
    }
    assert missing["2024/bidang_koperasi.xlsx"].endswith(
        f"; ada file '{name}': ganti namanya menjadi 'bidang_koperasi.xlsx'"
    )
    assert "ada file" not in missing["2024/pdrb.xlsx"]


def test_an_ods_in_place_of_the_xlsx_is_read_and_computed(config, small_data):
    folder = small_data / "2024"
    (folder / "pdrb.xlsx").unlink()
    write_ods(
        folder / "pdrb.ods",
        "PDRB ADHK",
        [PDRB[0], ["A", "x", 1100.0], ["C", "x", 2100.0], ["G", "x", 4400.0]],
    )
    result = compute(config, small_data, 2024)
    ikt2 = next(i for i in result.indicators if i.id == "IKT-2")
    assert ikt2.value == pytest.approx((2100 - 2000) / 2000 * 100)
    assert "2024/pdrb.ods" in [f.file for f in result.files]


# --- (13) bounded resources ---------------------------------------------------------------------------


def test_a_stray_cell_far_away_is_named_and_the_sheet_still_read(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    data = read(config, tmp_path, "pdrb")
    stray = only(data, "stray-cell")
    assert (stray.severity, stray.cell, stray.value) == ("warning", "XFD1048576", "x")
    assert stray.message.startswith("XFD1048576 berisi 'x', jauh di luar data (data di A1:C3): hapus isinya")
    assert data.readable and data.frame["nilai"].sum() == 6500


def _address_last(xml: bytes) -> bytes:
    """Each cell's address moved behind its other attributes: <c r="C4" s="1" t="e"> -> <c s="1" t="e" r="C4">."""
    return re.sub(rb'<c r="([A-Z]+\d+)"((?: \w+="[^"]*")*)', rb'<c\2 r="\1"', xml)


def test_cells_that_give_their_address_last_are_read_and_checked_alike(config, tmp_path):
    rows = [*PDRB, ["A", "Pertanian", 700.0], ["B", "Tambang", Formula("=C2*2")], ["F", "Konstruksi", 50.0]]
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": rows})  # C5: formula without value
    set_cell_xml(path, "C4", '<c r="C4" t="e"><v>#DIV/0!</v></c>')
    plain = read(config, tmp_path, "pdrb")
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_part(
        path, "xl/worksheets/sheet1.xml", lambda xml: _address_last(xml.replace(b"</sheetData>", far))
    )
    with zipfile.ZipFile(path) as zf:
        assert b'<c t="e" r="C4">' in zf.read("xl/worksheets/sheet1.xml")
    data = read(config, tmp_path, "pdrb")
    assert codes(data) == [("stray-cell", "XFD1048576"), *codes(plain)]
    assert [(f.code, f.cell) for f in plain.findings if f.severity == "error"] == [
        ("formula-no-cache", "C5"),
        ("excel-error", "C4"),
    ]
    assert only(data, "stray-cell").value == "x"
    assert data.frame.equals(plain.frame) and data.frame.loc[6, "nilai"] == 50


@pytest.mark.parametrize(
    ("far", "cell"),
    [
        (
            b'<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>',
            "XFD1048576",
        ),  # the reader takes either case
        (b'<c t="inlineStr" r="xfd1048576"><is><t>x</t></is></c>', "XFD1048576"),
        (
            b'<c x=\' r="A1"\' t="inlineStr" r="XFD1048576"><is><t>x</t></is></c>',
            "XFD1048576",
        ),  # r= in a value
    ],
)
def test_a_far_cell_is_found_however_its_address_is_written(config, tmp_path, far, cell):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    row = b'<row r="1048576">' + far + b"</row></sheetData>"
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", row))
    data = read(config, tmp_path, "pdrb")
    stray = only(data, "stray-cell")
    assert (stray.cell, stray.value) == (cell, "x")
    assert data.readable and data.frame["nilai"].sum() == 6500


@pytest.mark.parametrize(
    "far",
    [
        b'<x:c r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>',  # a prefix the sheet does not use
        b'<x:c r = "XFD1048576"><x:v>1</x:v></x:c>',  # and spaces around "="
    ],
)
def test_a_cell_in_another_namespace_prefix_is_refused_not_loaded(config, tmp_path, far):
    """The reader reads <x:c> as a cell whatever the sheet's own prefix; the bound must not miss it."""
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    row = b'<row r="1048576">' + far + b"</row></sheetData>"
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", row))
    finding = only(read(config, tmp_path, "pdrb"), "workbook-unreadable")
    assert "ada sel tanpa alamat yang dapat dibaca" in finding.message


@pytest.mark.parametrize(
    ("pieces", "marked"),
    [
        ([b'<x:c r="A1">'], True),
        ([b"<row><x", b":", b"c r=1>"], True),  # ":c" across three pieces
        ([b"ab:", b"cd"], True),
        ([b'xmlns:r="http://x"', b"<c ", b"::x"], False),  # colons, none before a c
        ([b"a:b", b"c"], False),
        ([b""], False),
    ],
)
def test_a_prefixed_tag_is_marked_wherever_the_pieces_are_cut(pieces, marked):
    import threading

    from iku_cli.read.scan import _marked

    seen = threading.Event()
    assert list(_marked(iter(pieces), seen)) == pieces
    assert seen.is_set() == marked


def test_a_sheet_whose_tags_all_carry_a_prefix_is_read(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    plain = read(config, tmp_path, "pdrb")
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<(/?)(?!\?)(\w+)([\s>/])", rb"<\1x:\2\3", xml).replace(
            b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x="
        ),
    )
    with zipfile.ZipFile(path) as zf:
        assert b'<x:c r="C2"' in zf.read("xl/worksheets/sheet1.xml")
    data = read(config, tmp_path, "pdrb")
    assert data.readable and data.frame.equals(plain.frame)
    unprefixed = b'<row r="9"><c r="C9"><v>1</v></c></row></x:sheetData>'  # a cell without the sheet's prefix
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</x:sheetData>", unprefixed))
    assert (
        "ada sel tanpa alamat yang dapat dibaca"
        in only(read(config, tmp_path, "pdrb"), "workbook-unreadable").message
    )


def test_a_cell_without_an_address_is_refused_with_what_to_do(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<c r="C3"', b"<c", 1))
    finding = only(read(config, tmp_path, "pdrb"), "workbook-unreadable")
    assert finding.message == (
        "ada sel tanpa alamat yang dapat dibaca di sheet ini (file dibuat program lain); buka dan simpan ulang di Excel"
    )


def test_a_sheet_larger_than_the_limit_is_refused_by_name(config, tmp_path):
    put(tmp_path, {"Data UMKM": umkm(*[(str(1000 + i), "Mikro", 1) for i in range(40)])})
    data = read_with(config, tmp_path, "umkm", Limits(max_cells=100, max_far_cells=5))
    assert "A1:G41 = 287 sel, melebihi batas 100 sel" in only(data, "sheet-too-large").message


@pytest.mark.parametrize(
    ("limits", "words"),
    [
        (Limits(max_sheet_bytes=200), "xl/worksheets/sheet1.xml mengembang menjadi"),
        (Limits(max_zip_entries=3), "bagian (batas 3)"),
        (Limits(max_file_bytes=100), "melebihi batas"),
    ],
)
def test_a_workbook_beyond_the_limits_is_refused_in_milliseconds(config, tmp_path, limits, words):
    write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    finding = only(read_with(config, tmp_path, "pdrb", limits), "workbook-too-large")
    assert words in finding.message and finding.file == "2024/pdrb.xlsx"


def test_a_shared_strings_part_that_lies_about_its_size_is_refused(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    rewrite_part(
        path, "xl/sharedStrings.xml", lambda xml: xml.replace(b'uniqueCount="', b'uniqueCount="4000000000', 1)
    )
    assert "menyatakan" in only(read(config, tmp_path, "pdrb"), "workbook-too-large").message


def test_a_part_that_inflates_beyond_its_declared_size_is_refused(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    with zipfile.ZipFile(path) as zf:
        infos = {i.filename: i for i in zf.infolist()}
    raw = bytearray(path.read_bytes())
    central = raw.rfind(b"xl/worksheets/sheet1.xml") - 46  # its central directory entry
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")  # declared size: 100 bytes
    assert infos["xl/worksheets/sheet1.xml"].file_size > 100
    path.write_bytes(bytes(raw))
    assert only(read(config, tmp_path, "pdrb"), "workbook-too-large").severity == "error"


def test_entity_declarations_are_refused(config, tmp_path):
    path = write_book(tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": PDRB})
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    rewrite_part(
        path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<worksheet", bomb + b"<worksheet", 1)
    )
    assert "DTD/ENTITY" in only(read(config, tmp_path, "pdrb"), "workbook-unreadable").message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_pipe_named_like_a_workbook_is_named_not_read(config, tmp_path):
    (tmp_path / "2024").mkdir()
    os.mkfifo(tmp_path / "2024" / "pdrb.xlsx")  # reading it would block forever
    assert "pipe" in only(read(config, tmp_path, "pdrb"), "workbook-unreadable").message


def test_a_link_to_a_device_is_named_not_read(config, tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "pdrb.xlsx").symlink_to("/dev/zero")
    assert "perangkat" in only(read(config, tmp_path, "pdrb"), "workbook-unreadable").message


def test_a_column_broken_in_many_cells_gives_bounded_findings(config, tmp_path, monkeypatch):
    import iku_cli.findings

    monkeypatch.setattr(iku_cli.findings, "FINDINGS_PER_COLUMN", 5)
    monkeypatch.setattr(iku_cli.findings.at_rows, "__defaults__", (None, None, 5))
    put(tmp_path, {"Data UMKM": umkm(*[(str(1000 + i), "Mikro", "banyak") for i in range(12)])})
    errors = [f for f in read(config, tmp_path, "umkm").findings if f.code == "type-error"]
    assert [f.cell for f in errors] == ["F2", "F3", "F4", "F5", "F6", None]
    assert errors[-1].message.startswith(
        "… dan 7 sel lain di kolom ini dengan masalah yang sama (baris 7–13)"
    )


# --- (18) numbers that are not finite ---------------------------------------------------------------------


def test_infinity_and_overflowing_numbers_are_type_errors_at_their_cells(config, tmp_path):
    path = write_book(
        tmp_path / "2024" / "pdrb.xlsx", {"PDRB ADHK": [*PDRB, ["A", "x", 1.0], ["B", "x", 1.0]]}
    )
    set_cell_xml(path, "C2", '<c r="C2"><v>inf</v></c>')
    set_cell_xml(path, "C4", '<c r="C4"><v>1.7e308</v></c>')
    set_cell_xml(path, "C5", '<c r="C5"><v>1.7e308</v></c>')
    data = read(config, tmp_path, "pdrb")
    assert sorted(f.cell for f in data.findings if f.code == "type-error") == ["C2", "C4", "C5"]
    assert data.frame["nilai"].sum() == 4400  # what is left is finite


# --- (8), (19), (6) totals, headers and hints -----------------------------------------------------------


def test_a_total_row_labelled_in_an_undeclared_column_with_uncached_formulas(config, tmp_path):
    rows = [
        ["No", *UMKM_HEADER],
        [1, "1001", "A", "Kota", "Kuliner", "Mikro", 100, 2],
        [2, "1002", "B", "Kota", "Kuliner", "Mikro", 200, 3],
        ["TOTAL", None, None, None, None, None, Formula("=SUM(G2:G3)"), Formula("=SUM(H2:H3)")],
    ]
    put(tmp_path, {"Data UMKM": rows})
    data = read(config, tmp_path, "umkm")
    assert codes(data, "error") == []
    assert codes(data) == [("extra-column-ignored", "A1"), ("total-row-excluded", "A4")]
    assert data.frame.index.tolist() == [2, 3]


def test_a_header_far_down_the_sheet_is_found(config, tmp_path):
    put(tmp_path, {"Data UMKM": [[None]] * 59 + umkm(("1001", "Mikro", 10))})
    data = read(config, tmp_path, "umkm")
    assert data.header_row == 60 and data.frame.loc[61, "omzet"] == 10


def test_a_header_written_twice_is_an_error_not_an_ignored_column(config, tmp_path):
    rows = [[*UMKM_HEADER, "OMZET PER TAHUN (Rp)"], ["1001", "A", "Kota", "Kuliner", "Mikro", 100, 2, 999]]
    put(tmp_path, {"Data UMKM": rows})
    finding = only(read(config, tmp_path, "umkm"), "duplicate-column")
    assert (finding.severity, finding.cell, finding.column) == ("error", "H1", "omzet")
    assert "muncul dua kali (F1 dan H1)" in finding.message


def test_a_hint_never_suggests_a_header_already_in_use(config, tmp_path):
    rows = [KOPERASI_HEADER[:-1], ["BH-1", "K", "Jenis", "Aktif", 5, 100, 70, 70, 70]]
    put(tmp_path, {"Keragaan Koperasi": rows}, name="bidang_koperasi.xlsx")
    finding = only(read(config, tmp_path, "koperasi"), "column-missing")
    assert "Skor Manfaat" in finding.message and "Skor Kelembagaan" not in finding.message


def test_a_unit_error_is_not_followed_by_a_converted_warning(config, small_data):
    rows = [["Nama Eksportir", "Nilai FOB (Rp)"], ["PT A", 2_500_000]]
    write_book(
        small_data / "2024" / "bidang_perdagangan.xlsx",
        {"Volume Perdagangan": [["Nama Pasar", "Komoditas", "Volume (kg)"]], "Realisasi Ekspor": rows},
    )
    found = validate(config, small_data, [2023, 2024]).findings
    assert [f.code for f in found if f.column == "nilai_fob"] == ["unit-mismatch"]
