"""Fixtures shared by every test folder; the workbook helpers live in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from iku_cli.calc.results import TriwulanResult
from iku_cli.calc.triwulan import compute_triwulan
from iku_cli.config import Config, load_config
from tests.helpers import (
    QUARTER_2023_TW2,
    QUARTER_2024_TW1,
    QUARTER_2024_TW2,
    ROOT,
    YEAR_2023,
    YEAR_2024,
    Formula,
    anggaran,
    koperasi,
    umkm,
    write_book,
    write_quarter,
    write_year,
)


@pytest.fixture
def config() -> Config:
    return load_config(ROOT / "indicators.yaml")


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A data folder with 2023 and 2024 in the default contract (values hand-checked in test_compute)."""
    data = tmp_path / "data"
    write_year(data, 2023, **YEAR_2023)
    write_year(data, 2024, **YEAR_2024)
    return data


@pytest.fixture
def naik_kelas_data(small_data: Path) -> Path:
    """small_data with Data UMKM sheets for IKU-2 by hand: 2 of the 5 usaha mikro of 2023 grew past 300 jt."""
    ikm_2023, ikm_2024 = YEAR_2023["ikm_rows"], YEAR_2024["ikm_rows"]
    umkm_2023 = umkm(
        (1234567890123, "Mikro", 250_000_000),  # row 2: the NIB stored as a number
        ("1001", "Mikro", 200_000_000),  # row 3: relabelled Kecil in 2024, counted
        ("1002", "Mikro", 320_000_000),  # above 300 jt in both years: not counted
        ("1003", "Mikro", 150_000_000),  # closed: not in 2024
        ("1005", "Mikro", 280_000_000),  # still below 300 jt in 2024
        ("1006", "Kecil", 250_000_000),  # was not a usaha mikro
    )
    umkm_2024 = umkm(
        ("1004", "Mikro", 500_000_000),  # new in 2024, above 300 jt: not counted
        ("1001", "Kecil", 450_000_000),  # row 3
        ("1002", "Mikro", 400_000_000),
        ("1234567890123", "Mikro", 310_000_000),  # row 5: the same business, its NIB typed as text
        ("1005", "Mikro", 290_000_000),
        ("1006", "Kecil", 400_000_000),
    )
    for year, rows, ikm in ((2023, umkm_2023, ikm_2023), (2024, umkm_2024, ikm_2024)):
        book = small_data / str(year) / "bidang_usaha_mikro_ikm.xlsx"
        write_book(book, {"Data UMKM": rows, "Direktori IKM": ikm})
    return small_data


@pytest.fixture
def defective(tmp_path):
    """A data folder with many planted defects; each is listed with the exact cell it must be found at."""
    data = tmp_path / "data"
    write_year(data, 2023, **YEAR_2023)
    year = dict(YEAR_2024)
    year["umkm_rows"] = [
        ["DATA UMKM 2024"],
        *umkm(
            ("1001", "Mikro", 120_000_000),
            ("1002", "Mikor", 310_000_000),  # E4 not-allowed
            ("1001", "Kecil", "dua juta"),  # A5 duplicate-key, F5 type-error
            ("1008", "Mikro", -5),  # F6 below-minimum
            ("1009", "Mikro", "Rp 1.500.000"),  # F7 number-as-text
        ),
    ]
    year["koperasi_rows"] = koperasi(
        ("BH-1", "Aktif", 1_000_000, [150, 60, 60, 60]),  # G2 above-maximum
        ("BH-2", "Aktif", 1_000_000, [60, None, 60, 60]),  # H3 required-missing (Aktif)
    )
    year["volume_rows"] = [
        ["Nama Pasar", "Komoditas", "Volume (kg)"],
        ["Pasar Baru", "Beras", Formula("=2*3")],
    ]
    write_year(data, 2024, **year)
    (data / "2024" / "pdrb.xlsx").unlink()
    expected = {
        ("error", "not-allowed", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "E4"),
        ("error", "duplicate-key", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "A5"),
        ("error", "type-error", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "F5"),
        ("error", "below-minimum", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "F6"),
        ("warning", "number-as-text", "2024/bidang_usaha_mikro_ikm.xlsx", "Data UMKM", "F7"),
        ("error", "above-maximum", "2024/bidang_koperasi.xlsx", "Keragaan Koperasi", "G2"),
        ("error", "required-missing", "2024/bidang_koperasi.xlsx", "Keragaan Koperasi", "H3"),
        ("error", "formula-no-cache", "2024/bidang_perdagangan.xlsx", "Volume Perdagangan", "C2"),
        ("error", "workbook-missing", "2024/pdrb.xlsx", None, None),
    }
    return data, expected


@pytest.fixture
def quarter_data(small_data: Path) -> Path:
    """small_data with 2023/TW2, 2024/TW1 and 2024/TW2 (values hand-checked in tests/calc/test_triwulan.py);
    no 2023/TW1, so the c-to-c growths of 2024 TW I cannot be computed."""
    return add_quarters(small_data)


def add_quarters(data: Path) -> Path:
    write_quarter(data, 2023, 2, **QUARTER_2023_TW2)
    write_quarter(data, 2024, 1, **QUARTER_2024_TW1)
    write_quarter(data, 2024, 2, **QUARTER_2024_TW2)
    return data


# Per indicator: the 2024 target (a number, or {tahunan, tw}) and the triwulan block; IKU-5 says nothing.
QUARTERLY = {
    "IKT-1": ({"tahunan": 9.5, "tw": [2, 4.5, 7, 9.5]}, "c-to-c"),
    "IKU-1": ({"tahunan": 10, "tw": [2.5, 50, 7.5, 10]}, "snapshot"),
    "IKU-2": ({"tahunan": 70, "tw": [10, 50, 60, 70]}, None),
    "IKU-3": ({"tahunan": 100, "tw": [40, 20, 20, 20]}, {"capaian": "kumulatif"}),
    "IKT-2": ([5.0, 6.0], {"bacaan": "tahunan", "alasan": "PDRB kota diterbitkan BPS setahun sekali"}),
    "IKT-3": (5.5, "tahunan"),
    "IKU-4": (10, "c-to-c"),  # no targets per triwulan
    "IKU-5": (8, None),  # a growth that does not say how it is read over part of a year
    "IKU-6": ({"tahunan": 10, "tw": [30, 25, 20, 10]}, "c-to-c"),  # lower is better
}


@pytest.fixture
def quarterly_config(tmp_path: Path) -> Config:
    """The shipped configuration with the quarterly declarations of QUARTERLY for 2024."""
    return quarterly_config_at(tmp_path / "indicators-triwulan.yaml")


def quarterly_config_at(path: Path) -> Config:
    data = yaml.safe_load((ROOT / "indicators.yaml").read_text())
    for tujuan in data["tujuan"]:
        for ind in tujuan["indikator"] + [i for s in tujuan["sasaran"] for i in s["indikator"]]:
            target, triwulan = QUARTERLY[ind["id"]]
            ind["targets"] = {2024: target}
            ind.pop("triwulan", None)
            if triwulan is not None:
                ind["triwulan"] = triwulan
            if ind["id"] == "IKU-6":
                ind["better"] = "lower"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return load_config(path)


@pytest.fixture(scope="session")
def tw2_result(tmp_path_factory: pytest.TempPathFactory) -> TriwulanResult:
    """2024 TW II of quarter_data with quarterly_config and a 2024/TW2/anggaran.xlsx, computed once for the
    renderer tests (the values are those of tests/calc/test_triwulan.py)."""
    folder = tmp_path_factory.mktemp("triwulan")
    data = folder / "data"
    write_year(data, 2023, **YEAR_2023)
    write_year(data, 2024, **YEAR_2024)
    add_quarters(data)
    budget = [("2.17.07", "PROGRAM UMKM", 100_000_000, 40_000_000)]
    budget.append(("2.17.07.2.01.0003", "Fasilitasi Kemudahan Perizinan", 100_000_000, 40_000_000))
    write_book(data / "2024" / "TW2" / "anggaran.xlsx", anggaran(*budget))
    return compute_triwulan(quarterly_config_at(folder / "indicators.yaml"), data, 2024, 2)
