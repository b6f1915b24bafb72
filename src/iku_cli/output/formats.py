"""One registry of output formats: what each command prints on standard output and writes to a file.

Every kind of result has a view module that implements some of the ``View`` functions below; the
registry entry of a command names that module and the formats it offers, and the command line shows
exactly those (``--format`` for standard output, the extension of ``--output`` for files). Modules are
named, not imported, so that ``iku --help`` does not load the spreadsheet libraries.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, cast

from rich.console import Console

from iku_cli.output.atomic import write_atomic, write_text_atomic
from iku_cli.output.serialise import CsvDialect


class Format(StrEnum):
    TABLE = "table"  # for people, on the terminal
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"  # a file only


class View(Protocol):
    """What a view module offers, format by format (a module offers only the formats it is listed with)."""

    def print_table(self, result: Any, console: Console, **options: Any) -> None: ...

    def to_json(self, result: Any) -> str: ...

    def to_csv(self, result: Any, dialect: CsvDialect = ...) -> str: ...

    def write_xlsx(self, result: Any, path: Path) -> None: ...


TABLE_JSON_CSV = (Format.TABLE, Format.JSON, Format.CSV)
ALL_FILES = (Format.CSV, Format.JSON, Format.XLSX)


@dataclass(frozen=True)
class Formats:
    """The formats one command offers, and the view module that renders them."""

    module: str
    printable: tuple[Format, ...]  # what --format may print on standard output, the default first
    files: tuple[Format, ...] = ()  # what --output may write, by the file's extension

    def view(self) -> View:
        return cast(View, importlib.import_module(self.module))

    def suffixes(self) -> list[str]:
        return [f".{f.value}" for f in self.files]

    def show(
        self,
        result: object,
        fmt: Format,
        console: Console,
        dialect: CsvDialect = CsvDialect.STANDARD,
        **options: Any,
    ) -> None:
        """Print ``result`` on ``console`` (a table, with ``options``) or its file (JSON, CSV in ``dialect``)."""
        if fmt not in self.printable:
            raise ValueError(f"format {fmt} is not offered here")
        view = self.view()
        if fmt == Format.TABLE:
            view.print_table(result, console, **options)
        else:
            _write_data(
                console.file, view.to_json(result) if fmt == Format.JSON else view.to_csv(result, dialect)
            )

    def write(self, result: object, path: Path, dialect: CsvDialect = CsvDialect.STANDARD) -> None:
        """Write ``result`` to ``path`` atomically, its format chosen by the extension."""
        suffix = Path(path).suffix.lower()
        if suffix not in self.suffixes():
            raise ValueError(f"unknown output format '{path.suffix}'; use {', '.join(self.suffixes())}")
        view = self.view()
        if suffix == ".xlsx":
            write_atomic(path, lambda tmp: view.write_xlsx(result, tmp))
        else:
            write_text_atomic(
                path, view.to_json(result) if suffix == ".json" else view.to_csv(result, dialect)
            )


def _write_data(file: Any, text: str) -> None:
    """JSON or CSV on a stream: UTF-8 whatever the console's encoding, since programs read it."""
    buffer = getattr(file, "buffer", None)
    if buffer is None:  # a text-only stream, such as io.StringIO
        file.write(text)
        return
    file.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


COMPUTE = Formats("iku_cli.output.result_view", TABLE_JSON_CSV, ALL_FILES)
COMPUTE_TRIWULAN = Formats("iku_cli.output.triwulan_view", TABLE_JSON_CSV, ALL_FILES)  # --triwulan: the PK
VALIDATE = Formats("iku_cli.output.findings_view", TABLE_JSON_CSV, ALL_FILES)
EXPLAIN = Formats("iku_cli.output.explain_view", (Format.TABLE, Format.JSON))
TREND = Formats("iku_cli.output.trend_view", TABLE_JSON_CSV, ALL_FILES)
INDICATORS = Formats("iku_cli.output.listing_view", TABLE_JSON_CSV)
