"""Generate the example workbooks of iku and their ground truth.

Writes, for the fictional Kota Tirtamaya and the years 2022, 2023 and 2024:

    <out>/data/<year>/bidang_usaha_mikro_ikm.xlsx   sheets "Data UMKM", "Direktori IKM"
    <out>/data/<year>/bidang_koperasi.xlsx          sheet  "Keragaan Koperasi"
    <out>/data/<year>/bidang_perdagangan.xlsx       sheets "Volume Perdagangan", "Realisasi Ekspor"
    <out>/data/<year>/pdrb.xlsx                     sheet  "PDRB ADHK"
    <out>/data/<year>/anggaran.xlsx                 sheet  "Realisasi Anggaran"
    <out>/expected.json                             every measure, indicator, capaian, average capaian and
                                                    budget per sasaran, per year

Run from the repository root (needs xlsxwriter and PyYAML):

    python scripts/make_examples.py            # writes examples/data/<year>/ and examples/expected.json
    python scripts/make_examples.py --out DIR  # writes DIR/data/<year>/ and DIR/expected.json

It prints the rows per sheet, the indicators, and the mess that went into each sheet.

Three layers, kept apart on purpose:

1. Clean records (``simulate_*``): plain dicts keyed by the column keys of indicators.yaml, one list per
   source and year, drawn from ``random.Random`` streams with fixed seeds (one stream per source).
   Businesses, IKM and koperasi persist across years under their NIB, name or nomor badan hukum.
2. Ground truth (``compute_expected``): every measure and indicator of indicators.yaml (a measure over two
   years follows the key through the clean records), each capaian against its target, the average capaian
   per tujuan, sasaran and overall, and the budget per sasaran from the sub kegiatan records, computed in pure
   Python from the clean records -- never by reading the workbooks back.
3. Mess (``LAYOUTS``, ``EXTRAS``): a table that says, per source and year, what its sheet looks like --
   title rows, header row and first column, each column's header, kind, width and unit (thousands), blank
   rows, numbers typed as text (and a text key stored as numbers), inconsistent categories, formulas with
   cached values, a Keterangan column, a JUMLAH row (over all rows, or over the program rows of a budget), a
   budget subtotal left stale -- and which undeclared sheets (Catatan, Rekap) a workbook carries. ``mess_sheet`` applies a
   layout to the records, ``write_sheet`` writes it, ``describe`` puts it into the words printed at the end.
   Workbook and sheet names come from indicators.yaml. The mess never changes the data: a correct reader
   gets the ground truth back.

Running twice gives byte-identical files: fixed seeds, a fixed 'created' date, and a fixed order of draws.
The mess of each (source, year) has its own stream, drawn in this order: the blank rows, the rows of each
``AsText`` in turn, then cell by cell, row by row and left to right, the categories and the remarks. Change
that order, or the records, and every file that depends on it changes: regenerate and say so.

To add a year: append it to YEARS and EKSPOR_RECORDS. The clean records of the earlier years stay the same
(each stream only draws further). Each source's sheet looks like its latest earlier layout unless you give
the year a ``Layout`` of its own in LAYOUTS; add an EXTRAS line for its extra sheets.

To add a mess: give ``Layout`` a field (default: no mess), apply it in ``mess_sheet`` -- after the existing
draws, so that the current files stay the same -- or in ``write_sheet`` if it is about rows rather than
cells, and say it in ``describe``. A mess that picks rows is an ``AsText``-like entry with a ``Pick``.

To add a source: declare it in indicators.yaml (workbook, sheet, columns), add ``simulate_<source>`` to
``simulate_all`` (its own stream, so the others do not move) and a ``Source`` with its layouts to LAYOUTS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
from collections.abc import Callable
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
UMKM_KIND_WEIGHTS = [38, 12, 8, 24, 14, 4]
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


# Each year a share of usaha mikro (binaan: trained, partnered, given market access) grows fast; the others drift.
SPURT_SHARE, SPURT, DRIFT = 0.12, (0.6, 0.3), (0.05, 0.12)  # lognormal (mu, sigma) of the yearly omzet factor
# A Mikro whose omzet is above Rp 300 jt is re-labelled Kecil with this chance: when it has just crossed the
# threshold, or when it was above it already (labels lag, so some firms stay Mikro above the threshold).
RELABEL_CROSSED, RELABEL_ABOVE = 0.5, 0.35


def simulate_umkm(rng: random.Random) -> dict[int, list[Record]]:
    """Businesses persist across years with their NIB; new ones register, a few disappear. Omzet drifts,
    a share of usaha mikro grows fast, and a Mikro above Rp 300 jt is only partly re-labelled Kecil: the
    cohort "naik kelas" (Mikro up to Rp 300 jt in n-1, above in n) holds firms of both labels."""
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
            mikro, above_before = b["skala_usaha"] == "Mikro", b["omzet"] > 300e6
            b["omzet"] *= rng.lognormvariate(*(SPURT if mikro and rng.random() < SPURT_SHARE else DRIFT))
            relabel = RELABEL_ABOVE if above_before else RELABEL_CROSSED
            if mikro and b["omzet"] > 300e6 and rng.random() < relabel:
                b["skala_usaha"] = "Kecil"
                b["tenaga_kerja"] = max(b["tenaga_kerja"], rng.randint(5, 8))
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
IKM_PREFIX = ["UD", "CV", "IKM", "Home Industri", "PT", "UD", "CV", ""]
# fmt: on


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


# fmt: off
KOPERASI_JENIS = [
    # (jenis koperasi, name prefixes, weight)
    ("Simpan Pinjam", ["KSP", "Koperasi Simpan Pinjam", "KSPPS"], 30),
    ("Konsumen", ["Koperasi Konsumen", "Kopkar", "KPRI", "Kopwan", "Koperasi Pegawai"], 40),
    ("Produsen", ["Koperasi Produsen", "KUD", "Koperasi Tani"], 14),
    ("Jasa", ["Koperasi Jasa", "Koperasi Angkutan"], 10),
    ("Pemasaran", ["Koperasi Pemasaran"], 6),
]
KOPERASI_WORDS = [
    "Sejahtera", "Mitra Usaha", "Bina Sejahtera", "Karya Mandiri", "Tunas Harapan", "Guru Tirtamaya",
    "RSUD Tirtamaya", "Bhakti Husada", "Mekar Sari", "Sumber Makmur", "Maju Bersama", "Harapan Jaya",
    "Melati", "Al Amanah", "Baitul Maal", "Pasar Baru", "Tani Makmur", "Nelayan Sejati", "Kartini",
    "Pamong Praja", "Setia Kawan", "Mulia", "Sauyunan", "Silih Asih", "Gotong Royong", "Bumi Lestari",
    "Swadaya", "Artha Guna", "Dharma Putra", "Citra Mandiri",
]
ROMAN = ["XI", "XII", "XIII", "XIV", "XVII"]
# fmt: on


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
EKSPOR_RECORDS = {2022: 38, 2023: 44, 2024: 51}  # shipment records per year


def simulate_ekspor(rng: random.Random) -> dict[int, list[Record]]:
    """Shipment records by exporter and destination; FOB values are whole multiples of USD 500
    (exact when a year reports them in ribu USD)."""
    out = {}
    for i, year in enumerate(YEARS):
        rows = []
        for _ in range(EKSPOR_RECORDS[year]):
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


# The Dinas' budget: Permendagri 90/2019 codes and names of a kota's urusan 2.17 (koperasi, UKM), 3.30
# (perdagangan) and 3.31 (perindustrian), each sub kegiatan with its 2024 pagu in juta Rp; program and
# kegiatan rows carry the sum of theirs. 2.17.01 is the secretariat's program (penunjang, no sasaran).
# 3.30.06 (metrologi) is in the 2024 budget only, and no sasaran's `program:` claims it.
# fmt: off
ANGGARAN = [
    ("2.17.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
    ("2.17.01.2.02", "Administrasi Keuangan Perangkat Daerah"),
    ("2.17.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 7450),
    ("2.17.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"),
    ("2.17.01.2.08.0004", "Penyediaan Jasa Pelayanan Umum Kantor", 1620),
    ("2.17.03", "PROGRAM PENGAWASAN DAN PEMERIKSAAN KOPERASI"),
    ("2.17.03.2.01", "Pemeriksaan dan Pengawasan Koperasi, Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang "
                     "Wilayah Keanggotaannya dalam Daerah Kabupaten/Kota"),
    ("2.17.03.2.01.0004", "Pelaksanaan Proses Pemeriksaan dan Pengawasan Koperasi yang Wilayah Keanggotaannya "
                          "Daerah Kabupaten/Kota", 185),
    ("2.17.06", "PROGRAM PEMBERDAYAAN DAN PERLINDUNGAN KOPERASI"),
    ("2.17.06.2.01", "Pemberdayaan dan Perlindungan Koperasi yang Keanggotaannya dalam Daerah Kabupaten/Kota"),
    ("2.17.06.2.01.0009", "Pemberdayaan Koperasi dengan Keanggotaan Daerah Kabupaten/Kota", 240),
    ("2.17.07", "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)"),
    ("2.17.07.2.01", "Pemberdayaan Usaha Mikro yang Dilakukan melalui Pendataan, Kemitraan, Kemudahan Perizinan, "
                     "Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan"),
    ("2.17.07.2.01.0003", "Fasilitasi Kemudahan Perizinan Usaha Mikro", 150),
    ("2.17.07.2.01.0015", "Peningkatan Pemahaman dan Pengetahuan UMKM serta Kapasitas dan Kompetensi SDM UMKM dan "
                          "Kewirausahaan melalui Pendidikan dan Pelatihan", 1150),
    ("2.17.08", "PROGRAM PENGEMBANGAN UMKM"),
    ("2.17.08.2.01", "Pengembangan Usaha Mikro dengan Orientasi Peningkatan Skala Usaha Menjadi Usaha Kecil"),
    ("2.17.08.2.01.0002", "Pengembangan Usaha Mikro", 720),
    ("3.30.03", "PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN"),
    ("3.30.03.2.01", "Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan"),
    ("3.30.03.2.01.0002", "Fasilitasi Pengelolaan Sarana Distribusi Perdagangan", 1450),
    ("3.30.04", "PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK DAN BARANG PENTING"),
    ("3.30.04.2.02", "Pengendalian Harga, dan Stok Barang Kebutuhan Pokok dan Barang Penting di Tingkat Pasar "
                     "Kabupaten/Kota"),
    ("3.30.04.2.02.0002", "Pemantauan Harga dan Stok Barang Kebutuhan Pokok dan Barang Penting pada Pasar Rakyat "
                          "yang Terintegrasi dalam Sistem Informasi Perdagangan", 310),
    ("3.30.05", "PROGRAM PENGEMBANGAN EKSPOR"),
    ("3.30.05.2.01", "Penyelenggaraan Promosi Dagang melalui Pameran Dagang dan Misi Dagang bagi Produk Ekspor "
                     "Unggulan yang Terdapat pada 1 (Satu) Daerah Kabupaten/Kota"),
    ("3.30.05.2.01.0002", "Pameran Dagang Nasional", 260),
    ("3.30.06", "PROGRAM STANDARDISASI DAN PERLINDUNGAN KONSUMEN"),
    ("3.30.06.2.01", "Pelaksanaan Metrologi Legal, Berupa Tera, Tera Ulang, dan Pengawasan"),
    ("3.30.06.2.01.0001", "Pelaksanaan Metrologi Legal, Berupa Tera, Tera Ulang", 95),
    ("3.31.02", "PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI"),
    ("3.31.02.2.01", "Penyusunan dan Evaluasi Rencana Pembangunan Industri Kabupaten/Kota"),
    ("3.31.02.2.01.0005", "Koordinasi, Sinkronisasi, dan Pelaksanaan Pemberdayaan Industri dan Peran Serta "
                          "Masyarakat", 520),
]
# fmt: on
ANGGARAN_ONLY = {"3.30.06": (2024,)}  # a program (and what is under it) present in these years only
ANGGARAN_LEVEL = {2022: 0.90, 2023: 0.95, 2024: 1.00}  # the budget of each year against 2024's
SALARIES = "2.17.01.2.02.0001"  # nearly all spent; other sub kegiatan 70-98 %


def simulate_anggaran(rng: random.Random) -> dict[int, list[Record]]:
    """Each year's export: every row of ANGGARAN, sub kegiatan with their pagu and realisasi (whole thousands
    of rupiah, so a year written in Rp.000 is exact), program and kegiatan rows with the sums of theirs."""
    out = {}
    for year in YEARS:
        rows = [r for r in ANGGARAN if year in ANGGARAN_ONLY.get(".".join(r[0].split(".")[:3]), YEARS)]
        detail = {}
        for kode, _, *base in rows:
            if base:
                pagu = round_to(base[0] * 1e6 * ANGGARAN_LEVEL[year] * rng.uniform(0.92, 1.08), 1_000_000)
                serapan = rng.uniform(0.96, 0.995) if kode == SALARIES else rng.uniform(0.70, 0.98)
                detail[kode] = (pagu, round_to(pagu * serapan, 1000))
        records = []
        for kode, nama, *base in rows:
            under = [v for k, v in detail.items() if k == kode or k.startswith(kode + ".")]
            pagu, realisasi = sum(p for p, _ in under), sum(r for _, r in under)
            records.append(
                {
                    "kode": kode,
                    "nama": nama,
                    "pagu": pagu,
                    "realisasi": realisasi,
                    "_sisa": pagu - realisasi,
                    "_persen": round(realisasi / pagu * 100, 2),
                    "_program": kode.count(".") == 2,
                    "_detail": bool(base),
                }
            )
        out[year] = records
    return out


def simulate_all() -> Clean:
    per_source = {
        "umkm": simulate_umkm(rng_for("umkm")),
        "ikm": simulate_ikm(rng_for("ikm")),
        "koperasi": simulate_koperasi(rng_for("koperasi")),
        "volume_perdagangan": simulate_volume_perdagangan(rng_for("volume_perdagangan")),
        "ekspor": simulate_ekspor(rng_for("ekspor")),
        "pdrb": simulate_pdrb(rng_for("pdrb")),
        "anggaran": simulate_anggaran(rng_for("anggaran")),
    }
    return {year: {source: data[year] for source, data in per_source.items()} for year in YEARS}


# --- Triwulan: DATA_DIR/<year>/TW<n>/, the same workbooks as they stood at the end of a quarter ------------
#
# Drawn from the clean records of the year (and the year before) on streams of their own, so that the annual
# files stay as they are. TW IV is the year itself. Registers are quarter-end snapshots: a business, IKM or
# koperasi new in the year appears from the quarter it registered, one that closed is gone from TW I, and a
# koperasi's status and scores are last year's until its RAT (most hold it in the first half). Flows (omzet,
# volume usaha, nilai produksi, volume perdagangan, realisasi anggaran) are the year to date: the year's value
# times a cumulative share that grows with each quarter; export shipments are those shipped by the quarter's
# end. pdrb.xlsx is not in TW I-III: BPS publishes a kota's PDRB once a year.
QUARTER_YEARS = (2023, 2024)  # 2023 for the c-to-c comparisons of 2024
QUARTERS = (1, 2, 3)  # and TW4, written from the year's own records
QUARTER_SOURCES = ("umkm", "ikm", "koperasi", "volume_perdagangan", "ekspor", "anggaran")
SHARE_STEP = (0.21, 0.29)  # the share of a year's flow in each of TW I-III, drawn per record
BUDGET_SHARE = (0.14, 0.39, 0.66)  # realisasi anggaran s.d. TW I-III, of the year's (spending lags)
RAT_WEIGHTS = (40, 35, 15, 10)  # the quarter a koperasi holds its RAT (and its new data are known)


def _shares(rng: random.Random) -> tuple[float, float, float, float]:
    """Cumulative shares of a year's flow at the end of TW I..IV (the last is 1)."""
    s1 = rng.uniform(*SHARE_STEP)
    s2 = s1 + rng.uniform(*SHARE_STEP)
    s3 = s2 + rng.uniform(*SHARE_STEP)
    return (s1, s2, s3, 1.0)


def _ytd(value: float, share: float, step: int) -> int | float:
    return 0 if not value else round_to(value * share, step)


def simulate_quarters(clean: Clean, year: int) -> dict[int, dict[str, list[Record]]]:
    """Records of TW I..III of ``year`` per source, from the year's records and the year before's."""
    now, before = clean[year], clean[year - 1]
    out: dict[int, dict[str, list[Record]]] = {q: {} for q in QUARTERS}

    rng = rng_for("triwulan", "umkm", year)
    known = {r["nib"] for r in before["umkm"]}
    last_year = {r["nib"]: r for r in before["umkm"]}
    plan = [(r, 0 if r["nib"] in known else rng.randint(1, 4), _shares(rng)) for r in now["umkm"]]
    for q in QUARTERS:
        rows = []
        for r, since, share in plan:
            if since <= q:  # skala as verified last year until the year's verification (TW IV)
                skala = last_year[r["nib"]]["skala_usaha"] if r["nib"] in last_year else r["skala_usaha"]
                rows.append({**r, "skala_usaha": skala, "omzet": _ytd(r["omzet"], share[q - 1], 1000)})
        out[q]["umkm"] = rows

    rng = rng_for("triwulan", "ikm", year)
    known = {r["nama_ikm"] for r in before["ikm"]}
    plan = [(r, 0 if r["nama_ikm"] in known else rng.randint(1, 4), _shares(rng)) for r in now["ikm"]]
    for q in QUARTERS:
        out[q]["ikm"] = [
            {**r, "nilai_produksi": _ytd(r["nilai_produksi"], share[q - 1], 50_000)}
            for r, since, share in plan
            if since <= q
        ]

    rng = rng_for("triwulan", "koperasi", year)
    last_row = {r["nomor_badan_hukum"]: r for r in before["koperasi"]}
    kplan = []
    for r in now["koperasi"]:
        old = last_row.get(r["nomor_badan_hukum"])
        rat = rng.choices((1, 2, 3, 4), RAT_WEIGHTS)[0]
        kplan.append((r, old, 0 if old else rng.randint(1, 4), rat, _shares(rng)))
    for q in QUARTERS:
        rows = []
        for r, old, since, rat, share in kplan:
            if since <= q:
                shown = r if old is None or rat <= q else {**old, "nama_koperasi": r["nama_koperasi"]}
                rows.append({**shown, "volume_usaha": _ytd(r["volume_usaha"], share[q - 1], 1000)})
        out[q]["koperasi"] = rows

    rng = rng_for("triwulan", "volume_perdagangan", year)
    plan = [(r, None, _shares(rng)) for r in now["volume_perdagangan"]]
    for q in QUARTERS:
        rows = []
        for r, _, share in plan:
            kg = int(round(r["volume"] * share[q - 1]))
            rows.append({**r, "volume": kg, "nilai_transaksi": kg * r["_harga"]})
        out[q]["volume_perdagangan"] = rows

    rng = rng_for("triwulan", "ekspor", year)
    shipped = [(r, rng.randint(1, 4)) for r in now["ekspor"]]
    for q in QUARTERS:
        out[q]["ekspor"] = [r for r, when in shipped if when <= q]

    rng = rng_for("triwulan", "anggaran", year)
    detail = {
        r["kode"]: [min(1.0, BUDGET_SHARE[q] * rng.uniform(0.8, 1.2)) for q in range(3)]
        for r in now["anggaran"]
        if r["_detail"]
    }
    year_realisasi = {r["kode"]: r["realisasi"] for r in now["anggaran"]}
    for q in QUARTERS:
        spent = {k: round_to(year_realisasi[k] * shares[q - 1], 1000) for k, shares in detail.items()}
        rows = []
        for r in now["anggaran"]:
            realisasi = sum(v for k, v in spent.items() if k == r["kode"] or k.startswith(r["kode"] + "."))
            persen = round(realisasi / r["pagu"] * 100, 2) if r["pagu"] else 0
            rows.append({**r, "realisasi": realisasi, "_sisa": r["pagu"] - realisasi, "_persen": persen})
        out[q]["anggaran"] = rows
    return out  # no "pdrb": not written in TW I-III


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


def measure_value(measure: dict, records: list[Record], before: list[Record] | None = None) -> int | float:
    """A measure over one year's records; with `where_previous`, over those whose key had, in `before`
    (the year before's records), a record that `where_previous` keeps."""
    rows = [r for r in records if matches(r, measure.get("where"))]
    if "where_previous" in measure:
        key = measure["_key"]
        followed = {r[key] for r in before or [] if matches(r, measure["where_previous"])}
        rows = [r for r in rows if r[key] in followed]
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
    def total(year_: int, names: list[str]) -> int | float | None:
        values = [measures.get(year_, {}).get(name) for name in names]
        return None if None in values else sum(v for v in values if v is not None)

    if formula["type"] == "growth":
        now, before = total(year, formula["measures"]), total(year - 1, formula["measures"])
        return None if now is None or before is None else (now - before) / before * 100
    if formula["type"] == "ratio":
        num, den = total(year, formula["numerator"]), total(year, formula["denominator"])
        return None if num is None or den is None else num / den * 100
    raise ValueError(f"unknown formula type {formula['type']}")


def measure_for(spec: dict, name: str, clean: Clean, year: int) -> int | float | None:
    """A measure for the report of `year`: of year n or n-1 (`year: n-1`), over one year or two; None
    when a year it reads is not generated."""
    m = {**spec["measures"][name], "_key": spec["sources"][spec["measures"][name]["source"]].get("key")}
    own = year - 1 if m.get("year") == "n-1" else year
    needs = [own - 1, own] if "where_previous" in m else [own]
    if not all(y in clean for y in needs):
        return None
    before = clean[own - 1][m["source"]] if "where_previous" in m else None
    return measure_value(m, clean[own][m["source"]], before)


def annual_target(ind: dict, year: int) -> float | list[float] | None:
    """The year's target: a number or range, or the `tahunan` of {tahunan, tw}."""
    target = ind.get("targets", {}).get(year)
    return target["tahunan"] if isinstance(target, dict) else target


def capaian(value: float | None, target: float | list[float] | None, better: str) -> float | None:
    """(1 + (R - T) / |T|) x 100, or (1 - ...) when lower is better; a range: 100 inside, else its nearer bound."""
    if value is None or target is None:
        return None
    if isinstance(target, list):
        if target[0] <= value <= target[1]:
            return 100.0
        target = target[1] if value > target[1] else target[0]
    if target == 0:
        return None
    relative = (value - target) / abs(target)
    return (1 - relative if better == "lower" else 1 + relative) * 100


def averages(spec: dict, capaian_of: dict[str, float | None]) -> dict[str, float | None]:
    """The mean capaian per tujuan (its own indicators), per sasaran, and over all ("keseluruhan")."""

    def mean(ids: list[str]) -> float | None:
        present = [capaian_of[i] for i in ids if capaian_of[i] is not None]
        return sum(present) / len(present) if present else None

    groups = {}
    for tujuan in spec["tujuan"]:
        groups[tujuan["id"]] = mean([ind["id"] for ind in tujuan.get("indikator", [])])
        for sasaran in tujuan.get("sasaran", []):
            groups[sasaran["id"]] = mean([ind["id"] for ind in sasaran["indikator"]])
    return groups | {"keseluruhan": mean(list(capaian_of))}


def compute_expected(spec: dict, clean: Clean) -> dict:
    measures = {
        year: {name: measure_for(spec, name, clean, year) for name in spec["measures"]} for year in YEARS
    }
    indicators = {
        year: {ind["id"]: indicator_value(ind["formula"], measures, year) for ind in all_indicators(spec)}
        for year in YEARS
    }
    capaians = {
        year: {
            ind["id"]: capaian(
                indicators[year][ind["id"]], annual_target(ind, year), ind.get("better", "higher")
            )
            for ind in all_indicators(spec)
        }
        for year in YEARS
    }
    means = {year: averages(spec, capaians[year]) for year in YEARS}
    return {
        "measures": {str(y): v for y, v in measures.items()},
        "indicators": {str(y): v for y, v in indicators.items()},
        "capaian": {str(y): v for y, v in capaians.items()},
        "rata_rata_capaian": {str(y): v for y, v in means.items()},
        "anggaran": {str(y): budget(spec, clean[y]["anggaran"], means[y]) for y in YEARS},
    }


def quarter_reading(ind: dict) -> str | None:
    """How an indicator is read over part of a year, as indicators.yaml declares it (a ratio: on the quarter)."""
    declared = ind.get("triwulan")
    reading = declared.get("bacaan") if isinstance(declared, dict) else declared
    return reading or ("triwulan" if ind["formula"]["type"] == "ratio" else None)


def compute_expected_quarters(spec: dict, clean: Clean, quarters: dict[int, dict[int, dict]]) -> dict:
    """Per year and triwulan: each indicator by its reading (c-to-c: the same quarter of n-1; snapshot: the
    annual records of n-1; a ratio: the quarter's records, n-1 from the annual ones), and its capaian
    against the target of the quarter (nilai akhir: TW n's; kumulatif: the sum so far)."""
    out: dict = {}
    for year in QUARTER_YEARS[1:]:
        for q in (*QUARTERS, 4):
            values, capaians = {}, {}
            for ind in all_indicators(spec):
                reading = quarter_reading(ind)
                before = {"c-to-c": quarters[year - 1][q], "snapshot": clean[year - 1]}.get(reading or "")
                data = {year: quarters[year][q], year - 1: before or clean[year - 1]}
                names = ind["formula"].get("measures", []) + ind["formula"].get("numerator", [])
                names += ind["formula"].get("denominator", [])
                value = None
                if reading in ("c-to-c", "snapshot", "triwulan"):
                    measures = {
                        y: {n: measure_for(spec, n, {**clean, **data}, y) for n in names}
                        for y in (year - 1, year)
                    }
                    if reading != "triwulan":  # a growth: V(n-1) of the folder it is compared with
                        measures[year - 1] = {n: measure_value_of(spec, n, before) for n in names}
                    value = indicator_value(ind["formula"], measures, year)
                target = ind.get("targets", {}).get(year)
                tw = target.get("tw") if isinstance(target, dict) else None
                kumulatif = (
                    isinstance(ind.get("triwulan"), dict) and ind["triwulan"].get("capaian") == "kumulatif"
                )
                goal = None if tw is None else sum(tw[:q]) if kumulatif else tw[q - 1]
                values[ind["id"]] = value
                capaians[ind["id"]] = capaian(value, goal, ind.get("better", "higher"))
            out[f"{year}/TW{q}"] = {
                "indicators": values,
                "capaian": capaians,
                "rata_rata_capaian": averages(spec, capaians),
            }
    return out


def measure_value_of(spec: dict, name: str, records: dict[str, list[Record]] | None) -> int | float | None:
    """A plain measure (no year n-1, no where_previous) over one folder's records."""
    m = spec["measures"][name]
    return None if records is None else measure_value(m, records[m["source"]])


def budget(spec: dict, records: list[Record], means: dict[str, float | None]) -> dict:
    """Pagu and realisasi of the sub kegiatan per sasaran (by its `program:` codes), of the penunjang codes,
    of those no one claims, and of all; serapan, and efisien (average capaian >= serapan) per sasaran."""
    detail = [r for r in records if r["_detail"]]

    def total(codes: list[str]) -> dict:
        rows = [r for r in detail if any(r["kode"] == c or r["kode"].startswith(c + ".") for c in codes)]
        pagu, realisasi = sum(r["pagu"] for r in rows), sum(r["realisasi"] for r in rows)
        return {"pagu": pagu, "realisasi": realisasi, "serapan": realisasi / pagu * 100 if pagu else None}

    out = {}
    for tujuan in spec["tujuan"]:
        for sasaran in tujuan.get("sasaran", []):
            out[sasaran["id"]] = line = total(sasaran.get("program", []))
            capaian = means[sasaran["id"]]
            line["efisien"] = (
                None if capaian is None or line["serapan"] is None else capaian >= line["serapan"]
            )
    claimed = [c for t in spec["tujuan"] for s in t.get("sasaran", []) for c in s.get("program", [])]
    penunjang = spec["anggaran"]["penunjang"]
    out["penunjang"] = total(penunjang)
    out["tidak_terkait_sasaran"] = [
        r["kode"] for r in detail if not any(r["kode"].startswith(c + ".") for c in claimed + penunjang)
    ]
    out["jumlah"] = total(sorted({r["kode"] for r in detail}))
    return out


# =====================================================================================
# 3. Mess: a table of sheet layouts (LAYOUTS, EXTRAS) and the few functions that apply it
# =====================================================================================


@dataclass(frozen=True)
class Formula:
    """A formula cell with its cached value; ``{field}`` in the text is this row's cell of that column."""

    text: str
    cached: int | float


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


def decimals_as_text(rng: random.Random, value: float) -> str:
    """The way a number pasted from a report arrives: "7.829.094,28" (draws nothing)."""
    return id_number(value, 2)


CATEGORY_VARIANTS = {
    "Mikro": ["MIKRO", "mikro ", "mikro", "Mikro "],
    "Kecil": ["KECIL", "kecil", " Kecil"],
    "Menengah": ["MENENGAH", "menengah"],
    "Aktif": [" Aktif", "AKTIF", "aktif", "Aktif "],
    "Tidak Aktif": ["tidak aktif", "TIDAK AKTIF", "Tidak aktif", "Tidak  Aktif"],
}


def messy_category(rng: random.Random, value: str, share: float) -> str:
    return rng.choice(CATEGORY_VARIANTS[value]) if rng.random() < share else value


def pick_rows(rng: random.Random, n: int, count: int, avoid_first: int = 3) -> set[int]:
    """`count` distinct record indices, away from the very first rows."""
    return set(rng.sample(range(avoid_first, n), count))


# Which rows a mess touches: pick(rng, records, key) -> record indices.
Pick = Callable[[random.Random, list[Record], str], set[int]]


def share_of_rows(share: float) -> Pick:
    """A share of all rows, away from the first three."""
    return lambda rng, records, key: pick_rows(rng, len(records), round(len(records) * share))


def share_with_value(share: float) -> Pick:
    """As many rows as `share` of all rows, among those whose value is not zero."""
    return lambda rng, records, key: set(
        rng.sample([i for i, r in enumerate(records) if r[key]], round(len(records) * share))
    )


def with_cents(count: int) -> Pick:
    """`count` rows whose value has a fraction (books kept to the half rupiah)."""
    return lambda rng, records, key: set(rng.sample([i for i, r in enumerate(records) if r[key] % 1], count))


def rows_where(test: Callable[[Record], bool]) -> Pick:
    """The rows that pass `test` (draws nothing)."""
    return lambda rng, records, key: {i for i, r in enumerate(records) if test(r)}


@dataclass(frozen=True)
class Col:
    """A column as typed in the sheet. In LAYOUTS only header and what differs from the source's default."""

    header: str
    field: str = ""  # a clean record key; "#" a running number, "ket" a Keterangan column
    kind: str = (
        ""  # text, no, ket, int, money, number, decimal2, as_number (digits of a text column as a number)
    )
    scale: int = 1  # the file holds value / scale (the header says Rp.000 or ribu USD)
    width: float = 0


@dataclass(frozen=True)
class AsText:
    """Numbers of `field` typed as text in the rows `pick` chooses, written the way `style` writes them."""

    field: str
    pick: Pick
    style: Callable[[random.Random, float], str] = money_as_text


@dataclass(frozen=True)
class Remarks:
    """The Keterangan column: one of `texts` in a `share` of rows; share None: texts[0] on the first row only."""

    texts: tuple[str, ...]
    share: float | None = None

    def cell(self, rng: random.Random, i: int) -> str | None:
        if self.share is None:
            return self.texts[0] if i == 0 else None
        return rng.choice(self.texts) if rng.random() < self.share else None


@dataclass(frozen=True)
class Total:
    """A total row under the data: `label` in the column of `at` (merged up to `merge_to`), SUM under `sums`."""

    label: str
    at: str
    sums: tuple[str, ...]
    merge_to: str | None = None
    only: str | None = None  # sum only the rows whose record has this key true (a budget's program rows)


@dataclass(frozen=True)
class Layout:
    """How the sheet of one source looks in one year."""

    title: tuple[str, ...]  # merged lines on top; {city}, {dinas} and {year} are filled in
    header_row: int  # 1-based, as a person reading the sheet would say
    columns: dict[str, str | Col]  # record key ("#", "ket") -> header, in sheet order
    first_col: int = 0  # 1: the table starts in column B
    # the mess (mess_sheet draws for blank, then as_text, then cell by cell for categories and remarks)
    blank: int = 0  # empty rows scattered inside the data
    as_text: tuple[AsText, ...] = ()
    categories: dict[str, float] = field(default_factory=dict)  # key -> share typed inconsistently
    formulas: dict[str, str] = field(default_factory=dict)  # key -> formula, cached value = the record's
    remarks: Remarks | None = None  # what a "ket" column holds (empty if None)
    total: Total | None = None
    stale: tuple[str, str, float] | None = None  # (kode, key, amount added): a subtotal not updated


@dataclass(frozen=True)
class Source:
    """A source of indicators.yaml (its workbook and sheet are declared there) and its layout per year."""

    key: str
    fields: dict[str, tuple[str, float]]  # record key -> (kind, width), unless a year's Col says otherwise
    years: dict[int, Layout]

    def layout(self, year: int) -> Layout:
        """The year's layout; a year without one looks like the latest year before it."""
        return self.years[max(y for y in self.years if y <= year)]


COMMON_FIELDS = {"#": ("no", 6), "ket": ("ket", 14)}  # a running number; a Keterangan column
SKOR = {f"skor_{a}": f"Skor {a.title()}" for a in ("kelembagaan", "keuangan", "usaha", "manfaat")}
SKOR_CAPS = {key: header.upper().replace(" ", "\n") for key, header in SKOR.items()}
PDRB_TITLE = "PDRB ATAS DASAR HARGA KONSTAN 2010 MENURUT LAPANGAN USAHA"
# fmt: off
KET_UMKM = ("Binaan", "Data OSS", "Verifikasi lapangan", "Pindah lokasi", "Peserta pelatihan", "Belum verifikasi")
KET_KOPERASI = ("Sudah RAT", "Belum RAT", "Dalam pengawasan", "RAT daring", "Perubahan AD/ART")

# Source(key in indicators.yaml, {record key: (kind, width)},
#        {year: Layout(title lines, header row, {record key: header or Col}, first column, the mess ...)})
LAYOUTS = (
    Source("umkm", {"nib": ("text", 17), "nama_usaha": ("text", 30), "kecamatan": ("text", 18), "skala_usaha": ("text", 11),
                    "omzet": ("money", 18), "tenaga_kerja": ("int", 9), "ket": ("ket", 20)}, {
        2022: Layout(
            ("DATA USAHA MIKRO, KECIL DAN MENENGAH (UMKM)", "{city} TAHUN {year}"), 4,
            {"#": "NO", "nib": Col("NOMOR INDUK\nBERUSAHA", kind="as_number"), "nama_usaha": "NAMA  USAHA",
             "kecamatan": "KECAMATAN", "sektor_usaha": "SEKTOR\nUSAHA", "skala_usaha": "SKALA\nUSAHA",
             "omzet": "OMZET PER TAHUN\n(Rp)", "tenaga_kerja": "TENAGA\nKERJA", "ket": "KETERANGAN"},
            blank=3, categories={"skala_usaha": 0.07}, remarks=Remarks(KET_UMKM, 0.15),
            total=Total("JUMLAH", "#", ("omzet", "tenaga_kerja"))),
        2023: Layout(
            ("DATA UMKM {city} TAHUN {year}",), 3,
            {"nama_usaha": "Nama Usaha", "nib": "NIB", "skala_usaha": "Skala Usaha", "omzet": "Omzet per Tahun (Rp)",
             "tenaga_kerja": "Tenaga Kerja", "sektor_usaha": "Sektor Usaha", "kecamatan": "Kecamatan"}, first_col=1,
            blank=2, as_text=(AsText("omzet", share_of_rows(0.03)),)),
        2024: Layout(
            ("{dinas}", "DATA UMKM {city} TAHUN {year}", "Keadaan s.d. 31 Desember {year}"), 5,
            {"#": "No", "nib": "NIB", "nama_usaha": "Nama UMKM", "kecamatan": "Kecamatan", "sektor_usaha": "Sektor",
             "skala_usaha": "Skala Usaha", "omzet": "Omzet per Tahun\n(Rp)", "tenaga_kerja": "Jumlah Tenaga Kerja",
             "ket": "Keterangan"},
            blank=4, categories={"skala_usaha": 0.05}, remarks=Remarks(KET_UMKM, 0.15),
            total=Total("JUMLAH", "nama_usaha", ("omzet", "tenaga_kerja"))),
    }),
    Source("ikm", {"nama_ikm": ("text", 30), "komoditas": ("text", 20), "kecamatan": ("text", 18),
                   "tenaga_kerja": ("int", 9), "nilai_investasi": ("money", 18), "nilai_produksi": ("money", 18)}, {
        2022: Layout(
            ("DIREKTORI INDUSTRI KECIL DAN MENENGAH {city} TAHUN {year}",), 3,
            {"#": "No", "nama_ikm": "Nama IKM", "komoditas": "Komoditas", "kecamatan": "Kecamatan",
             "tenaga_kerja": "Tenaga Kerja", "nilai_investasi": "Nilai Investasi (Rp)",
             "nilai_produksi": "Nilai Produksi (Rp)", "ket": "Keterangan"},
            total=Total("JUMLAH", "#", ("tenaga_kerja", "nilai_investasi", "nilai_produksi"), merge_to="kecamatan")),
        2023: Layout(
            ("DIREKTORI IKM", "{city} TAHUN {year}"), 4,
            {"#": "NO", "nama_ikm": "NAMA PERUSAHAAN", "komoditas": "KOMODITAS", "kecamatan": "KECAMATAN",
             "tenaga_kerja": "TENAGA KERJA", "nilai_investasi": Col("NILAI INVESTASI (Rp.000)", scale=1000),
             "nilai_produksi": Col("NILAI PRODUKSI (Rp.000)", scale=1000)},
            blank=1, total=Total("TOTAL", "#", ("tenaga_kerja", "nilai_investasi", "nilai_produksi"))),
        2024: Layout(
            ("{dinas}", "DIREKTORI IKM TAHUN {year}"), 5,
            {"nama_ikm": "Nama IKM", "komoditas": "Komoditas", "kecamatan": "Kecamatan",
             "tenaga_kerja": "Jumlah Tenaga Kerja", "nilai_investasi": "Nilai Investasi\n(Rp)",
             "nilai_produksi": "Nilai Produksi\n(Rp)"}, first_col=1,
            blank=2, as_text=(AsText("nilai_investasi", share_of_rows(0.05)), AsText("nilai_produksi", share_of_rows(0.03)))),
    }),
    Source("koperasi", {"nomor_badan_hukum": ("text", 32), "nama_koperasi": ("text", 32), "status": ("text", 12),
                        "jumlah_anggota": ("int", 10), "volume_usaha": ("money", 20),
                        **{key: ("number", 12) for key in SKOR}}, {
        2022: Layout(
            ("DATA KERAGAAN KOPERASI", "{city} TAHUN {year}"), 4,
            {"#": "No", "nomor_badan_hukum": "Nomor Badan Hukum", "nama_koperasi": "Nama Koperasi",
             "jenis_koperasi": "Jenis Koperasi", "status": "Status", "jumlah_anggota": "Jumlah Anggota",
             "volume_usaha": "Volume Usaha (Rp)", **SKOR, "ket": "Keterangan"},
            # a few percent of the volumes typed as text, among them books kept to the half rupiah
            as_text=(AsText("volume_usaha", share_with_value(0.04)), AsText("volume_usaha", with_cents(3))),
            categories={"status": 0.12}, remarks=Remarks(KET_KOPERASI, 0.3)),
        2023: Layout(
            ("KERAGAAN KOPERASI {city} TAHUN {year}",), 3,
            {"nomor_badan_hukum": "NOMOR BADAN\nHUKUM", "nama_koperasi": "NAMA  KOPERASI", "jenis_koperasi": "JENIS",
             "status": "STATUS", "jumlah_anggota": "JUMLAH\nANGGOTA", "volume_usaha": "VOLUME USAHA\n(Rp)",
             **SKOR_CAPS, "ket": "KETERANGAN"}, first_col=1,
            blank=2, remarks=Remarks(KET_KOPERASI, 0.3),
            total=Total("JUMLAH", "nama_koperasi", ("jumlah_anggota", "volume_usaha"))),
        2024: Layout(
            ("{dinas}", "DATA KERAGAAN KOPERASI TAHUN {year}", "Posisi 31 Desember {year}"), 5,
            {"#": "No", "nomor_badan_hukum": "No. Badan Hukum", "nama_koperasi": "Nama Koperasi",
             "jenis_koperasi": "Jenis Koperasi", "status": "Status Koperasi", "jumlah_anggota": "Jumlah Anggota",
             "volume_usaha": "Volume Usaha (Rp)", **SKOR, "ket": "Keterangan"},
            blank=1, categories={"status": 0.10}, remarks=Remarks(KET_KOPERASI, 0.3),
            total=Total("JUMLAH", "#", ("jumlah_anggota", "volume_usaha"))),
    }),
    Source("volume_perdagangan", {"nama_pasar": ("text", 26), "komoditas": ("text", 24), "volume": ("int", 14),
                                  "_harga": ("money", 14), "nilai_transaksi": ("money", 18)}, {
        2022: Layout(
            ("HASIL SURVEI VOLUME PERDAGANGAN BAHAN POKOK", "{city} TAHUN {year}"), 4,
            {"#": "No", "nama_pasar": "Nama Pasar", "komoditas": "Komoditas", "volume": "Volume (kg)",
             "_harga": "Harga Rata-rata (Rp/kg)", "nilai_transaksi": "Nilai Transaksi (Rp)"},
            as_text=(AsText("nilai_transaksi", share_of_rows(0.04)),)),
        2023: Layout(
            ("VOLUME PERDAGANGAN {city} TAHUN {year}",), 3,
            {"nama_pasar": "Nama Pasar", "komoditas": "Komoditas", "volume": "Volume (kg)",
             "_harga": "Harga Rata-rata (Rp/kg)", "nilai_transaksi": "Nilai Transaksi (Rp)"},
            formulas={"nilai_transaksi": "={volume}*{_harga}"},
            total=Total("JUMLAH", "nama_pasar", ("volume", "nilai_transaksi"))),
        2024: Layout(
            ("{dinas}", "VOLUME PERDAGANGAN DALAM DAERAH TAHUN {year}"), 5,
            {"#": "No", "nama_pasar": "NAMA PASAR", "komoditas": "KOMODITAS", "volume": "VOLUME\n(kg)",
             "_harga": "HARGA RATA-RATA\n(Rp/kg)", "nilai_transaksi": "NILAI TRANSAKSI\n(Rp)", "ket": "KETERANGAN"},
            first_col=1, blank=3, formulas={"nilai_transaksi": "={volume}*{_harga}"},
            remarks=Remarks(("Survei Juni", "Survei Desember"), 0.1),
            total=Total("TOTAL", "#", ("volume", "nilai_transaksi"))),
    }),
    Source("ekspor", {"nama_eksportir": ("text", 30), "komoditas": ("text", 22), "negara_tujuan": ("text", 18),
                      "volume": ("int", 12), "nilai_fob": ("money", 14)}, {
        2022: Layout(
            ("REALISASI EKSPOR {city} TAHUN {year}",), 3,
            {"#": "No", "nama_eksportir": "Nama Eksportir", "komoditas": "Komoditas", "negara_tujuan": "Negara Tujuan",
             "volume": "Volume (kg)", "nilai_fob": "Nilai FOB (USD)"}),
        2023: Layout(
            ("REALISASI EKSPOR", "{city} TAHUN {year}"), 4,
            {"#": "NO", "nama_eksportir": "EKSPORTIR", "komoditas": "KOMODITAS", "negara_tujuan": "NEGARA\nTUJUAN",
             "volume": "VOLUME (kg)", "nilai_fob": "NILAI FOB\n(USD)", "ket": "KETERANGAN"},
            blank=1, remarks=Remarks(("PEB", "SKA Form A", "SKA Form IJEPA"), 0.2)),
        2024: Layout(
            ("{dinas}", "REALISASI EKSPOR TAHUN {year}"), 5,
            {"#": "No", "nama_eksportir": "Nama Eksportir", "komoditas": "Komoditas", "negara_tujuan": "Negara Tujuan",
             "volume": "Volume (kg)", "nilai_fob": Col("Nilai FOB (ribu USD)", kind="number", scale=1000)},
            blank=1, total=Total("JUMLAH", "#", ("volume", "nilai_fob"))),
    }),
    Source("pdrb", {"kode": ("text", 9), "lapangan_usaha": ("text", 60), "nilai": ("decimal2", 18)}, {
        2022: Layout(
            (PDRB_TITLE, "{city} TAHUN {year} (JUTA RUPIAH)"), 4,
            {"kode": "Kode", "lapangan_usaha": "Lapangan Usaha", "nilai": "Nilai (juta Rp)"},
            total=Total("JUMLAH", "lapangan_usaha", ("nilai",))),
        2023: Layout(
            (PDRB_TITLE + " {city} TAHUN {year}*",), 3,
            {"kode": "KODE", "lapangan_usaha": "LAPANGAN  USAHA", "nilai": "PDRB ADHK\n(juta Rp)"},
            as_text=(AsText("nilai", rows_where(lambda r: r["kode"] in ("C", "K")), decimals_as_text),)),
        2024: Layout(
            (PDRB_TITLE, "{city} TAHUN {year}**"), 5,
            {"kode": Col("Kode Lapangan Usaha", width=12), "lapangan_usaha": "Lapangan Usaha",
             "nilai": "Nilai (juta Rp)", "ket": Col("Keterangan", width=24)}, first_col=1,
            remarks=Remarks(("**) angka sangat sementara",)), total=Total("TOTAL", "lapangan_usaha", ("nilai",))),
    }),
    # program, kegiatan and sub kegiatan rows together; the JUMLAH row totals the program rows
    Source("anggaran", {"kode": ("text", 20), "nama": ("text", 70), "pagu": ("money", 18), "realisasi": ("money", 18),
                        "_sisa": ("money", 18), "_persen": ("decimal2", 9)}, {
        2022: Layout(
            ("REALISASI ANGGARAN PER PROGRAM, KEGIATAN DAN SUB KEGIATAN", "{dinas}", "TAHUN ANGGARAN {year}"), 5,
            {"kode": "Kode", "nama": "Program/Kegiatan/Sub Kegiatan", "pagu": "Pagu (Rp)", "realisasi": "Realisasi (Rp)",
             "_persen": "%"},
            as_text=(AsText("pagu", share_of_rows(0.12)),),
            total=Total("JUMLAH", "kode", ("pagu", "realisasi"), merge_to="nama", only="_program")),
        2023: Layout(
            ("LAPORAN REALISASI ANGGARAN {dinas} TAHUN {year}",), 3,
            {"kode": "KODE", "nama": "URAIAN", "pagu": Col("PAGU\n(Rp.000)", scale=1000),
             "realisasi": Col("REALISASI\n(Rp.000)", scale=1000), "_sisa": Col("SISA\n(Rp.000)", scale=1000)},
            blank=1, stale=("2.17.07.2.01", "pagu", 25_000_000),
            total=Total("JUMLAH", "kode", ("pagu", "realisasi", "_sisa"), merge_to="nama", only="_program")),
        2024: Layout(
            ("{dinas}", "REALISASI ANGGARAN TAHUN {year}", "Keadaan s.d. 31 Desember {year}"), 5,
            {"#": "No", "kode": "Kode", "nama": "Program/Kegiatan/Sub Kegiatan", "pagu": "Pagu (Rp)",
             "realisasi": "Realisasi (Rp)", "_sisa": "Sisa (Rp)", "_persen": "Serapan (%)"}, first_col=1,
            formulas={"_sisa": "={pagu}-{realisasi}"}, total=Total("TOTAL", "nama", ("pagu", "realisasi", "_sisa"),
                                                                    only="_program")),
    }),
)
# fmt: on


@dataclass
class Sheet:
    """One sheet ready to write: its layout, the columns resolved, one list of cells per record."""

    name: str
    title: list[str]
    layout: Layout
    columns: list[Col]
    rows: list[list[Any]]
    blank_before: set[int]
    notes: list[str]
    summed: list[bool] = field(default_factory=list)  # which rows the total row sums (all when empty)


def plain_cell(i: int, record: Record, col: Col) -> Any:
    if col.kind == "no":
        return i + 1
    if col.kind == "ket":
        return None
    value = record.get(col.field)
    if col.kind == "as_number":  # digits of a text column (a NIB) stored as a number
        return int(value)
    if value is not None and col.scale != 1:
        value = value / col.scale
        value = int(value) if value == int(value) else value
    return value


def mess_sheet(source: Source, declared: dict, year: int, records: list[Record]) -> Sheet:
    """The sheet of `source` in `year`: the clean records laid out and messed up as LAYOUTS says.

    `declared` is the source as indicators.yaml declares it (sheet name, columns). Draws from the stream
    ("mess", source, year) in a fixed order: the blank rows, the rows of each AsText, then cell by cell,
    row by row and left to right, the categories and the remarks."""
    lay = source.layout(year)
    defaults = {**COMMON_FIELDS, **source.fields}
    columns = []
    for key, spec in lay.columns.items():
        col = spec if isinstance(spec, Col) else Col(spec)
        kind, width = defaults.get(key, ("text", 14))
        columns.append(Col(col.header, key, col.kind or kind, col.scale, col.width or width))
    rng = rng_for("mess", source.key, year)
    blank_before = pick_rows(rng, len(records), lay.blank) if lay.blank else set()
    as_text: dict[str, set[int]] = {}
    for t in lay.as_text:
        as_text[t.field] = as_text.get(t.field, set()) | t.pick(rng, records, t.field)
    style = {t.field: t.style for t in lay.as_text}

    def cell(i: int, record: Record, col: Col) -> Any:
        if lay.stale and (record.get("kode"), col.field) == lay.stale[:2]:
            record = {**record, col.field: record[col.field] + lay.stale[2]}
        value = plain_cell(i, record, col)
        if col.field in lay.categories:
            return messy_category(rng, value, lay.categories[col.field])
        if i in as_text.get(col.field, ()):
            return style[col.field](rng, value)
        if col.field in lay.formulas:
            return Formula(lay.formulas[col.field], value)
        if col.kind == "ket" and lay.remarks:
            return lay.remarks.cell(rng, i)
        return value

    rows = [[cell(i, r, c) for c in columns] for i, r in enumerate(records)]
    title = [line.format(city=CITY, dinas=DINAS, year=year) for line in lay.title]
    summed = [bool(r.get(lay.total.only)) for r in records] if lay.total and lay.total.only else []
    sheet = Sheet(declared["sheet"], title, lay, columns, rows, blank_before, [], summed)
    sheet.notes = describe(sheet, records, declared["columns"])
    return sheet


def describe(sheet: Sheet, records: list[Record], declared: dict) -> list[str]:
    """The mess of a sheet in words, read off its layout and cells (for the summary a run prints)."""
    lay, cols = sheet.layout, sheet.columns
    header = {c.field: c.header for c in cols}
    name = {key: "'" + " ".join(h.split()) + "'" for key, h in header.items()}  # quoted, on one line

    def bare(text: str) -> str:  # without its unit, in lower case, single spaces
        return " ".join(re.sub(r"\(.*?\)", "", text).split()).casefold()

    n, gap = len(lay.title), lay.header_row - 1 - len(lay.title)
    notes = [
        f"merged title in row{'s 1-' if n > 1 else ' '}{n}, header in row {lay.header_row}"
        + (f" after {gap} empty rows" if gap > 1 else "")
        + (f", from column {chr(65 + lay.first_col)}" if lay.first_col else "")
    ]
    looks = {
        "in capitals": sum(h.isupper() for h in header.values()) > len(header) / 2,
        "with line breaks": any("\n" in h for h in header.values()),
        "with a double space": any("  " in h for h in header.values()),
    }
    if any(looks.values()):
        notes.append("headers " + ", ".join(k for k, v in looks.items() if v))
    ours = [key for key in header if key in declared]
    aliases = [
        f"{name[k]} for {declared[k]['header']}"
        for k in ours
        if bare(header[k]) != bare(declared[k]["header"])
    ]
    if aliases:
        notes.append("aliases " + ", ".join(aliases))
    if ours != sorted(ours, key=list(declared).index):
        notes.append("columns in another order than indicators.yaml's")
    if others := [name[k] for k in header if k not in declared]:
        notes.append("columns indicators.yaml does not declare: " + ", ".join(others))
    for j, col in enumerate(cols):
        key = col.field
        if col.kind == "as_number":
            notes.append(f"{name[key]}: stored as numbers, not text (the key is text in the other years)")
        if col.scale != 1:
            notes.append(f"{name[key]} in units of {col.scale} (the value / {col.scale})")
        if key in lay.categories:
            odd = [row[j] for row, r in zip(sheet.rows, records, strict=True) if row[j] != r[key]]
            shown = ", ".join(f"'{v}'" for v in sorted(set(odd), key=odd.index)[:5])
            notes.append(f"{len(odd)} {name[key]} cells typed inconsistently, e.g. {shown}")
        if key in lay.formulas:
            notes.append(f"{name[key]} as formulas {lay.formulas[key]} with cached values")
    if blank := len(sheet.blank_before):
        notes.append(f"{blank} blank row{'s' * (blank > 1)} inside the data")
    if t := lay.total:
        merged = f" merged up to {name[t.merge_to]}" if t.merge_to else ""
        sums = ", ".join(name[k] for k in t.sums)
        over = f" over the {sum(sheet.summed)} rows marked {t.only}" if t.only else ""
        notes.append(f"{t.label} row (label in {name[t.at]}{merged}) with SUM formulas{over} under {sums}")
    if lay.stale:
        kode, key, amount = lay.stale
        notes.append(
            f"{name[key]} of {kode} off by {amount:,.0f} from the rows under it (a subtotal not updated)"
        )
    return notes + text_number_notes(sheet)


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


# ---- Undeclared sheets: free text and recap tables a reader must skip ---------------


@dataclass
class Extra:
    """An undeclared sheet (Catatan, Rekap): rows of cells from A1."""

    name: str
    rows: list[list[Any]]
    note: str


def catatan_umkm(year: int, clean: dict[str, list[Record]]) -> Extra:
    return Extra(
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


def rekap_skala(year: int, clean: dict[str, list[Record]]) -> Extra:
    counts = [
        (skala, sum(r["skala_usaha"] == skala for r in clean["umkm"]))
        for skala in ("Mikro", "Kecil", "Menengah")
    ]
    rows = [["REKAP UMKM PER SKALA USAHA"], [], ["Skala Usaha", "Jumlah"], *map(list, counts)]
    rows.append(["JUMLAH", Formula("=SUM(B4:B6)", sum(c for _, c in counts))])
    return Extra("Rekap", rows, "extra sheet 'Rekap' (counts per skala, with a SUM formula)")


def rekap_jenis(year: int, clean: dict[str, list[Record]]) -> Extra:
    records = clean["koperasi"]
    rows = [["REKAP KOPERASI PER JENIS"], [], ["Jenis Koperasi", "Aktif", "Tidak Aktif", "Jumlah"]]
    for j, (jenis, _, _) in enumerate(KOPERASI_JENIS):
        aktif = sum(r["jenis_koperasi"] == jenis and r["status"] == "Aktif" for r in records)
        tidak = sum(r["jenis_koperasi"] == jenis and r["status"] == "Tidak Aktif" for r in records)
        rows.append([jenis, aktif, tidak, Formula(f"=B{4 + j}+C{4 + j}", aktif + tidak)])
    last, aktif = 3 + len(KOPERASI_JENIS), sum(r["status"] == "Aktif" for r in records)
    rows.append(
        [
            "JUMLAH",
            Formula(f"=SUM(B4:B{last})", aktif),
            Formula(f"=SUM(C4:C{last})", len(records) - aktif),
            Formula(f"=SUM(D4:D{last})", len(records)),
        ]
    )
    return Extra("Rekap", rows, "extra sheet 'Rekap' (counts per jenis, formulas with cached values)")


def catatan_pdrb(year: int, clean: dict[str, list[Record]]) -> Extra:
    rows = [
        ["Sumber: BPS Kota Tirtamaya, Kota Tirtamaya Dalam Angka"],
        ["*) angka sementara"],
        ["Lapangan usaha M,N dan R,S,T,U digabung"],
    ]
    return Extra("Catatan", rows, "extra sheet 'Catatan'")


EXTRAS = (  # workbook, years, builder; written after the declared sheets, in this order
    ("bidang_usaha_mikro_ikm.xlsx", (2024,), rekap_skala),
    ("bidang_usaha_mikro_ikm.xlsx", YEARS, catatan_umkm),
    ("bidang_koperasi.xlsx", (2024,), rekap_jenis),
    ("pdrb.xlsx", (2023,), catatan_pdrb),
)


# =====================================================================================
# Writing workbooks
# =====================================================================================


class Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        border = {"border": 1}
        add = wb.add_format
        self.title = add({"bold": True, "font_size": 12, "align": "center", "valign": "vcenter"})
        self.header = add(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#D9E1F2",
                **border,
            }
        )
        text, integer = add(border), add({"num_format": "0", **border})
        self.kind = {
            "text": text,
            "ket": text,
            "no": integer,
            "int": integer,
            "money": add({"num_format": "#,##0", **border}),
            "number": add({"num_format": "General", **border}),
            "decimal2": add({"num_format": "#,##0.00", **border}),
            "as_number": integer,
        }
        self.total_label = add({"bold": True, "align": "center", **border})
        self.total_money = add({"bold": True, "num_format": "#,##0", **border})
        self.total_decimal2 = add({"bold": True, "num_format": "#,##0.00", **border})
        self.bold = add({"bold": True})


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
    lay = sheet.layout
    c0, ncols = lay.first_col, len(sheet.columns)
    assert lay.header_row - 1 >= len(sheet.title) + 1, "keep a blank row between title and header"
    for r, line in enumerate(sheet.title):
        ws.merge_range(r, c0, r, c0 + ncols - 1, line, fmts.title)
    header = lay.header_row - 1
    for j, col in enumerate(sheet.columns):
        ws.write_string(header, c0 + j, col.header, fmts.header)
        ws.set_column(c0 + j, c0 + j, col.width)
    ws.set_row(header, 32)
    ws.freeze_panes(header + 1, 0)
    at = {col.field: c0 + j for j, col in enumerate(sheet.columns)}
    r = header
    numeric_total: dict[int, float] = {}
    summed_rows = []
    for i, cells in enumerate(sheet.rows):
        r += 1 + (i in sheet.blank_before)
        summed = not sheet.summed or sheet.summed[i]
        summed_rows += [r] if summed else []
        for j, (col, value) in enumerate(zip(sheet.columns, cells, strict=True)):
            if isinstance(value, Formula):
                refs = {key: xl_rowcol_to_cell(r, c) for key, c in at.items()}
                value = Formula(value.text.format(**refs), value.cached)
            write_cell(ws, r, c0 + j, value, fmts.kind[col.kind])
            # what Excel's SUM sees: numbers and cached formula values, never text
            number = value.cached if isinstance(value, Formula) else value
            if summed and isinstance(number, (int, float)):
                numeric_total[j] = numeric_total.get(j, 0) + number
    if lay.total:
        write_total(ws, fmts, sheet, header + 1, r, r + 1, numeric_total, summed_rows)


def write_total(
    ws,
    fmts: Formats,
    sheet: Sheet,
    first: int,
    last: int,
    row: int,
    sums: dict[int, float],
    summed_rows: list[int],
) -> None:
    c0, t = sheet.layout.first_col, sheet.layout.total
    keys = [col.field for col in sheet.columns]
    label_at = c0 + keys.index(t.at)
    if t.merge_to:
        ws.merge_range(row, label_at, row, c0 + keys.index(t.merge_to), t.label, fmts.total_label)
    else:
        ws.write_string(row, label_at, t.label, fmts.total_label)
    for j, col in enumerate(sheet.columns):
        if col.field in t.sums:
            c = c0 + j
            cells = [xl_rowcol_to_cell(r, c) for r in summed_rows]
            span = f"{xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)}"
            formula = f"=SUM({','.join(cells) if t.only else span})"
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


def write_year(
    folder: Path, year: int, clean: dict[str, list[Record]], declared: dict
) -> list[tuple[str, str, int, list[str]]]:
    """Write the workbooks of one year into `folder`; return (workbook, sheet, rows, mess notes) per sheet.

    `declared` is the `sources` of indicators.yaml: each source's workbook, sheet and columns. A source
    without records in `clean` (PDRB in a triwulan) has no sheet, and a workbook without sheets is not
    written."""
    workbooks: dict[str, tuple[list[Sheet], list[Extra]]] = {}
    for source in LAYOUTS:
        if source.key not in clean:
            continue
        sheet = mess_sheet(source, declared[source.key], year, clean[source.key])
        workbooks.setdefault(declared[source.key]["workbook"], ([], []))[0].append(sheet)
    for workbook, years, build in EXTRAS:
        if year in years and workbook in workbooks:
            workbooks[workbook][1].append(build(year, clean))
    log = []
    for workbook, (sheets, extras) in workbooks.items():
        write_workbook(folder / workbook, sheets, extras)
        log += [(workbook, sheet.name, len(sheet.rows), sheet.notes) for sheet in sheets]
        log += [(workbook, extra.name, 0, [extra.note]) for extra in extras]
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
    logs = {
        year: write_year(args.out / "data" / str(year), year, clean[year], spec["sources"]) for year in YEARS
    }
    (args.out / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    quarters = {year: {**simulate_quarters(clean, year), 4: clean[year]} for year in QUARTER_YEARS}
    for year, by_quarter in quarters.items():
        for q, records in by_quarter.items():
            write_year(args.out / "data" / str(year) / f"TW{q}", year, records, spec["sources"])
    expected_tw = compute_expected_quarters(spec, clean, quarters)
    (args.out / "expected_triwulan.json").write_text(
        json.dumps(expected_tw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    print(f"Wrote {args.out}/data/{{{','.join(map(str, YEARS))}}}/ and {args.out}/expected.json")
    print(
        f"Wrote {args.out}/data/{{{','.join(map(str, QUARTER_YEARS))}}}/TW{{1,2,3,4}}/ and "
        f"{args.out}/expected_triwulan.json\n"
    )
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
    print("\nIndicators per triwulan (null: annual only, or no quarter folder of n-1 to compare with):")
    for period, got in expected_tw.items():
        line = "".join(f"{'null' if v is None else f'{v:.4f}':>12}" for v in got["indicators"].values())
        print(f"  {period:<8}{line}    ({', '.join(got['indicators'])})")
    print("\nMess, per year / workbook / sheet:")
    for year in YEARS:
        for wb, name, _, notes in logs[year]:
            print(f"  {year} {wb} / {name}:")
            for note in notes:
                print(f"      - {note}")


if __name__ == "__main__":
    main()
