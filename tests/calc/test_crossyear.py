"""Checks across sheets and years: undeclared sheets, units across years, large changes, unreadable files."""

from __future__ import annotations

from iku_cli import validate
from tests.helpers import YEAR_2023, YEAR_2024, write_book, write_year


def where(f):
    return (f.severity, f.code, f.file, f.sheet, f.cell)


def test_extra_sheet_is_info(config, small_data):
    rows = YEAR_2024["koperasi_rows"]
    write_book(small_data / "2024" / "bidang_koperasi.xlsx", {"Keragaan Koperasi": rows, "Catatan": [["x"]]})
    report = validate(config, small_data, [2024])
    [f] = [f for f in report.findings if f.code == "extra-sheet-ignored"]
    assert where(f) == ("info", "extra-sheet-ignored", "2024/bidang_koperasi.xlsx", "Catatan", None)


def test_unit_inconsistent_across_years(config, small_data):
    rows = [["Nama Eksportir", "Nilai FOB (ribu USD)"], ["PT A", 2.5], ["PT B", 2.5]]
    write_book(
        small_data / "2024" / "bidang_perdagangan.xlsx",
        {"Volume Perdagangan": YEAR_2024["volume_rows"], "Realisasi Ekspor": rows},
    )
    report = validate(config, small_data, [2023, 2024])
    [f] = [f for f in report.findings if f.code == "unit-inconsistent"]
    assert where(f) == (
        "warning",
        "unit-inconsistent",
        "2024/bidang_perdagangan.xlsx",
        "Realisasi Ekspor",
        None,
    )
    assert f.column == "nilai_fob" and "2023: USD, 2024: ribu USD" in f.message
    assert report.valid()  # a warning, the values are scaled


def test_large_change_between_years(config, tmp_path):
    data = tmp_path / "data"
    write_year(data, 2023, **YEAR_2023)
    big = dict(YEAR_2024)
    big["volume_rows"] = [
        YEAR_2024["volume_rows"][0],
        ["Pasar Baru", "Beras", 3000, 1],
    ]  # 1500 -> 3000 kg: +100 %
    write_year(data, 2024, **big)
    report = validate(config, data, [2023, 2024])
    [f] = [
        f
        for f in report.findings
        if f.code == "large-change" and f.column == "volume" and "perdagangan" in f.message
    ]
    assert where(f) == ("warning", "large-change", "2024/bidang_perdagangan.xlsx", "Volume Perdagangan", None)
    assert "berubah +100,0 % dari 2023 (1.500) ke 2024 (3.000)" in f.message


def test_permission_denied_is_a_finding(config, small_data, monkeypatch):
    import iku_cli.read.opener as wb

    def deny(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(wb, "sniff", deny)
    report = validate(config, small_data, [2024])
    f = next(f for f in report.findings if f.file == "2024/pdrb.xlsx")
    assert (f.severity, f.code) == ("error", "workbook-unreadable") and "izin" in f.message
