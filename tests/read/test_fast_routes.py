"""The fast routes of the reader give exactly what the plain definitions give, on adversarial values."""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pandas as pd
import pytest

from iku_cli.config import Column
from iku_cli.findings import At
from iku_cli.read.body import blank_of, make_body, types_of
from iku_cli.read.cells import ColumnCells, normalised, typed, typed_text
from iku_cli.read.filters import TextCodes
from iku_cli.read.rows import is_total_label, total_rows
from iku_cli.text import normalise

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
ADVERSARIAL: list[object] = [
    *SPACES,
    "".join(SPACES),
    "a\x00b",
    "\x00",
    "",
    "-",
    " - ",
    True,
    False,
    1,
    0,
    1.0,
    -0.0,
    "1",
    "1.0",
    "TRUE",
    27183226.0,
    "27183226",
    1e-7,
    1e20,
    float("nan"),
    None,
    dt.date(2024, 1, 31),
    dt.datetime(2024, 1, 31, 8, 30),
    "Straße",
    "STRASSE",
    "İstanbul",
    " Tidak\u00a0\u2003Aktif ",
    "JUMLAH",
    " Total\xa0",
    "grand\ntotal",
    "Jumlah:",
    "ＪＵＭＬＡＨ",
    "jumlah\u200b",
    "x" * 41 + "total",
    "Sub  Total",
    "Rp 1.250.000",
    "(Rp 1.000)",
    "1.250",
    "½",
]


def by_definition_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in ("", "-"))


def by_definition_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def column(values: list[object]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def test_blanks_and_text_equal_the_definitions_on_mixed_columns():
    values = column(ADVERSARIAL)
    blank = blank_of(values, types_of(values))
    assert blank.tolist() == [by_definition_blank(v) for v in ADVERSARIAL]
    text = typed_text(values, blank)
    expected = [np.nan if b else by_definition_text(v) for v, b in zip(ADVERSARIAL, blank, strict=True)]
    assert [t if isinstance(t, str) else "NaN" for t in text] == [
        e if isinstance(e, str) else "NaN" for e in expected
    ]


def test_a_column_of_strings_only_takes_the_fast_path_with_the_same_result():
    strings = [v for v in ADVERSARIAL if isinstance(v, str)]
    values = column(strings)
    blank = blank_of(values, types_of(values))
    text = typed_text(values, blank)
    for value, got, is_blank in zip(strings, text, blank, strict=True):
        assert (got != got) if is_blank else got == value.strip()


@pytest.mark.parametrize("shift", [0, 1, 7])
def test_normalising_a_whole_column_at_once_equals_one_by_one(shift):
    strings = [v.strip() for v in ADVERSARIAL if isinstance(v, str)]
    strings = strings[shift:] + strings[:shift]
    assert normalised(column(strings)).tolist() == [normalise(s) for s in strings]
    untrimmed = [" a ", "b\u2003", "\x00c"]  # the route falls back, and stays exact
    assert normalised(column(untrimmed)).tolist() == [normalise(s) for s in untrimmed]


def test_true_and_one_are_different_values_when_typing_numbers():
    values = column([True, 1, 1.0, "1", "1.0", 1.5, "Rp 2.000"])
    cells = ColumnCells(At("f"), "n", "A", values, np.arange(2, 9), blank_of(values, types_of(values)))
    out, found = typed(cells, Column(header="N", type="number"), 1.0)
    assert np.isnan(out[0])  # True is no number
    assert out[1:].tolist() == [1.0, 1.0, 1.0, 1.0, 1.5, 2000.0]
    assert [(f.code, f.cell) for f in found] == [
        ("number-as-text", "A5"),
        ("number-as-text", "A6"),
        ("number-as-text", "A8"),
        ("type-error", "A2"),
    ]


def test_total_rows_found_by_one_scan_equal_the_label_test_on_every_cell():
    cells = [v for v in ADVERSARIAL if isinstance(v, str)] + ["Total Penjualan", "jumlah anggota", "TOTAL:"]
    body = make_body([[c, "x\x00total" if i % 3 == 0 else i] for i, c in enumerate(cells)], 2, 2)
    expected = [
        is_total_label(c) or (i % 3 == 0 and is_total_label("x\x00total")) for i, c in enumerate(cells)
    ]
    assert total_rows(body).tolist() == expected
    assert sum(expected) == 6  # JUMLAH, " Total\xa0", "grand\ntotal", "Jumlah:", "Sub  Total", "TOTAL:"


def test_text_codes_compare_normalised_values_once_each():
    frame = pd.DataFrame({"s": pd.Series(["Mikro", "MIKRO", None, "mikro", "Kecil"], dtype=object)})
    codes, uniques = TextCodes(frame).of("s")
    assert uniques == ["mikro", "kecil"]
    assert codes.tolist() == [0, 0, -1, 0, 1]
    assert TextCodes(frame).of("absent")[0].tolist() == [-1] * 5


def test_text_codes_of_values_already_normalised_are_the_values_themselves():
    nib = ["9120001", "9120002", None, "9120001", "abc def"]
    frame = pd.DataFrame({"nib": pd.Series(nib, dtype=object)})
    codes, uniques = TextCodes(frame).of("nib")
    assert uniques == ["9120001", "9120002", "abc def"]
    assert codes.tolist() == [0, 1, -1, 0, 2]
    assert uniques[0] is nib[0]  # no second string made for a value normalising cannot change


@pytest.mark.parametrize(
    ("values", "unchanged"),
    [
        (["a b", "c", "9120001"], True),
        (["a  b", "c"], False),
        (["a\tb", "c"], False),
        (["A b", "c"], False),
        (["a\u00a0b"], False),
        (["straße"], False),
    ],
)
def test_normalising_gives_the_column_back_exactly_when_nothing_changes(values, unchanged):
    given = column(values)
    got = normalised(given)
    assert got.tolist() == [normalise(v) for v in values]
    assert (got is given) is unchanged


def body_rows(cells: list[object], width: int = 3) -> list[list[object]]:
    """Ragged rows of the adversarial values: row i holds i % width + 1 of them."""
    return [[cells[(i + k) % len(cells)] for k in range(i % width + 1)] for i in range(len(cells) * 3)]


def test_a_body_made_slice_by_slice_equals_one_made_at_once(monkeypatch):
    import iku_cli.read.body as body_module

    rows = body_rows([*ADVERSARIAL, *["Mikro"] * 300, *["Kecil"] * 300])
    whole = make_body(rows, 5, 2)
    monkeypatch.setattr(body_module, "CHUNK", 7)
    monkeypatch.setattr(body_module, "SHARE_FROM", 2)
    sliced = make_body(iter(rows), 5, 2)
    assert len(sliced.columns) == len(whole.columns) == 3
    for c in range(3):
        a, b = whole.column(c).tolist(), sliced.column(c).tolist()
        assert [type(v) for v in a] == [type(v) for v in b]
        assert [repr(v) for v in a] == [repr(v) for v in b]  # NaN and -0.0 as they were
        assert sliced.types(c).tolist() == [type(v) for v in b]


def test_equal_texts_of_a_column_become_one_object_and_nothing_else_merges():
    one, true, text_one = 1.0, True, "1"
    mikro = ["Mikro".lower().capitalize() for _ in range(400)]  # 400 distinct objects, equal
    assert mikro[0] is not mikro[1]
    body = make_body([[m, one if i % 3 else true] for i, m in enumerate(mikro)] + [[text_one, 1]], 2, 2)
    texts = body.column(0)
    assert all(t is texts[0] for t in texts[:400]) and texts.tolist()[:400] == mikro
    assert texts[400] == "1" and body.column(1).tolist() == [1.0 if i % 3 else True for i in range(400)] + [1]
    assert [type(v) for v in body.column(1)] == [float if i % 3 else bool for i in range(400)] + [int]


def test_a_body_of_no_rows_has_the_header_width():
    body = make_body(iter([]), 4, 3)
    assert len(body.columns) == 3 and body.height == 0


def test_the_ascii_space_test_agrees_with_the_regular_expressions():
    from iku_cli.read.cells import _EDGE_SPACE, _MESSY_SPACE, _spaces

    ascii_spaces = [chr(c) for c in range(128) if chr(c).isspace()]
    samples = (
        ["a", "a b", "a  b", "a\x00b", "a \x00b", "a\x00 b", "ab\x00"]
        + [f"a{s}b\x00c" for s in ascii_spaces]
        + [f"a\x00{s}c" for s in ascii_spaces]
        + ["é b", "é\u00a0b", "é \x00b"]
    )
    for joined in samples:
        assert _spaces(joined) == (bool(_EDGE_SPACE.search(joined)), bool(_MESSY_SPACE.search(joined))), (
            joined
        )
