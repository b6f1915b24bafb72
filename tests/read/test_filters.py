"""Declarative filters over a typed sheet: every operator, blanks, all / any nesting."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iku_cli import config as spec
from iku_cli.read import filter_mask

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
