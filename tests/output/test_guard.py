"""No output replaces an input, however its path is spelled: links, '..', hard links, new files in a year folder."""

from __future__ import annotations

import hashlib
import os

import pytest

from iku_cli.output.guard import InputGuard, WouldReplaceInput
from tests.helpers import run


def test_every_spelling_of_an_input_is_refused(small_data, tmp_path):
    config = tmp_path / "indicators.yaml"
    config.write_text("x: 1\n")
    guard = InputGuard.of(small_data, config)
    pdrb = small_data / "2024" / "pdrb.xlsx"
    link = tmp_path / "link.xlsx"
    link.symlink_to(pdrb)
    hard = tmp_path / "hard.xlsx"
    os.link(pdrb, hard)
    folder_link = tmp_path / "tahun"
    folder_link.symlink_to(small_data / "2024")
    refused = [
        pdrb,
        small_data / "2023" / ".." / "2024" / "pdrb.xlsx",
        link,
        hard,
        folder_link / "pdrb.xlsx",
        small_data / "2024" / "laporan.xlsx",  # a new file, but among the inputs
        small_data / "2024" / "sub" / "x.json",
        config,
    ]
    for path in refused:
        with pytest.raises(WouldReplaceInput):
            guard.check(path)
    for path in (small_data / "laporan.xlsx", tmp_path / "laporan.xlsx", tmp_path / "out" / "x.csv"):
        guard.check(path)  # beside the year folders, or anywhere else: allowed


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "{data}", "--year", "2024", "-o", "{data}/2024/pdrb.xlsx"],
        ["compute", "{data}", "--year", "2024", "-o", "{data}/2023/../2024/bidang_koperasi.xlsx"],
        ["validate", "{data}", "--year", "2024", "-o", "{data}/2023/bidang_perdagangan.xlsx"],
        ["trend", "{data}", "--from", "2023", "--to", "2024", "-o", "{data}/2024/pdrb.xlsx"],
        ["validate", "{data}", "--year", "2024", "--annotate", "{data}/2024"],
        ["compute", "{data}", "--year", "2024", "-o", "{link}"],
    ],
)
def test_commands_refuse_to_write_over_an_input(small_data, tmp_path, args):
    link = tmp_path / "laporan.xlsx"
    link.symlink_to(small_data / "2024" / "pdrb.xlsx")
    before = {p: digest(p) for p in small_data.rglob("*.xlsx")}
    result = run(*[a.format(data=small_data, link=link) for a in args])
    assert result.exit_code == 2
    assert "iku never writes over what it reads" in result.stderr or "inside the year folder" in result.stderr
    assert {p: digest(p) for p in small_data.rglob("*.xlsx")} == before
    assert not list((small_data / "2024").glob("2024"))  # no annotated copy inside the year folder


def test_output_equal_to_the_config_file_is_refused(small_data, tmp_path):
    from tests.helpers import ROOT

    config = tmp_path / "indicators.json"  # JSON is YAML: a configuration may carry an output's extension
    config.write_text((ROOT / "indicators.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = config.read_bytes()
    result = run("compute", small_data, "--year", 2024, "--config", config, "-o", config)
    assert result.exit_code == 2 and "that is the input" in result.stderr
    assert config.read_bytes() == before


def test_a_template_never_replaces_the_configuration(tmp_path):
    from tests.helpers import ROOT

    folder = tmp_path / "blanko" / "2025"
    folder.mkdir(parents=True)
    config = folder / "pdrb.xlsx"  # absurd, but the rule holds: the configuration is never written
    config.write_text((ROOT / "indicators.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("template", tmp_path / "blanko", "--year", 2025, "--config", config, "--force")
    assert result.exit_code == 2 and "that is the input" in result.stderr
    assert config.read_text(encoding="utf-8").startswith((ROOT / "indicators.yaml").read_text()[:20])
