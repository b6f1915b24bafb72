"""One registry of output formats: what each command prints on standard output and writes to a file.

A command's ``Formats`` names the function behind each format it supports; the command line offers
exactly those (``--format`` for standard output, the extension of ``--output`` for files). The
functions are named, not imported, so that ``iku --help`` does not load the spreadsheet libraries.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.console import Console

from iku_cli.output.atomic import write_atomic, write_text_atomic


class Format(StrEnum):
    TABLE = "table"  # for people, on the terminal
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"  # a file only


def _load(ref: str) -> Any:
    module, name = ref.split(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Formats:
    """How one kind of result is shown and written. Each field is "module:function", or None."""

    table: str | None = None  # (result, console) -> None
    json: str | None = None  # (result) -> str
    csv: str | None = None  # (result) -> str
    xlsx: str | None = None  # (result, path) -> None
    files: tuple[Format, ...] = ()  # the formats ``--output`` may write

    def printable(self) -> list[Format]:
        """The formats standard output can take, table first."""
        return [f for f in (Format.TABLE, Format.JSON, Format.CSV) if getattr(self, f.value)]

    def suffixes(self) -> list[str]:
        return [f".{f.value}" for f in self.files]

    def show(self, result: object, fmt: Format, console: Console, **options: Any) -> None:
        """Print ``result`` on ``console`` (a table, with ``options``) or its file (JSON, CSV)."""
        ref = getattr(self, Format(fmt).value)
        if ref is None:
            raise ValueError(f"format {fmt} is not offered here")
        if fmt == Format.TABLE:
            _load(ref)(result, console, **options)
        else:
            console.file.write(_load(ref)(result))

    def write(self, result: object, path: Path) -> None:
        """Write ``result`` to ``path`` atomically, its format chosen by the extension."""
        fmt = Format(Path(path).suffix.lower().lstrip("."))
        ref = getattr(self, fmt.value)
        if fmt not in self.files or ref is None:
            raise ValueError(f"unknown output format '{path.suffix}'; use {', '.join(self.suffixes())}")
        if fmt == Format.XLSX:
            write_atomic(path, lambda tmp: _load(ref)(result, tmp))
        else:
            write_text_atomic(path, _load(ref)(result))


_ALL_FILES = (Format.CSV, Format.JSON, Format.XLSX)

COMPUTE = Formats(
    table="iku_cli.output.result_view:print_result",
    json="iku_cli.output.result_view:result_json",
    csv="iku_cli.output.result_view:result_csv",
    xlsx="iku_cli.output.lkjip_xlsx:write_lkjip",
    files=_ALL_FILES,
)
VALIDATE = Formats(
    table="iku_cli.output.findings_view:print_report",
    json="iku_cli.output.findings_view:report_json",
    csv="iku_cli.output.findings_view:report_csv",
    xlsx="iku_cli.output.findings_view:write_report_xlsx",
    files=_ALL_FILES,
)
EXPLAIN = Formats(
    table="iku_cli.output.explain_view:print_explanation",
    json="iku_cli.output.explain_view:explanation_json",
)
TREND = Formats(
    table="iku_cli.output.trend_view:print_trend",
    json="iku_cli.output.trend_view:trend_json",
    csv="iku_cli.output.trend_view:trend_csv",
    xlsx="iku_cli.output.trend_view:write_trend_xlsx",
    files=_ALL_FILES,
)
INDICATORS = Formats(
    table="iku_cli.output.listing_view:print_indicators",
    json="iku_cli.output.listing_view:indicators_json",
    csv="iku_cli.output.listing_view:indicators_csv",
)
