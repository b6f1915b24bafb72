"""numbers.py: reading numbers typed as Indonesian text, printing them the Indonesian way."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from iku_cli.numbers import format_auto, format_exact, format_number, format_percent, parse_number_text


def parse_one(text: object) -> float:
    return parse_number_text(pd.Series([text], dtype=object)).iloc[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indonesian: dot for thousands, comma for decimals, with or without "Rp"
        ("Rp 1.250.000", 1_250_000.0),
        ("Rp1.250.000", 1_250_000.0),
        ("RP 1.250.000", 1_250_000.0),
        ("1.250.000,50", 1_250_000.5),
        ("Rp. 12.500.000,00", 12_500_000.0),
        ("Rp 1.250.000,-", 1_250_000.0),
        ("Rp 1.250.000,—", 1_250_000.0),
        ("1.000.-", 1000.0),
        ("1250000,5", 1_250_000.5),
        ("0,5", 0.5),
        ("1,5", 1.5),
        ("12", 12.0),
        ("  12  ", 12.0),
        ("0", 0.0),
        ("IDR 1.000", 1000.0),
        ("1 250 000", 1_250_000.0),  # spaces as thousands separators
        # a single dot followed by exactly three digits is a thousands separator (Indonesian first)
        ("1.250", 1250.0),
        ("12.500", 12_500.0),
        # English forms that are unambiguous
        ("12.5", 12.5),
        ("12.50", 12.5),
        ("USD 12.5", 12.5),
        ("1,250,000", 1_250_000.0),
        ("1,250,000.75", 1_250_000.75),
        # negatives
        ("(1.000)", -1000.0),
        ("( 5 )", -5.0),
        ("-5", -5.0),
        ("- 5", -5.0),
        ("Rp -1.000", -1000.0),
        ("(Rp 1.000)", -1000.0),
        ("-Rp 1.000", -1000.0),
        ("- Rp. 1.250.000,50", -1_250_000.5),
    ],
)
def test_parse_number_text_reads(text, expected):
    assert parse_one(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "dua juta",
        "",
        "   ",
        "1.25.0",  # a thousands group must have three digits
        "1.2.3",
        "Rp",
        "-",
        "()",
        "(-5)",
        ".5",
        "5.",
        "1e5",
        "None",
        "nan",
        "12 orang",
        "Rp 1.250.000 / bulan",
    ],
)
def test_parse_number_text_refuses_garbage(text):
    assert math.isnan(parse_one(text))


def test_parse_number_text_is_vectorised_and_keeps_the_index():
    series = pd.Series(["Rp 1.000", "abc", "2,5", None], index=[10, 11, 12, 13], dtype=object)
    out = parse_number_text(series)
    assert list(out.index) == [10, 11, 12, 13]
    assert out.dtype == np.float64
    assert out[10] == 1000.0
    assert math.isnan(out[11])
    assert out[12] == 2.5
    assert math.isnan(out[13])  # None is no number


def test_parse_number_text_of_an_empty_series():
    out = parse_number_text(pd.Series([], dtype=object))
    assert out.empty
    assert out.dtype == np.float64


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (34694, 0, "34.694"),
        (1250000.5, 2, "1.250.000,50"),
        (1250000.5, 1, "1.250.000,5"),
        (1250000, 0, "1.250.000"),
        (12_500_000, 2, "12.500.000,00"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (0, 0, "0"),
        (0.5, 2, "0,50"),
        (10.2268, 2, "10,23"),
        (10.2268, 0, "10"),
        (-1234.5, 2, "-1.234,50"),
        (-1_250_000, 0, "-1.250.000"),
        (-0.5, 2, "-0,50"),
        # rounds to zero: no minus sign in front of a zero
        (-0.004, 2, "0,00"),
        (-0.0, 0, "0"),
        (np.int64(34694), 0, "34.694"),
        (np.float64(1250000.5), 2, "1.250.000,50"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_number_default_has_no_decimals():
    assert format_number(1234567) == "1.234.567"


NO_VALUES = [None, float("nan"), float("inf"), float("-inf"), np.nan, np.float32("nan"), pd.NA]


@pytest.mark.parametrize("value", NO_VALUES)
def test_no_value_prints_a_dash(value):
    assert format_number(value, 2) == "–"
    assert format_auto(value) == "–"
    assert format_percent(value) == "–"  # not "– %"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (34694, "34.694"),
        (34694.0, "34.694"),
        (1250000.5, "1.250.000,50"),
        (10.2268, "10,23"),
        (0.5, "0,50"),
        (-7, "-7"),
        (-1234.5, "-1.234,50"),
        (0, "0"),
    ],
)
def test_format_auto(value, expected):
    assert format_auto(value) == expected


def test_format_auto_max_decimals():
    assert format_auto(0.1234567, 6) == "0,123457"
    assert format_auto(3, 6) == "3"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (10.2268, 2, "10,23 %"),
        # the DOMAIN.md example: (34.694 − 31.475) / 31.475 × 100 = 10,2271…
        ((34694 - 31475) / 31475 * 100, 2, "10,23 %"),
        (9.741784, 2, "9,74 %"),
        (100, 2, "100,00 %"),
        (107.142857, 1, "107,1 %"),
        (1234.5, 2, "1.234,50 %"),
        (-3.456, 2, "-3,46 %"),
        (-0.001, 2, "0,00 %"),
        (0, 0, "0 %"),
    ],
)
def test_format_percent(value, decimals, expected):
    assert format_percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7829094.28, "7.829.094,28"),
        (1000.0, "1.000"),
        (0.5, "0,5"),
        (1250000.5, "1.250.000,5"),
        (0.1234567, "0,123457"),  # at most six decimals
        (-2.50, "-2,5"),
        (300000000, "300.000.000"),
        (None, "–"),
        (float("nan"), "–"),
    ],
)
def test_format_exact(value, expected):
    assert format_exact(value) == expected
