"""measures.py: declarative filters over a typed sheet, and count / count_distinct / sum."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iku_cli import spec
from iku_cli.measures import MeasureValue, describe_filter, evaluate, filter_mask, rows_used

C = spec.Condition

SOURCE = spec.Source(
    workbook="bidang_usaha_mikro_ikm.xlsx",
    sheet="Data UMKM",
    key="nib",
    columns={
        "nib": spec.Column(header="NIB", required=True),
        "skala": spec.Column(header="Skala Usaha", type="category", allowed=["Mikro", "Kecil", "Menengah"]),
        "omzet": spec.Column(header="Omzet per Tahun", type="money", unit="Rp", min=0),
        "tk": spec.Column(header="Tenaga Kerja", type="integer"),
        "kecamatan": spec.Column(header="Kecamatan"),
        "catatan": spec.Column(header="Catatan"),  # declared, but not in the frame below
    },
)


def frame() -> pd.DataFrame:
    """Six rows as workbook.py types them: text/category as str or NaN, numbers as float64."""
    return pd.DataFrame(
        {
            "nib": ["A1", "a1 ", " B2", np.nan, "C3", "D4"],
            "skala": ["Mikro", "MIKRO", " mikro ", "Kecil", np.nan, "Menengah"],
            "omzet": [100.0, 200.0, np.nan, 400.0, 500.0, 600.0],
            "tk": [1.0, 2.0, 3.0, np.nan, 5.0, 6.0],
            "kecamatan": ["Kota  Baru", "kota baru", "Pasar", "Pasar", np.nan, "Ilir"],
        },
        index=[5, 6, 7, 8, 9, 10],  # sheet rows, not 0..n
    )


def mask_of(flt) -> list[bool]:
    out = filter_mask(frame(), flt, SOURCE)
    assert list(out.index) == [5, 6, 7, 8, 9, 10]
    return out.tolist()


T, F = True, False


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        # category and text: ignoring case and surrounding (and doubled) spaces; blanks match nothing
        (C(column="skala", op="eq", value="Mikro"), [T, T, T, F, F, F]),
        (C(column="skala", op="eq", value=" mikro"), [T, T, T, F, F, F]),
        (C(column="skala", op="ne", value="Mikro"), [F, F, F, T, F, T]),
        (C(column="skala", op="in", value=["Mikro", "kecil"]), [T, T, T, T, F, F]),
        (C(column="skala", op="not_in", value=["Mikro"]), [F, F, F, T, F, T]),
        (C(column="skala", op="blank"), [F, F, F, F, T, F]),
        (C(column="skala", op="not_blank"), [T, T, T, T, F, T]),
        (C(column="nib", op="eq", value="b2"), [F, F, T, F, F, F]),
        (C(column="nib", op="ne", value="A1"), [F, F, T, F, T, T]),
        (C(column="kecamatan", op="eq", value="KOTA BARU"), [T, T, F, F, F, F]),
        # numbers: omzet is 100, 200, NaN, 400, 500, 600
        (C(column="omzet", op="eq", value=200), [F, T, F, F, F, F]),
        (C(column="omzet", op="eq", value=200.0), [F, T, F, F, F, F]),
        (C(column="omzet", op="ne", value=200), [T, F, F, T, T, T]),
        (C(column="omzet", op="in", value=[100, 600]), [T, F, F, F, F, T]),
        (C(column="omzet", op="not_in", value=[100, 600]), [F, T, F, T, T, F]),
        (C(column="omzet", op="gt", value=200), [F, F, F, T, T, T]),
        (C(column="omzet", op="ge", value=200), [F, T, F, T, T, T]),
        (C(column="omzet", op="lt", value=200), [T, F, F, F, F, F]),
        (C(column="omzet", op="le", value=200), [T, T, F, F, F, F]),
        (C(column="omzet", op="gt", value=-1), [T, T, F, T, T, T]),
        (C(column="omzet", op="blank"), [F, F, T, F, F, F]),
        (C(column="omzet", op="not_blank"), [T, T, F, T, T, T]),
        (C(column="tk", op="le", value=2.5), [T, T, F, F, F, F]),
        # a declared column the sheet lacks reads as all blank
        (C(column="catatan", op="blank"), [T, T, T, T, T, T]),
        (C(column="catatan", op="not_blank"), [F, F, F, F, F, F]),
        (C(column="catatan", op="eq", value="x"), [F, F, F, F, F, F]),
        (C(column="catatan", op="ne", value="x"), [F, F, F, F, F, F]),
    ],
    ids=lambda v: f"{v.column}-{v.op}-{v.value}" if isinstance(v, C) else None,
)
def test_filter_mask_operators(condition, expected):
    assert mask_of(condition) == expected


@pytest.mark.parametrize(
    "condition",
    [
        C(column="omzet", op="ne", value=1),
        C(column="omzet", op="not_in", value=[1]),
        C(column="omzet", op="lt", value=1e12),
        C(column="omzet", op="gt", value=-1e12),
        C(column="skala", op="ne", value="Besar"),
        C(column="skala", op="not_in", value=["Besar"]),
        C(column="nib", op="ne", value="zzz"),
    ],
    ids=lambda c: f"{c.column}-{c.op}",
)
def test_blank_satisfies_no_comparison(condition):
    # every filled value satisfies these; the one blank (omzet row 7, skala row 9, nib row 8) does not
    blank_row = {"omzet": 7, "skala": 9, "nib": 8}[condition.column]
    keep = filter_mask(frame(), condition, SOURCE)
    assert keep.to_dict() == {row: row != blank_row for row in [5, 6, 7, 8, 9, 10]}


def test_all_of():
    flt = spec.AllOf(all=[C(column="skala", op="eq", value="Mikro"), C(column="omzet", op="gt", value=150)])
    assert mask_of(flt) == [F, T, F, F, F, F]


def test_any_of():
    flt = spec.AnyOf(any=[C(column="skala", op="eq", value="Kecil"), C(column="omzet", op="ge", value=600)])
    assert mask_of(flt) == [F, F, F, T, F, T]


def test_nested_all_any():
    # Mikro and (omzet > 150 or omzet blank): rows 6 (200) and 7 (blank)
    flt = spec.AllOf(
        all=[
            C(column="skala", op="eq", value="Mikro"),
            spec.AnyOf(any=[C(column="omzet", op="gt", value=150), C(column="omzet", op="blank")]),
        ]
    )
    assert mask_of(flt) == [F, T, T, F, F, F]


def test_nested_any_all():
    # (Mikro and tk ≥ 2) or (Menengah and omzet = 600): rows 6, 7 and 10
    flt = spec.AnyOf(
        any=[
            spec.AllOf(all=[C(column="skala", op="eq", value="Mikro"), C(column="tk", op="ge", value=2)]),
            spec.AllOf(
                all=[C(column="skala", op="eq", value="Menengah"), C(column="omzet", op="eq", value=600)]
            ),
        ]
    )
    assert mask_of(flt) == [F, T, T, F, F, T]


def test_single_item_all_and_any():
    only = C(column="omzet", op="gt", value=400)
    assert mask_of(spec.AllOf(all=[only])) == mask_of(only) == [F, F, F, F, T, T]
    assert mask_of(spec.AnyOf(any=[only])) == [F, F, F, F, T, T]


def test_no_filter_keeps_every_row():
    assert mask_of(None) == [T] * 6


def test_filter_mask_does_not_change_the_frame():
    df = frame()
    before = df.copy()
    filter_mask(df, C(column="skala", op="eq", value="Mikro"), SOURCE)
    pd.testing.assert_frame_equal(df, before)


def test_filter_mask_of_an_empty_frame():
    out = filter_mask(frame().iloc[0:0], C(column="skala", op="eq", value="Mikro"), SOURCE)
    assert out.empty


# --- evaluate -----------------------------------------------------------------------------


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


# --- describe_filter ----------------------------------------------------------------------


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
