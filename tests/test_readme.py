"""Every iku command the README shows runs as written, from a clone of the repository."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from tests.helpers import EXAMPLES, ROOT, run

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The commands of the console examples ("$ iku ...") and of the Quickstart ("... && iku compute ...").
COMMANDS = re.findall(r"^(?:\$ |.*&& )(iku [^&|\n]+?)\s*$", README, flags=re.MULTILINE)


def test_the_readme_shows_its_commands():
    assert "iku compute examples/data --year 2024" in COMMANDS
    assert "iku compute examples/data --year 2024 --triwulan 2 --output pk-tw2.xlsx" in COMMANDS
    assert len(COMMANDS) == 7


@pytest.mark.slow
def test_every_readme_command_runs_as_written(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples" / "data")
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        result = run(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
    assert (tmp_path / "laporan.xlsx").is_file() and (tmp_path / "iku-2024.json").is_file()
    assert (tmp_path / "pk-tw2.xlsx").is_file()
    assert len(list((tmp_path / "diperiksa" / "2024").glob("*.xlsx"))) == 5  # anggaran.xlsx has findings too
    empty = run(
        "validate", "blanko/"
    )  # "an empty template validates with one no-data-rows warning per sheet"
    assert empty.exit_code == 0 and "Total: 0 kesalahan, 7 peringatan" in empty.stdout  # seven sheets
