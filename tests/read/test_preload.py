"""Sheets loaded ahead on a second thread are the same sheets the reader would load itself."""

from __future__ import annotations

from iku_cli import compute
from iku_cli.calc.plan import preload
from iku_cli.calc.workspace import Reading
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
        assert first is not None and first.take_rows()[0][0] == "Nomor Badan Hukum"
        assert (
            loader.take(small_data / "2024" / "bidang_koperasi.xlsx", "Keragaan Koperasi") is None
        )  # once only
    finally:
        loader.close()
