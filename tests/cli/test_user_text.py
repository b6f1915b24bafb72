"""User text is text: nothing from a workbook, a path, indicators.yaml or an argument is read as markup,
and control characters are shown written out, on every command."""

from __future__ import annotations

import yaml

from tests.helpers import ROOT, YEAR_2023, YEAR_2024, run, umkm, write_book, write_year

ESC = "\x1b[31m"


def hostile_config(path, config):
    """indicators.yaml with markup, emoji codes and an escape sequence in every text people read."""
    spec = config.spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    spec["agency"]["nama"] = f"[bold]Dinas[/] {ESC}:thumbs_up:"
    for tujuan in spec["tujuan"]:
        tujuan["tujuan"] = "[/x] " + tujuan["tujuan"]
        for sasaran in tujuan["sasaran"]:
            sasaran["sasaran"] = "[belum dilaporkan] " + sasaran["sasaran"]
        for ind in tujuan["indikator"] + [i for s in tujuan["sasaran"] for i in s["indikator"]]:
            ind["nama"] = "[/orang] " + ind["nama"]
            ind["formulasi"] = "[red]" + ind["formulasi"]
            ind["unit_kerja"] = f"{ESC}[b]"
    for measure in spec["measures"].values():
        measure["label"] = "[/m] " + measure.get("label", "ukuran")
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_command_shows_user_text_as_it_is(config, tmp_path):
    cfg = hostile_config(tmp_path / "indicators.yaml", config)
    data = tmp_path / "data [/d]"
    write_year(data, 2023, **YEAR_2023)
    write_year(data, 2024, **YEAR_2024)
    outputs = {
        "indicators": run("indicators", "--config", cfg),
        "compute": run("compute", data, "--year", 2024, "--config", cfg),
        "explain": run("explain", "IKU-1", data, "--year", 2024, "--config", cfg),
        "trend": run("trend", data, "--from", 2023, "--to", 2024, "--config", cfg),
    }
    for command, result in outputs.items():
        assert result.exit_code == 0, (command, result.stderr)
        text = flat(result.stdout)
        assert ESC not in result.stdout + result.stderr, command  # never obeyed by the terminal
        assert "[/orang] " in text, command
        assert "\\x1b[31m" in text or command in ("compute",), command
    assert "[bold]Dinas[/] \\x1b[31m:thumbs_up:" in flat(outputs["indicators"].stdout)
    assert "[/x] Meningkatkan" in flat(outputs["compute"].stdout)
    assert "[belum dilaporkan] Meningkatnya" in flat(outputs["compute"].stdout)
    assert "[red]" in outputs["explain"].stdout and "[/m]" in outputs["explain"].stdout


def test_cell_text_and_paths_in_findings_stay_text(small_data, tmp_path):
    rows = umkm(
        ("1001", "[belum dilaporkan]", 5), ("1002", f"{ESC}Mikro", 5), ("1003", "Mikro", "96 [/orang]")
    )
    write_book(
        small_data / "2024" / "bidang_usaha_mikro_ikm.xlsx",
        {"Data UMKM": rows, "Direktori IKM": YEAR_2024["ikm_rows"]},
    )
    data = small_data.rename(tmp_path / "[red]data[b]")  # a folder name cannot hold "/"
    for result in (run("validate", data, "--year", 2024), run("compute", data, "--year", 2024)):
        assert result.exit_code == 1
        shown = flat(result.stdout + result.stderr)
        assert "'[belum dilaporkan]' bukan nilai" in shown
        assert "'96 [/orang]' bukan uang" in shown
        assert "'\\x1b[31mMikro'" in shown and ESC not in result.stdout + result.stderr
    assert "iku validate " + str(data) in flat(run("compute", data, "--year", 2024).stderr)


def test_an_argument_is_text_too(small_data):
    result = run("explain", "[/x]", small_data, "--year", 2024)
    assert result.exit_code == 2 and "unknown indicator '[/x]'" in result.stderr
    assert ROOT.exists()
