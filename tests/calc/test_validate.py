"""The validation use case: which years are checked, what a missing year means, how findings are listed."""

from __future__ import annotations

import shutil

from iku_cli.calc.validate import validate, validate_year, years_to_check


def test_year_n_checks_n_minus_1_only_where_its_folder_exists(small_data):
    assert years_to_check(small_data, 2024) == [2023, 2024]
    assert years_to_check(small_data, 2023) == [2023]
    assert years_to_check(small_data, None) == [2023, 2024]


def test_a_missing_previous_year_is_one_warning_not_errors_for_each_workbook(config, small_data):
    shutil.rmtree(small_data / "2023")
    report = validate_year(config, small_data, 2024)
    assert report.years == [2024] and report.valid()
    assert [(f.severity, f.code) for f in report.findings if f.severity != "info"] == [
        ("warning", "previous-year-missing")
    ]
    assert (
        "indikator tahun 2024 yang memakai data 2023 (IKT-1, IKU-1, IKU-2, IKT-2, IKT-3, IKU-4, IKU-5, IKU-6)"
        in report.findings[0].message
    )
    assert len(report.files) == 4  # the optional anggaran.xlsx is absent: not a workbook checked


def test_findings_come_errors_first_with_the_column_as_its_header(config, defective):
    data, _ = defective
    report = validate(config, data, [2023, 2024])
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    not_allowed = next(f for f in report.findings if f.code == "not-allowed")
    assert (not_allowed.column, not_allowed.column_header) == ("skala_usaha", "Skala Usaha")
    omzet = next(f for f in report.findings if f.code == "type-error")
    assert omzet.column_header == "Omzet per Tahun (Rp)"
