"""Files are written whole or not at all, a failure names the file, and killed runs leave nothing for long."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from iku_cli.output.atomic import remove_leftovers, write_atomic, write_text_atomic


def test_a_failed_write_keeps_the_previous_file_and_names_the_target(tmp_path):
    target = tmp_path / "laporan.csv"
    target.write_text("good")

    def full_disk(tmp):
        tmp.write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as caught:
        write_atomic(target, full_disk)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert target.read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.csv"]  # no temporary file left


def test_an_interrupted_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "laporan.csv"
    target.write_text("good")

    def interrupted(tmp):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, interrupted)
    assert target.read_text() == "good" and len(list(tmp_path.iterdir())) == 1


def test_leftovers_of_killed_runs_are_removed_on_the_next_write(tmp_path):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    leftover = tmp_path / f".laporan.xlsx.{dead_pid}.iku-abcd1234.tmp"  # `kill -9` during a write
    leftover.write_text("partial")
    alive = tmp_path / f".trend.xlsx.{os.getppid()}.iku-efgh5678.tmp"  # another run, still writing
    alive.write_text("partial")
    someone_elses = tmp_path / ".notes.txt.swp"
    someone_elses.write_text("x")
    write_text_atomic(tmp_path / "iku.csv", "a,b\n")
    assert not leftover.exists()
    assert alive.exists() and someone_elses.exists()
    assert remove_leftovers(tmp_path) == []
