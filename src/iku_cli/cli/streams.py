"""Standard output and error whatever they are: a console in any encoding, a closed pipe, a full disk.

- A character the console cannot encode is written as its ASCII equivalent (→ as ->, a sparkline block as
  the digit of its height), never as an error.
- When the reader of a stream goes away (``iku validate data --all | head -1``), iku stops quietly with 141,
  as programs killed by SIGPIPE do.
- Any other failure to write a stream (a full disk behind ``> file``) is one line on standard error and
  exit code 2, never Python's "Exception ignored" at exit.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
import unicodedata
from typing import Any, NoReturn

PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell reports for a program killed by a closed pipe
WRITE_FAILED = 2

ASCII_EQUIVALENTS = {
    "→": "->",
    "←": "<-",
    "–": "-",
    "—": "-",
    "−": "-",
    "›": ">",
    "‹": "<",
    "…": "...",
    "×": "x",
    "÷": "/",
    "≥": ">=",
    "≤": "<=",
    "±": "+/-",
    "·": "-",
    "•": "*",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "─": "-",
    "│": "|",
    **{block: str(height) for height, block in enumerate("▁▂▃▄▅▆▇█", start=1)},  # a sparkline as figures
}


def ascii_equivalent(char: str) -> str:
    """What to write for a character the console cannot show: its equivalent, its letter, or '?'."""
    if char in ASCII_EQUIVALENTS:
        return ASCII_EQUIVALENTS[char]
    letters = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return letters or "?"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(ascii_equivalent(c) for c in text), error.end


codecs.register_error("iku-ascii", _fallback)


def _silence() -> None:
    """Point standard output and error at the null device, so that nothing more can fail on them."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    os.close(devnull)


def _failed(exc: OSError, name: str) -> NoReturn:
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        _silence()
        raise SystemExit(PIPE_CLOSED)
    if name != "stderr":
        with contextlib.suppress(OSError):
            os.write(2, f"Error: cannot write standard output: {exc.strerror or exc}\n".encode())
    _silence()
    raise SystemExit(WRITE_FAILED)


class GuardedStream:
    """sys.stdout or sys.stderr (or its binary buffer), whose failures end iku as the module says."""

    def __init__(self, stream: Any, name: str):
        self._stream, self._name = stream, name

    def write(self, data: Any) -> int:
        try:
            return int(self._stream.write(data))
        except OSError as exc:
            _failed(exc, self._name)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            _failed(exc, self._name)

    @property
    def buffer(self) -> GuardedStream:
        """The binary side (JSON and CSV are written to it as UTF-8), guarded the same way."""
        return GuardedStream(self._stream.buffer, self._name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._stream, attr)


def prepare() -> None:
    """Make sys.stdout and sys.stderr fall back to ASCII and fail cleanly; call once, at start."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, GuardedStream):
            continue
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="iku-ascii")
        setattr(sys, name, GuardedStream(stream, name))


def finish() -> None:
    """Write out what is still buffered while iku can still say what went wrong (exit 141 or 2)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
