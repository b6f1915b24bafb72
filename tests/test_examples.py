"""The shipped examples: iku's values equal the generator's, computed from its clean records."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iku_cli import ComputeResult, compute, validate
from iku_cli.config import load_config
from tests.helpers import EXAMPLES, ROOT

EXPECTED = json.loads((ROOT / "examples" / "expected.json").read_text())


@pytest.fixture(scope="module")
def computed():
    """Each year of the examples computed once for the tests of this module."""
    config = load_config(ROOT / "indicators.yaml")
    results: dict[int, ComputeResult] = {}

    def of(year: int) -> ComputeResult:
        if year not in results:
            results[year] = compute(config, EXAMPLES, year)
        return results[year]

    return of


@pytest.mark.parametrize("year", [2023, 2024])
def test_examples_match_the_generators_ground_truth(config, computed, year):
    result = computed(year)
    assert result.exit_code == 0
    for ind in result.indicators:
        assert ind.value == pytest.approx(EXPECTED["indicators"][str(year)][ind.id], rel=1e-12), ind.id
        for m in ind.measures:
            # expected.json keys a measure by the year it is reported for; one of year n-1 counts the year before
            reported = m.year + (config.spec.measures[m.id].year == "n-1")
            assert m.value == pytest.approx(EXPECTED["measures"][str(reported)][m.id], rel=1e-12), (
                ind.id,
                m.id,
            )


@pytest.mark.parametrize("year", [2023, 2024])
def test_examples_capaian_and_averages_match_the_ground_truth(computed, year):
    result = computed(year)
    expected = EXPECTED["capaian"][str(year)]
    assert {i.id: i.capaian for i in result.indicators} == pytest.approx(expected, rel=1e-12)
    averages = EXPECTED["rata_rata_capaian"][str(year)]
    got = {g.id: g.average.value for g in [*result.tujuan, *result.sasaran]}
    assert got | {"keseluruhan": result.average.value} == pytest.approx(averages, rel=1e-12)


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_examples_budget_matches_the_ground_truth(computed, year):
    budget = computed(year).anggaran
    expected = EXPECTED["anggaran"][str(year)]
    assert budget.status == "ok"
    for sid, s in budget.sasaran.items():
        want = expected[sid]
        assert (s.total.pagu, s.total.realisasi) == (want["pagu"], want["realisasi"]), sid
        assert s.total.serapan == pytest.approx(want["serapan"], rel=1e-12)
        assert s.efisien == want["efisien"], sid
    assert sum(p.pagu for p in budget.penunjang) == expected["penunjang"]["pagu"]
    assert sum(p.realisasi for p in budget.penunjang) == expected["penunjang"]["realisasi"]
    assert [u.kode for u in budget.unassigned] == expected["tidak_terkait_sasaran"]
    assert (budget.total.pagu, budget.total.realisasi) == (
        expected["jumlah"]["pagu"],
        expected["jumlah"]["realisasi"],
    )


def test_examples_2022_has_ratios_and_no_growth(computed):
    result = computed(2022)
    got = {i.id: i for i in result.indicators}
    assert got["IKU-3"].value == pytest.approx(EXPECTED["indicators"]["2022"]["IKU-3"])
    assert got["IKU-1"].value is None and got["IKU-1"].status == "data-missing"
    # IKU-2 follows the usaha mikro of 2021, which the examples do not have
    assert (
        got["IKU-2"].value is None
        and got["IKU-2"].reason
        == "tidak dapat dihitung: data tidak tersedia: 2021/bidang_usaha_mikro_ikm.xlsx"
    )
    assert result.exit_code == 1


def test_examples_validate_without_errors(config):
    report = validate(config, EXAMPLES, [2022, 2023, 2024])
    assert report.valid()
    codes = {f.code for f in report.findings}
    # the deliberate mess is reported, not hidden
    assert {
        "number-as-text",
        "total-row-excluded",
        "unit-scaled",
        "unit-inconsistent",
        "blank-rows-skipped",
        "budget-subtotal-mismatch",  # 2023: a kegiatan subtotal not updated
        "budget-row-unassigned",  # 2024: the metrologi program no sasaran declares
    } <= codes


@pytest.mark.slow
def test_installed_command_on_examples(tmp_path):
    """The console script, as a user runs it, on a copy of the examples."""
    iku = Path(sys.executable).parent / "iku"
    assert iku.exists(), "the iku console script is installed beside the interpreter"
    data = shutil.copytree(EXAMPLES, tmp_path / "data")
    proc = subprocess.run(
        [str(iku), "compute", str(data), "--year", "2024", "--format", "json"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    got = {i["id"]: i["value"] for i in json.loads(proc.stdout)["indicators"]}
    assert got == pytest.approx(EXPECTED["indicators"]["2024"], rel=1e-12)
    table = subprocess.run([str(iku), "compute", str(data), "--year", "2024"], capture_output=True, text=True)
    assert table.returncode == 0
    assert "9 dari 9 indikator dihitung." in table.stdout
    assert "10,45 %" in table.stdout  # IKU-1: (3.276 - 2.966) / 2.966


EXPECTED_TW = json.loads((ROOT / "examples" / "expected_triwulan.json").read_text())


@pytest.fixture(scope="module")
def quarters():
    """2024 up to TW IV of the examples, each triwulan from its own folders, computed once."""
    from iku_cli.calc.triwulan import compute_triwulan

    return compute_triwulan(load_config(ROOT / "indicators.yaml"), EXAMPLES, 2024, 4)


@pytest.mark.slow
@pytest.mark.parametrize("triwulan", [1, 2, 3, 4])
def test_examples_per_triwulan_match_the_generators_ground_truth(quarters, triwulan):
    result = quarters.quarters[triwulan - 1]
    expected = EXPECTED_TW[f"2024/TW{triwulan}"]
    assert result.exit_code == 0  # the annual-only indicators do not fail a triwulan
    for ind in result.indicators:
        for got, want in (
            (ind.value, expected["indicators"][ind.id]),
            (ind.capaian, expected["capaian"][ind.id]),
        ):
            assert (got is None) == (want is None), ind.id  # annual only: no value, never 0
            if want is not None:
                assert got == pytest.approx(want, rel=1e-12), ind.id
    assert result.average.value == pytest.approx(expected["rata_rata_capaian"]["keseluruhan"], rel=1e-12)


@pytest.mark.slow
def test_tw4_c_to_c_equals_the_annual_growth(quarters, computed):
    tw4 = {i.id: i for i in quarters.now.indicators}
    annual = {i.id: i for i in computed(2024).indicators}
    c_to_c = [iid for iid, ind in tw4.items() if ind.triwulan.bacaan == "c-to-c"]
    assert c_to_c == ["IKT-1", "IKU-4", "IKU-5", "IKU-6"]
    for iid in c_to_c:
        assert tw4[iid].triwulan.periode == ("2023/TW4", "2024/TW4")
        assert tw4[iid].value == pytest.approx(annual[iid].value, rel=1e-12), iid
    # a snapshot at TW IV is the year too: the end of 2024 against the end of 2023
    assert tw4["IKU-1"].value == pytest.approx(annual["IKU-1"].value, rel=1e-12)
    assert [iid for iid, ind in tw4.items() if ind.status == "annual-only"] == ["IKU-2", "IKT-2", "IKT-3"]


@pytest.mark.slow
def test_examples_tw2_by_hand(quarters):
    """Two values of 2024 TW II, from the measures the generator wrote (see the README)."""
    tw2 = {i.id: i for i in quarters.quarters[1].indicators}
    iku1 = tw2["IKU-1"]  # snapshot: usaha mikro in the register at 30 June 2024 against the end of 2023
    assert (iku1.inputs.v_n_1, iku1.inputs.v_n) == (2966, 3104)
    assert iku1.value == pytest.approx((3104 - 2966) / 2966 * 100) and iku1.target == 5.0
    assert iku1.capaian == pytest.approx((3104 - 2966) / 2966 * 100 / 5.0 * 100)
    iku6 = tw2["IKU-6"]  # c-to-c: export FOB Jan-Jun 2024 against Jan-Jun 2023
    assert (iku6.inputs.v_n_1, iku6.inputs.v_n) == (1_404_000, 1_780_500)
    assert iku6.value == pytest.approx(376_500 / 1_404_000 * 100)
