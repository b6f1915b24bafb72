"""Sheets loaded ahead on a second thread are the same sheets the reader would load itself."""

from __future__ import annotations

import pytest

from iku_cli import compute
from iku_cli.calc.plan import Reading, preload
from iku_cli.read.preload import Preloader, plan


def test_a_preloaded_computation_equals_a_plain_one(config, small_data):
    loader = preload(config, small_data, config.years_for(2024))
    try:
        ahead = compute(config, small_data, 2024, reading=Reading(preload=loader))
    finally:
        loader.close()
    plain = compute(config, small_data, 2024)
    assert [(i.id, i.value, i.inputs) for i in ahead.indicators] == [
        (i.id, i.value, i.inputs) for i in plain.indicators
    ]
    assert [f.to_dict() for f in ahead.findings] == [f.to_dict() for f in plain.findings]


def test_plan_follows_the_reading_order(config, small_data):
    jobs = plan(small_data, config.sheets(), [2023, 2024])
    assert jobs[0] == (
        small_data / "2023" / "bidang_usaha_mikro_ikm.xlsx",
        "2023/bidang_usaha_mikro_ikm.xlsx",
        "Data UMKM",
    )
    assert len(jobs) == 2 * len(config.spec.sources)


def test_what_was_not_asked_for_or_is_broken_is_left_to_the_reader(config, small_data):
    (small_data / "2024" / "pdrb.xlsx").write_bytes(b"not a workbook")
    loader = Preloader(plan(small_data, config.sheets(), [2024]))
    try:
        assert (
            loader.take(small_data / "2024" / "pdrb.xlsx", "PDRB ADHK") is None
        )  # refused: the reader says why
        assert loader.take(small_data / "2099" / "x.xlsx", "X") is None  # never asked for
        first = loader.take(small_data / "2024" / "bidang_koperasi.xlsx", "Keragaan Koperasi")
        assert first is not None and next(first.take_rows())[0] == "Nomor Badan Hukum"
        assert (
            loader.take(small_data / "2024" / "bidang_koperasi.xlsx", "Keragaan Koperasi") is None
        )  # once only
    finally:
        loader.close()


def test_rows_given_one_at_a_time_are_the_whole_grid_from_a1(tmp_path):
    import openpyxl
    import python_calamine

    from iku_cli.read.grid import Grid

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet["C5"], sheet["E7"], sheet["D9"] = "NIB", 3, "x"
    book.create_sheet("Kosong")
    path = tmp_path / "offset.xlsx"
    book.save(path)
    reader = python_calamine.CalamineWorkbook.from_path(str(path))
    told: list[str] = []
    grid = Grid(reader.get_sheet_by_name("Data"), let_go=lambda: told.append("let go"))
    rows = list(grid.take_rows())
    assert rows == reader.get_sheet_by_name("Data").to_python(skip_empty_area=False)
    assert rows[4] == ["", "", "NIB", "", ""] and rows[6][4] == 3.0 and len(rows) == 9
    assert told == ["let go"] and grid.loaded is None
    grid.released()
    assert told == ["let go"]  # told once only
    assert list(Grid(reader.get_sheet_by_name("Kosong")).take_rows()) == []
    dropped = Grid(reader.get_sheet_by_name("Data"), let_go=lambda: told.append("dropped"))
    rest = dropped.take_rows()
    next(rest)
    rest.close()  # the reader stops after the header: its sheet is let go all the same
    assert told == ["let go", "dropped"]


def test_large_sheets_load_one_after_another_even_when_their_rows_are_never_taken(
    config, small_data, monkeypatch
):
    import threading

    import iku_cli.read.preload as preload_module

    monkeypatch.setattr(preload_module, "LARGE", -1)  # every sheet counts as large
    jobs = plan(small_data, config.sheets(), [2023, 2024])
    loader = Preloader(jobs)
    taken: list[bool] = []

    def take_all() -> None:
        for declared, _, sheet in jobs:  # each taken, none read: the next take frees the room
            taken.append(loader.take(declared, sheet) is not None)

    worker = threading.Thread(target=take_all, daemon=True)
    try:
        worker.start()
        worker.join(timeout=60)
        assert not worker.is_alive(), "the loader waited for room that was never given back"
        assert taken == [declared.exists() for declared, _, _ in jobs]  # all there are, loaded
        assert sum(taken) >= 10
    finally:
        loader.close()


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="F2" t="e"><f>SORT(A1:A3)</f><v>#SPILL!</v></c>',  # the reader refuses it: loaded from a copy
        '<c r="F2" t="e"><v>#DIV/0!</v></c>',  # loaded as it is, while its cells are checked
        '<c t="e" r="F2"><v>#DIV/0!</v></c>',  # the same, its address written last
        '<c r="F2"><v>1</v></c><c r="XFD1048576"><v>9</v></c>',  # no early load: a stray far cell
    ],
)
def test_the_first_sheet_loaded_while_it_is_checked_reads_as_the_plain_reader_reads_it(
    config, small_data, cell
):
    from tests.read.formats import set_cell_xml

    set_cell_xml(small_data / "2023" / "bidang_usaha_mikro_ikm.xlsx", "F2", cell)
    test_a_preloaded_computation_equals_a_plain_one(config, small_data)
    plain = compute(config, small_data, 2024)
    assert {"excel-error", "stray-cell"} & {f.code for f in plain.findings}
