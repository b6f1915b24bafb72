"""The computed year for people (the terminal table) and for programs (JSON and CSV at full precision)."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from iku_cli.output.result_view import print_table, to_csv, to_json
from tests.helpers import printed_lines


def test_json_has_typed_inputs_statuses_and_no_info_findings(result):
    payload = json.loads(to_json(result))
    got = {i["id"]: i for i in payload["indicators"]}
    assert got["IKU-1"]["inputs"] == {"v_n_1": 31475.0, "v_n": 34694.0}
    assert got["IKU-1"]["value"] == (34694 - 31475) / 31475 * 100  # full precision
    assert got["IKU-2"]["inputs"] == {"pembilang": 83.0, "penyebut": 852.0}
    assert got["IKU-3"]["value"] is None and got["IKU-3"]["status"] == "zero-denominator"
    assert got["IKU-1"]["level"] == "sasaran" and got["IKU-2"]["formula"] == "ratio"
    assert got["IKU-1"]["target_akhir_renstra"] == [10.0, 12.0]
    assert got["IKU-1"]["realisasi_sebelumnya"] == {"2023": 9.0, "2022": None}
    assert [f["code"] for f in payload["findings"]] == ["number-as-text"]
    assert payload["files"] == [{"file": "2024/umkm.xlsx", "sha256": "ab" * 32, "size": 1234}]


def test_csv_leaves_what_does_not_apply_empty_never_zero(result):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(result)))}
    assert rows["IKU-1"]["v_n_1"] == "31475.0" and rows["IKU-1"]["pembilang"] == ""
    assert rows["IKU-2"]["pembilang"] == "83.0" and rows["IKU-2"]["v_n"] == ""
    assert (
        rows["IKU-3"]["value"] == ""
        and rows["IKU-3"]["pembilang"] == ""
        and rows["IKU-3"]["penyebut"] == "0.0"
    )
    assert rows["IKU-1"]["target_akhir_renstra"] == "10.0-12.0"
    assert rows["IKU-1"]["realisasi_n_1"] == "9.0" and rows["IKU-1"]["realisasi_n_2"] == ""


def test_table_in_indonesian_format(result):
    console = Console(file=io.StringIO(), width=140, color_system=None)
    print_table(result, console)
    text = console.file.getvalue()
    assert "10,23 %" in text  # (34.694 − 31.475) / 31.475
    assert "2023: 31.475 → 2024: 34.694" in text
    assert "83 / 852" in text and "9,74 %" in text
    assert "IKU-3: tidak dapat dihitung: penyebut = 0" in text
    assert "2 dari 3 indikator dihitung." in text


def test_table_of_a_blocked_result_prints_nothing(result):
    from dataclasses import replace

    console = Console(file=io.StringIO())
    print_table(replace(result, blocked=True), console)
    assert console.file.getvalue() == ""


def test_json_has_riwayat_baseline_pembanding(result):
    got = {i["id"]: i for i in json.loads(to_json(result))["indicators"]}
    iku1 = got["IKU-1"]
    assert iku1["riwayat"] == [
        {
            "tahun": 2023,
            "target": 9.5,
            "realisasi": 9.0,
            "capaian": (1 + (9 - 9.5) / 9.5) * 100,
            "kategori": "Sangat Tinggi",
            "reason": None,
        },
        {
            "tahun": 2022,
            "target": 9.0,
            "realisasi": None,
            "capaian": None,
            "kategori": None,
            "reason": "tidak dapat dihitung: data tidak tersedia: 2022/umkm.xlsx",
        },
    ]
    assert iku1["baseline"] == {"tahun": 2020, "realisasi": 7.5, "sumber": "indicators.yaml", "reason": None}
    assert iku1["pembanding"] == {"tahun": 2024, "nilai": 5.2, "sumber": "BPS (contoh)", "reason": None}
    assert got["IKU-3"]["baseline"]["realisasi"] is None and got["IKU-3"]["baseline"]["reason"].startswith(
        "tidak dapat dihitung: tidak dinyatakan"
    )
    assert got["IKU-3"]["pembanding"] is None


def test_json_has_tujuan_sasaran_and_averages(result):
    payload = json.loads(to_json(result))
    capaian = (34694 - 31475) / 31475 * 100 / 10 * 100
    assert {"tujuan", "sasaran", "indicators", "rata_rata_capaian", "anggaran"} <= set(payload)
    assert payload["rata_rata_capaian"] == capaian
    assert payload["keseluruhan"]["indikator"] == ["IKU-1", "IKU-2", "IKU-3"]
    assert (payload["keseluruhan"]["dirata_dari"], payload["keseluruhan"]["jumlah_indikator"]) == (1, 3)
    assert payload["keseluruhan"]["riwayat"][0]["tahun"] == 2023
    [s1] = payload["sasaran"]
    assert (
        s1["id"] == "S1" and s1["tujuan_id"] == "T1" and s1["sasaran"] == "Meningkatnya kuantitas usaha mikro"
    )
    assert s1["indikator"] == ["IKU-1", "IKU-2", "IKU-3"]
    assert (s1["rata_rata_capaian"], s1["kategori"], s1["dirata_dari"]) == (capaian, "Sangat Tinggi", 1)
    assert s1["riwayat"][1] == {
        "tahun": 2022,
        "rata_rata_capaian": None,
        "kategori": None,
        "dirata_dari": 0,
        "jumlah_indikator": 3,
        "reason": "tidak dapat dihitung: tidak ada indikator dengan capaian",
    }
    [t1] = payload["tujuan"]
    assert (
        t1["tujuan"] == "Meningkatkan peran usaha mikro" and t1["indikator"] == [] and "tujuan_id" not in t1
    )
    assert t1["rata_rata_capaian"] is None and t1["reason"]


def test_csv_has_earlier_years_baseline_and_pembanding(result):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(result)))}
    iku1 = rows["IKU-1"]
    assert (iku1["target_n_1"], iku1["capaian_n_1"], iku1["kategori_n_1"]) == (
        "9.5",
        repr((1 + (9 - 9.5) / 9.5) * 100),
        "Sangat Tinggi",
    )
    assert (iku1["target_n_2"], iku1["capaian_n_2"], iku1["kategori_n_2"]) == ("9.0", "", "")
    assert (iku1["baseline_tahun"], iku1["baseline"]) == ("2020", "7.5")
    assert (iku1["pembanding"], iku1["pembanding_sumber"]) == ("5.2", "BPS (contoh)")
    assert rows["IKU-3"]["baseline"] == "" and rows["IKU-3"]["pembanding"] == ""


def test_table_shows_average_rows_and_pembanding(result):
    lines = printed_lines(print_table, result)
    assert "Rata-rata capaian S1 (1 dari 3 indikator) 102,27 % Sangat Tinggi" in lines
    assert "Rata-rata capaian keseluruhan (1 dari 3 indikator) 102,27 % Sangat Tinggi" in lines
    assert "pembanding 2024: 5,20 %" in lines


def test_at_80_columns_a_long_input_folds_and_the_kategori_stays_whole(result):
    from dataclasses import replace

    from iku_cli.calc.results import GrowthInputs

    huge = replace(
        result.indicators[0], inputs=GrowthInputs(1_085_584_561_008_000.0, 920_524_621_199_008_000.0)
    )  # values of a sheet in rupiah under a header that says thousands: the figures a user must see whole
    wide = replace(result, indicators=[huge, *result.indicators[1:]])
    console = Console(file=io.StringIO(), width=80, color_system=None)
    print_table(wide, console)
    lines = console.file.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in "".join(lines)
    joined = "".join(line.strip() for line in lines)
    assert "2023:1.085.584.561.008.000→2024:920.524.621.199.008.000" in joined.replace(" ", "")
    iku1 = next(line for line in lines if line.lstrip().startswith("IKU-1"))
    assert iku1.rstrip().endswith("Sangat Tinggi")
