"""iku indicators: the declared indicators with their formula in words and their sources."""

from __future__ import annotations

import csv
import io

from iku_cli.output.listing_view import rows, to_csv


def test_rows_say_the_formula_and_the_filters_in_words(config):
    got = {r["id"]: r for r in rows(config)}
    assert got["IKU-2"]["rumus"] == (
        "rasio: Jumlah usaha mikro tahun n-1 yang omzetnya tahun n melampaui Rp 300.000.000 per tahun"
        " / Jumlah usaha mikro tahun n-1"
    )
    assert got["IKU-1"]["filters"] == {"jumlah_usaha_mikro": "Skala Usaha = Mikro"}
    assert got["IKU-2"]["filters"] == {
        "jumlah_usaha_mikro_naik_kelas": "tahun n−1: Skala Usaha = Mikro dan Omzet per Tahun (Rp) ≤ 300.000.000; "
        "tahun n, NIB yang sama: Omzet per Tahun (Rp) > 300.000.000",
        "jumlah_usaha_mikro_tahun_lalu": "tahun n−1: Skala Usaha = Mikro",
    }
    assert (
        got["IKT-1"]["source"]
        == "bidang_usaha_mikro_ikm.xlsx › Data UMKM; bidang_koperasi.xlsx › Keragaan Koperasi"
    )
    assert got["IKT-1"]["level"] == "tujuan"


def test_csv_has_one_row_per_indicator(config):
    assert len(list(csv.DictReader(io.StringIO(to_csv(config))))) == 9
