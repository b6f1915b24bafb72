"""Declarations in words: filters as people read them."""

from __future__ import annotations

import pytest

from iku_cli import config as spec
from iku_cli.config.words import describe_filter, describe_measure_filter
from tests.read.test_filters import SOURCE, C

MIKRO = C(column="skala", op="eq", value="Mikro")


@pytest.mark.parametrize(
    ("flt", "words"),
    [
        (None, "semua baris"),
        (C(column="skala", op="eq", value="Mikro"), "Skala Usaha = Mikro"),
        (C(column="skala", op="ne", value="Mikro"), "Skala Usaha ≠ Mikro"),
        (C(column="skala", op="in", value=["Mikro", "Kecil"]), "Skala Usaha salah satu dari {Mikro, Kecil}"),
        (C(column="skala", op="not_in", value=["Mikro"]), "Skala Usaha bukan salah satu dari {Mikro}"),
        (C(column="omzet", op="gt", value=300000000), "Omzet per Tahun (Rp) > 300.000.000"),
        (C(column="omzet", op="ge", value=60), "Omzet per Tahun (Rp) ≥ 60"),
        (C(column="omzet", op="lt", value=0.5), "Omzet per Tahun (Rp) < 0,5"),
        (C(column="omzet", op="le", value=1250000.25), "Omzet per Tahun (Rp) ≤ 1.250.000,25"),
        (C(column="omzet", op="in", value=[100, 2500]), "Omzet per Tahun (Rp) salah satu dari {100, 2.500}"),
        (C(column="omzet", op="blank"), "Omzet per Tahun (Rp) kosong"),
        (C(column="nib", op="not_blank"), "NIB terisi"),
        (C(column="tidak_ada", op="eq", value="x"), "tidak_ada = x"),  # unknown column: its id
        (
            spec.AllOf(all=[MIKRO, C(column="omzet", op="gt", value=300000000)]),
            "Skala Usaha = Mikro dan Omzet per Tahun (Rp) > 300.000.000",
        ),
        (
            spec.AnyOf(any=[MIKRO, C(column="skala", op="eq", value="Kecil")]),
            "Skala Usaha = Mikro atau Skala Usaha = Kecil",
        ),
        (
            spec.AllOf(
                all=[
                    MIKRO,
                    spec.AnyOf(any=[C(column="omzet", op="gt", value=150), C(column="omzet", op="blank")]),
                ]
            ),
            "Skala Usaha = Mikro dan (Omzet per Tahun (Rp) > 150 atau Omzet per Tahun (Rp) kosong)",
        ),
    ],
)
def test_describe_filter(flt, words):
    assert describe_filter(flt, SOURCE) == words


def test_describe_filter_without_source_uses_column_ids():
    flt = spec.AllOf(
        all=[MIKRO, spec.AnyOf(any=[C(column="omzet", op="gt", value=150), C(column="omzet", op="blank")])]
    )
    assert describe_filter(flt) == "skala = Mikro dan (omzet > 150 atau omzet kosong)"


ABOVE = C(column="omzet", op="gt", value=300)


@pytest.mark.parametrize(
    ("measure", "year", "words"),
    [
        (dict(where=MIKRO), 2024, "Skala Usaha = Mikro"),
        (dict(where=MIKRO, year="n-1"), 2023, "tahun 2023: Skala Usaha = Mikro"),
        (dict(where=MIKRO, year="n-1"), None, "tahun n−1: Skala Usaha = Mikro"),
        (
            dict(where_previous=MIKRO, where=ABOVE),
            2024,
            "tahun 2023: Skala Usaha = Mikro; tahun 2024, NIB yang sama: Omzet per Tahun (Rp) > 300",
        ),
        (
            dict(where_previous=MIKRO, where=ABOVE),
            None,
            "tahun n−1: Skala Usaha = Mikro; tahun n, NIB yang sama: Omzet per Tahun (Rp) > 300",
        ),
        (
            dict(where_previous=MIKRO, where=ABOVE, year="n-1"),
            None,
            "tahun n−2: Skala Usaha = Mikro; tahun n−1, NIB yang sama: Omzet per Tahun (Rp) > 300",
        ),
    ],
)
def test_a_measure_says_which_year_it_is_about(measure, year, words):
    m = spec.Measure(source="umkm", aggregate="count", **measure)
    assert describe_measure_filter(m, SOURCE, year) == words
