"""Text as iku compares it: one normalisation everywhere, equal to the regular-expression definition."""

from __future__ import annotations

import re
import sys

import pytest

from iku_cli.text import closest, collapse_spaces, normalise, row_ranges, runs


def by_regex(text: object) -> str:
    """The definition iku used first: runs of white space as one space, trimmed, without case."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def test_normalise_equals_the_regex_definition_for_every_code_point():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, len(every), 4096):
        chunk = every[start : start + 4096]
        text = f" a{chunk}b  {chunk} "
        assert normalise(text) == by_regex(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Tidak\u00a0\u2003Aktif \n", "tidak aktif"),  # no-break and em space
        ("MIKRO", "mikro"),
        ("a\x00b", "a\x00b"),  # NUL is not white space
        ("a\x1cb\x1fc", "a b c"),  # the file and unit separators are
        ("Straße", "strasse"),  # casefold, not lower
        (1.0, "1.0"),
        (True, "true"),
        (None, "none"),
    ],
)
def test_normalise_adversarial_values(value, expected):
    assert normalise(value) == expected == by_regex(value)


def test_collapse_spaces_keeps_case():
    assert collapse_spaces("OMZET PER\nTAHUN  (Rp) ") == "OMZET PER TAHUN (Rp)"


def test_runs_and_row_ranges():
    assert runs([9, 5, 6, 7]) == [(5, 7), (9, 9)]
    assert runs([]) == []
    assert row_ranges([5, 6, 7, 9]) == "5–7, 9"
    assert row_ranges(range(0, 40, 2), limit=3) == "0, 2, 4, … (17 rentang lagi)"


def test_closest():
    assert closest("Mikor", ["Mikro", "Kecil"]) == "Mikro"
    assert closest("zzz", ["Mikro", "Kecil"]) is None
