"""Findings as data: stable codes with a fixed severity, sorting, de-duplication, plain values for JSON."""

from __future__ import annotations

import numpy as np

from iku_cli.findings import (
    CODES,
    At,
    Finding,
    Severity,
    by_severity,
    count_by_severity,
    dedupe,
    has_errors,
    make,
)


def test_a_code_always_has_its_registered_severity():
    assert make("duplicate-key", "x").severity == Severity.ERROR
    assert make("number-as-text", "x").severity == Severity.WARNING
    assert make("blank-rows-skipped", "x").severity == Severity.INFO
    assert all(len(meaning) > 10 for _, meaning in CODES.values())
    assert all(code == code.lower() and " " not in code for code in CODES)


def test_at_names_file_and_sheet():
    f = At("2024/pdrb.xlsx", "PDRB ADHK").finding("type-error", "pesan", cell="C4", column="nilai", value="x")
    assert (f.file, f.sheet, f.cell, f.column, f.value) == ("2024/pdrb.xlsx", "PDRB ADHK", "C4", "nilai", "x")
    assert f.location == "2024/pdrb.xlsx, sheet PDRB ADHK, sel C4"


def test_by_severity_is_stable():
    found = [
        make("number-as-text", "w1"),
        make("type-error", "e1"),
        make("blank-rows-skipped", "i"),
        make("type-error", "e2"),
    ]
    assert [f.message for f in by_severity(found)] == ["e1", "e2", "w1", "i"]


def test_dedupe_keeps_the_first_of_identical_findings():
    a = make("workbook-missing", "tidak ada", file="2024/a.xlsx")
    b = make("workbook-missing", "tidak ada", file="2024/b.xlsx")
    assert dedupe([a, b, a, b]) == [a, b]


def test_counts_and_blocking():
    found = [make("number-as-text", "w"), make("blank-rows-skipped", "i")]
    assert count_by_severity(found) == {"error": 0, "warning": 1, "info": 1}
    assert not has_errors(found) and has_errors(found, strict=True)


def test_to_dict_gives_plain_values():
    f = Finding(Severity.WARNING, "large-change", "m", value=np.float64(2.5))
    d = f.to_dict()
    assert d["severity"] == "warning" and d["value"] == 2.5 and type(d["value"]) is float


def test_the_readme_lists_every_code():
    from tests.helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"`{code}`" not in readme] == []


def test_a_finding_named_by_its_header_is_the_same_finding_with_that_header():
    from dataclasses import fields, replace

    from iku_cli.findings import Finding, Severity

    every = Finding(Severity.WARNING, "c", "m", "f.xlsx", "S", "B2", "omzet", 3.5, None)
    assert all(getattr(every, f.name) is not None for f in fields(Finding) if f.name != "column_header")
    named = every.with_header("Omzet (Rp)")
    assert named == replace(every, column_header="Omzet (Rp)") and every.column_header is None
