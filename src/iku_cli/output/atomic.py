"""Write output files whole or not at all: a temporary file beside the target, then a rename.

The temporary file is named ``.NAME.PID.iku-XXXXXXXX.tmp``. A run killed outright (``kill -9``, a power cut)
leaves it behind; the next write into the same folder removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_LEFTOVER = re.compile(r"^\..+\.(\d+)\.iku-[a-z0-9_]+\.tmp$")
_OLD_AFTER = 24 * 3600  # seconds: a leftover whose process cannot be asked about is removed after a day


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary path in the target's folder, then rename it over ``path``.

    A failure leaves ``path`` as it was (the previous file, or none) and raises OSError naming ``path``.
    """
    path = Path(path)
    remove_leftovers(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.iku-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)
        _sync(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8", newline=""))


def _sync(path: str) -> None:
    """The data on disk before the rename, so that a power cut leaves the old file or the new, whole."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of earlier runs that were killed while writing into ``folder``."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _LEFTOVER.match(entry.name)
            if match and _abandoned(int(match.group(1)), Path(entry.path)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _abandoned(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return False
    if os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0 asks whether the process exists; it sends nothing
        except ProcessLookupError:
            return True
        except (PermissionError, OverflowError):
            pass
    return time.time() - path.stat().st_mtime > _OLD_AFTER
