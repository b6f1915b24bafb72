"""The workspace: year paths, each sheet read once, a header-only sheet is no measure, input hashes."""

from __future__ import annotations

import hashlib

from iku_cli.calc.workspace import Workspace
from iku_cli.read import opener
from iku_cli.read.locate import year_folder, year_folders
from tests.helpers import UMKM_HEADER, write_book


def test_year_folders_and_paths(config, small_data):
    (small_data / "notes").mkdir()
    (small_data / "20245").mkdir()
    assert year_folders(small_data) == [2023, 2024]
    assert year_folder(small_data, 2024) == small_data / "2024"
    ws = Workspace(config, small_data)
    assert ws.path(2024, "pdrb.xlsx") == small_data / "2024" / "pdrb.xlsx"


def test_each_workbook_is_opened_once_and_each_sheet_read_once(config, small_data, monkeypatch):
    opened = []
    real = opener.open_workbook
    monkeypatch.setattr(
        opener, "open_workbook", lambda path, limits: opened.append(path) or real(path, limits)
    )
    ws = Workspace(config, small_data)
    first = ws.sheet(2024, "umkm")
    assert ws.sheet(2024, "umkm") is first
    ws.sheet(2024, "ikm")  # the same workbook as umkm
    assert opened == [small_data / "2024" / "bidang_usaha_mikro_ikm.xlsx"]


def test_measures_are_remembered_and_a_header_only_sheet_is_none(config, small_data):
    ws = Workspace(config, small_data)
    assert ws.measure(2024, "jumlah_usaha_mikro").value == 4  # 1001, 1002, 1006, 1007
    assert ws.measure(2024, "jumlah_usaha_mikro") is ws.measure(2024, "jumlah_usaha_mikro")
    write_book(small_data / "2023" / "bidang_usaha_mikro_ikm.xlsx", {"Data UMKM": [UMKM_HEADER]})
    assert Workspace(config, small_data).measure(2023, "jumlah_usaha_mikro") is None


def test_input_files_carry_their_hash(config, small_data):
    ws = Workspace(config, small_data)
    ws.sheet(2024, "pdrb")
    [f] = ws.input_files()
    path = small_data / "2024" / "pdrb.xlsx"
    assert f.file == "2024/pdrb.xlsx" and f.size == path.stat().st_size
    assert f.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_triwulan_folders_are_read_apart_from_the_year(config, quarter_data):
    ws = Workspace(config, quarter_data)
    assert ws.path(2024, "pdrb.xlsx", 2) == quarter_data / "2024" / "TW2" / "pdrb.xlsx"
    annual, tw2 = ws.sheet(2024, "umkm"), ws.sheet(2024, "umkm", 2)
    assert (annual.file, tw2.file) == (
        "2024/bidang_usaha_mikro_ikm.xlsx",
        "2024/TW2/bidang_usaha_mikro_ikm.xlsx",
    )
    assert ws.sheet(2024, "umkm", 2) is tw2
    assert ws.measure(2024, "jumlah_usaha_mikro").value == 4
    assert ws.measure(2024, "jumlah_usaha_mikro", 2).value == 5  # 1001, 1002, 1006, 1008, 1009
    # a measure of n-1 at a triwulan counts the annual data of n-1
    assert ws.measure(2024, "jumlah_usaha_mikro_tahun_lalu", 2).value == 3
    assert ws.measure_sheets(2024, "jumlah_usaha_mikro_naik_kelas", 2) == [ws.sheet(2023, "umkm"), tw2]


def test_columns_no_measure_uses_are_let_go_once_checked(config, small_data, monkeypatch):
    import gc
    import weakref

    from iku_cli.calc import workspace

    dropped: list[weakref.ref] = []
    real = workspace.read_sheet

    def read_and_watch(*args, **kwargs):
        data = real(*args, **kwargs)
        values = data.frame["nama_usaha"].to_numpy()
        while values.base is not None:  # the array that holds the column's cells, whatever views it
            values = values.base
        dropped.append(weakref.ref(values))
        return data

    monkeypatch.setattr(workspace, "read_sheet", read_and_watch)
    sheet = Workspace(config, small_data).sheet(2024, "umkm")
    gc.collect()
    assert "nama_usaha" not in sheet.frame.columns and "nib" in sheet.frame.columns
    assert dropped[0]() is None  # nothing keeps the names alive
