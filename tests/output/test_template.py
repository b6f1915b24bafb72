"""Templates: blank bidang workbooks from indicators.yaml that validate clean once filled in."""

from __future__ import annotations

import textwrap
from pathlib import Path

import openpyxl
import pytest

from iku_cli import compute, validate
from iku_cli.config import load_config
from iku_cli.output.template import TemplateExists, write_templates
from iku_cli.read import WorkbookCache, read_sheet
from tests.helpers import (
    ANGGARAN_HEADER,
    EKSPOR_HEADER,
    IKM_HEADER,
    KOPERASI_HEADER,
    PDRB_HEADER,
    UMKM_HEADER,
    VOLUME_HEADER,
    write_book,
)


def read(data_dir, source_id, source, year=2024):
    return read_sheet(
        data_dir / str(year) / source.workbook,
        f"{year}/{source.workbook}",
        source_id,
        source,
        WorkbookCache(),
    )


AGENCY = "Dinas Koperasi, Usaha Mikro dan Perdagangan"


FILES = [
    "bidang_usaha_mikro_ikm.xlsx",
    "bidang_koperasi.xlsx",
    "bidang_perdagangan.xlsx",
    "pdrb.xlsx",
    "anggaran.xlsx",
]


SHEETS = {
    "bidang_usaha_mikro_ikm.xlsx": ["Petunjuk", "Data UMKM", "Direktori IKM"],
    "bidang_koperasi.xlsx": ["Petunjuk", "Keragaan Koperasi"],
    "bidang_perdagangan.xlsx": ["Petunjuk", "Volume Perdagangan", "Realisasi Ekspor"],
    "pdrb.xlsx": ["Petunjuk", "PDRB ADHK"],
    "anggaran.xlsx": ["Petunjuk", "Realisasi Anggaran"],
}


HEADERS = {  # the reader's own test contract (conftest) is what the templates must carry
    ("bidang_usaha_mikro_ikm.xlsx", "Data UMKM"): UMKM_HEADER,
    ("bidang_usaha_mikro_ikm.xlsx", "Direktori IKM"): IKM_HEADER,
    ("bidang_koperasi.xlsx", "Keragaan Koperasi"): KOPERASI_HEADER,
    ("bidang_perdagangan.xlsx", "Volume Perdagangan"): VOLUME_HEADER,
    ("bidang_perdagangan.xlsx", "Realisasi Ekspor"): EKSPOR_HEADER,
    ("pdrb.xlsx", "PDRB ADHK"): PDRB_HEADER,
    ("anggaran.xlsx", "Realisasi Anggaran"): ANGGARAN_HEADER,
}


@pytest.fixture(scope="module")
def shipped():
    return load_config()  # the indicators.yaml shipped with iku


@pytest.fixture(scope="module")
def templates(shipped, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    write_templates(shipped, out, 2025)
    return out / "2025"


def book(folder: Path, name: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(folder / name)


def validations(ws) -> dict[str, object]:
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def test_one_workbook_per_declared_file_with_petunjuk_first(shipped, tmp_path):
    written = write_templates(shipped, tmp_path / "out", 2024)
    folder = tmp_path / "out" / "2024"
    assert written == [folder / f for f in FILES]
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)  # no temporary file left behind
    for name, sheets in SHEETS.items():
        assert book(folder, name).sheetnames == sheets


def test_title_header_and_freeze_panes(templates):
    for (name, sheet), header in HEADERS.items():
        ws = book(templates, name)[sheet]
        assert ws["A1"].value == f"{sheet} — {AGENCY} — Tahun 2025"
        assert ws["A1"].font.bold
        last = openpyxl.utils.get_column_letter(len(header))
        assert [str(r) for r in ws.merged_cells.ranges] == [f"A1:{last}1"]
        assert [c.value for c in ws[2]] == header
        assert ws.freeze_panes == "A3"
        assert ws["A2"].font.bold and ws["A2"].fill.fgColor.rgb == "001F4E78"
        for c, text in enumerate(header, start=1):
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
            assert width >= max(12, len(text))
    ws = book(templates, "bidang_usaha_mikro_ikm.xlsx")["Data UMKM"]
    assert ws["F2"].value == "Omzet per Tahun (Rp)"
    assert book(templates, "pdrb.xlsx")["PDRB ADHK"]["C2"].value == "Nilai (juta Rp)"


def test_number_formats_by_type(templates):
    umkm = book(templates, "bidang_usaha_mikro_ikm.xlsx")["Data UMKM"]
    assert umkm["A3"].number_format == "@"  # NIB, text: leading zeros survive
    assert umkm["B3"].number_format == "@"
    assert umkm["E3"].number_format == "@"  # category
    assert umkm["F3"].number_format == "#,##0"  # money in Rp
    assert umkm["G3"].number_format == "#,##0"  # integer
    assert umkm["F1002"].number_format == "#,##0"  # the last formatted row ...
    assert umkm["F1003"].number_format == "General"  # ... of the default 1000
    koperasi = book(templates, "bidang_koperasi.xlsx")["Keragaan Koperasi"]
    assert koperasi["A3"].number_format == "@"  # Nomor Badan Hukum
    assert koperasi["E3"].number_format == "#,##0"
    assert koperasi["G3"].number_format == "0.0"  # a 0 - 100 score
    perdagangan = book(templates, "bidang_perdagangan.xlsx")
    assert perdagangan["Volume Perdagangan"]["C3"].number_format == "#,##0.00"  # number in kg
    assert perdagangan["Realisasi Ekspor"]["E3"].number_format == "#,##0"  # money in USD
    assert (
        book(templates, "pdrb.xlsx")["PDRB ADHK"]["C3"].number_format == "#,##0.00"
    )  # juta Rp: decimals count


def test_no_value_or_formula_below_the_header(templates):
    for name, sheet in HEADERS:
        ws = book(templates, name)[sheet]
        cells = [c for row in ws.iter_rows(min_row=3) for c in row]
        assert len(cells) >= 1000
        assert [c.coordinate for c in cells if c.value is not None] == []


def test_data_validation_per_column(templates):
    dvs = validations(book(templates, "bidang_usaha_mikro_ikm.xlsx")["Data UMKM"])
    skala = dvs["E3:E1002"]
    assert (skala.type, skala.formula1) == ("list", '"Mikro,Kecil,Menengah"')
    assert skala.showErrorMessage and skala.allow_blank
    assert skala.error == "Skala Usaha: pilih salah satu dari daftar: Mikro, Kecil, Menengah."
    omzet = dvs["F3:F1002"]
    assert (omzet.type, omzet.operator, omzet.formula1, omzet.formula2) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
        None,
    )
    assert omzet.showErrorMessage and "harus angka (dalam Rp) ≥ 0" in omzet.error
    tenaga = dvs["G3:G1002"]
    assert (tenaga.type, tenaga.operator, tenaga.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert tenaga.error.startswith("Tenaga Kerja harus bilangan bulat ≥ 0.")
    nib = dvs["A3:A1002"]  # free text: no check, only the message saying what goes there
    assert nib.type is None and nib.showInputMessage and not nib.showErrorMessage
    assert sorted(dvs) == sorted([f"{c}2" for c in "ABCDEFG"] + [f"{c}3:{c}1002" for c in "ABCDEFG"])

    koperasi = validations(book(templates, "bidang_koperasi.xlsx")["Keragaan Koperasi"])
    assert (koperasi["D3:D1002"].type, koperasi["D3:D1002"].formula1) == ("list", '"Aktif,Tidak Aktif"')
    skor = koperasi["H3:H1002"]
    assert (skor.type, skor.operator, skor.formula1, skor.formula2) == ("decimal", "between", "0", "100")
    assert (
        skor.error
        == "Skor Keuangan harus angka antara 0 dan 100. Ketik angkanya saja, tanpa 'Rp' atau satuan."
    )

    # PDRB Nilai declares no bound: a number is all Excel asks, nothing stricter than the reader.
    nilai = validations(book(templates, "pdrb.xlsx")["PDRB ADHK"])["C3:C1002"]
    assert (nilai.type, nilai.formula1) == ("custom", "ISNUMBER(C3)")


def test_input_message_on_header_and_data_cells(templates):
    dvs = validations(book(templates, "bidang_usaha_mikro_ikm.xlsx")["Data UMKM"])
    header = dvs["F2"]
    assert header.type is None and header.showInputMessage
    assert header.promptTitle == "Omzet per Tahun (Rp)"
    assert header.prompt == (
        "Omzet (penjualan) setahun dalam rupiah penuh, bukan ribuan. Jenis: uang dalam Rp. Nilai: ≥ 0. Wajib diisi."
    )
    assert dvs["F3:F1002"].prompt == header.prompt and dvs["F3:F1002"].showInputMessage
    assert dvs["E2"].prompt == (
        "Skala usaha menurut omzet tahunan. Jenis: kategori. Pilih dari daftar: Mikro, Kecil, Menengah. Wajib diisi."
    )
    assert dvs["A2"].prompt.endswith("Jenis: teks. Tidak boleh sama dengan baris lain. Wajib diisi.")
    assert dvs["C2"].prompt == "Kecamatan lokasi usaha. Jenis: teks. Boleh kosong."
    koperasi = validations(book(templates, "bidang_koperasi.xlsx")["Keragaan Koperasi"])
    assert koperasi["H2"].prompt.endswith("Nilai: 0 – 100. Wajib diisi bila Status = Aktif.")
    for name, sheet in HEADERS:
        for dv in book(templates, name)[sheet].data_validations.dataValidation:
            assert (
                dv.showInputMessage and len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
            )  # Excel's limits
            assert dv.error is None or len(dv.error) <= 225


def test_rows_parameter_sets_the_formatted_and_validated_range(shipped, tmp_path):
    write_templates(shipped, tmp_path, 2024, sources=["umkm"], rows=10)
    ws = book(tmp_path / "2024", "bidang_usaha_mikro_ikm.xlsx")["Data UMKM"]
    assert validations(ws)["E3:E12"].formula1 == '"Mikro,Kecil,Menengah"'
    assert ws["F12"].number_format == "#,##0" and ws["F13"].number_format == "General"
    with pytest.raises(ValueError, match="rows"):
        write_templates(shipped, tmp_path / "x", 2024, rows=0)


def petunjuk_rows(ws) -> dict[str, tuple]:
    rows = list(ws.iter_rows(values_only=True))
    start = rows.index(("Sheet", "Kolom", "Keterangan", "Jenis", "Satuan", "Wajib", "Nilai yang diterima"))
    return {(r[0], r[1]): r for r in rows[start + 1 :]}


def test_petunjuk_lists_every_column(templates):
    ws = book(templates, "bidang_koperasi.xlsx")["Petunjuk"]
    assert ws["A1"].value == f"Petunjuk pengisian bidang_koperasi.xlsx — {AGENCY} — Tahun 2025"
    rows = petunjuk_rows(ws)
    assert list(rows) == [("Keragaan Koperasi", h) for h in KOPERASI_HEADER]
    assert rows[("Keragaan Koperasi", "Skor Keuangan")] == (
        "Keragaan Koperasi",
        "Skor Keuangan",
        "Skor aspek keuangan 0-100, wajib bila koperasi Aktif",
        "angka",
        None,
        "Ya, bila Status = Aktif",
        "0 – 100",
    )
    assert rows[("Keragaan Koperasi", "Status")][3:] == ("kategori", None, "Ya", "Aktif, Tidak Aktif")
    assert rows[("Keragaan Koperasi", "Jumlah Anggota")][3:] == ("bilangan bulat", None, "Tidak", "≥ 0")

    umkm = petunjuk_rows(book(templates, "bidang_usaha_mikro_ikm.xlsx")["Petunjuk"])
    assert list(umkm) == [("Data UMKM", h) for h in UMKM_HEADER] + [("Direktori IKM", h) for h in IKM_HEADER]
    assert umkm[("Data UMKM", "Omzet per Tahun (Rp)")] == (
        "Data UMKM",
        "Omzet per Tahun (Rp)",
        "Omzet (penjualan) setahun dalam rupiah penuh, bukan ribuan",
        "uang",
        "Rp",
        "Ya",
        "≥ 0",
    )
    assert umkm[("Data UMKM", "NIB")][3:] == ("teks", None, "Ya", "teks; tidak boleh sama dengan baris lain")
    assert umkm[("Data UMKM", "Skala Usaha")][3:] == ("kategori", None, "Ya", "Mikro, Kecil, Menengah")
    pdrb = petunjuk_rows(book(templates, "pdrb.xlsx")["Petunjuk"])
    assert pdrb[("PDRB ADHK", "Nilai (juta Rp)")][3:] == ("uang", "juta Rp", "Ya", "semua angka")


def test_petunjuk_general_instructions(templates):
    ws = book(templates, "bidang_perdagangan.xlsx")["Petunjuk"]
    assert ws["A3"].value == "Cara mengisi"
    lines = [ws.cell(row=r, column=1).value for r in range(4, 20)]
    lines = lines[: lines.index(None)]
    assert len(lines) == 8 and all(line.startswith(f"{i}. ") for i, line in enumerate(lines, start=1))
    text = "\n".join(lines)
    assert "satu baris untuk setiap" in text
    assert "Jangan mengubah, menghapus atau memindahkan judul kolom di baris 2" in text
    assert "Ketik angka sebagai angka, bukan teks" in text
    assert "rupiah penuh" in text
    assert "Tidak perlu baris JUMLAH atau TOTAL" in text
    assert "Jangan mengganti nama sheet ('Volume Perdagangan', 'Realisasi Ekspor')" in text
    assert "iku validate FOLDER_DATA --year 2025" in text
    koperasi = book(templates, "bidang_koperasi.xlsx")["Petunjuk"]
    assert any(
        "Kolom Nomor Badan Hukum berformat teks" in (c.value or "") for c in koperasi["A"]
    )  # only where a text key is
    assert book(templates, "pdrb.xlsx")["Petunjuk"]["A4"].alignment.wrap_text


def test_empty_template_validates_with_no_data_rows_warnings(shipped, tmp_path):
    write_templates(shipped, tmp_path, 2024)
    report = validate(shipped, tmp_path, [2024])
    found = {(f.severity.value, f.code, f.file, f.sheet) for f in report.findings}
    assert found == {("warning", "no-data-rows", f"2024/{name}", sheet) for name, sheet in HEADERS} | {
        ("info", "extra-sheet-ignored", f"2024/{name}", "Petunjuk") for name in FILES
    }
    assert len(report.findings) == len(found)
    for sid, source in shipped.spec.sources.items():  # the title row is never taken for the header
        assert read(tmp_path, sid, source).header_row == 2


def fill(path: Path, sheet: str, records: list[dict]) -> None:
    """Write records into a template by header text, wherever the header row is."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    wanted = set(records[0])
    for row in ws.iter_rows(max_row=50):
        columns = {c.value: c.column for c in row if c.value in wanted}
        if set(columns) == wanted:
            header_row = row[0].row
            break
    else:
        raise AssertionError(f"no header row in {sheet}")
    for r, record in enumerate(records, start=header_row + 1):
        for text, value in record.items():
            ws.cell(row=r, column=columns[text], value=value)
    wb.save(path)


def umkm_rows(*rows) -> list[dict]:
    return [
        {
            "NIB": nib,
            "Nama Usaha": f"Usaha {nib[-2:]}",
            "Kecamatan": "Kota",
            "Sektor Usaha": "Kuliner",
            "Skala Usaha": skala,
            "Omzet per Tahun (Rp)": omzet,
            "Tenaga Kerja": 3,
        }
        for nib, skala, omzet in rows
    ]


def koperasi_rows(*rows) -> list[dict]:
    names = ["Skor Kelembagaan", "Skor Keuangan", "Skor Usaha", "Skor Manfaat"]
    return [
        {
            "Nomor Badan Hukum": bh,
            "Nama Koperasi": f"Koperasi {bh}",
            "Jenis Koperasi": "Simpan Pinjam",
            "Status": status,
            "Jumlah Anggota": 40,
            "Volume Usaha (Rp)": volume,
            **dict(zip(names, scores or [None] * 4, strict=True)),
        }
        for bh, status, volume, scores in rows
    ]


NIB = "01200000000{:02d}"  # 13 digits with a leading zero, typed as text


def anggaran_rows(*rows) -> list[dict]:
    return [
        {"Kode": kode, "Program/Kegiatan/Sub Kegiatan": nama, "Pagu (Rp)": pagu, "Realisasi (Rp)": realisasi}
        for kode, nama, pagu, realisasi in rows
    ]


# A program with its kegiatan and sub kegiatan as subtotals, and one sub kegiatan for each other sasaran.
ANGGARAN = anggaran_rows(
    ("2.17.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", 1_000_000_000, 950_000_000),
    ("2.17.01.2.02", "Administrasi Keuangan Perangkat Daerah", 1_000_000_000, 950_000_000),
    ("2.17.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 1_000_000_000, 950_000_000),
    (
        "2.17.07",
        "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)",
        200_000_000,
        180_000_000,
    ),
    ("2.17.07.2.01.0003", "Fasilitasi Kemudahan Perizinan Usaha Mikro", 200_000_000, 180_000_000),
    ("2.17.03.2.01.0004", "Pelaksanaan Proses Pemeriksaan dan Pengawasan Koperasi", 100_000_000, 90_000_000),
    ("3.31.02.2.01.0005", "Pemberdayaan Industri dan Peran Serta Masyarakat", 50_000_000, 40_000_000),
    ("3.30.04.2.02.0002", "Pemantauan Harga dan Stok Barang Kebutuhan Pokok", 80_000_000, 60_000_000),
)


DATA = {
    2023: {
        ("bidang_usaha_mikro_ikm.xlsx", "Data UMKM"): umkm_rows(
            (NIB.format(1), "Mikro", 100_000_000),
            (NIB.format(2), "Mikro", 100_000_000),
            (NIB.format(3), "Mikro", 100_000_000),
            (NIB.format(4), "Mikro", 100_000_000),
            (NIB.format(5), "Kecil", 600_000_000),
        ),
        ("bidang_usaha_mikro_ikm.xlsx", "Direktori IKM"): [
            {
                "Nama IKM": "IKM Batik",
                "Komoditas": "Batik",
                "Kecamatan": "Kota",
                "Tenaga Kerja": 5,
                "Nilai Investasi (Rp)": 10_000_000,
                "Nilai Produksi (Rp)": 40_000_000,
            },
            {
                "Nama IKM": "IKM Kopi",
                "Komoditas": "Kopi",
                "Kecamatan": "Kota",
                "Tenaga Kerja": 3,
                "Nilai Investasi (Rp)": 5_000_000,
                "Nilai Produksi (Rp)": 60_000_000,
            },
        ],
        ("bidang_koperasi.xlsx", "Keragaan Koperasi"): koperasi_rows(
            ("001/BH/2019", "Aktif", 50_000_000, [70, 70, 70, 70]),
            ("002/BH/2019", "Aktif", 50_000_000, [70, 70, 70, 70]),
            ("003/BH/2020", "Aktif", 50_000_000, [70, 70, 70, 70]),
            ("004/BH/2021", "Aktif", 50_000_000, [70, 50, 70, 70]),
            ("005/BH/2021", "Tidak Aktif", 10_000_000, None),  # no scores: required only when Aktif
        ),
        ("bidang_perdagangan.xlsx", "Volume Perdagangan"): [
            {
                "Nama Pasar": "Pasar Baru",
                "Komoditas": "Beras",
                "Volume (kg)": 1000,
                "Nilai Transaksi (Rp)": 12_000_000,
            },
            {
                "Nama Pasar": "Pasar Lama",
                "Komoditas": "Gula",
                "Volume (kg)": 1000,
                "Nilai Transaksi (Rp)": 14_000_000,
            },
        ],
        ("bidang_perdagangan.xlsx", "Realisasi Ekspor"): [
            {
                "Nama Eksportir": "PT A",
                "Komoditas": "Kopi",
                "Negara Tujuan": "Jepang",
                "Volume (kg)": 100,
                "Nilai FOB (USD)": 2000,
            },
            {
                "Nama Eksportir": "PT B",
                "Komoditas": "Mebel",
                "Negara Tujuan": "Belanda",
                "Volume (kg)": 50,
                "Nilai FOB (USD)": 2000,
            },
        ],
        ("anggaran.xlsx", "Realisasi Anggaran"): ANGGARAN,
        ("pdrb.xlsx", "PDRB ADHK"): [
            {"Kode": "A", "Lapangan Usaha": "Pertanian", "Nilai (juta Rp)": 1000.5},
            {"Kode": "C", "Lapangan Usaha": "Industri Pengolahan", "Nilai (juta Rp)": 2000.0},
            {"Kode": "G", "Lapangan Usaha": "Perdagangan Besar dan Eceran", "Nilai (juta Rp)": 4000.0},
        ],
    },
    2024: {
        ("bidang_usaha_mikro_ikm.xlsx", "Data UMKM"): umkm_rows(
            (NIB.format(1), "Mikro", 400_000_000),  # still Mikro, omzet above 300 juta: naik kelas
            (NIB.format(2), "Mikro", 100_000_000),
            (NIB.format(3), "Mikro", 100_000_000),
            (NIB.format(4), "Mikro", 100_000_000),
            (NIB.format(6), "Mikro", 100_000_000),
            (NIB.format(5), "Kecil", 500_000_000),
            (NIB.format(7), "Menengah", 5_000_000_000),
        ),
        ("bidang_usaha_mikro_ikm.xlsx", "Direktori IKM"): [
            {
                "Nama IKM": "IKM Batik",
                "Komoditas": "Batik",
                "Kecamatan": "Kota",
                "Tenaga Kerja": 5,
                "Nilai Investasi (Rp)": 10_000_000,
                "Nilai Produksi (Rp)": 50_000_000,
            },
            {
                "Nama IKM": "IKM Kopi",
                "Komoditas": "Kopi",
                "Kecamatan": "Kota",
                "Tenaga Kerja": 4,
                "Nilai Investasi (Rp)": 5_000_000,
                "Nilai Produksi (Rp)": 60_000_000,
            },
        ],
        ("bidang_koperasi.xlsx", "Keragaan Koperasi"): koperasi_rows(
            ("001/BH/2019", "Aktif", 50_000_000, [80, 80, 80, 80]),
            ("002/BH/2019", "Aktif", 50_000_000, [60, 60, 60, 60]),
            ("003/BH/2020", "Aktif", 50_000_000, [75.5, 60, 90, 100]),
            ("004/BH/2021", "Aktif", 50_000_000, [59.5, 90, 90, 90]),  # one score below 60: not berkualitas
            ("005/BH/2021", "Tidak Aktif", 20_000_000, None),
        ),
        ("bidang_perdagangan.xlsx", "Volume Perdagangan"): [
            {
                "Nama Pasar": "Pasar Baru",
                "Komoditas": "Beras",
                "Volume (kg)": 1500.5,
                "Nilai Transaksi (Rp)": 15_000_000,
            },
            {
                "Nama Pasar": "Pasar Lama",
                "Komoditas": "Gula",
                "Volume (kg)": 899.5,
                "Nilai Transaksi (Rp)": 13_000_000,
            },
        ],
        ("bidang_perdagangan.xlsx", "Realisasi Ekspor"): [
            {
                "Nama Eksportir": "PT A",
                "Komoditas": "Kopi",
                "Negara Tujuan": "Jepang",
                "Volume (kg)": 120,
                "Nilai FOB (USD)": 2500,
            },
            {
                "Nama Eksportir": "PT B",
                "Komoditas": "Mebel",
                "Negara Tujuan": "Belanda",
                "Volume (kg)": 60,
                "Nilai FOB (USD)": 2500,
            },
        ],
        ("anggaran.xlsx", "Realisasi Anggaran"): ANGGARAN,
        ("pdrb.xlsx", "PDRB ADHK"): [
            {"Kode": "A", "Lapangan Usaha": "Pertanian", "Nilai (juta Rp)": 1100.25},
            {"Kode": "C", "Lapangan Usaha": "Industri Pengolahan", "Nilai (juta Rp)": 2100.0},
            {"Kode": "G", "Lapangan Usaha": "Perdagangan Besar dan Eceran", "Nilai (juta Rp)": 4400.0},
        ],
    },
}


def growth(before: float, after: float) -> float:
    return (after - before) / before * 100


# Each indicator from the rows above, by hand.
EXPECTED = {
    # omzet Mikro + Kecil and volume of the Aktif koperasi: 1.000 + 200 juta -> 1.300 + 200 juta
    "IKT-1": growth(1_000_000_000 + 200_000_000, 1_300_000_000 + 200_000_000),  # 25
    "IKU-1": growth(4, 5),  # usaha mikro 4 -> 5: 25
    "IKU-2": 1 / 4 * 100,  # of the four usaha mikro of 2023 (all at 100 juta), one is above 300 juta: 25
    "IKU-3": 3 / 4 * 100,  # three of four Aktif koperasi with every score >= 60: 75
    "IKT-2": growth(2000, 2100),  # PDRB C: 5
    "IKT-3": growth(4000, 4400),  # PDRB G: 10
    "IKU-4": growth(40_000_000 + 60_000_000, 50_000_000 + 60_000_000),  # 10
    "IKU-5": growth(1000 + 1000, 1500.5 + 899.5),  # 20
    "IKU-6": growth(2000 + 2000, 2500 + 2500),  # 25
}


@pytest.mark.slow
def test_filled_templates_validate_clean_and_compute_every_indicator(shipped, tmp_path):
    data_dir = tmp_path / "data"
    for year, sheets in DATA.items():
        write_templates(shipped, data_dir, year)
        for (name, sheet), records in sheets.items():
            fill(data_dir / str(year) / name, sheet, records)

    report = validate(shipped, data_dir, [2023, 2024])
    assert [f for f in report.findings if f.severity.value in ("error", "warning")] == []
    assert {f.code for f in report.findings} == {"extra-sheet-ignored"}
    assert report.valid(strict=True)

    result = compute(shipped, data_dir, 2024)
    assert not result.blocked
    values = {r.id: (r.status, r.value) for r in result.indicators}
    assert list(values) == ["IKT-1", "IKU-1", "IKU-2", "IKU-3", "IKT-2", "IKT-3", "IKU-4", "IKU-5", "IKU-6"]
    assert {i: s for i, (s, _) in values.items()} == dict.fromkeys(EXPECTED, "ok")
    assert {i: v for i, (_, v) in values.items()} == pytest.approx(EXPECTED)
    assert {i: round(v, 9) for i, v in EXPECTED.items()} == {
        "IKT-1": 25, "IKU-1": 25, "IKU-2": 25, "IKU-3": 75, "IKT-2": 5, "IKT-3": 10, "IKU-4": 10, "IKU-5": 20,
        "IKU-6": 25,
    }  # fmt: skip
    umkm = read(data_dir, "umkm", shipped.spec.sources["umkm"])
    assert umkm.frame["nib"].tolist()[:2] == ["0120000000001", "0120000000002"]  # text, leading zero kept
    # the budget: S1 is served by the sub kegiatan of 2.17.07 (its program row is a subtotal): 180 / 200 = 90 %
    s1 = result.anggaran.sasaran["S1"]
    assert (s1.total.pagu, s1.total.realisasi, s1.total.serapan) == (200_000_000, 180_000_000, 90.0)
    assert result.anggaran.penunjang[0].pagu == 1_000_000_000
    assert result.anggaran.total.pagu == 1_430_000_000  # the detailed rows only, not the subtotals


def test_refuses_to_overwrite_and_writes_nothing(shipped, tmp_path):
    first = write_templates(shipped, tmp_path, 2024)
    before = {p: p.read_bytes() for p in first}
    with pytest.raises(TemplateExists) as exc:
        write_templates(shipped, tmp_path, 2024)
    assert exc.value.paths == first
    assert {p: p.read_bytes() for p in first} == before

    # One file gone: the others still stop the run, and the missing one is not written either.
    (tmp_path / "2024" / "pdrb.xlsx").unlink()
    with pytest.raises(TemplateExists) as exc:
        write_templates(shipped, tmp_path, 2024)
    assert exc.value.paths == [p for p in first if p.name != "pdrb.xlsx"]
    assert "pdrb.xlsx" not in str(exc.value)
    assert not (tmp_path / "2024" / "pdrb.xlsx").exists()
    assert sorted(p.name for p in (tmp_path / "2024").iterdir()) == sorted(
        f for f in FILES if f != "pdrb.xlsx"
    )

    # Only the targets count: a file of another source does not stop a subset.
    assert write_templates(shipped, tmp_path, 2024, sources=["pdrb"]) == [tmp_path / "2024" / "pdrb.xlsx"]

    # --force overwrites blank templates; a file that cannot be read to tell what it holds it leaves alone
    (tmp_path / "2024" / "bidang_koperasi.xlsx").write_bytes(b"not a workbook")
    before = {p: p.read_bytes() for p in (tmp_path / "2024").iterdir()}
    with pytest.raises(TemplateExists) as exc:
        write_templates(shipped, tmp_path, 2024, force=True)
    assert exc.value.filled == {tmp_path / "2024" / "bidang_koperasi.xlsx": None}
    assert {p: p.read_bytes() for p in (tmp_path / "2024").iterdir()} == before  # nothing written
    (tmp_path / "2024" / "bidang_koperasi.xlsx").unlink()
    assert write_templates(shipped, tmp_path, 2024, force=True) == first
    assert book(tmp_path / "2024", "bidang_koperasi.xlsx").sheetnames == ["Petunjuk", "Keragaan Koperasi"]
    assert sorted(p.name for p in (tmp_path / "2024").iterdir()) == sorted(FILES)


def test_force_never_overwrites_a_workbook_holding_data(shipped, tmp_path):
    first = write_templates(shipped, tmp_path, 2024, sources=["pdrb", "koperasi"])
    filled = tmp_path / "2024" / "pdrb.xlsx"
    wb = openpyxl.load_workbook(filled)
    wb["PDRB ADHK"]["C3"] = 2100  # one value in the first data row of a template
    wb.save(filled)
    noted = tmp_path / "2024" / "bidang_koperasi.xlsx"
    wb = openpyxl.load_workbook(noted)
    wb.create_sheet("Catatan")["A1"] = "a sheet of the user's own: a template holds none"
    wb.save(noted)
    before = {p: p.read_bytes() for p in first}
    with pytest.raises(TemplateExists) as exc:
        write_templates(shipped, tmp_path, 2024, sources=["pdrb", "koperasi"], force=True)
    assert exc.value.filled == {noted: ["Catatan"], filled: ["PDRB ADHK"]}
    assert {p: p.read_bytes() for p in first} == before  # but nothing is written at all

    data = tmp_path / "data"
    write_book(
        data / "2024" / "pdrb.xlsx", {"PDRB ADHK": [["Kode", "Lapangan Usaha", "Nilai"], ["C", "x", 1]]}
    )
    with pytest.raises(TemplateExists) as exc:
        write_templates(shipped, data, 2024, sources=["pdrb"], force=True)
    assert exc.value.filled == {data / "2024" / "pdrb.xlsx": ["PDRB ADHK"]}


@pytest.mark.parametrize(
    "change",
    [
        "pilihan",  # a sheet of the user's own that happens to be named like the template's lists
        "renamed",  # data in the first rows under headers iku does not find
        "formula",  # a formula without a stored value, the only entry of the sheet
    ],
)
def test_force_counts_every_kind_of_entry_as_data(shipped, tmp_path, change):
    [path] = write_templates(shipped, tmp_path, 2024, sources=["pdrb"])
    wb = openpyxl.load_workbook(path)
    if change == "pilihan":
        wb.create_sheet("Pilihan")["B7"] = "Pertanian"
    elif change == "renamed":
        del wb["PDRB ADHK"]
        ws = wb.create_sheet("PDRB ADHK")
        ws.append(["Sektor", "Nilai 2024"])
        ws.append(["Industri", 2100])
    else:
        wb["PDRB ADHK"]["C3"] = "=1/0"  # openpyxl stores no value with it
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(TemplateExists) as exc:
        write_templates(shipped, tmp_path, 2024, sources=["pdrb"], force=True)
    assert list(exc.value.filled) == [path] and path.read_bytes() == before


def test_force_replaces_a_blank_template_with_its_guide(shipped, tmp_path):
    first = write_templates(shipped, tmp_path, 2024, sources=["umkm", "ikm"])
    assert openpyxl.load_workbook(first[0]).sheetnames == ["Petunjuk", "Data UMKM", "Direktori IKM"]
    assert write_templates(shipped, tmp_path, 2024, sources=["umkm", "ikm"], force=True) == first


def test_only_the_given_sources(shipped, tmp_path):
    assert write_templates(shipped, tmp_path, 2024, sources=["koperasi"]) == [
        tmp_path / "2024" / "bidang_koperasi.xlsx"
    ]
    assert [p.name for p in (tmp_path / "2024").iterdir()] == ["bidang_koperasi.xlsx"]
    wb = book(tmp_path / "2024", "bidang_koperasi.xlsx")
    assert wb.sheetnames == ["Petunjuk", "Keragaan Koperasi"]
    assert list(petunjuk_rows(wb["Petunjuk"])) == [("Keragaan Koperasi", h) for h in KOPERASI_HEADER]

    write_templates(shipped, tmp_path, 2023, sources=["ekspor"])
    wb = book(tmp_path / "2023", "bidang_perdagangan.xlsx")
    assert wb.sheetnames == ["Petunjuk", "Realisasi Ekspor"]
    assert {s for s, _ in petunjuk_rows(wb["Petunjuk"])} == {"Realisasi Ekspor"}


def test_unknown_source_names_the_valid_ones_and_writes_nothing(shipped, tmp_path):
    with pytest.raises(ValueError, match="unknown source 'umkn'") as exc:
        write_templates(shipped, tmp_path, 2024, sources=["koperasi", "umkn"])
    assert "umkm, ikm, koperasi, volume_perdagangan, ekspor, pdrb" in str(exc.value)
    assert not (tmp_path / "2024").exists()
    with pytest.raises(ValueError, match="no source given"):
        write_templates(shipped, tmp_path, 2024, sources=[])


CUSTOM = """\
agency: {nama: Dinas Contoh}
sources:
  petunjuk:
    workbook: lain/contoh.xlsx
    sheet: Petunjuk
    key: kode
    columns:
      kode: {header: Kode, type: text, required: true}
      wilayah:
        header: Wilayah
        type: category
        allowed: [%s]
      selisih: {header: Selisih, type: integer}
      rasio: {header: Rasio, type: number, max: 2.5}
      nilai: {header: Nilai, type: money, unit: ribu USD, min: 0.5}
  tambahan:
    workbook: lain/contoh.xlsx
    sheet: Petunjuk
    columns:
      kode: {header: KODE, type: text}
      catatan: {header: Catatan, type: text}
measures:
  jumlah: {source: petunjuk, aggregate: count}
tujuan:
  - id: T1
    tujuan: Contoh
    indikator:
      - {id: X-1, nama: Contoh, satuan: persen, formula: {type: growth, measures: [jumlah]}, formulasi: contoh}
"""


def test_other_declarations(tmp_path):
    allowed = [f"Kecamatan Nomor {i:02d}" for i in range(1, 16)]  # too long for a list typed in the rule
    path = tmp_path / "indicators.yaml"
    path.write_text(textwrap.dedent(CUSTOM % ", ".join(allowed)), encoding="utf-8")
    config = load_config(path)
    [written] = write_templates(config, tmp_path / "out", 2024)
    assert written == tmp_path / "out" / "2024" / "lain" / "contoh.xlsx"
    wb = openpyxl.load_workbook(written)
    # A declared sheet called Petunjuk keeps its name; the guide takes another.
    assert wb.sheetnames == ["Petunjuk 2", "Petunjuk", "Pilihan"]
    assert wb["Pilihan"].sheet_state == "hidden"
    assert [c.value for c in wb["Pilihan"]["A"]] == allowed
    ws = wb["Petunjuk"]
    # Two sources on one sheet: each header once, the first declaration's.
    assert [c.value for c in ws[2]] == ["Kode", "Wilayah", "Selisih", "Rasio", "Nilai (ribu USD)", "Catatan"]
    assert [ws[f"{c}3"].number_format for c in "ABCDEF"] == ["@", "@", "#,##0", "#,##0.00", "#,##0.00", "@"]
    dvs = validations(ws)
    assert dvs["B3:B1002"].formula1 == "'Pilihan'!$A$1:$A$15"
    assert (dvs["C3:C1002"].type, dvs["C3:C1002"].formula1) == ("custom", "AND(ISNUMBER(C3),C3=INT(C3))")
    assert (dvs["D3:D1002"].type, dvs["D3:D1002"].operator, dvs["D3:D1002"].formula1) == (
        "decimal",
        "lessThanOrEqual",
        "2.5",
    )
    assert (dvs["E3:E1002"].operator, dvs["E3:E1002"].formula1) == ("greaterThanOrEqual", "0.5")
    rows = petunjuk_rows(wb["Petunjuk 2"])
    assert rows[("Petunjuk", "Rasio")][3:] == ("angka", None, "Tidak", "≤ 2,5")
    assert rows[("Petunjuk", "Nilai (ribu USD)")][3:] == ("uang", "ribu USD", "Tidak", "≥ 0,5")
    assert rows[("Petunjuk", "Selisih")][3:] == ("bilangan bulat", None, "Tidak", "semua bilangan bulat")
    assert rows[("Petunjuk", "Wilayah")][6] == ", ".join(allowed)
    guide = "\n".join(str(c.value) for c in wb["Petunjuk 2"]["A"] if c.value)
    assert "seperti Nilai (ribu USD)" in guide

    data_dir = tmp_path / "out"
    record = {
        "Kode": "01",
        "Wilayah": allowed[3],
        "Selisih": -2,
        "Rasio": 1.5,
        "Nilai (ribu USD)": 3,
        "Catatan": "-",
    }
    fill(written, "Petunjuk", [record])
    report = validate(config, data_dir, [2024])
    assert {f.severity.value for f in report.findings} == {"info"}  # each source ignores the other's columns
    assert {f.sheet for f in report.findings if f.code == "extra-sheet-ignored"} == {"Petunjuk 2", "Pilihan"}
