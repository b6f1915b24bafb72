"""Opening a workbook once per run, whatever number of its sheets is read: checked first, then handed to the reader."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import python_calamine

from iku_cli.read.package import (
    LIMITS,
    Limits,
    Package,
    Refused,
    check_path,
    open_package,
    sheet_names,
    sniff,
)

# What each file name promises, and how a person would describe the format they find instead.
EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".ods": "ods", ".xls": "xls"}
_FORMAT_WORDS = {
    "xls": "berformat .xls (Excel 97-2003)",
    "ods": "berformat .ods (LibreOffice)",
    "xlsb": "berformat .xlsb (Excel biner)",
    "xlsx": "berformat .xlsx",
}


@dataclass
class Book:
    """A checked workbook open for reading: its format, its zip (all but .xls), and the reader's handle."""

    path: Path
    kind: str  # "xlsx", "xlsb", "ods" or "xls"
    package: Package | None
    limits: Limits
    _reader: python_calamine.CalamineWorkbook | None = None

    @property
    def reader(self) -> python_calamine.CalamineWorkbook:
        """The reader's workbook, opened when a sheet is first loaded from it."""
        if self._reader is None:
            self._reader = python_calamine.CalamineWorkbook.from_path(str(self.path))
        return self._reader

    @cached_property
    def sheet_names(self) -> list[str]:
        if self.package is not None and self.kind == "xlsx":
            return sheet_names(self.package)
        return list(self.reader.sheet_names)


@dataclass(frozen=True)
class Opened:
    """A workbook ready to read, or why it is not: a finding code and the reason in words."""

    book: Book | None
    code: str | None = None
    reason: str | None = None

    @property
    def sheet_names(self) -> list[str]:
        return self.book.sheet_names if self.book is not None else []


class WorkbookCache:
    """Opens each workbook once per run, whatever number of sheets is read from it.

    ``preloaded`` hands over a sheet a ``read.preload.Preloader`` loaded ahead, when one was given.
    """

    def __init__(self, limits: Limits = LIMITS, preloader: Preloaded | None = None) -> None:
        self.limits = limits
        self.preloader = preloader
        self._open: dict[Path, Opened] = {}

    def get(self, path: Path) -> Opened:
        if path not in self._open:
            self._open[path] = open_workbook(path, self.limits)
        return self._open[path]

    def preloaded(self, declared: Path, sheet: str) -> Any:
        """The sheet as loaded ahead (a ``read.grid.Grid``), or None."""
        return self.preloader.take(declared, sheet) if self.preloader is not None else None


class Preloaded(Protocol):
    def take(self, declared: Path, sheet: str) -> Any: ...


def open_workbook(path: Path, limits: Limits = LIMITS) -> Opened:
    """The workbook at ``path``, checked before the reader sees it, or the finding code and reason why not."""
    try:
        check_path(path, limits)
        kind = sniff(path)
        package = open_package(path, limits) if kind == "zip" else None
        kind = package.kind if package is not None else kind
        expected = EXTENSIONS.get(path.suffix.lower(), "xlsx")
        if kind != expected:
            if package is not None:
                package.close()
            raise Refused(
                "workbook-wrong-format",
                f"file ini {_FORMAT_WORDS[kind]} walau namanya {path.suffix}; simpan ulang sebagai .xlsx "
                f"atau beri nama yang sesuai formatnya",
            )
        book = Book(path, kind, package, limits)
        book.sheet_names  # noqa: B018 - a workbook whose sheets cannot be listed is reported now
        return Opened(book)
    except Refused as refused:
        return Opened(None, refused.code, refused.reason)
    except PermissionError:
        return Opened(None, "workbook-unreadable", "tidak ada izin membaca file ini; periksa hak akses file")
    except python_calamine.PasswordError:
        return Opened(
            None, "workbook-encrypted", "workbook dilindungi kata sandi; simpan ulang tanpa kata sandi"
        )
    except Exception as exc:  # the reader raises several kinds for a damaged file
        return Opened(
            None,
            "workbook-unreadable",
            f"file rusak atau tidak lengkap ({type(exc).__name__}); salin ulang file aslinya",
        )
