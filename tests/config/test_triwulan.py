"""Quarterly declarations in indicators.yaml: targets per triwulan, the reading, the capaian type, and every
mistake named with its file and line."""

from __future__ import annotations

import pytest

from iku_cli.config import Bacaan, JenisCapaian, load_config
from tests.config.test_loader import BASE, problem_at, problems_of, variant, write

QUARTERLY = "          2024: {tahunan: 5, tw: [1, 2.5, 4, 5]}\n"  # line 36


def growth_with(tmp_path, targets: str = QUARTERLY, triwulan: str = "triwulan: c-to-c"):
    """BASE with IKT-1 (a growth) given quarterly targets for 2024 and a reading on line 38."""
    text = variant("          2024: 5\n", targets).replace(
        "          2025: [4, 6]\n", f"          2025: [4, 6]\n        {triwulan}\n"
    )
    return write(tmp_path, text)


def test_quarterly_targets_and_reading(tmp_path):
    ind = load_config(growth_with(tmp_path)).indicator("IKT-1").indikator
    assert ind.target(2024) == 5.0 and ind.target(2025) == (4.0, 6.0)
    assert ind.target_tw(2024) == [1.0, 2.5, 4.0, 5.0] and ind.target_tw(2025) is None
    assert ind.bacaan == Bacaan.C_TO_C and ind.triwulan.capaian == JenisCapaian.NILAI_AKHIR
    assert [ind.target_sd(2024, q) for q in (1, 2, 3, 4)] == [1.0, 2.5, 4.0, 5.0]
    assert ind.target_sd(2025, 2) is None


def test_a_ratio_reads_the_triwulan_by_default_and_a_growth_never_does(tmp_path):
    config = load_config(write(tmp_path, BASE))
    assert config.indicator("IKU-1").indikator.bacaan == Bacaan.TRIWULAN
    assert config.indicator("IKT-1").indikator.bacaan is None  # c-to-c or snapshot is a choice


def test_kumulatif_targets_add_up_by_the_triwulan(tmp_path):
    text = BASE + (
        "            targets: {2024: {tahunan: [8, 12], tw: [2, [1, 3], 3, [2, 4]]}}\n"
        "            triwulan: {capaian: kumulatif}\n"
    )
    ind = load_config(write(tmp_path, text)).indicator("IKU-1").indikator
    assert [ind.target_sd(2024, q) for q in (1, 2, 3, 4)] == [2.0, (3.0, 5.0), (6.0, 8.0), (8.0, 12.0)]


def test_annual_only_with_its_reason(tmp_path):
    path = growth_with(
        tmp_path, "          2024: 5\n", "triwulan: {bacaan: tahunan, alasan: terbit setahun sekali}"
    )
    ind = load_config(path).indicator("IKT-1").indikator
    assert ind.bacaan == Bacaan.TAHUNAN and ind.triwulan.alasan == "terbit setahun sekali"


def test_a_tw_list_of_the_wrong_length(tmp_path):
    path = growth_with(tmp_path, "          2024: {tahunan: 5, tw: [1, 2.5, 5]}\n")
    problem_at(path, 36, "targets.2024.tw", "tw has 3 targets; write four, one per triwulan")


def test_a_tw_target_that_is_not_a_number(tmp_path):
    path = growth_with(tmp_path, "          2024: {tahunan: 5, tw: [1, dua, 4, 5]}\n")
    problem_at(path, 36, "target 'dua' is not a number (e.g. 10.5) or a range [low, high]")


def test_an_unknown_key_in_a_year_target(tmp_path):
    path = growth_with(tmp_path, "          2024: {tahunan: 5, tww: [1, 2.5, 4, 5]}\n")
    problems = problems_of(path)
    assert any(p.startswith(f"{path}:36: unknown key 'tww'") and "did you mean 'tw'?" in p for p in problems)


def test_a_year_target_that_is_not_a_number(tmp_path):
    path = growth_with(tmp_path, "          2024: lima\n")
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:36: tujuan.0.indikator.0.targets.2024: target 'lima' is not a number (e.g. 10.5) or a "
        "range [low, high]"
    )


def test_tw_iv_must_be_the_years_target_for_nilai_akhir(tmp_path):
    path = growth_with(tmp_path, "          2024: {tahunan: 5, tw: [1, 2.5, 4, 4.5]}\n")
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:36: indicator IKT-1: with capaian nilai_akhir (each is the position at the triwulan's end) "
        "the TW IV target is 4.5, not the year's target 5; make them agree"
    )


def test_kumulatif_targets_must_add_up_to_the_years(tmp_path):
    text = BASE + (
        "            targets: {2024: {tahunan: 10, tw: [2, 2, 2, 2]}}\n"
        "            triwulan: {capaian: kumulatif}\n"
    )
    path = write(tmp_path, text)
    problem_at(path, 48, "the four add up to 8, not the year's target 10")


def test_a_range_inside_tw_with_low_above_high(tmp_path):
    path = growth_with(tmp_path, "          2024: {tahunan: 5, tw: [1, [3, 2], 4, 5]}\n")
    problem_at(path, 36, "indicator IKT-1: TW II target range for 2024 has low 3 above high 2")


def test_a_growth_with_quarterly_targets_must_say_how_it_is_read(tmp_path):
    path = write(tmp_path, variant("          2024: 5\n", QUARTERLY))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:36: indicator IKT-1 has targets per triwulan for 2024; declare how")
    assert "triwulan: c-to-c" in problem and "triwulan: snapshot" in problem


def test_annual_only_takes_no_quarterly_targets(tmp_path):
    path = growth_with(tmp_path, triwulan="triwulan: tahunan")
    problem_at(path, 36, "IKT-1 is annual only (triwulan: tahunan) but has targets per triwulan for 2024")


@pytest.mark.parametrize(
    ("triwulan", "fragment"),
    [
        ("triwulan: triwulan", "is a growth, which compares two periods"),
        ("triwulan: {bacaan: c-to-c, capaian: kumulatif}", "the triwulan of a growth rate do not add up"),
        ("triwulan: {bacaan: snapshot, alasan: x}", "alasan says why an indicator is annual only"),
    ],
)
def test_readings_that_do_not_fit_a_growth(tmp_path, triwulan, fragment):
    path = growth_with(tmp_path, triwulan=triwulan)
    problem_at(path, 38, fragment)


def test_a_growth_reading_on_a_ratio(tmp_path):
    text = BASE + "            triwulan: snapshot\n"
    path = write(tmp_path, text)
    problem_at(path, 48, "indicator IKU-1 is a ratio: 'snapshot' reads a growth")


def test_an_unknown_reading(tmp_path):
    path = growth_with(tmp_path, triwulan="triwulan: c2c")
    problem_at(path, 38, "triwulan.bacaan", "'c-to-c', 'snapshot', 'triwulan' or 'tahunan'")


def test_an_unknown_key_in_the_triwulan_block(tmp_path):
    path = growth_with(tmp_path, triwulan="triwulan: {bacaan: c-to-c, capain: kumulatif}")
    problem_at(path, 38, "unknown key 'capain'", "did you mean 'capaian'?")
