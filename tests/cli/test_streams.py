"""Standard output and error as they come: a console in any encoding, a closed pipe, a full disk."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys

import pytest

from iku_cli.cli import streams
from tests.helpers import EXAMPLES

# Every command, as a user types it (template writes into a fresh folder each time).
COMMANDS = {
    "compute": ["compute", str(EXAMPLES), "--year", "2024"],
    "validate": ["validate", str(EXAMPLES), "--all"],
    "explain": ["explain", "IKU-1", str(EXAMPLES), "--year", "2024"],
    "trend": ["trend", str(EXAMPLES), "--from", "2022", "--to", "2024"],
    "indicators": ["indicators"],
    "template": ["template", "{tmp}/blanko", "--year", "2025"],
    "help": ["validate", "--help"],
}
EXPECTED_CODE = {"validate": 0}


def iku(args, tmp_path, **kwargs):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    return subprocess.run([sys.executable, "-m", "iku_cli", *args], **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_any_console_encoding(command, encoding, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "200"}
    proc = iku(COMMANDS[command], tmp_path, capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode(encoding, "replace")
    assert b"Traceback" not in proc.stderr and b"Internal error" not in proc.stderr
    proc.stdout.decode(encoding)  # everything written is in the console's encoding
    proc.stderr.decode(encoding)
    if command == "compute":
        assert b"2023: 2.966 -> 2024: 3.276" in proc.stdout  # the arrow as ASCII
    if command == "trend" and encoding == "ascii":
        assert b" 18 " in proc.stdout or b" 81 " in proc.stdout  # the sparkline as figures


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_closed_pipe_stops_quietly_with_141(command, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before iku writes a byte (`iku ... | head -0`)
    try:
        proc = iku(
            COMMANDS[command],
            tmp_path,
            stdout=write_end,
            stderr=write_end if command == "template" else subprocess.PIPE,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert not proc.stderr  # quietly: no "Exception ignored", no traceback


@pytest.mark.slow
def test_a_full_disk_behind_stdout_is_one_line_and_exit_2(tmp_path):
    with open("/dev/full", "w") as full:
        proc = iku(
            ["validate", str(EXAMPLES), "--format", "json"],
            tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proc.returncode == 2
    assert proc.stderr == "Error: cannot write standard output: No space left on device\n"


class Failing(io.StringIO):
    def __init__(self, error: int):
        super().__init__()
        self.error = error

    def flush(self):
        raise OSError(self.error, os.strerror(self.error))


@pytest.mark.parametrize(("error", "code"), [(errno.ENOSPC, 2), (errno.EPIPE, 141)])
def test_a_failing_flush_at_exit_is_an_exit_code_not_a_traceback(monkeypatch, error, code):
    monkeypatch.setattr(streams, "_silence", lambda: None)  # the test's own descriptors stay as they are
    told = []
    monkeypatch.setattr(os, "write", lambda fd, data: told.append((fd, data)) or len(data))
    monkeypatch.setattr(sys, "stdout", streams.GuardedStream(Failing(error), "stdout"))
    with pytest.raises(SystemExit) as caught:
        streams.finish()
    assert caught.value.code == code
    assert told == (
        [(2, b"Error: cannot write standard output: No space left on device\n")] if code == 2 else []
    )


def test_characters_a_console_cannot_show_have_ascii_equivalents():
    text = "2023: 31.475 → 2024: 34.694 – Dinas › Tren ▁▅█ 10 × 3 … é"
    assert (
        text.encode("ascii", "iku-ascii") == b"2023: 31.475 -> 2024: 34.694 - Dinas > Tren 158 10 x 3 ... e"
    )
    assert "→ –".encode("cp1252", "iku-ascii") == b"-> \x96"  # cp1252 has the en dash: it is kept
