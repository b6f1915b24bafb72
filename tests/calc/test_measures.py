"""Measures: count / count_distinct / sum over the rows a filter keeps; the rows an auditor traces."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iku_cli import config as spec
from iku_cli.calc.measures import MeasureValue, evaluate, rows_used
from tests.read.test_filters import SOURCE, C, frame


def measure(aggregate: str, column: str | None = None, where=None) -> spec.Measure:
    return spec.Measure(source="umkm", aggregate=aggregate, column=column, where=where)


MIKRO = C(column="skala", op="eq", value="Mikro")


def test_count_rows():
    assert evaluate(measure("count"), frame(), SOURCE) == MeasureValue(6.0, 6)
    assert evaluate(measure("count", where=MIKRO), frame(), SOURCE) == MeasureValue(3.0, 3)


def test_count_distinct_keys():
    # keys A1, "a1 ", " B2", NaN, C3, D4: "A1" and "a1 " are one business, the blank key is not counted
    # (neither as a value nor as a row taken)
    out = evaluate(measure("count_distinct", "nib"), frame(), SOURCE)
    assert out == MeasureValue(4.0, 5)


def test_count_distinct_with_filter():
    # Mikro rows 5, 6, 7 have keys A1, a1, B2 → 2 distinct over 3 rows
    assert evaluate(measure("count_distinct", "nib", MIKRO), frame(), SOURCE) == MeasureValue(2.0, 3)


def test_count_distinct_duplicates_counted_once():
    df = pd.DataFrame({"nib": ["X", "X", "x", " X ", "Y", "Y", np.nan, np.nan]})
    out = evaluate(measure("count_distinct", "nib"), df, SOURCE)
    assert out.value == 2.0  # X and Y
    assert out.rows == 6  # the two blank keys are not rows taken


def test_count_distinct_text_inner_spaces_count_once():
    out = evaluate(measure("count_distinct", "kecamatan"), frame(), SOURCE)
    assert out.value == 3.0  # "Kota  Baru" = "kota baru", "Pasar", "Ilir"; the blank is not counted


def test_count_distinct_numeric_column():
    df = pd.DataFrame({"tk": [1.0, 1.0, 2.0, np.nan, 3.0]})
    assert evaluate(measure("count_distinct", "tk"), df, SOURCE) == MeasureValue(3.0, 4)


def test_sum_skips_blanks():
    # 100 + 200 + 400 + 500 + 600 = 1.800 over 5 rows (row 7 has no omzet)
    assert evaluate(measure("sum", "omzet"), frame(), SOURCE) == MeasureValue(1800.0, 5)


def test_sum_with_filter():
    # Mikro rows 5, 6, 7: 100 + 200 = 300 over 2 rows (row 7 has no omzet)
    assert evaluate(measure("sum", "omzet", MIKRO), frame(), SOURCE) == MeasureValue(300.0, 2)


def test_sum_with_nested_filter():
    # skala in {Mikro, Kecil} and omzet > 150: 200 + 400 = 600 over 2 rows
    flt = spec.AllOf(
        all=[C(column="skala", op="in", value=["Mikro", "Kecil"]), C(column="omzet", op="gt", value=150)]
    )
    assert evaluate(measure("sum", "omzet", flt), frame(), SOURCE) == MeasureValue(600.0, 2)


def test_sum_of_floats():
    df = pd.DataFrame({"omzet": [0.1, 0.2, 1_250_000.5]})
    out = evaluate(measure("sum", "omzet"), df, SOURCE)
    assert out.value == pytest.approx(1_250_000.8)
    assert isinstance(out.value, float)


def test_sum_of_only_blanks_is_zero():
    df = pd.DataFrame({"omzet": [np.nan, np.nan]})
    assert evaluate(measure("sum", "omzet"), df, SOURCE) == MeasureValue(0.0, 0)


@pytest.mark.parametrize(
    ("aggregate", "column"), [("sum", "omzet"), ("count", None), ("count_distinct", "nib")]
)
def test_empty_filter_result(aggregate, column):
    nothing = C(column="skala", op="eq", value="Menengah ")  # one row
    assert evaluate(measure(aggregate, column, nothing), frame(), SOURCE).rows == 1
    none = C(column="omzet", op="gt", value=1_000_000)
    out = evaluate(measure(aggregate, column, none), frame(), SOURCE)
    assert out == MeasureValue(0.0, 0)
    assert isinstance(out.value, float)


@pytest.mark.parametrize(
    ("aggregate", "column"), [("sum", "omzet"), ("count", None), ("count_distinct", "nib")]
)
def test_empty_frame(aggregate, column):
    assert evaluate(measure(aggregate, column, MIKRO), frame().iloc[0:0], SOURCE) == MeasureValue(0.0, 0)


def test_measure_over_a_column_the_sheet_lacks_reads_blanks():
    # "catatan" is declared but absent from the frame: nothing to count, no KeyError
    assert evaluate(measure("count_distinct", "catatan"), frame(), SOURCE) == MeasureValue(0.0, 0)
    df = frame().drop(columns="omzet")
    assert evaluate(measure("sum", "omzet", MIKRO), df, SOURCE) == MeasureValue(0.0, 0)
    assert evaluate(measure("count", where=C(column="omzet", op="blank")), df, SOURCE) == MeasureValue(6.0, 6)


def test_shipped_measure_naik_kelas():
    # the shape of jumlah_usaha_mikro_naik_kelas: Mikro and omzet > Rp 300.000.000
    df = pd.DataFrame(
        {
            "nib": ["1", "2", "3", "4", "5"],
            "skala": ["Mikro", "mikro", "Mikro", "Kecil", "Mikro"],
            "omzet": [300_000_000.0, 300_000_001.0, 450_000_000.0, 900_000_000.0, np.nan],
        }
    )
    flt = spec.AllOf(all=[MIKRO, C(column="omzet", op="gt", value=300000000)])
    assert evaluate(measure("count_distinct", "nib", flt), df, SOURCE) == MeasureValue(2.0, 2)
    assert evaluate(measure("count_distinct", "nib", MIKRO), df, SOURCE) == MeasureValue(4.0, 4)


@pytest.mark.parametrize(
    ("aggregate", "column", "where", "rows"),
    [
        ("count", None, None, [5, 6, 7, 8, 9, 10]),
        ("count", None, MIKRO, [5, 6, 7]),
        ("sum", "omzet", None, [5, 6, 8, 9, 10]),  # row 7: no omzet
        ("sum", "omzet", MIKRO, [5, 6]),
        ("count_distinct", "nib", None, [5, 6, 7, 9, 10]),  # row 8: no NIB
        ("count_distinct", "catatan", None, []),  # not in the sheet
    ],
)
def test_rows_used(aggregate, column, where, rows):
    used = rows_used(measure(aggregate, column, where), frame(), SOURCE)
    assert list(used.index) == rows  # Excel row numbers, for pointing at the cells
    assert evaluate(measure(aggregate, column, where), frame(), SOURCE).rows == len(rows)
