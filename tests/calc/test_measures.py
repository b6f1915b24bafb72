"""Measures: count / count_distinct / sum over the rows a filter keeps; the rows an auditor traces."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iku_cli import config as spec
from iku_cli.calc.measures import MeasureValue, aggregate, evaluate, previous_rows, rows_used, used_mask
from iku_cli.read.filters import TextCodes
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


# --- a measure over two years: keys followed from year n−1 ---------------------------------------------

MIKRO_LOW = spec.AllOf(all=[MIKRO, C(column="omzet", op="le", value=300)])
ABOVE = C(column="omzet", op="gt", value=300)
NAIK_KELAS = spec.Measure(
    source="umkm", aggregate="count_distinct", column="nib", where_previous=MIKRO_LOW, where=ABOVE
)


def over_two_years(m: spec.Measure, after: pd.DataFrame, before: pd.DataFrame) -> MeasureValue:
    return aggregate(m, after, SOURCE, TextCodes(after), used_mask(m, after, SOURCE, previous=before))


def two_years() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Year n−1 and year n of six businesses (omzet in the frame's units, threshold 300)."""
    before = pd.DataFrame(
        {
            "nib": ["A1", "B2", "C3", "E5", "F6", "G7"],
            "skala": ["Mikro", "Mikro", "Mikro", "Mikro", "Kecil", "Mikro"],
            "omzet": [250.0, 320.0, 200.0, 100.0, 250.0, 300.0],
        },
        index=[4, 5, 6, 7, 8, 9],
    )
    after = pd.DataFrame(
        {
            # A1 relabelled Kecil; B2 above 300 in both years; C3 closed; D4 new and above 300;
            # " e5" the same business as E5; F6 was Kecil; G7 exactly 300 then 301
            "nib": ["A1", "B2", "D4", " e5", "F6", "G7"],
            "skala": ["Kecil", "Mikro", "Mikro", "Mikro", "Kecil", "Mikro"],
            "omzet": [350.0, 400.0, 500.0, 310.0, 400.0, 301.0],
        },
        index=[10, 11, 12, 13, 14, 15],
    )
    return before, after


def test_cohort_counts_keys_that_crossed_by_hand():
    before, after = two_years()
    # counted: A1 (Kecil now, still counted), e5 (E5), G7 (300 is not above 300; 301 is)
    # not: B2 (above already in n−1), C3 (closed), D4 (new), F6 (was Kecil)
    out = over_two_years(NAIK_KELAS, after, before)
    assert out == MeasureValue(3.0, 3)
    assert list(rows_used(NAIK_KELAS, after, SOURCE, before).index) == [10, 13, 15]


def test_cohort_rows_carry_their_previous_row():
    before, after = two_years()
    used = rows_used(NAIK_KELAS, after, SOURCE, before)
    prev = previous_rows(used, before, "nib")
    assert list(prev.index) == [10, 13, 15]
    assert prev["row"].tolist() == [4, 7, 9]
    assert prev["omzet"].tolist() == [250.0, 100.0, 300.0]


def test_cohort_without_where_counts_every_key_that_stayed():
    before, after = two_years()
    stayed = spec.Measure(source="umkm", aggregate="count", where_previous=MIKRO)
    # Mikro in n−1: A1, B2, C3, E5, G7; present in n: A1, B2, e5, G7
    assert over_two_years(stayed, after, before) == MeasureValue(4.0, 4)


def test_cohort_needs_the_previous_year():
    _, after = two_years()
    with pytest.raises(ValueError, match="year before"):
        evaluate(NAIK_KELAS, after, SOURCE)
    with pytest.raises(ValueError, match="year before"):
        used_mask(NAIK_KELAS, after, SOURCE)


def test_cohort_sum_is_over_the_later_rows():
    before, after = two_years()
    omzet = spec.Measure(
        source="umkm", aggregate="sum", column="omzet", where_previous=MIKRO_LOW, where=ABOVE
    )
    assert over_two_years(omzet, after, before) == MeasureValue(350.0 + 310.0 + 301.0, 3)
