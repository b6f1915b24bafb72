"""The formulas, pure: growth, ratio, capaian and kategori against hand-computed values and edge cases."""

from __future__ import annotations

import math

import pytest

from iku_cli.calc.formulas import Outcome, capaian, growth, kategori, not_computed, ratio
from iku_cli.config import DEFAULT_KATEGORI, Band


def test_growth_domain_example_divides_by_the_previous_year():
    # (34.694 − 31.475) / 31.475 × 100 = 3.219 / 31.475 × 100 = 10,22716…
    out = growth(31475, 34694, 2024)
    assert out.ok
    assert out.status == "ok"
    assert out.reason is None
    assert out.value == pytest.approx(10.227164416203335)
    assert round(out.value, 2) == 10.23
    # the published (wrong) figure divides by V(n): 3.219 / 34.694 × 100 = 9,28
    assert out.value != pytest.approx(3219 / 34694 * 100)


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (100, 150, 50.0),
        (100, 100, 0.0),
        (100, 50, -50.0),  # negative growth
        (200, 0, -100.0),  # everything lost
        (4, 5, 25.0),
        (3, 1, -200 / 3),  # (1 − 3) / 3 × 100 = −66,67
        (1_250_000.5, 1_500_000.6, (1_500_000.6 - 1_250_000.5) / 1_250_000.5 * 100),
    ],
)
def test_growth(previous, current, expected):
    out = growth(previous, current, 2024)
    assert out.ok
    assert out.value == pytest.approx(expected)


@pytest.mark.parametrize("current", [0, 5, 34694])
def test_growth_from_zero_cannot_be_computed(current):
    out = growth(0, current, 2024)
    assert not out.ok
    assert out.status == "zero-base"
    assert out.value is None
    assert out.reason.startswith("tidak dapat dihitung")
    assert "2023" in out.reason  # names the previous year


@pytest.mark.parametrize(
    ("previous", "current"),
    [(float("nan"), 5), (5, float("nan")), (1e-320, 1e300), (float("inf"), 5), (5, float("inf"))],
)
def test_growth_is_never_inf_or_nan(previous, current):
    out = growth(previous, current, 2024)
    assert out.value is None
    assert out.status == "not-finite"
    assert out.reason.startswith("tidak dapat dihitung")


def test_ratio_domain_example():
    # 83 / 852 × 100 = 9,74178…
    out = ratio(83, 852)
    assert out.ok
    assert out.value == pytest.approx(9.741784037558686)
    assert round(out.value, 2) == 9.74


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 4, 25.0), (0, 10, 0.0), (10, 10, 100.0), (3, 2, 150.0), (1, 3, 100 / 3)],
)
def test_ratio(numerator, denominator, expected):
    assert ratio(numerator, denominator).value == pytest.approx(expected)


@pytest.mark.parametrize("numerator", [0, 1, 83])
def test_ratio_zero_denominator(numerator):
    out = ratio(numerator, 0)
    assert out.status == "zero-denominator"
    assert out.value is None
    assert out.reason.startswith("tidak dapat dihitung")


@pytest.mark.parametrize(("numerator", "denominator"), [(float("nan"), 1), (1, float("nan")), (1, 1e-320)])
def test_ratio_is_never_inf_or_nan(numerator, denominator):
    out = ratio(numerator, denominator)
    assert out.value is None
    assert out.status == "not-finite"


@pytest.mark.parametrize(
    ("realisasi", "target", "expected"),
    [
        (10.23, 10, 102.3),
        (5, 10, 50.0),
        (10, 10, 100.0),
        (0, 10, 0.0),
        (9.74, 12.5, 77.92),  # 9,74 / 12,5 × 100
        (-2, 8, -25.0),  # a negative growth against a positive target
    ],
)
def test_capaian_higher_is_better(realisasi, target, expected):
    out = capaian(realisasi, target)
    assert out.ok
    assert out.value == pytest.approx(expected)
    assert capaian(realisasi, target, "higher").value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("realisasi", "target", "expected"),
    [
        (6.5, 7, 107.14285714285714),  # (1 + (1 − 6,5/7)) × 100 = (2 − 0,928571…) × 100
        (7, 7, 100.0),
        (14, 7, 0.0),  # (1 + (1 − 2)) × 100
        (3.5, 7, 150.0),  # (1 + (1 − 0,5)) × 100
        (8, 5, 40.0),  # (1 + (1 − 1,6)) × 100
        (0, 7, 200.0),
    ],
)
def test_capaian_lower_is_better(realisasi, target, expected):
    out = capaian(realisasi, target, "lower")
    assert out.ok
    assert out.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [
        (5, 50.0),  # below [10, 20]: against the low bound, 5 / 10 × 100
        (8, 80.0),
        (10, 100.0),  # the bounds are inside
        (15, 100.0),
        (20, 100.0),
        (25, 125.0),  # above: against the high bound, 25 / 20 × 100
        (30, 150.0),
    ],
)
def test_capaian_range_target(realisasi, expected):
    out = capaian(realisasi, (10.0, 20.0))
    assert out.ok
    assert out.value == pytest.approx(expected)


def test_capaian_inside_a_range_is_exactly_100():
    assert capaian(12.345, (10.0, 20.0)).value == 100.0


def test_capaian_range_below_a_zero_low_bound_cannot_be_computed():
    out = capaian(-1, (0.0, 3.0))
    assert out.status == "zero-target"
    assert out.value is None


@pytest.mark.parametrize(
    ("realisasi", "target", "better", "status"),
    [
        (5, None, "higher", "no-target"),
        (5, None, "lower", "no-target"),
        (5, 0, "higher", "zero-target"),
        (5, 0.0, "lower", "zero-target"),
        (0, 0, "higher", "zero-target"),
        (None, 7, "higher", "no-realisasi"),
        (None, (10.0, 20.0), "higher", "no-realisasi"),
        (None, None, "higher", "no-realisasi"),
    ],
)
def test_capaian_cannot_be_computed(realisasi, target, better, status):
    out = capaian(realisasi, target, better)
    assert out.status == status
    assert out.value is None
    assert not out.ok
    assert out.reason.startswith("tidak dapat dihitung")


@pytest.mark.parametrize(("realisasi", "target"), [(float("nan"), 7), (5, float("nan")), (1e300, 1e-300)])
def test_capaian_is_never_inf_or_nan(realisasi, target):
    out = capaian(realisasi, target)
    assert out.value is None
    assert out.status == "not-finite"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (130, "Sangat Tinggi"),
        (100, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.99, "Tinggi"),
        (76, "Tinggi"),
        (75.999, "Sedang"),
        (66, "Sedang"),
        (65.99, "Rendah"),
        (51, "Rendah"),
        (50.99, "Sangat Rendah"),
        (0, "Sangat Rendah"),
        (-25, "Sangat Rendah"),
        (None, None),
        (float("nan"), None),
    ],
)
def test_kategori_default_bands(value, label):
    assert kategori(value, DEFAULT_KATEGORI) == label


CUSTOM = [
    Band(label="Sangat Baik", min=91),
    Band(label="Baik", min=76),
    Band(label="Cukup", min=66),
    Band(label="Kurang", min=51),
    Band(label="Sangat Kurang"),
]


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (107.14, "Sangat Baik"),
        (91, "Sangat Baik"),
        (90.99, "Baik"),
        (76, "Baik"),
        (75.999, "Cukup"),
        (66, "Cukup"),
        (51, "Kurang"),
        (50.99, "Sangat Kurang"),
        (0, "Sangat Kurang"),
        (None, None),
    ],
)
def test_kategori_custom_labels(value, label):
    assert kategori(value, CUSTOM) == label


def test_kategori_custom_thresholds():
    bands = [Band(label="Tercapai", min=100), Band(label="Tidak tercapai")]
    assert kategori(100, bands) == "Tercapai"
    assert kategori(99.999, bands) == "Tidak tercapai"


def test_kategori_from_capaian():
    # target 7, realisasi 6,5, lower is better → 107,14 → Sangat Tinggi; 83/852 = 9,74 vs target 12 → 81,18 → Tinggi
    assert kategori(capaian(6.5, 7, "lower").value, DEFAULT_KATEGORI) == "Sangat Tinggi"
    assert kategori(capaian(ratio(83, 852).value, 12).value, DEFAULT_KATEGORI) == "Tinggi"


def test_not_computed_and_outcome():
    out = not_computed("zero-base", "alasan")
    assert out == Outcome(value=None, status="zero-base", reason="tidak dapat dihitung: alasan")
    assert not out.ok
    assert Outcome(value=1.0, status="ok").ok


def test_outcomes_are_finite_or_none():
    for out in [growth(31475, 34694, 2024), ratio(83, 852), capaian(6.5, 7, "lower")]:
        assert out.value is not None and math.isfinite(out.value)


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [
        (-2, 160.0),  # (1 + (−2 − (−5)) / |−5|) × 100 = (1 + 3/5) × 100: better than the target
        (-5, 100.0),  # on target
        (-10, 0.0),  # (1 + (−10 + 5) / 5) × 100 = (1 − 1) × 100
        (0, 200.0),  # (1 + 5/5) × 100
        (-7.5, 50.0),  # (1 − 2,5/5) × 100
    ],
)
def test_capaian_negative_target_higher_is_better(realisasi, expected):
    out = capaian(realisasi, -5.0)
    assert out.ok
    assert out.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [
        (-2, 40.0),  # (1 − (−2 + 5) / 5) × 100 = (1 − 3/5) × 100: worse than the target
        (-5, 100.0),
        (-10, 200.0),  # (1 − (−5) / 5) × 100
    ],
)
def test_capaian_negative_target_lower_is_better(realisasi, expected):
    out = capaian(realisasi, -5.0, "lower")
    assert out.ok
    assert out.value == pytest.approx(expected)


def test_capaian_old_form_gave_the_wrong_sign_for_a_negative_target():
    # R / T × 100 = −2 / −5 × 100 = 40 although −2 is better than −5; the general form gives 160.
    old = -2 / -5 * 100
    assert old == pytest.approx(40.0)
    assert capaian(-2, -5.0).value == pytest.approx(160.0)


def test_capaian_range_with_negative_bounds():
    assert capaian(-5, (-6.0, -4.0)).value == 100.0  # inside
    # below [−6, −4]: against the low bound −6: (1 + (−8 + 6) / 6) × 100 = 66,67
    assert capaian(-8, (-6.0, -4.0)).value == pytest.approx(200 / 3)
    # above it: against the high bound −4: (1 + (−2 + 4) / 4) × 100 = 150
    assert capaian(-2, (-6.0, -4.0)).value == pytest.approx(150.0)
    # above [−3, 0]: against the high bound 0, which no formula divides by
    assert capaian(1, (-3.0, 0.0)).status == "zero-target"


@pytest.mark.parametrize(
    ("realisasi", "target", "better"),
    [(10.23, 10.0, "higher"), (6.5, 7.0, "lower"), (0.0, 3.0, "higher"), (14.0, 7.0, "lower")],
)
def test_capaian_general_form_equals_permenpanrb_for_positive_targets(realisasi, target, better):
    official = realisasi / target * 100 if better == "higher" else (1 + (1 - realisasi / target)) * 100
    assert capaian(realisasi, target, better).value == pytest.approx(official, rel=1e-12)
