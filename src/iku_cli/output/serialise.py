"""JSON and CSV text: JSON that is always valid, CSV in two dialects that no spreadsheet runs as a formula."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

# What a spreadsheet takes for the start of a formula in a cell it imports (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvDialect(StrEnum):
    """How CSV is written: for programs (the default), or for Excel in an Indonesian locale."""

    STANDARD = "standard"  # RFC 4180: "," between fields, "." decimals, UTF-8 without a BOM
    EXCEL_ID = "excel-id"  # ";" between fields, "," decimals, UTF-8 with a BOM, CRLF line ends


def inert(text: str) -> str:
    """Text a spreadsheet shows as text: a quote before a leading = + - @ tab or CR (nothing is removed)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _field(value: object, dialect: CsvDialect) -> str:
    """One CSV field: numbers as numbers (never quoted into text), text made inert, nothing as empty."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = repr(value)
        return text.replace(".", ",") if dialect == CsvDialect.EXCEL_ID else text
    return inert(str(value))


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[object]], dialect: CsvDialect = CsvDialect.STANDARD
) -> str:
    """A header and rows of values as CSV text in ``dialect``."""
    buf = io.StringIO()
    excel = dialect == CsvDialect.EXCEL_ID
    writer = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow(header)
    writer.writerows([_field(v, dialect) for v in row] for row in rows)
    return ("\ufeff" if excel else "") + buf.getvalue()


def finite(value: Any) -> Any:
    """``value`` with every infinity and NaN, at any depth, replaced by None: JSON has no such numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


_COMPACT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
ONE_LINE_ITEMS = frozenset({"findings"})  # lists whose items stand one per line, each on its own line


def json_text(payload: Any) -> str:
    """Indented JSON, UTF-8 characters as they are, always valid (no NaN or Infinity tokens).

    Blocks are indented as ``json.dumps(indent=2)`` does, but a list of plain values stays on one line and
    each finding takes one line: a file of a hundred thousand findings is written in a second, read by a
    person line by line, and parsed by any program the same.
    """
    try:
        return _indented(payload, 0, None) + "\n"
    except ValueError:  # a number that is not finite somewhere: JSON has none, so it becomes null
        return _indented(finite(payload), 0, None) + "\n"


def _indented(value: Any, depth: int, key: str | None) -> str:
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict) and value:
        items = [
            f"{inner}{_COMPACT.encode(str(k))}: {_indented(v, depth + 1, str(k))}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)) and value:
        if key in ONE_LINE_ITEMS or not any(isinstance(v, (dict, list, tuple)) for v in value):
            if key not in ONE_LINE_ITEMS:
                return _COMPACT.encode(value)
            return "[\n" + ",\n".join(inner + _COMPACT.encode(v) for v in value) + "\n" + pad + "]"
        return "[\n" + ",\n".join(inner + _indented(v, depth + 1, None) for v in value) + "\n" + pad + "]"
    return _COMPACT.encode(value)
