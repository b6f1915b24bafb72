"""Loading indicators.yaml: the shipped file, inline configurations, and every broken file named with its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from iku_cli import config as spec
from iku_cli.config import SpecError, load_config

SHIPPED = Path(__file__).resolve().parents[2] / "indicators.yaml"


# A small valid configuration; the line numbers the tests below expect are on the right.
BASE = textwrap.dedent(
    """\
    agency:
      nama: Dinas Uji
      renstra: {start: 2021, end: 2026}
    sources:
      umkm:
        workbook: umkm.xlsx
        sheet: Data UMKM
        key: nib
        columns:
          nib: {header: NIB, type: text, required: true}
          skala_usaha:
            header: Skala Usaha
            type: category
            allowed: [Mikro, Kecil, Menengah]
          omzet: {header: Omzet, type: money, unit: Rp, min: 0}
    measures:
      jumlah_mikro:
        source: umkm
        aggregate: count_distinct
        column: nib
        where: {column: skala_usaha, op: eq, value: Mikro}
      total_omzet:
        source: umkm
        aggregate: sum
        column: omzet
    tujuan:
      - id: T1
        tujuan: Tujuan satu
        indikator:
          - id: IKT-1
            nama: Pertumbuhan omzet
            satuan: persen
            formula: {type: growth, measures: [total_omzet]}
            formulasi: (a - b) / b
            targets:
              2024: 5
              2025: [4, 6]
        sasaran:
          - id: S1
            sasaran: Sasaran satu
            indikator:
              - id: IKU-1
                nama: Rasio usaha mikro
                satuan: persen
                formula: {type: ratio, numerator: [jumlah_mikro], denominator: jumlah_mikro}
                formulasi: a / b
                better: lower
    """
)


LINES = {
    2: "nama: Dinas Uji",
    3: "renstra:",
    5: "umkm:",
    8: "key: nib",
    9: "columns:",
    10: "nib: {header: NIB",
    14: "allowed: [Mikro, Kecil, Menengah]",
    15: "omzet: {header: Omzet",
    16: "measures:",
    21: "where: {column: skala_usaha",
    23: "source: umkm",
    24: "aggregate: sum",
    25: "column: omzet",
    26: "tujuan:",
    30: "- id: IKT-1",
    33: "formula: {type: growth",
    36: "2024: 5",
    37: "2025: [4, 6]",
    39: "- id: S1",
    42: "- id: IKU-1",
    45: "formula: {type: ratio",
}


def test_base_line_numbers_used_below():
    lines = BASE.splitlines()
    for number, start in LINES.items():
        assert lines[number - 1].strip().startswith(start), number


def write(tmp_path: Path, text: str, name: str = "indicators.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_config(path)
    err = info.value
    assert str(err) == "\n".join(err.problems)
    assert err.problems
    return err.problems


def problem_at(path: Path, line: int, *fragments: str) -> str:
    """The one problem that starts with "path:line:" and contains every fragment."""
    prefix = f"{path}:{line}: "
    found = [p for p in problems_of(path) if p.startswith(prefix) and all(f in p for f in fragments)]
    assert found, (prefix, fragments, problems_of(path))
    return found[0]


def test_shipped_indicators_yaml_loads():
    config = load_config(SHIPPED)
    ids = [ref.indikator.id for ref in config.indicators]
    assert ids == ["IKT-1", "IKU-1", "IKU-2", "IKU-3", "IKT-2", "IKT-3", "IKU-4", "IKU-5", "IKU-6"]
    assert sorted(ids) == sorted(
        ["IKT-1", "IKT-2", "IKT-3", "IKU-1", "IKU-2", "IKU-3", "IKU-4", "IKU-5", "IKU-6"]
    )
    assert config.path == SHIPPED
    assert config.spec.agency.nama == "Dinas Koperasi, Usaha Mikro dan Perdagangan"
    assert set(config.spec.sources) >= {"umkm", "ikm", "koperasi", "volume_perdagangan", "ekspor", "pdrb"}
    assert config.spec.kategori == list(spec.DEFAULT_KATEGORI)


def test_shipped_indicators_hierarchy_and_formulas():
    config = load_config(SHIPPED)
    iku2 = config.indicator("IKU-2")
    assert iku2.level == "sasaran"
    assert (iku2.tujuan.id, iku2.sasaran.id) == ("T1", "S1")
    assert iku2.indikator.formula.numerator == ["jumlah_usaha_mikro_naik_kelas"]
    assert iku2.indikator.formula.denominator == ["jumlah_usaha_mikro_tahun_lalu"]
    ikt1 = config.indicator("IKT-1")
    assert ikt1.level == "tujuan" and ikt1.sasaran is None
    assert ikt1.indikator.formula.measures == ["omzet_usaha_mikro_kecil", "volume_usaha_koperasi_aktif"]
    assert config.indicator("IKU-7") is None
    # the YAML merge key (<<: *skor) gives skor_keuangan the bounds of skor_kelembagaan
    skor = config.spec.sources["koperasi"].columns["skor_keuangan"]
    assert (skor.header, skor.min, skor.max, skor.type) == ("Skor Keuangan", 0, 100, "number")
    # IKU-2 follows usaha mikro by NIB from n-1 to n; one threshold (a YAML anchor) for both years
    naik_kelas = config.spec.measures["jumlah_usaha_mikro_naik_kelas"]
    assert isinstance(naik_kelas.where_previous, spec.AllOf)
    assert naik_kelas.where_previous.all == [
        spec.Condition(column="skala_usaha", op="eq", value="Mikro"),
        spec.Condition(column="omzet", op="le", value=300000000),
    ]
    assert naik_kelas.where == spec.Condition(column="omzet", op="gt", value=300000000)
    assert config.spec.measures["jumlah_usaha_mikro_tahun_lalu"].year == "n-1"


def test_default_config_path_is_the_shipped_file():
    config = load_config()
    assert len(config.indicators) == 9
    assert config.path.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_inline_config_loads(tmp_path):
    config = load_config(write(tmp_path, BASE))
    assert [r.indikator.id for r in config.indicators] == ["IKT-1", "IKU-1"]
    assert [r.level for r in config.indicators] == ["tujuan", "sasaran"]
    ikt1 = config.indicator("IKT-1").indikator
    # a number stays a number, a [low, high] list becomes a range
    assert ikt1.targets == {2024: 5.0, 2025: (4.0, 6.0)}
    assert ikt1.better == "higher"
    iku1 = config.indicator("IKU-1").indikator
    assert iku1.formula.denominator == ["jumlah_mikro"]  # a single name is read as a list
    assert iku1.better == "lower"
    assert config.spec.agency.renstra == spec.Renstra(start=2021, end=2026)
    assert config.spec.sources["umkm"].columns["omzet"].label == "Omzet (Rp)"


def test_custom_kategori_loads(tmp_path):
    text = variant(
        "measures:\n  jumlah_mikro:",
        "kategori:\n  - {label: Sangat Baik, min: 91}\n  - {label: Baik, min: 76}\n"
        "  - {label: Kurang}\nmeasures:\n  jumlah_mikro:",
    )
    config = load_config(write(tmp_path, text))
    assert [b.label for b in config.spec.kategori] == ["Sangat Baik", "Baik", "Kurang"]
    assert [b.min for b in config.spec.kategori] == [91, 76, None]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: file not found")
    assert "--config" in problem


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_not_a_mapping(tmp_path, text):
    path = write(tmp_path, text)
    (problem,) = problems_of(path)
    assert problem == f"{path}:1: expected a mapping with agency, sources, measures and tujuan"


@pytest.mark.parametrize(
    ("old", "new", "line", "what"),
    [
        # an indented key under a scalar
        (
            "    sheet: Data UMKM\n",
            "    sheet: Data UMKM\n     bad: x\n",
            8,
            "mapping values are not allowed here",
        ),
        # a tab for indentation
        ("    sheet: Data UMKM\n", "\tsheet: Data UMKM\n", 7, "found character '\\t'"),
    ],
)
def test_yaml_syntax_error(tmp_path, old, new, line, what):
    path = write(tmp_path, variant(old, new))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{line}: YAML syntax error")
    assert what in problem
    assert "check indentation and quoting" in problem


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("unit: Rp, min: 0}", "unit: Rp, min: 0"),  # '{' opened on line 15 never closed
        ("    omzet: {header: Omzet,", "    omzet: {header: 'Omzet,"),  # quote opened on line 15 never closed
    ],
)
def test_yaml_unclosed_bracket_or_quote_names_the_line_it_opened(tmp_path, old, new):
    path = write(tmp_path, variant(old, new))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:15: YAML syntax error")


def test_unknown_key_colums(tmp_path):
    path = write(tmp_path, variant("    columns:\n", "    colums:\n"))
    problem_at(path, 9, "unknown key 'colums'", "sources.umkm", "remove or rename it")
    # and the real key is then missing from the source block (line 5)
    problem_at(path, 5, "sources.umkm is missing 'columns'")


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "where"),
    [
        (
            "type: text, required: true}",
            "type: text, requird: true}",
            10,
            "requird",
            "sources.umkm.columns.nib",
        ),
        (
            "        type: category\n",
            "        type: category\n        requird: true\n",
            14,
            "requird",
            "sources.umkm.columns.skala_usaha",
        ),
        (
            "    aggregate: sum\n",
            "    aggregate: sum\n    kolom: omzet\n",
            25,
            "kolom",
            "measures.total_omzet",
        ),
        ("  nama: Dinas Uji\n", "  nama: Dinas Uji\n  alamat: Jl. Merdeka\n", 3, "alamat", "agency"),
        (
            "        formulasi: (a - b) / b\n",
            "        formulasi: (a - b) / b\n        satuan2: x\n",
            35,
            "satuan2",
            "tujuan.0.indikator.0",
        ),
    ],
)
def test_unknown_key(tmp_path, old, new, line, key, where):
    path = write(tmp_path, variant(old, new))
    (problem,) = problems_of(path)
    hint = {"requird": " (did you mean 'required'?)", "satuan2": " (did you mean 'satuan'?)"}.get(key, "")
    assert problem == f"{path}:{line}: unknown key '{key}' in {where}{hint}; remove or rename it"


def test_unknown_top_level_key(tmp_path):
    path = write(tmp_path, variant("measures:\n  jumlah_mikro:", "measure:\n  jumlah_mikro:"))
    problem_at(path, 16, "unknown key 'measure' in the top level")
    problem_at(path, 1, "the top level is missing 'measures'")


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "first"),
    [
        ("    aggregate: sum\n", "    aggregate: sum\n    aggregate: count\n", 25, "aggregate", 24),
        (
            "  total_omzet:\n",
            "  jumlah_mikro: {source: umkm, aggregate: count}\n  total_omzet:\n",
            22,
            "jumlah_mikro",
            17,
        ),
        ("    sheet: Data UMKM\n", "    sheet: Data UMKM\n    sheet: Data IKM\n", 8, "sheet", 7),
        ("          2025: [4, 6]\n", "          2025: [4, 6]\n          2024: 6\n", 38, "2024", 36),
    ],
)
def test_duplicate_mapping_key(tmp_path, old, new, line, key, first):
    path = write(tmp_path, variant(old, new))
    (problem,) = problems_of(path)
    assert (
        problem
        == f"{path}:{line}: key '{key}' appears twice in the same block (first on line {first}); keep one"
    )


def test_several_problems_are_all_reported(tmp_path):
    text = variant("    column: omzet\n", "    column: nib\n").replace("2025: [4, 6]", "2025: [6, 4]")
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}:25: measure 'total_omzet' sums column 'nib'")
    assert problems[1].startswith(f"{path}:37: indicator IKT-1: target range for 2025")


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
        "!!python/object/new:pathlib.Path ['{marker}']",
        "!!python/name:os.system",
    ],
)
def test_python_tags_are_refused_not_executed(tmp_path, payload):
    marker = tmp_path / "executed"
    path = write(tmp_path, variant("  nama: Dinas Uji\n", f"  nama: {payload.format(marker=marker)}\n"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:2: ")
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/" in problem
    assert not marker.exists()


def test_merge_keys_and_anchors_are_allowed(tmp_path):
    text = variant(
        "      omzet: {header: Omzet, type: money, unit: Rp, min: 0}\n",
        "      omzet: &uang {header: Omzet, type: money, unit: Rp, min: 0}\n"
        "      aset: {<<: *uang, header: Aset}\n",
    )
    aset = load_config(write(tmp_path, text)).spec.sources["umkm"].columns["aset"]
    assert (aset.header, aset.type, aset.unit, aset.min) == ("Aset", "money", "Rp", 0)


def test_location_keeps_capitalised_ids(tmp_path):
    text = variant("  umkm:\n", "  UMKM:\n").replace("source: umkm", "source: UMKM")
    path = write(tmp_path, text.replace("min: 0}", "min: 10, max: 5}"))
    problem_at(path, 15, "sources.UMKM.columns.omzet")


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
)  # 10^10 values once expanded, in 10 lines


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        (BOMB, 5, "more than 100,000 values once its aliases (*name) are repeated"),
        ("a: &x [1, *x]\n", 1, "alias '*x' repeats the block that contains it"),
        ("agency: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "nested more than 64 levels deep"),
        ("".join("  " * i + f"k{i}:\n" for i in range(100)), 65, "nested more than 64 levels deep"),
        (b"agency: {nama: x}\n\xff\n", 2, "not UTF-8 text"),
    ],
)
def test_hostile_yaml_is_a_configuration_error_with_its_line(tmp_path, text, line, what):
    path = tmp_path / "indicators.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(SpecError) as caught:
        load_config(path)
    assert caught.value.problems[0].startswith(f"{path}:{line}: {what}")


def test_files_that_are_no_configuration_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (3 * 1024 * 1024) + "\n")
    cases = {
        Path("/dev/zero"): "not a regular file",
        tmp_path: "is a folder",
        big: "larger than 2 MB",
    }
    for path, what in cases.items():
        with pytest.raises(SpecError) as caught:
            load_config(path)
        assert caught.value.problems == [caught.value.problems[0]] and what in caught.value.problems[0]
        assert caught.value.problems[0].startswith(str(path))


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "          2024: 5\n",
            "          2024: 5,5\n",  # block style: YAML reads the text "5,5"
            36,
            "tujuan.0.indikator.0.targets.2024: target '5,5' has a decimal comma; write it with a dot: 5.5",
        ),
        (
            "        targets:\n          2024: 5\n          2025: [4, 6]\n",
            "        targets: {2024: 5,5, 2025: [4, 6]}\n",  # flow style: the comma ends the entry
            35,
            "tujuan.0.indikator.0.targets.5: a target without a value; write a number (e.g. 10.5) or a range "
            "[low, high]. Decimals take a dot: in {2021: 8,5} the comma ends the entry, and YAML reads a year 5",
        ),
        (
            "        targets:\n          2024: 5\n          2025: [4, 6]\n",
            "        targets: {24: 5}\n",
            35,
            "tujuan.0.indikator.0.targets: 24 is not a year; targets are written {2024: 9.5, 2025: 10.0}",
        ),
        (
            "        formula: {type: growth, measures: [total_omzet]}\n",
            "        formula: {type: growht, measures: [total_omzet]}\n",
            33,
            "tujuan.0.indikator.0.formula: type 'growht' is not one of: growth, ratio (did you mean 'growth'?)",
        ),
    ],
)
def test_common_slips_in_targets_and_formulas_say_what_to_write(tmp_path, old, new, line, message):
    path = write(tmp_path, variant(old, new))
    assert problem_at(path, line, message)
