"""References between blocks of indicators.yaml, and the checks inside each block, named with file and line."""

from __future__ import annotations

import pytest

from iku_cli.config import load_config
from tests.config.test_loader import problem_at, problems_of, variant, write


def test_measure_names_an_undeclared_column(tmp_path):
    path = write(tmp_path, variant("    column: omzet\n", "    column: omzett\n"))
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:25: measure 'total_omzet' names column 'omzett', not declared in source 'umkm' "
        "(did you mean 'omzet'?)"
    )


def test_measure_names_an_undeclared_source(tmp_path):
    path = write(tmp_path, variant("  total_omzet:\n    source: umkm", "  total_omzet:\n    source: umkn"))
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:23: measure 'total_omzet' names source 'umkn', which is not declared (did you mean 'umkm'?)"
    )


def test_filter_names_an_undeclared_column(tmp_path):
    path = write(tmp_path, variant("{column: skala_usaha, op: eq", "{column: skala, op: eq"))
    problem_at(path, 21, "filter names column 'skala'", "did you mean 'skala_usaha'?")


def test_key_names_an_undeclared_column(tmp_path):
    path = write(tmp_path, variant("    key: nib\n", "    key: nibb\n"))
    problem_at(path, 8, "key 'nibb' is not a column of source 'umkm'", "did you mean 'nib'?")


def test_duplicate_indicator_id(tmp_path):
    path = write(tmp_path, variant("          - id: IKU-1", "          - id: IKT-1"))
    (problem,) = problems_of(path)
    # the second use (line 42) is the one to change
    assert problem == f"{path}:42: indicator id 'IKT-1' is used twice; give each indicator its own id"


def test_duplicate_tujuan_sasaran_id(tmp_path):
    path = write(tmp_path, variant("      - id: S1", "      - id: T1"))
    problem_at(path, 26, "tujuan/sasaran id 'T1' is used twice")


def test_category_filter_value_not_allowed(tmp_path):
    path = write(tmp_path, variant("op: eq, value: Mikro}", "op: eq, value: Mikroo}"))
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:21: filter value 'Mikroo' is not an allowed value of 'skala_usaha' (Mikro, Kecil, Menengah)"
    )


def test_category_filter_value_ignores_case_and_spaces(tmp_path):
    path = write(tmp_path, variant("op: eq, value: Mikro}", "op: in, value: [' mikro ', KECIL]}"))
    assert load_config(path).spec.measures["jumlah_mikro"].where.value == [" mikro ", "KECIL"]


NESTED_WHERE = (
    "    where:\n"  # line 21
    "      all:\n"  # line 22
    "        - {column: nib, op: not_blank}\n"  # line 23
    "        - {column: skala_usaha, op: eq, value: {value}}\n"  # line 24
)


def test_nested_filter_problem_names_the_condition_line(tmp_path):
    nested = NESTED_WHERE.replace("{value}", "Mikroo")
    path = write(tmp_path, variant("    where: {column: skala_usaha, op: eq, value: Mikro}\n", nested))
    problem_at(path, 24, "filter value 'Mikroo' is not an allowed value")


def test_nested_filter_problem_is_found(tmp_path):
    nested = NESTED_WHERE.replace("{value}", "Mikroo")
    path = write(tmp_path, variant("    where: {column: skala_usaha, op: eq, value: Mikro}\n", nested))
    (problem,) = problems_of(path)
    assert "filter value 'Mikroo' is not an allowed value of 'skala_usaha'" in problem


def test_formula_names_an_undeclared_measure(tmp_path):
    path = write(tmp_path, variant("measures: [total_omzet]}", "measures: [total_omzett]}"))
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:33: indicator IKT-1 uses measure 'total_omzett', which is not declared under measures "
        "(did you mean 'total_omzet'?)"
    )


def test_ratio_names_an_undeclared_measure(tmp_path):
    path = write(tmp_path, variant("denominator: jumlah_mikro}", "denominator: [jumlah_kecil]}"))
    problem_at(path, 45, "indicator IKU-1 uses measure 'jumlah_kecil'")


def test_sum_over_a_text_column(tmp_path):
    path = write(tmp_path, variant("    column: omzet\n", "    column: nib\n"))
    (problem,) = problems_of(path)
    assert (
        problem == f"{path}:25: measure 'total_omzet' sums column 'nib', which is of type text, not a number"
    )


def test_count_takes_no_column(tmp_path):
    path = write(tmp_path, variant("    aggregate: sum\n", "    aggregate: count\n"))
    problem_at(path, 22, "measures.total_omzet", "aggregate 'count' counts rows and takes no 'column'")


def test_range_target_low_above_high(tmp_path):
    path = write(tmp_path, variant("2025: [4, 6]", "2025: [6, 4]"))
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:37: indicator IKT-1: target range for 2025 has low 6 above high 4; write [low, high]"
    )


@pytest.mark.parametrize(("year", "line"), [("2020", 36), ("2027", 36)])
def test_target_year_outside_renstra(tmp_path, year, line):
    path = write(tmp_path, variant("          2024: 5\n", f"          {year}: 5\n"))
    (problem,) = problems_of(path)
    assert (
        problem
        == f"{path}:{line}: indicator IKT-1: target year {year} is outside the Renstra period 2021-2026"
    )


def test_target_years_without_renstra_are_not_checked(tmp_path):
    text = variant("  renstra: {start: 2021, end: 2026}\n", "").replace("2024: 5", "2030: 5")
    assert load_config(write(tmp_path, text)).indicator("IKT-1").indikator.targets[2030] == 5.0


def test_unknown_unit(tmp_path):
    path = write(tmp_path, variant("unit: Rp,", "unit: Rupee,"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:15: sources.umkm.columns.omzet: unknown unit 'Rupee'")
    assert "use e.g. Rp, ribu Rp, juta Rp" in problem


def test_min_above_max(tmp_path):
    path = write(tmp_path, variant("min: 0}", "min: 10, max: 5}"))
    (problem,) = problems_of(path)
    assert problem == f"{path}:15: sources.umkm.columns.omzet: min (10) is greater than max (5)"


def test_category_without_allowed(tmp_path):
    path = write(tmp_path, variant("        allowed: [Mikro, Kecil, Menengah]\n", ""))
    problem_at(path, 11, "sources.umkm.columns.skala_usaha", "a category column needs 'allowed'")


def test_gt_with_a_string_value(tmp_path):
    path = write(
        tmp_path,
        variant("{column: skala_usaha, op: eq, value: Mikro}", "{column: omzet, op: gt, value: banyak}"),
    )
    problem_at(path, 21, "op 'gt' compares numbers; value must be a number, not 'banyak'")


def test_gt_with_a_string_value_is_one_clear_problem(tmp_path):
    path = write(
        tmp_path,
        variant("{column: skala_usaha, op: eq, value: Mikro}", "{column: omzet, op: gt, value: banyak}"),
    )
    problems = problems_of(path)
    assert not any(
        "function-after" in p or "unknown key 'column'" in p or "missing 'all'" in p for p in problems
    )
    assert len(problems) == 1


def test_gt_on_a_text_column(tmp_path):
    path = write(
        tmp_path, variant("{column: skala_usaha, op: eq, value: Mikro}", "{column: nib, op: gt, value: 5}")
    )
    (problem,) = problems_of(path)
    assert problem == f"{path}:21: filter compares column 'nib' (type text) as a number; use eq/ne/in"


@pytest.mark.parametrize("where", ["op: eq, value: banyak", "op: in, value: [1, banyak]"])
def test_string_value_on_a_numeric_column_is_refused(tmp_path, where):
    path = write(tmp_path, variant("column: skala_usaha, op: eq, value: Mikro", f"column: omzet, {where}"))
    problem_at(path, 21, "banyak")


def test_renstra_start_after_end(tmp_path):
    text = variant("{start: 2021, end: 2026}", "{start: 2026, end: 2021}")
    text = text.replace("        targets:\n          2024: 5\n          2025: [4, 6]\n", "")
    path = write(tmp_path, text)
    problem_at(path, 3, "2026", "2021")


def test_kategori_out_of_order(tmp_path):
    text = variant(
        "measures:\n  jumlah_mikro:",
        "kategori:\n  - {label: A, min: 50}\n  - {label: B, min: 80}\n  - {label: C}\nmeasures:\n  jumlah_mikro:",
    )
    path = write(tmp_path, text)
    problem_at(path, 16, "list bands from highest to lowest")


def test_an_empty_kategori_scale_is_a_configuration_error_not_a_crash(tmp_path):
    path = write(tmp_path, variant("measures:\n  jumlah_mikro:", "kategori: []\nmeasures:\n  jumlah_mikro:"))
    problem_at(path, 16, "list bands from highest to lowest")


# --- measures over two years (where_previous) and of year n−1 (year: n-1) ------------------------------

COHORT = """  naik_kelas:
    source: umkm
    aggregate: count_distinct
    column: nib
    where_previous:
      all:
        - {column: skala_usaha, op: eq, value: Mikro}
        - {column: omzet, op: le, value: 300000000}
    where: {column: omzet, op: gt, value: 300000000}
  mikro_tahun_lalu:
    source: umkm
    aggregate: count_distinct
    column: nib
    year: n-1
    where: {column: skala_usaha, op: eq, value: Mikro}
tujuan:
"""


def cohort_variant(old: str = "", new: str = "") -> str:
    text = variant("tujuan:\n", COHORT)
    assert not old or text.count(old) == 1, old
    return text.replace(old, new) if old else text


def test_cohort_and_previous_year_measures_load(tmp_path):
    config = load_config(write(tmp_path, cohort_variant()))
    naik = config.spec.measures["naik_kelas"]
    assert naik.follows_key and naik.data_years(2024) == [2023, 2024]
    lalu = config.spec.measures["mikro_tahun_lalu"]
    assert not lalu.follows_key and lalu.data_years(2024) == [2023]
    assert config.spec.measures["jumlah_mikro"].data_years(2024) == [2024]
    assert config.columns_used("umkm") >= {"nib", "skala_usaha", "omzet"}


@pytest.mark.parametrize(
    ("old", "new", "line", "fragments"),
    [
        (
            "- {column: omzet, op: le",
            "- {column: omzett, op: le",
            33,
            ["names column 'omzett'", "mean 'omzet'?"],
        ),
        (
            "op: eq, value: Mikro}\n        - {column: omzet",
            "op: eq, value: Mikor}\n        - {column: omzet",
            32,
            ["filter value 'Mikor' is not an allowed value of 'skala_usaha'"],
        ),
        (
            "    where_previous:\n",
            "    where_prev:\n",
            30,
            ["unknown key 'where_prev'", "mean 'where_previous'?"],
        ),
        ("    year: n-1\n", "    year: n-2\n", 39, ["measures.mikro_tahun_lalu.year", "'n' or 'n-1'"]),
        # without the source's key (line 8) the lines below move up by one
        ("    key: nib\n", "", 29, ["measure 'naik_kelas' uses where_previous", "declares no key"]),
    ],
)
def test_cross_year_measure_problems_name_their_line(tmp_path, old, new, line, fragments):
    path = write(tmp_path, cohort_variant(old, new))
    problem_at(path, line, *fragments)


# --- the budget: program codes per sasaran, the anggaran block ----------------------------------------

BUDGET = """  anggaran:
    workbook: anggaran.xlsx
    sheet: Realisasi Anggaran
    key: kode
    optional: true
    columns:
      kode: {header: Kode, type: text, required: true}
      pagu: {header: Pagu, type: money, unit: Rp}
      realisasi: {header: Realisasi, type: money, unit: Rp}
measures:
"""


def budget_variant(old: str = "", new: str = "") -> str:
    text = variant("measures:\n", BUDGET)
    text = text.replace(
        "        sasaran: Sasaran satu\n",
        '        sasaran: Sasaran satu\n        program: ["2.17.07", "2.17.08"]\n',
    )
    text += 'anggaran:\n  source: anggaran\n  penunjang: ["2.17.01"]\n'
    assert not old or text.count(old) == 1, old
    return text.replace(old, new) if old else text


def test_budget_declarations_load(tmp_path):
    config = load_config(write(tmp_path, budget_variant()))
    assert config.spec.anggaran.source == "anggaran" and config.spec.anggaran.penunjang == ["2.17.01"]
    assert config.spec.sources["anggaran"].optional
    assert config.spec.tujuan[0].sasaran[0].program == ["2.17.07", "2.17.08"]


@pytest.mark.parametrize(
    ("old", "new", "line", "fragments"),
    [
        # a row under 2.17.07.2.01 would count for the sasaran and for penunjang
        ('penunjang: ["2.17.01"]', 'penunjang: ["2.17.07.2.01"]', 60,
         ["program code '2.17.07.2.01' of anggaran.penunjang overlaps '2.17.07' of sasaran S1"]),
        ('program: ["2.17.07", "2.17.08"]', 'program: ["2.17.07", "2.17.7"]', 50,
         ["program code '2.17.7' of sasaran S1 overlaps '2.17.07' of sasaran S1"]),
        ('program: ["2.17.07", "2.17.08"]', 'program: ["2.17.07", "PROGRAM UMKM"]', 50,
         ["'PROGRAM UMKM' is not a program code", "e.g. '2.17.07'"]),
        ("  source: anggaran\n", "  source: anggaan\n", 59,
         ["anggaran names source 'anggaan', which is not declared", "did you mean 'anggaran'?"]),
        ("      pagu: {header: Pagu, type: money", "      pagu_rp: {header: Pagu, type: money", 21,
         ["source 'anggaran' holds the anggaran and needs a column 'pagu' of type integer or number or money"]),
    ],
)  # fmt: skip
def test_budget_problems_name_their_line(tmp_path, old, new, line, fragments):
    path = write(tmp_path, budget_variant(old, new))
    problem_at(path, line, *fragments)
