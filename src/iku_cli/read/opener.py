"""Opening a workbook once per run, whatever number of its sheets is read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import python_calamine

from iku_cli.read.sniff import sniff


@dataclass(frozen=True)
class Opened:
    """A workbook ready to read, or why it is not: a finding code and the reason in words."""

    book: python_calamine.CalamineWorkbook | None
    code: str | None = None
    reason: str | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.book.sheet_names) if self.book is not None else []


class WorkbookCache:
    """Opens each workbook once per run, whatever number of sheets is read from it."""

    def __init__(self) -> None:
        self._open: dict[Path, Opened] = {}

    def get(self, path: Path) -> Opened:
        if path not in self._open:
            self._open[path] = open_workbook(path)
        return self._open[path]


def open_workbook(path: Path) -> Opened:
    """The workbook at ``path``, or the finding code and reason why it cannot be read."""
    if path.is_dir():
        return Opened(None, "workbook-unreadable", "ini sebuah folder, bukan file workbook")
    try:
        problem = sniff(path)
        if problem:
            return Opened(None, *problem)
        return Opened(python_calamine.CalamineWorkbook.from_path(str(path)))
    except PermissionError:
        return Opened(None, "workbook-unreadable", "tidak ada izin membaca file ini; periksa hak akses file")
    except python_calamine.PasswordError:
        return Opened(
            None, "workbook-encrypted", "workbook dilindungi kata sandi; simpan ulang tanpa kata sandi"
        )
    except Exception as exc:  # calamine raises several kinds for a damaged file
        return Opened(
            None,
            "workbook-unreadable",
            f"file rusak atau tidak lengkap ({type(exc).__name__}); salin ulang file aslinya",
        )
