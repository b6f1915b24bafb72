"""What every command shares: usage errors exit 2 without a traceback, configuration errors name the line."""

from __future__ import annotations

import pytest

from tests.helpers import ROOT, run


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compute", "tidak-ada", "--year", "2024"], "data folder 'tidak-ada' does not exist"),
        (["compute", "{data}", "--year", "2024", "-o", "x.txt"], "unknown extension '.txt'"),
        (
            ["compute", "{data}", "--year", "2024", "-o", "no/such/dir/x.csv"],
            "does not exist; create it first",
        ),
        (["compute", "{data}", "--year", "2024", "--config", "nope.yaml"], "nope.yaml: file not found"),
        (["compute", "{data}"], "Missing option '--year'"),
        (["compute", "{data}", "--year", "dua"], "Invalid value for '--year'"),
        (["compute", "{data}", "--year", "2024", "--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_usage_errors_exit_2_without_traceback(small_data, args, message, capfd):
    import subprocess
    import sys

    args = [a.replace("{data}", str(small_data)) for a in args]
    proc = subprocess.run(
        [sys.executable, "-m", "iku_cli", *args], capture_output=True, text=True, cwd=small_data.parent
    )
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.slow
def test_broken_config_exits_2_with_file_and_line(small_data, tmp_path):
    import subprocess
    import sys

    text = (
        (ROOT / "indicators.yaml")
        .read_text()
        .replace(
            "aggregate: count_distinct\n    column: nib\n", "aggregate: count_distinct\n    column: nibb\n", 1
        )
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "column: nibb" in ln)
    proc = subprocess.run(
        [sys.executable, "-m", "iku_cli", "compute", str(small_data), "--year", "2024", "--config", str(bad)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert f"{bad}:{line}: measure 'jumlah_usaha_mikro' names column 'nibb'" in proc.stderr
    assert "did you mean 'nib'?" in proc.stderr


def test_help_documents_exit_codes():
    result = run("compute", "--help")
    assert "Exit codes: 0 every indicator computed; 1" in " ".join(result.stdout.split())


def test_year_without_folder_is_a_usage_error_with_a_hint(small_data):
    result = run("compute", small_data, "--year", 2030)
    assert result.exit_code == 2
    assert "year folders in" in result.stderr and "2023, 2024" in result.stderr
    pointing_at_year = run("compute", small_data / "2024", "--year", 2024)
    assert pointing_at_year.exit_code == 2
    assert "DATA_DIR is the folder that holds the year folders" in " ".join(pointing_at_year.stderr.split())
    assert run("compute", small_data, "--year", 24).exit_code == 2
    assert run("validate", small_data, "--year", 2030).exit_code == 2
    (small_data / "2024").rename(small_data / "Data 2024")
    renamed = run("compute", small_data, "--year", 2024)
    assert renamed.exit_code == 2
    assert "rename folder 'Data 2024' to '2024'" in " ".join(renamed.stderr.split())


def test_unwritable_targets_are_usage_errors_not_crashes(small_data, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    result = run("validate", small_data, "--year", 2024, "--annotate", a_file)
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    template = run("template", a_file / "sub", "--year", 2025)
    assert template.exit_code == 2


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["compute", "x", "--year", "dua"], "'dua' is not a whole number; give the full year, e.g. 2024"),
        (["compute", "x", "--year", "2024", "--format", "xml"], "'xml' is not one of: table, json, csv"),
        (["trend", "x", "--from", "a", "--to", "2024"], "'a' is not a whole number"),
        (["template", "x", "--year", "2025", "--rows", "0"], "0 is too small; give at least 1"),
        (["validate", "x", "--csv-dialect", "excel"], "'excel' is not one of: standard, excel-id"),
    ],
)
def test_usage_errors_in_plain_words(args, plain):
    result = run(*args)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert plain in message
    assert "Input should be" not in message and "Value error" not in message


@pytest.mark.parametrize("command", ["compute", "validate", "explain", "trend", "template", "indicators"])
def test_h_is_help_for_every_command(command):
    result = run(command, "-h")
    assert result.exit_code == 0
    assert result.stdout == run(command, "--help").stdout and "Usage: iku " + command in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "alias-bomb"])
def test_a_hostile_config_is_exit_2_naming_the_file_in_seconds(small_data, tmp_path, kind):
    import os
    import subprocess
    import sys

    path = {
        "fifo": tmp_path / "indicators.yaml",
        "dev-zero": "/dev/zero",
        "alias-bomb": tmp_path / "bomb.yaml",
    }[kind]
    if kind == "fifo":
        os.mkfifo(path)  # opening it would wait for a writer forever
    if kind == "alias-bomb":
        path.write_text(
            "a: &a [x, x]\n"
            + "".join(
                f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n"
                for i in range(60)
            )
        )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "iku_cli",
            "compute",
            str(small_data),
            "--year",
            "2024",
            "--config",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Configuration error:")
    assert f"  {path}" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["compute", "{data}", "--year", "2024"],
        ["compute", "{data}", "--year", "2024", "--triwulan", "2"],
        ["validate", "{data}"],
        ["explain", "IKU-1", "{data}", "--year", "2024"],
        ["trend", "{data}", "--from", "2023", "--to", "2024"],
    ],
)
def test_sheets_start_loading_before_the_data_libraries_are_imported(small_data, command):
    import subprocess
    import sys

    (small_data / "2024" / "TW2").mkdir()
    probe = (
        "import sys\n"
        "import iku_cli.read.preload as p\n"
        "def started(self, *a, **k):\n"
        "    print('pandas' in sys.modules, flush=True)\n"
        "    raise SystemExit(0)\n"
        "p.Preloader.__init__ = started\n"
        "from iku_cli.cli import main\n"
        "sys.argv = ['iku', *sys.argv[1:]]\n"
        "main()\n"
    )
    args = [a.replace("{data}", str(small_data)) for a in command]
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr


def test_an_indicators_yaml_in_the_current_folder_is_used_without_config(small_data, tmp_path, monkeypatch):
    import json

    own = tmp_path / "dinas" / "indicators.yaml"
    own.parent.mkdir()
    text = (ROOT / "indicators.yaml").read_text(encoding="utf-8")
    own.write_text(text.replace("nama: Dinas Koperasi, Usaha Mikro dan Perdagangan", "nama: Dinas Uji", 1))
    monkeypatch.chdir(own.parent)
    ran = run("compute", small_data, "--year", 2024, "--format", "json")
    local = json.loads(ran.stdout)
    assert (local["agency"], local["config"]) == ("Dinas Uji", str(own))
    assert f"Konfigurasi: {own} (indicators.yaml di folder ini)" in " ".join(ran.stderr.split())
    given = json.loads(
        run(
            "compute", small_data, "--year", 2024, "--format", "json", "--config", ROOT / "indicators.yaml"
        ).stdout
    )
    assert given["agency"] == "Dinas Koperasi, Usaha Mikro dan Perdagangan"
    own.write_text(text, encoding="utf-8")  # the same as the shipped one: nothing to say
    assert "Konfigurasi" not in run("compute", small_data, "--year", 2024, "--format", "json").stderr
    monkeypatch.chdir(tmp_path)  # no indicators.yaml here: the one shipped with iku
    shipped = json.loads(run("compute", small_data, "--year", 2024, "--format", "json").stdout)
    assert shipped["agency"] == "Dinas Koperasi, Usaha Mikro dan Perdagangan"
    assert shipped["config"] != str(own) and shipped["config"].endswith("indicators.yaml")
