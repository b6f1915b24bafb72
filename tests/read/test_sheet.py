"""Reading one declared sheet: header search, headers, units, text numbers, categories, totals, blanks, findings."""

from __future__ import annotations

import math

import openpyxl
import pytest

from iku_cli.read import WorkbookCache, read_sheet
from tests.helpers import KOPERASI_HEADER, UMKM_HEADER, Formula, koperasi, umkm, write_book


def read(config, data_dir, source_id, year=2024):
    source = config.spec.sources[source_id]
    return read_sheet(
        data_dir / str(year) / source.workbook,
        f"{year}/{source.workbook}",
        source_id,
        source,
        WorkbookCache(),
    )


def put(tmp_path, sheets, name="bidang_usaha_mikro_ikm.xlsx", year=2024, merges=None):
    write_book(tmp_path / str(year) / name, sheets, merges)
    return tmp_path


def codes(data, severity=None):
    return [(f.code, f.cell) for f in data.findings if severity is None or f.severity == severity]


def only(data, code):
    [finding] = [f for f in data.findings if f.code == code]
    return finding


def test_header_below_merged_title_rows(config, tmp_path):
    rows = [["DATA UMKM KOTA CONTOH TAHUN 2024"], [None], [None], *umkm(("1001", "Mikro", 5))]
    put(tmp_path, {"Data UMKM": rows}, merges={"Data UMKM": ["A1:G2"]})
    data = read(config, tmp_path, "umkm")
    assert data.header_row == 4
    assert data.frame.index.tolist() == [5]
    assert data.frame.loc[5, "omzet"] == 5.0
    assert codes(data) == []


def test_header_case_spaces_line_breaks_aliases_and_order(config, tmp_path):
    header = [
        "No",
        "OMZET PER\nTAHUN (Rp)",
        "nama  usaha",
        "Nomor Induk Berusaha",
        "SKALA USAHA",
        "Keterangan",
    ]
    rows = [header, [1, 7_000_000, "Warung", "1001", "Mikro", "baru"]]
    put(tmp_path, {"Data UMKM": rows, "Catatan": [["catatan bebas"]]})
    data = read(config, tmp_path, "umkm")
    assert data.letters == {"omzet": "B", "nama_usaha": "C", "nib": "D", "skala_usaha": "E"}
    assert data.frame.loc[2, "nib"] == "1001" and data.frame.loc[2, "omzet"] == 7_000_000
    assert sorted(codes(data)) == [("extra-column-ignored", "A1"), ("extra-column-ignored", "F1")]


@pytest.mark.parametrize(
    ("header", "cell_value", "expected", "factor"),
    [
        ("Omzet per Tahun (Rp.000)", 1250, 1_250_000, 1000),
        ("Omzet per Tahun (ribu Rp)", 1.5, 1500, 1000),
        ("Omzet per Tahun (juta Rp)", 2, 2_000_000, 1_000_000),
        ("Omzet per Tahun (Rp)", 1250, 1250, None),
    ],
)
def test_unit_in_header_is_scaled_to_declared_unit(config, tmp_path, header, cell_value, expected, factor):
    rows = [UMKM_HEADER[:5] + [header], ["1001", "A", "K", "S", "Mikro", cell_value]]
    put(tmp_path, {"Data UMKM": rows})
    data = read(config, tmp_path, "umkm")
    assert data.frame.loc[2, "omzet"] == expected
    if factor:
        scaled = only(data, "unit-scaled")
        assert (scaled.severity, scaled.cell, scaled.column) == ("warning", "F1", "omzet")
        assert data.factors == {"omzet": factor}
    else:
        assert codes(data) == []


def test_export_value_in_thousand_usd(config, tmp_path):
    rows = [["Nama Eksportir", "Nilai FOB (ribu USD)"], ["PT A", 54.5]]
    put(tmp_path, {"Realisasi Ekspor": rows}, name="bidang_perdagangan.xlsx")
    data = read(config, tmp_path, "ekspor")
    assert data.frame.loc[2, "nilai_fob"] == 54_500


def test_unit_of_another_kind_is_an_error(config, tmp_path):
    rows = [UMKM_HEADER[:5] + ["Omzet per Tahun (USD)"], ["1001", "A", "K", "S", "Mikro", 1]]
    put(tmp_path, {"Data UMKM": rows})
    finding = only(read(config, tmp_path, "umkm"), "unit-mismatch")
    assert (finding.severity, finding.cell) == ("error", "F1")


@pytest.mark.parametrize(
    ("text", "value"),
    [("Rp 1.250.000", 1_250_000), ("1.250.000,50", 1_250_000.5), ("Rp. 12.500.000,00", 12_500_000)],
)
def test_numbers_typed_as_text_are_read_with_a_warning(config, tmp_path, text, value):
    put(tmp_path, {"Data UMKM": umkm(("1001", "Mikro", 1), ("1002", "Mikro", text))})
    data = read(config, tmp_path, "umkm")
    assert data.frame.loc[3, "omzet"] == value
    finding = only(data, "number-as-text")
    assert (finding.severity, finding.cell, finding.value) == ("warning", "F3", text)


def test_categories_match_whatever_the_case_and_spaces(config, tmp_path):
    put(
        tmp_path,
        {"Data UMKM": umkm(("1", "MIKRO", 1), ("2", "mikro ", 1), ("3", " Kecil", 1), ("4", "menengah", 1))},
    )
    data = read(config, tmp_path, "umkm")
    assert data.frame["skala_usaha"].tolist() == ["Mikro", "Mikro", "Kecil", "Menengah"]
    assert codes(data) == []


def test_status_with_double_space(config, tmp_path):
    rows = koperasi(("BH-1", "Tidak  Aktif", 1, [None] * 4))
    put(tmp_path, {"Keragaan Koperasi": rows}, name="bidang_koperasi.xlsx")
    assert read(config, tmp_path, "koperasi").frame.loc[2, "status"] == "Tidak Aktif"


def test_total_row_is_excluded_and_checked(config, tmp_path):
    rows = umkm(("1", "Mikro", 100), ("2", "Kecil", 200))
    rows.append(["JUMLAH", None, None, None, None, Formula("=SUM(F2:F3)", 300), Formula("=SUM(G2:G3)", 4)])
    put(tmp_path, {"Data UMKM": rows})
    data = read(config, tmp_path, "umkm")
    assert data.frame.index.tolist() == [2, 3]
    assert data.frame["omzet"].sum() == 300
    finding = only(data, "total-row-excluded")
    assert (finding.severity, finding.cell) == ("warning", "A4")
    assert "Omzet per Tahun sama dengan jumlah baris di atasnya" in finding.message


def test_total_row_that_does_not_match_says_so(config, tmp_path):
    rows = umkm(("1", "Mikro", 100), ("2", "Kecil", 200))
    rows.append([None, "TOTAL :", None, None, None, 350, None])
    put(tmp_path, {"Data UMKM": rows})
    finding = only(read(config, tmp_path, "umkm"), "total-row-excluded")
    assert "Omzet per Tahun TIDAK sama dengan jumlah baris di atasnya (350 vs 300)" in finding.message


def test_blank_rows_inside_data_are_skipped(config, tmp_path):
    rows = umkm(("1", "Mikro", 100))
    rows += [[None] * 7, [None, "", " ", None, None, None, None], umkm(("2", "Mikro", 5))[1]]
    put(tmp_path, {"Data UMKM": rows})
    data = read(config, tmp_path, "umkm")
    assert data.frame.index.tolist() == [2, 5]
    finding = only(data, "blank-rows-skipped")
    assert (finding.severity, finding.cell, finding.message) == ("info", "A3", "baris 3–4 kosong, dilewati")


def test_formula_cells_use_their_cached_values(config, tmp_path):
    rows = [
        ["Nama Pasar", "Komoditas", "Volume (kg)", "Nilai Transaksi (Rp)"],
        ["Pasar Baru", "Beras", 10, Formula("=C2*12000", 120000)],
    ]
    put(tmp_path, {"Volume Perdagangan": rows}, name="bidang_perdagangan.xlsx")
    data = read(config, tmp_path, "volume_perdagangan")
    assert data.frame.loc[2, "nilai_transaksi"] == 120000
    assert codes(data) == []


def test_formula_without_cached_value_is_an_error_not_zero(config, tmp_path):
    rows = [["Nama Pasar", "Komoditas", "Volume (kg)"], ["Pasar Baru", "Beras", Formula("=5*2")]]
    put(tmp_path, {"Volume Perdagangan": rows}, name="bidang_perdagangan.xlsx")
    data = read(config, tmp_path, "volume_perdagangan")
    finding = only(data, "formula-no-cache")
    assert (finding.severity, finding.cell, finding.column) == ("error", "C2", "volume")
    assert not data.readable
    assert "required-missing" not in [f.code for f in data.findings]


def test_type_error_names_the_cell(config, tmp_path):
    put(tmp_path, {"Data UMKM": umkm(("1", "Mikro", 100), ("2", "Mikro", "dua juta"))})
    data = read(config, tmp_path, "umkm")
    finding = only(data, "type-error")
    assert (finding.severity, finding.file, finding.sheet, finding.cell, finding.column, finding.value) == (
        "error",
        "2024/bidang_usaha_mikro_ikm.xlsx",
        "Data UMKM",
        "F3",
        "omzet",
        "dua juta",
    )
    assert not data.readable


def test_integer_column_rejects_fractions(config, tmp_path):
    rows = umkm(("1", "Mikro", 100))
    rows[1][6] = 2.5
    put(tmp_path, {"Data UMKM": rows})
    assert codes(read(config, tmp_path, "umkm")) == [("type-error", "G2")]


def test_minimum_and_maximum(config, tmp_path):
    rows = koperasi(("BH-1", "Aktif", -5, [150, 60, 60, 60]))
    put(tmp_path, {"Keragaan Koperasi": rows}, name="bidang_koperasi.xlsx")
    data = read(config, tmp_path, "koperasi")
    assert sorted(codes(data)) == [("above-maximum", "G2"), ("below-minimum", "F2")]


def test_value_not_allowed_suggests_the_closest(config, tmp_path):
    put(tmp_path, {"Data UMKM": umkm(("1", "Mikor", 100))})
    finding = only(read(config, tmp_path, "umkm"), "not-allowed")
    assert (finding.severity, finding.cell, finding.value) == ("error", "E2", "Mikor")
    assert "mungkin maksudnya 'Mikro'?" in finding.message


def test_required_and_conditionally_required(config, tmp_path):
    rows = koperasi(
        ("BH-1", "Aktif", 1, [70, None, 70, 70]),  # Aktif: every score required
        ("BH-2", "Tidak Aktif", 1, [None] * 4),  # Tidak Aktif: scores may be blank
        (None, "Aktif", 1, [70] * 4),  # the key is required
    )
    put(tmp_path, {"Keragaan Koperasi": rows}, name="bidang_koperasi.xlsx")
    data = read(config, tmp_path, "koperasi")
    assert sorted(codes(data)) == [("required-missing", "A4"), ("required-missing", "H2")]
    h2 = next(f for f in data.findings if f.cell == "H2")
    assert h2.message == "Skor Keuangan kosong; kolom ini wajib diisi bila Status = Aktif"


def test_a_subtotal_row_written_as_data_says_to_delete_it(config, tmp_path):
    rows = umkm(("1001", "Mikro", 100), ("1002", "Kecil", 200))
    rows.insert(3, [None, None, "Jumlah Kec. Sukamanah", None, None, 300, 4])  # row 4, under its two rows
    put(tmp_path, {"Data UMKM": rows})
    data = read(config, tmp_path, "umkm")
    assert codes(data, "error") == [
        ("required-missing", "A4"),
        ("required-missing", "B4"),
        ("required-missing", "E4"),
    ]
    assert [f.message for f in data.findings if f.cell == "A4"] == [
        "NIB kosong; kolom ini wajib diisi. Baris ini tampaknya baris subtotal ('Jumlah Kec. Sukamanah'): "
        "hapus baris itu dari data, karena iku menjumlahkan sendiri"
    ]
    rows[3][:2] = [None, "Toko Jumlah Jaya"]  # a blank NIB in a row of data: the message as it always was
    rows[3][2] = "Jumlah Kec. Sukamanah"  # even with a JUMLAH-like text in it
    rows[3][4] = "Mikro"
    put(tmp_path, {"Data UMKM": rows})
    assert [f.message for f in read(config, tmp_path, "umkm").findings if f.cell == "A4"] == [
        "NIB kosong; kolom ini wajib diisi"
    ]


def test_duplicate_key_names_both_cells(config, tmp_path):
    put(tmp_path, {"Data UMKM": umkm(("1001", "Mikro", 1), ("1002", "Mikro", 1), ("1001 ", "Kecil", 1))})
    finding = only(read(config, tmp_path, "umkm"), "duplicate-key")
    assert (finding.severity, finding.cell) == ("error", "A4")
    assert "sudah ada di sel A2 dan muncul lagi di sel A4" in finding.message


def test_nib_stored_as_number_reads_as_digits(config, tmp_path):
    put(tmp_path, {"Data UMKM": umkm((1234567890123, "Mikro", 1))})
    assert read(config, tmp_path, "umkm").frame.loc[2, "nib"] == "1234567890123"


def test_workbook_missing(config, tmp_path):
    finding = only(read(config, tmp_path, "umkm"), "workbook-missing")
    assert (finding.severity, finding.file, finding.cell) == (
        "error",
        "2024/bidang_usaha_mikro_ikm.xlsx",
        None,
    )


def test_sheet_missing_suggests_closest(config, tmp_path):
    put(tmp_path, {"Data UMKM 2024": umkm(("1", "Mikro", 1))})
    finding = only(read(config, tmp_path, "umkm"), "sheet-missing")
    assert (finding.severity, finding.sheet, finding.cell) == ("error", None, None)
    assert "mungkin maksudnya 'Data UMKM 2024'?" in finding.message


def test_sheet_name_case_is_forgiven(config, tmp_path):
    put(tmp_path, {"data umkm": umkm(("1", "Mikro", 1))})
    data = read(config, tmp_path, "umkm")
    assert data.sheet == "data umkm" and codes(data) == []


def test_header_not_found(config, tmp_path):
    put(tmp_path, {"Data UMKM": [["apa saja"], [1, 2, 3]]})
    finding = only(read(config, tmp_path, "umkm"), "header-not-found")
    assert (finding.severity, finding.sheet) == ("error", "Data UMKM")


def test_empty_sheet(config, tmp_path):
    put(tmp_path, {"Data UMKM": []})
    assert "kosong" in only(read(config, tmp_path, "umkm"), "header-not-found").message


def test_required_column_missing_suggests_closest(config, tmp_path):
    rows = [["NIB", "Nama Usaha", "Skala Usaha", "Omset Tahunan"], ["1", "A", "Mikro", 5]]
    put(tmp_path, {"Data UMKM": rows})
    finding = only(read(config, tmp_path, "umkm"), "column-missing")
    assert (finding.severity, finding.column, finding.cell) == ("error", "omzet", None)
    assert "'Omset Tahunan'" in finding.message


def test_header_only_sheet_has_no_data_rows(config, tmp_path):
    put(tmp_path, {"Keragaan Koperasi": [KOPERASI_HEADER]}, name="bidang_koperasi.xlsx")
    data = read(config, tmp_path, "koperasi")
    finding = only(data, "no-data-rows")
    assert finding.severity == "warning"
    assert len(data.frame) == 0


def test_merged_header_cells(config, tmp_path):
    rows = [
        ["DATA UMKM", None, None, None, None, None, None],
        UMKM_HEADER,
        ["1", "A", "K", "S", "Mikro", 10, 1],
    ]
    put(tmp_path, {"Data UMKM": rows}, merges={"Data UMKM": ["A1:G1"]})
    data = read(config, tmp_path, "umkm")
    assert data.header_row == 2 and data.frame.loc[3, "omzet"] == 10


def test_reader_never_writes_the_input(config, tmp_path):
    path = put(tmp_path, {"Data UMKM": umkm(("1", "Mikro", 1))}) / "2024" / "bidang_usaha_mikro_ikm.xlsx"
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read(config, tmp_path, "umkm")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert openpyxl.load_workbook(path)["Data UMKM"]["F2"].value == 1
    assert not math.isnan(1.0)


def test_total_row_formula_without_cached_value_is_not_an_error(config, tmp_path):
    # openpyxl-saved workbooks keep formulas without values; a JUMLAH row is never summed, so no harm done
    rows = umkm(("1", "Mikro", 100), ("2", "Kecil", 200))
    rows.append(["JUMLAH", None, None, None, None, Formula("=SUM(F2:F3)"), None])
    put(tmp_path, {"Data UMKM": rows})
    data = read(config, tmp_path, "umkm")
    assert codes(data) == [("total-row-excluded", "A4")]
    assert "tidak ada nilai angka untuk dibandingkan" in data.findings[0].message
    assert data.readable and data.frame["omzet"].sum() == 300
