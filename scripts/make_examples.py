"""Generate the example workbooks of iku and their ground truth.

Writes, for the fictional Kota Tirtamaya and the years 2022, 2023 and 2024:

    <out>/data/<year>/bidang_usaha_mikro_ikm.xlsx   sheets "Data UMKM", "Direktori IKM"
    <out>/data/<year>/bidang_koperasi.xlsx          sheet  "Keragaan Koperasi"
    <out>/data/<year>/bidang_perdagangan.xlsx       sheets "Volume Perdagangan", "Realisasi Ekspor"
    <out>/data/<year>/pdrb.xlsx                     sheet  "PDRB ADHK"
    <out>/expected.json                             every measure and indicator, per year

Run from the repository root (needs xlsxwriter and PyYAML):

    python scripts/make_examples.py            # writes examples/data/<year>/ and examples/expected.json
    python scripts/make_examples.py --out DIR  # writes DIR/data/<year>/ and DIR/expected.json

How it works, in three layers kept apart on purpose:

1. Clean records (``simulate_*``): plain dicts whose keys are the column keys of indicators.yaml,
   drawn with ``random.Random`` from fixed seeds, so a run is deterministic.
2. Ground truth (``compute_expected``): every measure of indicators.yaml and every indicator,
   computed in pure Python from the clean records -- never by reading the workbooks back.
3. Mess (``layout_*``): per sheet and year, turns the clean records into the rows of a real-looking
   workbook -- title rows, odd headers, aliases, units in thousands, numbers typed as text,
   inconsistent categories, JUMLAH rows, blank rows, formulas with cached values -- and logs what it did.
   The mess never changes the data: a correct reader gets the ground truth back.

Running the script twice gives byte-identical files (fixed seeds, fixed workbook 'created' date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
import yaml
from xlsxwriter.utility import xl_rowcol_to_cell

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "indicators.yaml"
YEARS = (2022, 2023, 2024)
SEED = 20250115
CREATED = dt.datetime(2025, 1, 15, 8, 0, 0)
CITY = "KOTA TIRTAMAYA"
DINAS = "DINAS KOPERASI, USAHA MIKRO DAN PERDAGANGAN KOTA TIRTAMAYA"

WB_UMKM_IKM = "bidang_usaha_mikro_ikm.xlsx"
WB_KOPERASI = "bidang_koperasi.xlsx"
WB_PERDAGANGAN = "bidang_perdagangan.xlsx"
WB_PDRB = "pdrb.xlsx"

# fmt: off
KECAMATAN = [
    "Tirtamaya Utara", "Tirtamaya Selatan", "Karangmulya", "Sindangrasa", "Mekarjaya", "Pasirjati",
    "Sukamanah", "Tanjungwangi", "Kebonsari", "Bojongsari",
]
# fmt: on
KECAMATAN_WEIGHTS = [14, 12, 11, 10, 10, 9, 9, 9, 8, 8]

Record = dict[str, Any]
Clean = dict[int, dict[str, list[Record]]]  # year -> source -> records


def rng_for(*parts: object) -> random.Random:
    """An independent, deterministic random stream per purpose (str seeds hash with sha512)."""
    return random.Random("-".join(str(p) for p in (SEED, *parts)))


def round_to(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)


# =====================================================================================
# 1. Clean records
# =====================================================================================

# fmt: off
UMKM_KINDS = [
    # (sektor usaha, name prefixes)
    ("Kuliner", ["Warung Makan", "Kedai Kopi", "Dapur", "Katering", "Bakso", "Mie Ayam", "Rumah Makan", "Keripik",
                 "Kue Basah", "Roti", "Sambal", "Es Teh", "Ayam Geprek", "Seblak"]),
    ("Fashion", ["Konveksi", "Butik", "Penjahit", "Sablon", "Hijab", "Batik"]),
    ("Kerajinan", ["Kerajinan Bambu", "Anyaman", "Souvenir", "Kerajinan Kayu", "Rajutan"]),
    ("Perdagangan", ["Toko", "Warung Sembako", "Kios", "Toko Kelontong", "Grosir", "Counter Pulsa"]),
    ("Jasa", ["Laundry", "Salon", "Bengkel", "Barbershop", "Percetakan", "Servis HP", "Fotokopi"]),
    ("Pertanian", ["Tani", "Kebun Sayur", "Ternak Ayam", "Budidaya Lele", "Hidroponik"]),
]
# fmt: on
UMKM_KIND_WEIGHTS = [38, 12, 8, 24, 14, 4]
# fmt: off
NAME_WORDS = [
    "Berkah", "Barokah", "Sumber Rezeki", "Maju Jaya", "Sejahtera", "Mandiri", "Lestari", "Makmur",
    "Sari Rasa", "Ananda", "Cahaya", "Putri", "Mekar", "Amanah", "Rizki", "Bu Siti", "Pak Joko", "Bu Ani",
    "Pak Dadang", "Mang Ujang", "Teh Euis", "Bu Yati", "Pak Slamet", "Bang Rudi", "Neng Rina", "Abadi",
    "Jaya Abadi", "Sinar Harapan", "Tunas Muda", "Bintang", "Melati", "Kenanga", "Al Hikmah", "Dua Saudara",
    "Tiga Putra", "Kita", "Family", "Sehati", "Sentosa", "Harapan Baru",
]
# fmt: on


def _umkm_name(rng: random.Random, kind: int) -> str:
    prefix = rng.choice(UMKM_KINDS[kind][1])
    return f"{prefix} {rng.choice(NAME_WORDS)}"


def _new_business(rng: random.Random, nibs: set[str], skala: str) -> Record:
    while True:
        nib = str(rng.randint(1_000_000_000_000, 9_999_999_999_999))  # 13 digits, never a leading 0
        if nib not in nibs:
            nibs.add(nib)
            break
    kind = rng.choices(range(len(UMKM_KINDS)), UMKM_KIND_WEIGHTS)[0]
    if skala == "Mikro":
        omzet = min(1_500_000_000, max(6_000_000, rng.lognormvariate(math.log(70e6), 0.85)))
        tenaga = rng.randint(1, 4)
    elif skala == "Kecil":
        omzet = rng.uniform(300e6, 2_400e6)
        tenaga = rng.randint(5, 19)
    else:
        omzet = min(45e9, rng.lognormvariate(math.log(5e9), 0.6))
        omzet = max(omzet, 2_600e6)
        tenaga = rng.randint(20, 99)
    return {
        "nib": nib,
        "nama_usaha": _umkm_name(rng, kind),
        "kecamatan": rng.choices(KECAMATAN, KECAMATAN_WEIGHTS)[0],
        "sektor_usaha": UMKM_KINDS[kind][0],
        "skala_usaha": skala,
        "omzet": omzet,
        "tenaga_kerja": tenaga,
    }


def _rounded_omzet(record: Record) -> Record:
    step = 100_000 if record["skala_usaha"] == "Mikro" else 1_000_000
    return {**record, "omzet": round_to(record["omzet"], step)}


def simulate_umkm(rng: random.Random) -> dict[int, list[Record]]:
    """Businesses persist across years with their NIB; new ones register, a few disappear,
    micro businesses whose omzet passed Rp 300 jt are partly re-labelled Kecil the year after."""
    nibs: set[str] = set()
    alive = (
        [_new_business(rng, nibs, "Mikro") for _ in range(2650)]
        + [_new_business(rng, nibs, "Kecil") for _ in range(340)]
        + [_new_business(rng, nibs, "Menengah") for _ in range(50)]
    )
    rng.shuffle(alive)
    out = {YEARS[0]: [_rounded_omzet(b) for b in alive]}
    for year in YEARS[1:]:
        mikro_before = sum(b["skala_usaha"] == "Mikro" for b in alive)
        survivors = []
        for b in alive:
            if rng.random() < (0.03 if b["skala_usaha"] == "Mikro" else 0.02):
                continue  # closed or not re-registered
            b = dict(b)
            if b["skala_usaha"] == "Mikro" and b["omzet"] > 300e6 and rng.random() < 0.4:
                b["skala_usaha"] = "Kecil"
                b["tenaga_kerja"] = max(b["tenaga_kerja"], rng.randint(5, 8))
            b["omzet"] *= rng.lognormvariate(0.05, 0.12)
            if b["skala_usaha"] == "Kecil":
                b["omzet"] = min(max(b["omzet"], 300e6), 2_450e6)
            elif b["skala_usaha"] == "Menengah":
                b["omzet"] = max(b["omzet"], 2_600e6)
            survivors.append(b)
        growth = rng.uniform(0.08, 0.12)
        mikro_now = sum(b["skala_usaha"] == "Mikro" for b in survivors)
        new = [
            _new_business(rng, nibs, "Mikro") for _ in range(round(mikro_before * (1 + growth)) - mikro_now)
        ]
        new += [_new_business(rng, nibs, "Kecil") for _ in range(rng.randint(8, 15))]
        new += [_new_business(rng, nibs, "Menengah") for _ in range(rng.randint(1, 3))]
        alive = survivors + new
        out[year] = [_rounded_omzet(b) for b in alive]
    return out


# fmt: off
IKM_KOMODITAS = [
    ("Tahu dan Tempe", 0.4), ("Roti dan Kue", 0.5), ("Keripik Singkong", 0.3), ("Konveksi Pakaian", 1.2),
    ("Mebel Kayu", 1.5), ("Kerajinan Bambu", 0.4), ("Batik Tulis", 0.8), ("Sepatu Kulit", 1.0),
    ("Tas Kulit", 0.9), ("Kopi Bubuk", 0.7), ("Sambal Kemasan", 0.4), ("Ikan Asap", 0.5),
    ("Anyaman Pandan", 0.3), ("Sablon dan Percetakan", 0.8), ("Bengkel Las", 0.9), ("Dodol", 0.3),
    ("Gula Aren", 0.4), ("Kerupuk", 0.4), ("Abon Ikan", 0.5), ("Minuman Herbal", 0.4),
]
# fmt: on
IKM_PREFIX = ["UD", "CV", "IKM", "Home Industri", "PT", "UD", "CV", ""]


def _new_ikm(rng: random.Random, names: set[str]) -> Record:
    komoditas, size = rng.choice(IKM_KOMODITAS)
    while True:
        prefix = rng.choice(IKM_PREFIX)
        nama = f"{prefix} {komoditas.split()[0]} {rng.choice(NAME_WORDS)}".strip()
        if nama not in names:
            names.add(nama)
            break
    produksi = rng.lognormvariate(math.log(600e6 * size), 0.7)
    return {
        "nama_ikm": nama,
        "komoditas": komoditas,
        "kecamatan": rng.choices(KECAMATAN, KECAMATAN_WEIGHTS)[0],
        "tenaga_kerja": rng.randint(2, 12) if produksi < 1e9 else rng.randint(10, 60),
        "nilai_investasi": produksi * rng.uniform(0.2, 0.8),
        "nilai_produksi": produksi,
    }


def _rounded_ikm(record: Record) -> Record:
    # multiples of 1.000 (in fact 50.000 / 100.000): exact when a year writes them in Rp.000
    return {
        **record,
        "nilai_produksi": round_to(record["nilai_produksi"], 50_000),
        "nilai_investasi": round_to(record["nilai_investasi"], 1_000_000),
    }


def simulate_ikm(rng: random.Random) -> dict[int, list[Record]]:
    names: set[str] = set()
    alive = [_new_ikm(rng, names) for _ in range(178)]
    out = {YEARS[0]: [_rounded_ikm(r) for r in alive]}
    for year in YEARS[1:]:
        survivors = []
        for r in alive:
            if rng.random() < 0.025:
                continue
            r = dict(r)
            r["nilai_produksi"] *= rng.lognormvariate(0.045, 0.10)
            if rng.random() < 0.2:
                r["nilai_investasi"] *= rng.uniform(1.05, 1.4)
            survivors.append(r)
        alive = survivors + [_new_ikm(rng, names) for _ in range(rng.randint(8, 14))]
        out[year] = [_rounded_ikm(r) for r in alive]
    return out


KOPERASI_JENIS = [
    # (jenis koperasi, name prefixes, weight)
    ("Simpan Pinjam", ["KSP", "Koperasi Simpan Pinjam", "KSPPS"], 30),
    ("Konsumen", ["Koperasi Konsumen", "Kopkar", "KPRI", "Kopwan", "Koperasi Pegawai"], 40),
    ("Produsen", ["Koperasi Produsen", "KUD", "Koperasi Tani"], 14),
    ("Jasa", ["Koperasi Jasa", "Koperasi Angkutan"], 10),
    ("Pemasaran", ["Koperasi Pemasaran"], 6),
]
# fmt: off
KOPERASI_WORDS = [
    "Sejahtera", "Mitra Usaha", "Bina Sejahtera", "Karya Mandiri", "Tunas Harapan", "Guru Tirtamaya",
    "RSUD Tirtamaya", "Bhakti Husada", "Mekar Sari", "Sumber Makmur", "Maju Bersama", "Harapan Jaya",
    "Melati", "Al Amanah", "Baitul Maal", "Pasar Baru", "Tani Makmur", "Nelayan Sejati", "Kartini",
    "Pamong Praja", "Setia Kawan", "Mulia", "Sauyunan", "Silih Asih", "Gotong Royong", "Bumi Lestari",
    "Swadaya", "Artha Guna", "Dharma Putra", "Citra Mandiri",
]
# fmt: on
ROMAN = ["XI", "XII", "XIII", "XIV", "XVII"]


def _score(rng: random.Random, quality: float) -> float | int:
    value = min(100.0, max(0.0, rng.gauss(quality, 7)))
    return round(value, 1) if rng.random() < 0.3 else int(round(value))


def _new_koperasi(rng: random.Random, nomors: set[str], names: set[str], year: int | None) -> Record:
    while True:
        if year is None and rng.random() < 0.6:  # an old one, registered before 2013
            since = rng.randint(1978, 2012)
            nomor = f"{rng.randint(10, 999)}/BH/{rng.choice(ROMAN)}/{since}"
        else:
            since = year - rng.randint(0, 1) if year else rng.randint(2013, 2021)
            nomor = f"AHU-{rng.randint(1, 9_999_999):07d}.AH.01.26.TAHUN {since}"
        if nomor not in nomors:
            nomors.add(nomor)
            break
    jenis, prefixes, _ = rng.choices(KOPERASI_JENIS, [k[2] for k in KOPERASI_JENIS])[0]
    while True:
        nama = f"{rng.choice(prefixes)} {rng.choice(KOPERASI_WORDS)}"
        if nama in names:
            nama = f"{nama} {rng.choice(KECAMATAN)}"
        if nama not in names:
            names.add(nama)
            break
    return {
        "nomor_badan_hukum": nomor,
        "nama_koperasi": nama,
        "jenis_koperasi": jenis,
        "status": "Aktif" if rng.random() < (0.70 if year is None else 0.95) else "Tidak Aktif",
        "jumlah_anggota": int(min(3000, max(20, rng.lognormvariate(math.log(120), 0.8)))),
        "_quality": rng.gauss(61, 12),
        "_volume": rng.lognormvariate(math.log(600e6), 1.1),
        "_cents": rng.random() < 0.06,  # a few books are kept to the half rupiah
    }


def _koperasi_row(rng: random.Random, k: Record) -> Record:
    """The year's published row of a koperasi: scores for every Aktif, often blank for Tidak Aktif."""
    row = {key: value for key, value in k.items() if not key.startswith("_")}
    aktif = k["status"] == "Aktif"
    if aktif:
        volume = round_to(k["_volume"], 1000) + (0.5 if k["_cents"] else 0)
    else:
        volume = round_to(k["_volume"] * 0.05, 1000) if rng.random() < 0.5 else 0
    row["volume_usaha"] = volume
    with_scores = aktif or rng.random() < 0.35
    quality = k["_quality"] if aktif else k["_quality"] - 15
    for aspect in ("kelembagaan", "keuangan", "usaha", "manfaat"):
        row[f"skor_{aspect}"] = _score(rng, quality) if with_scores else None
    return row


def simulate_koperasi(rng: random.Random) -> dict[int, list[Record]]:
    nomors: set[str] = set()
    names: set[str] = set()
    alive = [_new_koperasi(rng, nomors, names, None) for _ in range(330)]
    out = {YEARS[0]: [_koperasi_row(rng, k) for k in alive]}
    for year in YEARS[1:]:
        survivors = []
        for k in alive:
            if rng.random() < 0.02:
                continue  # dibubarkan
            k = dict(k)
            if k["status"] == "Aktif" and rng.random() < 0.05:
                k["status"] = "Tidak Aktif"
            elif k["status"] == "Tidak Aktif" and rng.random() < 0.10:
                k["status"] = "Aktif"
            k["_quality"] += rng.gauss(1.5, 3)
            k["_volume"] *= rng.lognormvariate(0.06, 0.15)
            k["jumlah_anggota"] = max(20, k["jumlah_anggota"] + rng.randint(-5, 12))
            survivors.append(k)
        alive = survivors + [_new_koperasi(rng, nomors, names, year) for _ in range(rng.randint(12, 20))]
        out[year] = [_koperasi_row(rng, k) for k in alive]
    return out


# fmt: off
PASAR = [
    ("Pasar Induk Tirtamaya", 3.0), ("Pasar Baru Tirtamaya", 2.0), ("Pasar Karangmulya", 1.2),
    ("Pasar Sindangrasa", 1.0), ("Pasar Mekarjaya", 1.0), ("Pasar Kebonsari", 0.8),
    ("Pasar Pagi Tanjungwangi", 0.9), ("Pasar Sukamanah", 0.7), ("Pasar Pasirjati", 0.8),
    ("Pasar Bojongsari", 0.6), ("Pasar Tirtamaya Utara", 1.1), ("Pasar Cipanas Lama", 0.5),
]
# fmt: on
# komoditas, base volume kg/year at a size-1 pasar, price Rp/kg in 2022 (and growth of the price per year)
KOMODITAS_PASAR = [
    ("Beras Medium", 420_000, 10_800, 0.08),
    ("Beras Premium", 210_000, 12_800, 0.07),
    ("Gula Pasir", 95_000, 14_200, 0.06),
    ("Minyak Goreng Curah", 80_000, 15_500, -0.02),
    ("Minyak Goreng Kemasan", 60_000, 19_500, -0.03),
    ("Tepung Terigu", 55_000, 11_000, 0.02),
    ("Cabai Merah Keriting", 38_000, 42_000, 0.05),
    ("Cabai Rawit Merah", 26_000, 48_000, 0.06),
    ("Bawang Merah", 52_000, 33_000, 0.04),
    ("Bawang Putih", 40_000, 28_000, 0.07),
    ("Telur Ayam Ras", 110_000, 26_500, 0.04),
    ("Daging Ayam Ras", 120_000, 35_000, 0.03),
    ("Daging Sapi", 30_000, 128_000, 0.02),
    ("Kedelai", 34_000, 11_500, 0.05),
    ("Jagung Pipilan", 22_000, 6_500, 0.04),
    ("Ikan Bandeng", 28_000, 32_000, 0.03),
    ("Ikan Tongkol", 24_000, 30_000, 0.03),
    ("Ikan Kembung", 20_000, 38_000, 0.03),
    ("Tomat", 36_000, 9_000, 0.05),
    ("Kentang", 32_000, 14_000, 0.03),
    ("Kol", 30_000, 7_000, 0.04),
    ("Wortel", 26_000, 10_000, 0.03),
    ("Garam Beryodium", 12_000, 10_000, 0.02),
    ("Tahu", 30_000, 12_000, 0.03),
    ("Tempe", 34_000, 13_000, 0.03),
]


def simulate_volume_perdagangan(rng: random.Random) -> dict[int, list[Record]]:
    """A yearly market survey: each pasar reports the volume of the commodities it sells."""
    pairs = []
    for pasar, size in PASAR:
        for komoditas, base, _, _ in KOMODITAS_PASAR:
            if rng.random() < 0.96 or pasar == PASAR[0][0]:
                pairs.append([pasar, komoditas, base * size * rng.uniform(0.6, 1.4)])
    trend = {k[0]: rng.gauss(0.05, 0.03) for k in KOMODITAS_PASAR}
    price = {k[0]: (k[2], k[3]) for k in KOMODITAS_PASAR}
    out = {}
    for i, year in enumerate(YEARS):
        rows = []
        for pasar, komoditas, volume in pairs:
            base_price, price_growth = price[komoditas]
            harga = round_to(base_price * (1 + price_growth) ** i * rng.uniform(0.95, 1.05), 50)
            kg = int(round(volume * (1 + trend[komoditas]) ** i * rng.uniform(0.93, 1.07)))
            rows.append(
                {
                    "nama_pasar": pasar,
                    "komoditas": komoditas,
                    "volume": kg,
                    "_harga": harga,
                    "nilai_transaksi": kg * harga,
                }
            )
        out[year] = rows
    return out


EKSPORTIR = [
    # (eksportir, komoditas, USD per kg, typical kg per shipment record)
    ("CV Jati Mulya Furniture", "Furniture Kayu Jati", 4.2, 16_000),
    ("PT Tirtamaya Mebel Indah", "Furniture Kayu Jati", 4.5, 22_000),
    ("UD Rotan Lestari", "Kerajinan Rotan", 5.5, 9_000),
    ("CV Anyaman Bambu Sejahtera", "Kerajinan Bambu", 4.8, 7_000),
    ("PT Kopi Gunung Tirtamaya", "Kopi Arabika", 7.2, 12_000),
    ("CV Kopi Sindangrasa", "Kopi Robusta", 4.6, 15_000),
    ("PT Samudra Fishindo", "Ikan Olahan", 4.1, 20_000),
    ("PT Mina Karya Tirta", "Ikan Olahan", 3.9, 18_000),
    ("CV Batik Kenanga", "Batik Tulis", 28.0, 1_200),
    ("UD Vanili Mekarjaya", "Vanili Kering", 95.0, 400),
    ("CV Kerajinan Kayu Abadi", "Kerajinan Kayu", 6.0, 8_000),
    ("PT Sinar Rempah Nusantara", "Rempah-rempah", 3.2, 25_000),
]
# fmt: off
NEGARA = [
    "Jepang", "Amerika Serikat", "Belanda", "Jerman", "Australia", "Singapura", "Malaysia", "Korea Selatan",
    "Tiongkok", "Uni Emirat Arab", "Prancis", "Inggris",
]
# fmt: on


def simulate_ekspor(rng: random.Random) -> dict[int, list[Record]]:
    """Shipment records by exporter and destination; FOB values are whole multiples of USD 500
    (exact when a year reports them in ribu USD)."""
    out = {}
    for i, year in enumerate(YEARS):
        rows = []
        for _ in range((38, 44, 51)[i]):
            nama, komoditas, usd_per_kg, typical_kg = rng.choice(EKSPORTIR)
            kg = round_to(typical_kg * rng.lognormvariate(0, 0.45), 10)
            fob = round_to(kg * usd_per_kg * (1.02**i) * rng.uniform(0.9, 1.1), 500)
            rows.append(
                {
                    "nama_eksportir": nama,
                    "komoditas": komoditas,
                    "negara_tujuan": rng.choice(NEGARA),
                    "volume": kg,
                    "nilai_fob": fob,
                }
            )
        rows.sort(key=lambda r: (r["nama_eksportir"], r["negara_tujuan"]))
        out[year] = rows
    return out


LAPANGAN_USAHA = [
    # kode, lapangan usaha, share of the 2022 PDRB (%)
    ("A", "Pertanian, Kehutanan, dan Perikanan", 2.1),
    ("B", "Pertambangan dan Penggalian", 0.1),
    ("C", "Industri Pengolahan", 21.8),
    ("D", "Pengadaan Listrik dan Gas", 0.3),
    ("E", "Pengadaan Air, Pengelolaan Sampah, Limbah dan Daur Ulang", 0.1),
    ("F", "Konstruksi", 10.4),
    ("G", "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor", 20.6),
    ("H", "Transportasi dan Pergudangan", 5.2),
    ("I", "Penyediaan Akomodasi dan Makan Minum", 5.4),
    ("J", "Informasi dan Komunikasi", 6.3),
    ("K", "Jasa Keuangan dan Asuransi", 6.0),
    ("L", "Real Estat", 4.9),
    ("M,N", "Jasa Perusahaan", 1.4),
    ("O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib", 4.1),
    ("P", "Jasa Pendidikan", 5.6),
    ("Q", "Jasa Kesehatan dan Kegiatan Sosial", 2.1),
    ("R,S,T,U", "Jasa Lainnya", 3.6),
]


def simulate_pdrb(rng: random.Random) -> dict[int, list[Record]]:
    """PDRB ADHK by lapangan usaha in juta Rp (two decimals, as BPS publishes), growing 3-7 % a year."""
    total = 34_250_000
    levels = {kode: total * share / sum(s for _, _, s in LAPANGAN_USAHA) for kode, _, share in LAPANGAN_USAHA}
    out = {}
    for year in YEARS:
        if year != YEARS[0]:
            levels = {kode: v * (1 + rng.uniform(0.03, 0.07)) for kode, v in levels.items()}
        out[year] = [
            {"kode": kode, "lapangan_usaha": nama, "nilai": round(levels[kode], 2)}
            for kode, nama, _ in LAPANGAN_USAHA
        ]
    return out


def simulate_all() -> Clean:
    per_source = {
        "umkm": simulate_umkm(rng_for("umkm")),
        "ikm": simulate_ikm(rng_for("ikm")),
        "koperasi": simulate_koperasi(rng_for("koperasi")),
        "volume_perdagangan": simulate_volume_perdagangan(rng_for("volume_perdagangan")),
        "ekspor": simulate_ekspor(rng_for("ekspor")),
        "pdrb": simulate_pdrb(rng_for("pdrb")),
    }
    return {year: {source: data[year] for source, data in per_source.items()} for year in YEARS}


# =====================================================================================
# 2. Ground truth, from indicators.yaml and the clean records
# =====================================================================================


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def matches(record: Record, condition: dict | None) -> bool:
    """Evaluate a `where` of indicators.yaml (column/op/value, all, any) on a clean record."""
    if condition is None:
        return True
    if "all" in condition:
        return all(matches(record, part) for part in condition["all"])
    if "any" in condition:
        return any(matches(record, part) for part in condition["any"])
    value, op, wanted = record.get(condition["column"]), condition.get("op", "eq"), condition.get("value")
    if op == "blank":
        return _blank(value)
    if op == "not_blank":
        return not _blank(value)
    if _blank(value):
        return False
    return {
        "eq": lambda: value == wanted,
        "ne": lambda: value != wanted,
        "in": lambda: value in wanted,
        "not_in": lambda: value not in wanted,
        "gt": lambda: value > wanted,
        "ge": lambda: value >= wanted,
        "lt": lambda: value < wanted,
        "le": lambda: value <= wanted,
    }[op]()


def measure_value(measure: dict, records: list[Record]) -> int | float:
    rows = [r for r in records if matches(r, measure.get("where"))]
    aggregate = measure["aggregate"]
    if aggregate == "count":
        return len(rows)
    values = [r[measure["column"]] for r in rows if not _blank(r.get(measure["column"]))]
    if aggregate == "count_distinct":
        return len(set(values))
    if aggregate == "sum":
        return sum(values)
    raise ValueError(f"unknown aggregate {aggregate}")


def all_indicators(spec: dict) -> list[dict]:
    """Every indicator of the spec, tujuan first then its sasaran, in document order."""
    found = []
    for tujuan in spec["tujuan"]:
        found += tujuan.get("indikator", [])
        for sasaran in tujuan.get("sasaran", []):
            found += sasaran.get("indikator", [])
    return found


def indicator_value(formula: dict, measures: dict[int, dict], year: int) -> float | None:
    def total(year_: int, names: list[str]) -> int | float:
        return sum(measures[year_][name] for name in names)

    if formula["type"] == "growth":
        if year - 1 not in measures:
            return None
        now, before = total(year, formula["measures"]), total(year - 1, formula["measures"])
        return (now - before) / before * 100
    if formula["type"] == "ratio":
        return total(year, formula["numerator"]) / total(year, formula["denominator"]) * 100
    raise ValueError(f"unknown formula type {formula['type']}")


def compute_expected(spec: dict, clean: Clean) -> dict:
    measures = {
        year: {name: measure_value(m, clean[year][m["source"]]) for name, m in spec["measures"].items()}
        for year in YEARS
    }
    indicators = {
        year: {ind["id"]: indicator_value(ind["formula"], measures, year) for ind in all_indicators(spec)}
        for year in YEARS
    }
    return {
        "measures": {str(y): v for y, v in measures.items()},
        "indicators": {str(y): v for y, v in indicators.items()},
    }


# =====================================================================================
# 3. Mess: from clean records to the rows of a real-looking sheet
# =====================================================================================


@dataclass(frozen=True)
class Formula:
    """A formula cell with its cached value; ``{field}`` in the text is this row's cell of that column."""

    text: str
    cached: int | float


@dataclass
class Col:
    header: str  # as typed in the workbook
    field: str | None = None  # clean record key; None for "No" / "Keterangan"
    kind: str = "text"  # text, no, ket, int, money, number, decimal2, nib_number
    scale: int = 1  # the file holds true value / scale (Rp.000, ribu USD)
    width: float = 14


@dataclass
class Total:
    label: str  # "JUMLAH" / "TOTAL"
    label_col: str  # header of the column that carries the label
    sums: list[str]  # fields summed with a SUM formula
    merge_to: str | None = None  # the label is merged up to this column's header


@dataclass
class Sheet:
    name: str
    title: list[str]
    header_row: int  # 1-based, as a person reading the sheet would say
    columns: list[Col]
    rows: list[list[Any]] = field(default_factory=list)  # one list of cells per record
    first_col: int = 0
    blank_before: set[int] = field(default_factory=set)  # record indices preceded by an empty row
    total: Total | None = None
    notes: list[str] = field(default_factory=list)  # what mess went in, for the summary
    records: int = 0


@dataclass
class Extra:
    """An undeclared sheet (Catatan, Rekap): rows of cells from A1."""

    name: str
    rows: list[list[Any]]
    note: str


def id_number(value: float, decimals: int) -> str:
    """1250000.5, 2 -> "1.250.000,50" (dot for thousands, comma for decimals)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def money_as_text(rng: random.Random, value: float) -> str:
    """The way a clerk types money into a text cell."""
    if value != int(value):
        return rng.choice(["{}", "Rp {}"]).format(id_number(value, 2))
    style = rng.choice(["Rp {}", "Rp. {},00", "{}", "Rp {},-", "{},00"])
    if style.endswith(",00"):
        return style[:-3].format(id_number(value, 0)) + ",00"
    return style.format(id_number(value, 0))


CATEGORY_VARIANTS = {
    "Mikro": ["MIKRO", "mikro ", "mikro", "Mikro "],
    "Kecil": ["KECIL", "kecil", " Kecil"],
    "Menengah": ["MENENGAH", "menengah"],
    "Aktif": [" Aktif", "AKTIF", "aktif", "Aktif "],
    "Tidak Aktif": ["tidak aktif", "TIDAK AKTIF", "Tidak aktif", "Tidak  Aktif"],
}


def messy_category(rng: random.Random, value: str, share: float) -> str:
    return rng.choice(CATEGORY_VARIANTS[value]) if rng.random() < share else value


def pick_indices(rng: random.Random, n: int, count: int, avoid_first: int = 3) -> set[int]:
    """`count` distinct record indices, away from the very first rows."""
    return set(rng.sample(range(avoid_first, n), count))


def fill_rows(sheet: Sheet, records: list[Record], cell_for) -> None:
    """One row per record; ``cell_for(i, record, col)`` may return a messed-up cell."""
    sheet.records = len(records)
    sheet.rows = [[cell_for(i, r, c) for c in sheet.columns] for i, r in enumerate(records)]
    sheet.notes += text_number_notes(sheet)


def text_number_notes(sheet: Sheet) -> list[str]:
    """Describe the numeric cells typed as text, with one example of each typing style."""
    notes = []
    for j, col in enumerate(sheet.columns):
        texts = [row[j] for row in sheet.rows if isinstance(row[j], str)]
        if col.kind in ("int", "money", "number", "decimal2") and texts:
            # one example per typing style: prefix, suffix, and whether it carries real decimals
            styles = {
                (re.sub(r"[\d.]+", "#", t), bool(re.search(r",\d*[1-9]", t))): t for t in reversed(texts)
            }
            shown = ", ".join(f"'{t}'" for t in sorted(styles.values(), key=texts.index)[:6])
            notes.append(f"{len(texts)} '{' '.join(col.header.split())}' cells typed as text, e.g. {shown}")
    return notes


def plain_cell(i: int, record: Record, col: Col) -> Any:
    if col.kind == "no":
        return i + 1
    if col.kind == "ket" or col.field is None:
        return None
    value = record.get(col.field)
    if value is not None and col.scale != 1:
        value = value / col.scale
        value = int(value) if value == int(value) else value
    return value


KET_UMKM = [
    "Binaan",
    "Data OSS",
    "Verifikasi lapangan",
    "Pindah lokasi",
    "Peserta pelatihan",
    "Belum verifikasi",
]
KET_KOPERASI = ["Sudah RAT", "Belum RAT", "Dalam pengawasan", "RAT daring", "Perubahan AD/ART"]


def keterangan(rng: random.Random, choices: list[str], share: float = 0.15) -> str | None:
    return rng.choice(choices) if rng.random() < share else None


# ---- Data UMKM --------------------------------------------------------------------


def layout_umkm(year: int, records: list[Record]) -> Sheet:
    rng = rng_for("mess", "umkm", year)
    n = len(records)
    if year == 2022:
        sheet = Sheet(
            "Data UMKM",
            ["DATA USAHA MIKRO, KECIL DAN MENENGAH (UMKM)", f"{CITY} TAHUN {year}"],
            4,
            [
                Col("NO", kind="no", width=6),
                Col("NOMOR INDUK\nBERUSAHA", "nib", "nib_number", width=17),
                Col("NAMA  USAHA", "nama_usaha", width=30),
                Col("KECAMATAN", "kecamatan", width=18),
                Col("SEKTOR\nUSAHA", "sektor_usaha"),
                Col("SKALA\nUSAHA", "skala_usaha", width=11),
                Col("OMZET PER TAHUN\n(Rp)", "omzet", "money", width=18),
                Col("TENAGA\nKERJA", "tenaga_kerja", "int", width=9),
                Col("KETERANGAN", kind="ket", width=20),
            ],
        )
        sheet.blank_before = pick_indices(rng, n, 3)
        sheet.total = Total("JUMLAH", "NO", ["omzet", "tenaga_kerja"])
        sheet.notes += [
            "title rows merged, header on row 4",
            "headers in capitals with line breaks and a double space",
            "alias 'NOMOR INDUK BERUSAHA' for NIB",
            "NIB stored as numbers",
            "leading NO and trailing KETERANGAN columns",
            "Skala Usaha typed inconsistently (MIKRO, mikro , KECIL ...)",
            "3 blank rows inside the data",
            "JUMLAH row (label in NO) with SUM formulas on omzet and tenaga kerja",
        ]

        def cell(i, r, c):
            if c.field == "skala_usaha":
                return messy_category(rng, r["skala_usaha"], 0.07)
            if c.kind == "ket":
                return keterangan(rng, KET_UMKM)
            return plain_cell(i, r, c)
    elif year == 2023:
        sheet = Sheet(
            "Data UMKM",
            [f"DATA UMKM {CITY} TAHUN {year}"],
            3,
            [
                Col("Nama Usaha", "nama_usaha", width=30),
                Col("NIB", "nib", width=17),
                Col("Skala Usaha", "skala_usaha", width=11),
                Col("Omzet per Tahun (Rp)", "omzet", "money", width=18),
                Col("Tenaga Kerja", "tenaga_kerja", "int", width=9),
                Col("Sektor Usaha", "sektor_usaha"),
                Col("Kecamatan", "kecamatan", width=18),
            ],
            first_col=1,
        )
        sheet.blank_before = pick_indices(rng, n, 2)
        as_text = pick_indices(rng, n, round(n * 0.03))
        sheet.notes += [
            "title row merged, header on row 3 starting in column B",
            "columns in a different order (Nama Usaha first, Kecamatan last)",
            "NIB stored as text",
            "2 blank rows inside the data",
        ]

        def cell(i, r, c):
            if c.field == "omzet" and i in as_text:
                return money_as_text(rng, r["omzet"])
            return plain_cell(i, r, c)
    else:
        sheet = Sheet(
            "Data UMKM",
            [DINAS, f"DATA UMKM {CITY} TAHUN {year}", "Keadaan s.d. 31 Desember 2024"],
            5,
            [
                Col("No", kind="no", width=6),
                Col("NIB", "nib", width=17),
                Col("Nama UMKM", "nama_usaha", width=30),
                Col("Kecamatan", "kecamatan", width=18),
                Col("Sektor", "sektor_usaha"),
                Col("Skala Usaha", "skala_usaha", width=11),
                Col("Omzet per Tahun\n(Rp)", "omzet", "money", width=18),
                Col("Jumlah Tenaga Kerja", "tenaga_kerja", "int", width=9),
                Col("Keterangan", kind="ket", width=20),
            ],
        )
        sheet.blank_before = pick_indices(rng, n, 4)
        sheet.total = Total("JUMLAH", "Nama UMKM", ["omzet", "tenaga_kerja"])
        sheet.notes += [
            "three title rows merged, header on row 5",
            "aliases 'Nama UMKM', 'Sektor', 'Jumlah Tenaga Kerja'",
            "NIB stored as text",
            "Skala Usaha typed inconsistently",
            "4 blank rows inside the data",
            "JUMLAH row (label in Nama UMKM) with SUM formulas",
            "leading No and trailing Keterangan columns",
        ]

        def cell(i, r, c):
            if c.field == "skala_usaha":
                return messy_category(rng, r["skala_usaha"], 0.05)
            if c.kind == "ket":
                return keterangan(rng, KET_UMKM)
            return plain_cell(i, r, c)

    fill_rows(sheet, records, cell)
    return sheet


def extras_umkm_ikm(year: int, umkm: list[Record]) -> list[Extra]:
    catatan = Extra(
        "Catatan",
        [
            ["Catatan"],
            [],
            ["1.", "Data UMKM bersumber dari pendataan lapangan dan perizinan OSS RBA (NIB)."],
            [
                "2.",
                "Skala usaha mengikuti UU No. 20 Tahun 2008 (mikro: omzet s.d. Rp 300.000.000 per tahun).",
            ],
            ["3.", "Direktori IKM disusun oleh Bidang Usaha Mikro dan IKM."],
            ["4.", f"Dimutakhirkan: Januari {year + 1}."],
        ],
        "extra sheet 'Catatan' (free text)",
    )
    if year != 2024:
        return [catatan]
    counts = [
        ("Mikro", sum(r["skala_usaha"] == "Mikro" for r in umkm)),
        ("Kecil", sum(r["skala_usaha"] == "Kecil" for r in umkm)),
        ("Menengah", sum(r["skala_usaha"] == "Menengah" for r in umkm)),
    ]
    rekap = Extra(
        "Rekap",
        [
            ["REKAP UMKM PER SKALA USAHA"],
            [],
            ["Skala Usaha", "Jumlah"],
            *[[name, count] for name, count in counts],
            ["JUMLAH", Formula("=SUM(B4:B6)", sum(c for _, c in counts))],
        ],
        "extra sheet 'Rekap' (counts per skala, with a SUM formula)",
    )
    return [rekap, catatan]


# ---- Direktori IKM ----------------------------------------------------------------


def layout_ikm(year: int, records: list[Record]) -> Sheet:
    rng = rng_for("mess", "ikm", year)
    n = len(records)
    if year == 2022:
        sheet = Sheet(
            "Direktori IKM",
            [f"DIREKTORI INDUSTRI KECIL DAN MENENGAH {CITY} TAHUN {year}"],
            3,
            [
                Col("No", kind="no", width=6),
                Col("Nama IKM", "nama_ikm", width=30),
                Col("Komoditas", "komoditas", width=20),
                Col("Kecamatan", "kecamatan", width=18),
                Col("Tenaga Kerja", "tenaga_kerja", "int", width=9),
                Col("Nilai Investasi (Rp)", "nilai_investasi", "money", width=18),
                Col("Nilai Produksi (Rp)", "nilai_produksi", "money", width=18),
                Col("Keterangan", kind="ket"),
            ],
        )
        sheet.total = Total(
            "JUMLAH", "No", ["tenaga_kerja", "nilai_investasi", "nilai_produksi"], merge_to="Kecamatan"
        )
        sheet.notes += [
            "title row merged, header on row 3",
            "leading No and trailing Keterangan columns",
            "JUMLAH row merged across No..Kecamatan, SUM formulas on tenaga kerja and both money columns",
        ]
        cell = plain_cell
    elif year == 2023:
        sheet = Sheet(
            "Direktori IKM",
            ["DIREKTORI IKM", f"{CITY} TAHUN {year}"],
            4,
            [
                Col("NO", kind="no", width=6),
                Col("NAMA PERUSAHAAN", "nama_ikm", width=30),
                Col("KOMODITAS", "komoditas", width=20),
                Col("KECAMATAN", "kecamatan", width=18),
                Col("TENAGA KERJA", "tenaga_kerja", "int", width=9),
                Col("NILAI INVESTASI (Rp.000)", "nilai_investasi", "money", scale=1000, width=18),
                Col("NILAI PRODUKSI (Rp.000)", "nilai_produksi", "money", scale=1000, width=18),
            ],
        )
        sheet.blank_before = pick_indices(rng, n, 1)
        sheet.total = Total("TOTAL", "NO", ["tenaga_kerja", "nilai_investasi", "nilai_produksi"])
        sheet.notes += [
            "title rows merged, header on row 4",
            "alias 'NAMA PERUSAHAAN' for Nama IKM",
            "money in thousands: 'NILAI INVESTASI (Rp.000)', 'NILAI PRODUKSI (Rp.000)' (values / 1000)",
            "1 blank row inside the data",
            "TOTAL row (label in NO) with SUM formulas",
        ]
        cell = plain_cell
    else:
        sheet = Sheet(
            "Direktori IKM",
            [DINAS, f"DIREKTORI IKM TAHUN {year}"],
            5,
            [
                Col("Nama IKM", "nama_ikm", width=30),
                Col("Komoditas", "komoditas", width=20),
                Col("Kecamatan", "kecamatan", width=18),
                Col("Jumlah Tenaga Kerja", "tenaga_kerja", "int", width=9),
                Col("Nilai Investasi\n(Rp)", "nilai_investasi", "money", width=18),
                Col("Nilai Produksi\n(Rp)", "nilai_produksi", "money", width=18),
            ],
            first_col=1,
        )
        sheet.blank_before = pick_indices(rng, n, 2)
        text_inv = pick_indices(rng, n, round(n * 0.05))
        text_prod = pick_indices(rng, n, round(n * 0.03))
        sheet.notes += [
            "title rows merged, two blank rows, header on row 5 starting in column B",
            "alias 'Jumlah Tenaga Kerja'",
            "2 blank rows inside the data",
        ]

        def cell(i, r, c):
            if (c.field == "nilai_investasi" and i in text_inv) or (
                c.field == "nilai_produksi" and i in text_prod
            ):
                return money_as_text(rng, r[c.field])
            return plain_cell(i, r, c)

    fill_rows(sheet, records, cell)
    return sheet


# ---- Keragaan Koperasi ------------------------------------------------------------

SCORE_FIELDS = ["skor_kelembagaan", "skor_keuangan", "skor_usaha", "skor_manfaat"]


def _score_cols(capitals: bool) -> list[Col]:
    names = ["Skor Kelembagaan", "Skor Keuangan", "Skor Usaha", "Skor Manfaat"]
    return [
        Col(name.upper().replace(" ", "\n") if capitals else name, f, "number", width=12)
        for name, f in zip(names, SCORE_FIELDS, strict=True)
    ]


def layout_koperasi(year: int, records: list[Record]) -> Sheet:
    rng = rng_for("mess", "koperasi", year)
    n = len(records)
    if year == 2022:
        sheet = Sheet(
            "Keragaan Koperasi",
            ["DATA KERAGAAN KOPERASI", f"{CITY} TAHUN {year}"],
            4,
            [
                Col("No", kind="no", width=6),
                Col("Nomor Badan Hukum", "nomor_badan_hukum", width=32),
                Col("Nama Koperasi", "nama_koperasi", width=32),
                Col("Jenis Koperasi", "jenis_koperasi"),
                Col("Status", "status", width=12),
                Col("Jumlah Anggota", "jumlah_anggota", "int", width=10),
                Col("Volume Usaha (Rp)", "volume_usaha", "money", width=20),
                *_score_cols(False),
                Col("Keterangan", kind="ket"),
            ],
        )
        # a few percent of the volumes typed as text, among them books kept to the half rupiah
        with_volume = [i for i, r in enumerate(records) if r["volume_usaha"]]
        as_text = set(rng.sample(with_volume, round(n * 0.04)))
        as_text |= set(rng.sample([i for i in with_volume if records[i]["volume_usaha"] % 1], 3))
        sheet.notes += [
            "title rows merged, header on row 4",
            "leading No and trailing Keterangan columns",
            "Status typed inconsistently (' Aktif', 'AKTIF', 'tidak aktif' ...)",
        ]

        def cell(i, r, c):
            if c.field == "status":
                return messy_category(rng, r["status"], 0.12)
            if c.field == "volume_usaha" and i in as_text:
                return money_as_text(rng, r["volume_usaha"])
            if c.kind == "ket":
                return keterangan(rng, KET_KOPERASI, 0.3)
            return plain_cell(i, r, c)
    elif year == 2023:
        sheet = Sheet(
            "Keragaan Koperasi",
            [f"KERAGAAN KOPERASI {CITY} TAHUN {year}"],
            3,
            [
                Col("NOMOR BADAN\nHUKUM", "nomor_badan_hukum", width=32),
                Col("NAMA  KOPERASI", "nama_koperasi", width=32),
                Col("JENIS", "jenis_koperasi"),
                Col("STATUS", "status", width=12),
                Col("JUMLAH\nANGGOTA", "jumlah_anggota", "int", width=10),
                Col("VOLUME USAHA\n(Rp)", "volume_usaha", "money", width=20),
                *_score_cols(True),
                Col("KETERANGAN", kind="ket"),
            ],
            first_col=1,
        )
        sheet.blank_before = pick_indices(rng, n, 2)
        sheet.total = Total("JUMLAH", "NAMA  KOPERASI", ["jumlah_anggota", "volume_usaha"])
        sheet.notes += [
            "title row merged, header on row 3 starting in column B",
            "headers in capitals with line breaks and a double space",
            "alias 'JENIS' for Jenis Koperasi",
            "2 blank rows inside the data",
            "JUMLAH row (label in NAMA KOPERASI) with SUM formulas",
            "trailing KETERANGAN column",
        ]

        def cell(i, r, c):
            if c.kind == "ket":
                return keterangan(rng, KET_KOPERASI, 0.3)
            return plain_cell(i, r, c)
    else:
        sheet = Sheet(
            "Keragaan Koperasi",
            [DINAS, f"DATA KERAGAAN KOPERASI TAHUN {year}", "Posisi 31 Desember 2024"],
            5,
            [
                Col("No", kind="no", width=6),
                Col("No. Badan Hukum", "nomor_badan_hukum", width=32),
                Col("Nama Koperasi", "nama_koperasi", width=32),
                Col("Jenis Koperasi", "jenis_koperasi"),
                Col("Status Koperasi", "status", width=12),
                Col("Jumlah Anggota", "jumlah_anggota", "int", width=10),
                Col("Volume Usaha (Rp)", "volume_usaha", "money", width=20),
                *_score_cols(False),
                Col("Keterangan", kind="ket"),
            ],
        )
        sheet.blank_before = pick_indices(rng, n, 1)
        sheet.total = Total("JUMLAH", "No", ["jumlah_anggota", "volume_usaha"])
        sheet.notes += [
            "three title rows merged, header on row 5",
            "aliases 'No. Badan Hukum', 'Status Koperasi'",
            "Status typed inconsistently",
            "1 blank row inside the data",
            "JUMLAH row (label in No) with SUM formulas",
            "leading No and trailing Keterangan columns",
        ]

        def cell(i, r, c):
            if c.field == "status":
                return messy_category(rng, r["status"], 0.10)
            if c.kind == "ket":
                return keterangan(rng, KET_KOPERASI, 0.3)
            return plain_cell(i, r, c)

    fill_rows(sheet, records, cell)
    return sheet


def extras_koperasi(year: int, records: list[Record]) -> list[Extra]:
    if year != 2024:
        return []
    rows = [["REKAP KOPERASI PER JENIS"], [], ["Jenis Koperasi", "Aktif", "Tidak Aktif", "Jumlah"]]
    for j, (jenis, _, _) in enumerate(KOPERASI_JENIS):
        aktif = sum(r["jenis_koperasi"] == jenis and r["status"] == "Aktif" for r in records)
        tidak = sum(r["jenis_koperasi"] == jenis and r["status"] == "Tidak Aktif" for r in records)
        rows.append([jenis, aktif, tidak, Formula(f"=B{4 + j}+C{4 + j}", aktif + tidak)])
    last = 3 + len(KOPERASI_JENIS)
    aktif = sum(r["status"] == "Aktif" for r in records)
    rows.append(
        [
            "JUMLAH",
            Formula(f"=SUM(B4:B{last})", aktif),
            Formula(f"=SUM(C4:C{last})", len(records) - aktif),
            Formula(f"=SUM(D4:D{last})", len(records)),
        ]
    )
    return [Extra("Rekap", rows, "extra sheet 'Rekap' (counts per jenis, formulas with cached values)")]


# ---- Volume Perdagangan -----------------------------------------------------------


def layout_volume_perdagangan(year: int, records: list[Record]) -> Sheet:
    rng = rng_for("mess", "volume_perdagangan", year)
    n = len(records)
    product = Formula("={volume}*{_harga}", 0)  # cached value filled per row below
    if year == 2022:
        sheet = Sheet(
            "Volume Perdagangan",
            ["HASIL SURVEI VOLUME PERDAGANGAN BAHAN POKOK", f"{CITY} TAHUN {year}"],
            4,
            [
                Col("No", kind="no", width=6),
                Col("Nama Pasar", "nama_pasar", width=26),
                Col("Komoditas", "komoditas", width=24),
                Col("Volume (kg)", "volume", "int", width=14),
                Col("Harga Rata-rata (Rp/kg)", "_harga", "money", width=14),
                Col("Nilai Transaksi (Rp)", "nilai_transaksi", "money", width=18),
            ],
        )
        as_text = pick_indices(rng, n, round(n * 0.04))
        sheet.notes += [
            "title rows merged, header on row 4",
            "leading No column",
            "undeclared column 'Harga Rata-rata (Rp/kg)'",
        ]

        def cell(i, r, c):
            if c.field == "nilai_transaksi" and i in as_text:
                return money_as_text(rng, r["nilai_transaksi"])
            return plain_cell(i, r, c)
    elif year == 2023:
        sheet = Sheet(
            "Volume Perdagangan",
            [f"VOLUME PERDAGANGAN {CITY} TAHUN {year}"],
            3,
            [
                Col("Nama Pasar", "nama_pasar", width=26),
                Col("Komoditas", "komoditas", width=24),
                Col("Volume (kg)", "volume", "int", width=14),
                Col("Harga Rata-rata (Rp/kg)", "_harga", "money", width=14),
                Col("Nilai Transaksi (Rp)", "nilai_transaksi", "money", width=18),
            ],
        )
        sheet.total = Total("JUMLAH", "Nama Pasar", ["volume", "nilai_transaksi"])
        sheet.notes += [
            "title row merged, header on row 3",
            "undeclared column 'Harga Rata-rata (Rp/kg)'",
            "Nilai Transaksi = Volume x Harga as formulas with cached values",
            "JUMLAH row (label in Nama Pasar) with SUM formulas",
        ]

        def cell(i, r, c):
            if c.field == "nilai_transaksi":
                return Formula(product.text, r["nilai_transaksi"])
            return plain_cell(i, r, c)
    else:
        sheet = Sheet(
            "Volume Perdagangan",
            [DINAS, f"VOLUME PERDAGANGAN DALAM DAERAH TAHUN {year}"],
            5,
            [
                Col("No", kind="no", width=6),
                Col("NAMA PASAR", "nama_pasar", width=26),
                Col("KOMODITAS", "komoditas", width=24),
                Col("VOLUME\n(kg)", "volume", "int", width=14),
                Col("HARGA RATA-RATA\n(Rp/kg)", "_harga", "money", width=14),
                Col("NILAI TRANSAKSI\n(Rp)", "nilai_transaksi", "money", width=18),
                Col("KETERANGAN", kind="ket"),
            ],
            first_col=1,
        )
        sheet.blank_before = pick_indices(rng, n, 3)
        sheet.total = Total("TOTAL", "No", ["volume", "nilai_transaksi"])
        sheet.notes += [
            "title rows merged, two blank rows, header on row 5 starting in column B",
            "headers in capitals with line breaks",
            "leading No and trailing KETERANGAN columns",
            "Nilai Transaksi = Volume x Harga as formulas with cached values",
            "3 blank rows inside the data",
            "TOTAL row (label in No) with SUM formulas",
        ]

        def cell(i, r, c):
            if c.field == "nilai_transaksi":
                return Formula(product.text, r["nilai_transaksi"])
            if c.kind == "ket":
                return rng.choice(["Survei Juni", "Survei Desember"]) if rng.random() < 0.1 else None
            return plain_cell(i, r, c)

    fill_rows(sheet, records, cell)
    return sheet


# ---- Realisasi Ekspor -------------------------------------------------------------


def layout_ekspor(year: int, records: list[Record]) -> Sheet:
    rng = rng_for("mess", "ekspor", year)
    n = len(records)
    if year == 2022:
        sheet = Sheet(
            "Realisasi Ekspor",
            [f"REALISASI EKSPOR {CITY} TAHUN {year}"],
            3,
            [
                Col("No", kind="no", width=6),
                Col("Nama Eksportir", "nama_eksportir", width=30),
                Col("Komoditas", "komoditas", width=22),
                Col("Negara Tujuan", "negara_tujuan", width=18),
                Col("Volume (kg)", "volume", "int", width=12),
                Col("Nilai FOB (USD)", "nilai_fob", "money", width=14),
            ],
        )
        sheet.notes += ["title row merged, header on row 3", "leading No column"]
    elif year == 2023:
        sheet = Sheet(
            "Realisasi Ekspor",
            ["REALISASI EKSPOR", f"{CITY} TAHUN {year}"],
            4,
            [
                Col("NO", kind="no", width=6),
                Col("EKSPORTIR", "nama_eksportir", width=30),
                Col("KOMODITAS", "komoditas", width=22),
                Col("NEGARA\nTUJUAN", "negara_tujuan", width=18),
                Col("VOLUME (kg)", "volume", "int", width=12),
                Col("NILAI FOB\n(USD)", "nilai_fob", "money", width=14),
                Col("KETERANGAN", kind="ket"),
            ],
        )
        sheet.blank_before = pick_indices(rng, n, 1)
        sheet.notes += [
            "title rows merged, header on row 4",
            "alias 'EKSPORTIR' for Nama Eksportir",
            "headers in capitals with line breaks",
            "trailing KETERANGAN column",
            "1 blank row inside the data",
        ]
    else:
        sheet = Sheet(
            "Realisasi Ekspor",
            [DINAS, f"REALISASI EKSPOR TAHUN {year}"],
            5,
            [
                Col("No", kind="no", width=6),
                Col("Nama Eksportir", "nama_eksportir", width=30),
                Col("Komoditas", "komoditas", width=22),
                Col("Negara Tujuan", "negara_tujuan", width=18),
                Col("Volume (kg)", "volume", "int", width=12),
                Col("Nilai FOB (ribu USD)", "nilai_fob", "number", scale=1000, width=14),
            ],
        )
        sheet.blank_before = pick_indices(rng, n, 1)
        sheet.total = Total("JUMLAH", "No", ["volume", "nilai_fob"])
        sheet.notes += [
            "title rows merged, two blank rows, header on row 5",
            "exports in thousands: 'Nilai FOB (ribu USD)' (values / 1000, e.g. 54.5)",
            "1 blank row inside the data",
            "JUMLAH row (label in No) with SUM formulas",
        ]

    def cell(i, r, c):
        if c.kind == "ket":
            return rng.choice(["PEB", "SKA Form A", "SKA Form IJEPA"]) if rng.random() < 0.2 else None
        return plain_cell(i, r, c)

    fill_rows(sheet, records, cell)
    return sheet


# ---- PDRB ADHK --------------------------------------------------------------------


def layout_pdrb(year: int, records: list[Record]) -> Sheet:
    title = "PDRB ATAS DASAR HARGA KONSTAN 2010 MENURUT LAPANGAN USAHA"
    if year == 2022:
        sheet = Sheet(
            "PDRB ADHK",
            [title, f"{CITY} TAHUN {year} (JUTA RUPIAH)"],
            4,
            [
                Col("Kode", "kode", width=9),
                Col("Lapangan Usaha", "lapangan_usaha", width=60),
                Col("Nilai (juta Rp)", "nilai", "decimal2", width=18),
            ],
        )
        sheet.total = Total("JUMLAH", "Lapangan Usaha", ["nilai"])
        sheet.notes += [
            "title rows merged, header on row 4",
            "JUMLAH row (label in Lapangan Usaha) with a SUM formula",
        ]
        cell = plain_cell
    elif year == 2023:
        sheet = Sheet(
            "PDRB ADHK",
            [f"{title} {CITY} TAHUN {year}*"],
            3,
            [
                Col("KODE", "kode", width=9),
                Col("LAPANGAN  USAHA", "lapangan_usaha", width=60),
                Col("PDRB ADHK\n(juta Rp)", "nilai", "decimal2", width=18),
            ],
        )
        as_text = {i for i, r in enumerate(records) if r["kode"] in ("C", "K")}
        sheet.notes += [
            "title row merged, header on row 3",
            "alias 'PDRB ADHK' for Nilai, header with a line break",
        ]

        def cell(i, r, c):
            if c.field == "nilai" and i in as_text:
                return id_number(r["nilai"], 2)
            return plain_cell(i, r, c)
    else:
        sheet = Sheet(
            "PDRB ADHK",
            [title, f"{CITY} TAHUN {year}**"],
            5,
            [
                Col("Kode Lapangan Usaha", "kode", width=12),
                Col("Lapangan Usaha", "lapangan_usaha", width=60),
                Col("Nilai (juta Rp)", "nilai", "decimal2", width=18),
                Col("Keterangan", kind="ket", width=24),
            ],
            first_col=1,
        )
        sheet.total = Total("TOTAL", "Lapangan Usaha", ["nilai"])
        sheet.notes += [
            "title rows merged, two blank rows, header on row 5 starting in column B",
            "alias 'Kode Lapangan Usaha'",
            "trailing Keterangan column",
            "TOTAL row (label in Lapangan Usaha) with a SUM formula",
        ]

        def cell(i, r, c):
            if c.kind == "ket":
                return "**) angka sangat sementara" if i == 0 else None
            return plain_cell(i, r, c)

    fill_rows(sheet, records, cell)
    return sheet


def extras_pdrb(year: int) -> list[Extra]:
    if year != 2023:
        return []
    return [
        Extra(
            "Catatan",
            [
                ["Sumber: BPS Kota Tirtamaya, Kota Tirtamaya Dalam Angka"],
                ["*) angka sementara"],
                ["Lapangan usaha M,N dan R,S,T,U digabung"],
            ],
            "extra sheet 'Catatan'",
        )
    ]


# =====================================================================================
# Writing workbooks
# =====================================================================================


class Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        border = {"border": 1}
        self.title = wb.add_format({"bold": True, "font_size": 12, "align": "center", "valign": "vcenter"})
        self.header = wb.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#D9E1F2",
                **border,
            }
        )
        self.text = wb.add_format(border)
        self.int = wb.add_format({"num_format": "0", **border})
        self.money = wb.add_format({"num_format": "#,##0", **border})
        self.number = wb.add_format({"num_format": "General", **border})
        self.decimal2 = wb.add_format({"num_format": "#,##0.00", **border})
        self.nib_number = wb.add_format({"num_format": "0", **border})
        self.total_label = wb.add_format({"bold": True, "align": "center", **border})
        self.total_money = wb.add_format({"bold": True, "num_format": "#,##0", **border})
        self.total_decimal2 = wb.add_format({"bold": True, "num_format": "#,##0.00", **border})
        self.bold = wb.add_format({"bold": True})

    def for_kind(self, kind: str):
        return {
            "int": self.int,
            "money": self.money,
            "number": self.number,
            "decimal2": self.decimal2,
            "nib_number": self.nib_number,
            "no": self.int,
        }.get(kind, self.text)


def write_cell(ws, row: int, col: int, value: Any, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, Formula):
        ws.write_formula(row, col, value.text, fmt, value.cached)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def write_sheet(wb: xlsxwriter.Workbook, fmts: Formats, sheet: Sheet) -> None:
    ws = wb.add_worksheet(sheet.name)
    c0, ncols = sheet.first_col, len(sheet.columns)
    assert sheet.header_row - 1 >= len(sheet.title) + 1, "keep a blank row between title and header"
    for r, line in enumerate(sheet.title):
        ws.merge_range(r, c0, r, c0 + ncols - 1, line, fmts.title)
    header = sheet.header_row - 1
    for j, col in enumerate(sheet.columns):
        ws.write_string(header, c0 + j, col.header, fmts.header)
        ws.set_column(c0 + j, c0 + j, col.width)
    ws.set_row(header, 32)
    ws.freeze_panes(header + 1, 0)
    where = {col.field: c0 + j for j, col in enumerate(sheet.columns) if col.field}
    r = header
    numeric_total: dict[int, float] = {}
    for i, cells in enumerate(sheet.rows):
        r += 1 + (i in sheet.blank_before)
        for j, (col, value) in enumerate(zip(sheet.columns, cells, strict=True)):
            if isinstance(value, Formula):
                refs = {f: xl_rowcol_to_cell(r, c) for f, c in where.items()}
                value = Formula(value.text.format(**refs), value.cached)
            write_cell(ws, r, c0 + j, value, fmts.for_kind(col.kind))
            # what Excel's SUM sees: numbers and cached formula values, never text
            number = value.cached if isinstance(value, Formula) else value
            if isinstance(number, (int, float)):
                numeric_total[j] = numeric_total.get(j, 0) + number
    if sheet.total:
        write_total(ws, fmts, sheet, header + 1, r, r + 1, numeric_total)


def write_total(
    ws, fmts: Formats, sheet: Sheet, first: int, last: int, row: int, sums: dict[int, float]
) -> None:
    c0, t = sheet.first_col, sheet.total
    headers = [col.header for col in sheet.columns]
    label_at = c0 + headers.index(t.label_col)
    if t.merge_to:
        ws.merge_range(row, label_at, row, c0 + headers.index(t.merge_to), t.label, fmts.total_label)
    else:
        ws.write_string(row, label_at, t.label, fmts.total_label)
    for j, col in enumerate(sheet.columns):
        if col.field in t.sums:
            c = c0 + j
            formula = f"=SUM({xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)})"
            fmt = fmts.total_decimal2 if col.kind in ("decimal2", "number") else fmts.total_money
            cached = sums.get(j, 0)
            ws.write_formula(row, c, formula, fmt, round(cached, 6) if isinstance(cached, float) else cached)


def write_extra(wb: xlsxwriter.Workbook, fmts: Formats, extra: Extra) -> None:
    ws = wb.add_worksheet(extra.name)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 90 if extra.name == "Catatan" else 14)
    for r, cells in enumerate(extra.rows):
        for c, value in enumerate(cells):
            write_cell(ws, r, c, value, fmts.bold if r == 0 else None)


def write_workbook(path: Path, sheets: list[Sheet], extras: list[Extra]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties(
        {
            "title": path.stem,
            "author": "Dinas Koperasi, Usaha Mikro dan Perdagangan",
            "company": "Pemerintah Kota Tirtamaya",
            "created": CREATED,
        }
    )
    wb.set_calc_mode("auto")
    fmts = Formats(wb)
    for sheet in sheets:
        write_sheet(wb, fmts, sheet)
    for extra in extras:
        write_extra(wb, fmts, extra)
    wb.close()


def write_year(out: Path, year: int, clean: dict[str, list[Record]]) -> list[tuple[str, str, int, list[str]]]:
    """Write the four workbooks of one year; return (workbook, sheet, rows, mess notes) per sheet."""
    folder = out / "data" / str(year)
    plan = [
        (
            WB_UMKM_IKM,
            [layout_umkm(year, clean["umkm"]), layout_ikm(year, clean["ikm"])],
            extras_umkm_ikm(year, clean["umkm"]),
        ),
        (WB_KOPERASI, [layout_koperasi(year, clean["koperasi"])], extras_koperasi(year, clean["koperasi"])),
        (
            WB_PERDAGANGAN,
            [
                layout_volume_perdagangan(year, clean["volume_perdagangan"]),
                layout_ekspor(year, clean["ekspor"]),
            ],
            [],
        ),
        (WB_PDRB, [layout_pdrb(year, clean["pdrb"])], extras_pdrb(year)),
    ]
    log = []
    for workbook, sheets, extras in plan:
        write_workbook(folder / workbook, sheets, extras)
        for sheet in sheets:
            log.append((workbook, sheet.name, sheet.records, sheet.notes))
        for extra in extras:
            log.append((workbook, extra.name, 0, [extra.note]))
    return log


# =====================================================================================


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "examples",
        help="folder to write data/<year>/*.xlsx and expected.json into (default: examples/)",
    )
    args = parser.parse_args(argv)

    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    clean = simulate_all()
    expected = compute_expected(spec, clean)
    logs = {year: write_year(args.out, year, clean[year]) for year in YEARS}
    (args.out / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    print(f"Wrote {args.out}/data/{{{','.join(map(str, YEARS))}}}/ and {args.out}/expected.json\n")
    print("Rows per sheet (records, without title, header, blank and total rows):")
    sheets = [(wb, name) for wb, name, rows, _ in logs[YEARS[0]] if rows]
    print(f"  {'workbook / sheet':<52}" + "".join(f"{y:>8}" for y in YEARS))
    for wb, name in sheets:
        counts = [next(rows for w, s, rows, _ in logs[y] if (w, s) == (wb, name)) for y in YEARS]
        print(f"  {wb + ' / ' + name:<52}" + "".join(f"{c:>8}" for c in counts))
    print("\nIndicators:")
    for ind_id in expected["indicators"][str(YEARS[-1])]:
        values = [expected["indicators"][str(y)][ind_id] for y in YEARS]
        print(
            f"  {ind_id:<6}"
            + "".join(f"{'null' if v is None else f'{v:.4f}':>12}" for v in values)
            + f"    ({', '.join(map(str, YEARS))})"
        )
    print("\nMess, per year / workbook / sheet:")
    for year in YEARS:
        for wb, name, _, notes in logs[year]:
            print(f"  {year} {wb} / {name}:")
            for note in notes:
                print(f"      - {note}")


if __name__ == "__main__":
    main()
