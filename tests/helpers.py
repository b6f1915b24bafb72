"""Test helpers: workbooks built in tmp_path by small functions, two hand-checked years, the CLI runner."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import xlsxwriter
from rich.console import Console
from typer.testing import CliRunner, Result

from iku_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "data"


@dataclass(frozen=True)
class Formula:
    """A formula cell; ``cached`` is the value Excel would have stored with it (None: no cached value)."""

    text: str
    cached: object = None


def write_book(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """Write an .xlsx. Formula cells with a cached value need xlsxwriter; without one, openpyxl."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cells = [c for rows in sheets.values() for row in rows for c in row]
    if any(isinstance(c, Formula) and c.cached is None for c in cells):
        return _write_openpyxl(path, sheets, merges or {})
    wb = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Formula):
                    ws.write_formula(r, c, value.text, None, value.cached)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        for ref in (merges or {}).get(name, []):
            first = ref.split(":")[0]
            ws.merge_range(ref, _value_at(rows, first) or "")
    wb.close()
    return path


def _value_at(rows: list[list], ref: str):
    col = ord(ref[0]) - 65
    row = int(ref[1:]) - 1
    return rows[row][col] if row < len(rows) and col < len(rows[row]) else None


def _write_openpyxl(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value.text if isinstance(value, Formula) else value)
        for ref in merges.get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


UMKM_HEADER = [
    "NIB",
    "Nama Usaha",
    "Kecamatan",
    "Sektor Usaha",
    "Skala Usaha",
    "Omzet per Tahun (Rp)",
    "Tenaga Kerja",
]
IKM_HEADER = [
    "Nama IKM",
    "Komoditas",
    "Kecamatan",
    "Tenaga Kerja",
    "Nilai Investasi (Rp)",
    "Nilai Produksi (Rp)",
]
KOPERASI_HEADER = [
    "Nomor Badan Hukum",
    "Nama Koperasi",
    "Jenis Koperasi",
    "Status",
    "Jumlah Anggota",
    "Volume Usaha (Rp)",
    "Skor Kelembagaan",
    "Skor Keuangan",
    "Skor Usaha",
    "Skor Manfaat",
]
VOLUME_HEADER = ["Nama Pasar", "Komoditas", "Volume (kg)", "Nilai Transaksi (Rp)"]
EKSPOR_HEADER = ["Nama Eksportir", "Komoditas", "Negara Tujuan", "Volume (kg)", "Nilai FOB (USD)"]
PDRB_HEADER = ["Kode", "Lapangan Usaha", "Nilai (juta Rp)"]
ANGGARAN_HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)"]


def umkm(*rows) -> list[list]:
    """(nib, skala, omzet) triples as a Data UMKM sheet with its header on row 1."""
    return [UMKM_HEADER] + [
        [nib, f"Usaha {nib}", "Kota", "Kuliner", skala, omzet, 2] for nib, skala, omzet in rows
    ]


def koperasi(*rows) -> list[list]:
    """(nbh, status, volume, [4 scores]) as a Keragaan Koperasi sheet."""
    return [KOPERASI_HEADER] + [
        [nbh, f"Koperasi {nbh}", "Simpan Pinjam", status, 50, volume, *scores]
        for nbh, status, volume, scores in rows
    ]


def anggaran(*rows) -> dict[str, list[list]]:
    """(kode, nama, pagu, realisasi) rows as the Realisasi Anggaran sheet of anggaran.xlsx."""
    return {"Realisasi Anggaran": [ANGGARAN_HEADER, *map(list, rows)]}


def write_year(data_dir: Path, year: int, *, pdrb_rows: list[list], **rows: list[list]) -> Path:
    """One year folder with the four workbooks of the default contract (``rows``: those of write_folder)."""
    folder = data_dir / str(year)
    write_folder(folder, **rows)
    write_book(folder / "pdrb.xlsx", {"PDRB ADHK": pdrb_rows})
    return folder


def write_quarter(data_dir: Path, year: int, triwulan: int, **rows: list[list]) -> Path:
    """DATA_DIR/<year>/TW<n>/ with the bidang workbooks; no pdrb.xlsx, which BPS publishes once a year."""
    folder = data_dir / str(year) / f"TW{triwulan}"
    write_folder(folder, **rows)
    return folder


def write_folder(
    folder: Path,
    *,
    umkm_rows: list[list],
    ikm_rows: list[list],
    koperasi_rows: list[list],
    volume_rows: list[list],
    ekspor_rows: list[list],
) -> None:
    """The three bidang workbooks of the default contract in one folder."""
    write_book(folder / "bidang_usaha_mikro_ikm.xlsx", {"Data UMKM": umkm_rows, "Direktori IKM": ikm_rows})
    write_book(folder / "bidang_koperasi.xlsx", {"Keragaan Koperasi": koperasi_rows})
    write_book(
        folder / "bidang_perdagangan.xlsx",
        {"Volume Perdagangan": volume_rows, "Realisasi Ekspor": ekspor_rows},
    )


# Two small years whose nine indicators are computed by hand in test_compute.py.
YEAR_2023 = dict(
    umkm_rows=umkm(
        ("1001", "Mikro", 100_000_000),
        ("1002", "Mikro", 200_000_000),
        ("1003", "Mikro", 350_000_000),
        ("1004", "Kecil", 500_000_000),
        ("1005", "Menengah", 3_000_000_000),
    ),
    ikm_rows=[
        IKM_HEADER,
        ["IKM A", "Batik", "Kota", 5, 10_000_000, 40_000_000],
        ["IKM B", "Kopi", "Kota", 3, 5_000_000, 60_000_000],
    ],
    koperasi_rows=koperasi(
        ("BH-1", "Aktif", 1_000_000, [70, 70, 70, 70]),
        ("BH-2", "Aktif", 2_000_000, [70, 50, 70, 70]),
        ("BH-3", "Tidak Aktif", 5_000_000, [None, None, None, None]),
    ),
    volume_rows=[
        VOLUME_HEADER,
        ["Pasar Baru", "Beras", 1000, 12_000_000],
        ["Pasar Lama", "Gula", 500, 7_000_000],
    ],
    ekspor_rows=[
        EKSPOR_HEADER,
        ["PT A", "Kopi", "Jepang", 100, 2000],
        ["PT B", "Mebel", "Belanda", 50, 3000],
    ],
    pdrb_rows=[
        PDRB_HEADER,
        ["A", "Pertanian", 1000.0],
        ["C", "Industri Pengolahan", 2000.0],
        ["G", "Perdagangan", 4000.0],
    ],
)
YEAR_2024 = dict(
    umkm_rows=umkm(
        ("1001", "Mikro", 120_000_000),
        ("1002", "Mikro", 310_000_000),
        ("1003", "Kecil", 400_000_000),
        ("1006", "Mikro", 50_000_000),
        ("1007", "Mikro", 300_000_000),
        ("1004", "Kecil", 600_000_000),
    ),
    ikm_rows=[
        IKM_HEADER,
        ["IKM A", "Batik", "Kota", 5, 10_000_000, 55_000_000],
        ["IKM B", "Kopi", "Kota", 3, 5_000_000, 65_000_000],
    ],
    koperasi_rows=koperasi(
        ("BH-1", "Aktif", 1_500_000, [80, 80, 80, 80]),
        ("BH-2", "Aktif", 2_500_000, [60, 60, 60, 60]),
        ("BH-3", "Aktif", 1_000_000, [59.9, 90, 90, 90]),
        ("BH-4", "Tidak Aktif", 9_000_000, [None, None, None, None]),
    ),
    volume_rows=[
        VOLUME_HEADER,
        ["Pasar Baru", "Beras", 1200, 14_000_000],
        ["Pasar Lama", "Gula", 600, 8_000_000],
    ],
    ekspor_rows=[
        EKSPOR_HEADER,
        ["PT A", "Kopi", "Jepang", 100, 2500],
        ["PT B", "Mebel", "Belanda", 50, 2500],
    ],
    pdrb_rows=[
        PDRB_HEADER,
        ["A", "Pertanian", 1100.0],
        ["C", "Industri Pengolahan", 2100.0],
        ["G", "Perdagangan", 4400.0],
    ],
)


def printed_lines(print_table: Callable[..., None], result: object, width: int = 140) -> list[str]:
    """What a view prints for ``result`` on a terminal ``width`` wide, line by line, spaces collapsed."""
    console = Console(file=io.StringIO(), width=width, color_system=None)
    print_table(result, console)
    return [" ".join(line.split()) for line in console.file.getvalue().splitlines()]


_runner = CliRunner()


def run(*args: object) -> Result:
    """``iku ARGS`` in-process, as the user types it; exceptions are not swallowed."""
    return _runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


# Three triwulan folders, computed by hand in tests/calc/test_triwulan.py against the two years above.
QUARTER_2023_TW2 = dict(  # the c-to-c base of 2024 TW II
    umkm_rows=umkm(
        ("1001", "Mikro", 300_000_000),
        ("1002", "Mikro", 200_000_000),
        ("1004", "Kecil", 300_000_000),
    ),
    ikm_rows=[
        IKM_HEADER,
        ["IKM A", "Batik", "Kota", 5, 10_000_000, 20_000_000],
        ["IKM B", "Kopi", "Kota", 3, 5_000_000, 30_000_000],
    ],
    koperasi_rows=koperasi(
        ("BH-1", "Aktif", 400_000, [70, 70, 70, 70]),
        ("BH-2", "Aktif", 600_000, [70, 50, 70, 70]),
    ),
    volume_rows=[
        VOLUME_HEADER,
        ["Pasar Baru", "Beras", 500, 6_000_000],
        ["Pasar Lama", "Gula", 250, 3_500_000],
    ],
    ekspor_rows=[EKSPOR_HEADER, ["PT A", "Kopi", "Jepang", 50, 1000], ["PT B", "Mebel", "Belanda", 25, 1500]],
)
QUARTER_2024_TW1 = dict(
    umkm_rows=umkm(
        ("1001", "Mikro", 150_000_000),
        ("1002", "Mikro", 250_000_000),
        ("1006", "Mikro", 20_000_000),
    ),
    ikm_rows=[IKM_HEADER, ["IKM A", "Batik", "Kota", 5, 10_000_000, 12_000_000]],
    koperasi_rows=koperasi(
        ("BH-1", "Aktif", 300_000, [80, 80, 80, 80]),
        ("BH-2", "Aktif", 400_000, [50, 50, 50, 50]),
    ),
    volume_rows=[VOLUME_HEADER, ["Pasar Baru", "Beras", 300, 3_600_000]],
    ekspor_rows=[EKSPOR_HEADER, ["PT A", "Kopi", "Jepang", 50, 900]],
)
QUARTER_2024_TW2 = dict(
    umkm_rows=umkm(
        ("1001", "Mikro", 310_000_000),
        ("1002", "Mikro", 320_000_000),
        ("1006", "Mikro", 30_000_000),
        ("1008", "Mikro", 10_000_000),
        ("1009", "Mikro", 20_000_000),
        ("1003", "Kecil", 210_000_000),
    ),
    ikm_rows=[
        IKM_HEADER,
        ["IKM A", "Batik", "Kota", 5, 10_000_000, 27_500_000],
        ["IKM B", "Kopi", "Kota", 3, 5_000_000, 32_500_000],
    ],
    koperasi_rows=koperasi(
        ("BH-1", "Aktif", 700_000, [80, 80, 80, 80]),
        ("BH-2", "Aktif", 800_000, [60, 60, 60, 60]),
        ("BH-3", "Tidak Aktif", 100_000, [None, None, None, None]),
    ),
    volume_rows=[
        VOLUME_HEADER,
        ["Pasar Baru", "Beras", 640, 7_700_000],
        ["Pasar Lama", "Gula", 320, 4_500_000],
    ],
    ekspor_rows=[EKSPOR_HEADER, ["PT A", "Kopi", "Jepang", 60, 1800], ["PT B", "Mebel", "Belanda", 30, 1200]],
)
